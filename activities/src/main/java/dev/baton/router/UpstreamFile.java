package dev.baton.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx file that names the active site: baton reads and rewrites its first {@code server
 * HOST:PORT} line and leaves everything else as the operator wrote it.
 */
final class UpstreamFile {
  private static final Pattern SERVER = Pattern.compile("(?m)^(\\s*server\\s+)([^\\s;]+)");
  private final Path file;

  UpstreamFile(Path file) {
    this.file = file;
  }

  String content() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  String address() {
    Matcher m = SERVER.matcher(content());
    if (!m.find()) {
      throw new IllegalStateException(file + " has no `server HOST:PORT;` line");
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

  /** Temp file in the same directory, then rename: nginx never reads a half-written file. */
  void write(String content) {
    try {
      Path temp = Files.createTempFile(file.getParent(), ".baton-upstream", ".tmp");
      Files.writeString(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
