package dev.baton.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx file that names the active site: baton reads and rewrites its first {@code server
 * HOST:PORT} line and leaves everything else as the operator wrote it. Failures are {@link
 * IllegalStateException}s whose message says what to fix.
 */
final class UpstreamFile {
  private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*server\\s+)([^\\s;]+)");
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

  String address() {
    return address(content());
  }

  /** The address in {@code content}, this file's text as read once by the caller. */
  String address(String content) {
    Matcher m = SERVER.matcher(content);
    if (!m.find()) {
      throw new IllegalStateException(
          file + " has no `server HOST:PORT;` line (router.upstreamFile must hold one)");
    }
    return m.group(2);
  }

  static String replaceAddress(String content, String address) {
    Matcher m = SERVER.matcher(content);
    if (!m.find()) {
      throw new IllegalStateException("no `server HOST:PORT;` line to replace");
    }
    return content.substring(0, m.start(2)) + address + content.substring(m.end(2));
  }

  /**
   * Temp file in the same directory, then rename: nginx never reads a half-written file. When this
   * fails the file is as it was.
   */
  void write(String content) {
    Path temp = null;
    try {
      temp = Files.createTempFile(file.getParent(), ".baton-upstream", ".tmp");
      Files.writeString(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temp);
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

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // Only a stray temp file is left behind; the upstream file itself is unchanged.
    }
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}
