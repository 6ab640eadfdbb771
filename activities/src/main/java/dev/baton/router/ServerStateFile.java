package dev.baton.router;

import dev.baton.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

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
    try {
      // It holds names, addresses and weights, nothing secret; HAProxy may read it as its own user.
      AtomicFile.replace(file, content, "rw-r--r--");
    } catch (IOException | UnsupportedOperationException e) {
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
}
