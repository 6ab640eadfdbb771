package dev.baton.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file that another program reads (nginx's upstream file, HAProxy's server state,
 * Compose's override file, a ready file): a temp file beside it, then a rename, so a reader sees
 * the old content or the new, never half of it. When it fails the file is as it was and no temp
 * file is left.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** {@code content} as {@code file}, private to the writer's user (mode 0600). */
  public static void replace(Path file, String content) throws IOException {
    replace(file, content, null);
  }

  /**
   * {@code content} as {@code file} with this mode (e.g. {@code rw-r--r--} for a file another
   * user's process reads); null keeps the temp file's 0600.
   */
  public static void replace(Path file, String content, String mode) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".baton-", ".tmp");
    try {
      if (mode != null) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
      }
      Files.writeString(temp, content);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Only a stray temp file is left behind; the file itself is unchanged.
      }
      throw e;
    }
  }
}
