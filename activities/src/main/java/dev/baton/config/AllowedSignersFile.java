package dev.baton.config;

import dev.baton.signature.AllowedSigners;
import dev.baton.signature.SignatureProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The approvers' allowed-signers file: read when the control worker reads its rules, and checked
 * when the config is loaded, so {@code baton config validate} names a bad line before a release
 * waits for an approval nobody can give.
 */
public final class AllowedSignersFile {
  private AllowedSignersFile() {}

  /** The file's text; an IOException names the file. */
  public static String read(Path file) throws IOException {
    return Files.readString(file);
  }

  static void check(TreeReader node, Path file) {
    try {
      AllowedSigners.parse(read(file));
    } catch (IOException e) {
      node.report("cannot read " + file + ": " + e.getMessage());
    } catch (SignatureProblem e) {
      node.report(file + ": " + e.getMessage());
    }
  }
}
