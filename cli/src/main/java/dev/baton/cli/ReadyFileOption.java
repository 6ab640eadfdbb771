package dev.baton.cli;

import dev.baton.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --ready-file}, for the commands that run workers: a readiness signal for scripts, which
 * wait for the file instead of parsing what the command prints. Written once the workers poll
 * (atomically: a temp file renamed, so a reader never sees half of it), removed when they stop.
 */
final class ReadyFileOption {
  @Option(
      names = "--ready-file",
      paramLabel = "FILE",
      description =
          "once the workers poll, write the Temporal address to FILE (removed again on exit);"
              + " scripts wait for it to exist")
  Path file;

  /** Says the workers are ready: the file holds {@code address}, one line. */
  void signal(String address) {
    if (file == null) {
      return;
    }
    try {
      // Readable by the scripts that wait for it, whoever they run as.
      AtomicFile.replace(file, address + "\n", "rw-r--r--");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ready file " + file.toAbsolutePath(), e);
    }
  }

  /** Not ready any more: the workers are stopping. */
  void clear() {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file.toAbsolutePath());
    } catch (IOException e) {
      // Stopping anyway; a stale file is overwritten by the next start.
    }
  }
}
