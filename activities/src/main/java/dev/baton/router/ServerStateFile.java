package dev.baton.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * HAProxy's server state file ({@code server-state-file}, loaded at start by {@code
 * load-server-state-from-file global}): the answer to {@code show servers state}, written after
 * every change so a restarted HAProxy keeps the target without baton in the loop. Written as a temp
 * file beside it, then renamed: HAProxy never reads half a file.
 */
final class ServerStateFile {
  private final Path file;

  ServerStateFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  void write(String content) {
    Path temp = null;
    try {
      temp = Files.createTempFile(file.getParent(), ".baton-state", ".tmp");
      // It holds names, addresses and weights, nothing secret; HAProxy may read it as its own user.
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.writeString(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      deleteQuietly(temp);
      throw new IllegalStateException(
          "cannot write the server state file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage())
              + "); baton writes a temp file next to it and renames it, so "
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
      // Only a stray temp file is left behind; the state file itself is unchanged.
    }
  }
}
