package dev.baton.router;

import dev.baton.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx file that names the active site: baton reads and rewrites its {@code server HOST:PORT}
 * lines and leaves everything else as the operator wrote it. It holds one server line, or two with
 * {@code weight=} while a weighted shift splits traffic. Failures are {@link
 * IllegalStateException}s whose message says what to fix.
 */
final class UpstreamFile {
  // A whole server line: indent, address, the parameters after it, and its line break.
  private static final Pattern SERVER_LINE =
      Pattern.compile("(?m)^([ \\t]*)server\\s+([^\\s;]+)([^;]*);[ \\t]*(\\R?)");
  private static final Pattern WEIGHT = Pattern.compile("\\s+weight=(\\d+)");

  /** One server line: an address and its nginx weight (1 when the line has none). */
  record Server(String address, int weight) {}

  private final Path file;

  UpstreamFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  String content() {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "the upstream file "
              + file
              + " does not exist (create it with one line such as `server 127.0.0.1:3000;` for"
              + " the active site, include it in nginx's upstream block, or fix"
              + " router.upstreamFile)",
          e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the upstream file " + file + ": " + describe(e) + " (router.upstreamFile)",
          e);
    }
  }

  /** Every server line of {@code content}, in file order. */
  List<Server> servers(String content) {
    List<Server> out = new ArrayList<>();
    Matcher m = SERVER_LINE.matcher(content);
    while (m.find()) {
      Matcher weight = WEIGHT.matcher(m.group(3));
      out.add(new Server(m.group(2), weight.find() ? Integer.parseInt(weight.group(1)) : 1));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          file + " has no `server HOST:PORT;` line (router.upstreamFile must hold one)");
    }
    return out;
  }

  /**
   * {@code content} with its server lines replaced by {@code servers}, written where the first one
   * was, with its indent and its parameters other than {@code weight}. One server is written
   * without a weight.
   */
  static String withServers(String content, List<Server> servers) {
    Matcher m = SERVER_LINE.matcher(content);
    if (!m.find()) {
      throw new IllegalStateException("no `server HOST:PORT;` line to replace");
    }
    String indent = m.group(1);
    String parameters = WEIGHT.matcher(m.group(3)).replaceAll("");
    String lineBreak = m.group(4).isEmpty() ? "\n" : m.group(4);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < servers.size(); i++) {
      Server server = servers.get(i);
      lines
          .append(i == 0 ? "" : lineBreak)
          .append(indent)
          .append("server ")
          .append(server.address())
          .append(servers.size() == 1 ? "" : " weight=" + server.weight())
          .append(parameters)
          .append(';');
    }
    lines.append(m.group(4));
    StringBuilder out = new StringBuilder(content.substring(0, m.start()));
    out.append(lines);
    int from = m.end();
    while (m.find()) { // further server lines go: the new ones stand for all of them
      out.append(content, from, m.start());
      from = m.end();
    }
    return out.append(content.substring(from)).toString();
  }

  /**
   * Temp file in the same directory, then rename: nginx never reads a half-written file. When this
   * fails the file is as it was.
   */
  void write(String content) {
    try {
      AtomicFile.replace(file, content);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the upstream file "
              + file
              + " ("
              + describe(e)
              + "); baton writes a temp file next to it and renames it, so the directory "
              + file.getParent()
              + " must be a writable directory for the worker's user",
          e);
    }
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}
