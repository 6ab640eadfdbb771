package dev.baton.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ssh-keygen} for tests. It is a required tool (CI installs openssh-client):
 * when it is missing the tests fail with a message saying so, they do not skip.
 */
public final class SshKeygenTool {

  /** What a run printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private SshKeygenTool() {}

  /** Runs {@code argv} with {@code stdin} as its input (or none), failing after 30 seconds. */
  public static Result run(List<String> argv, byte[] stdin) {
    Process process;
    try {
      process = new ProcessBuilder(argv).start();
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run "
              + argv.get(0)
              + " ("
              + e.getMessage()
              + "): ssh-keygen is required for"
              + " these tests; install openssh-client",
          e);
    }
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      // The tool may exit without reading its input; its exit code and stderr say why.
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", argv) + " did not finish within 30 s");
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Generates a key pair {@code dir/name} and {@code dir/name.pub}; returns the private key. */
  public static Path generate(Path dir, String name, String passphrase, String... typeArgs) {
    Path key = dir.resolve(name);
    List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q"));
    argv.addAll(List.of(typeArgs));
    argv.addAll(List.of("-N", passphrase, "-C", name + "@test", "-f", key.toString()));
    check(run(argv, null), argv);
    return key;
  }

  /** Signs {@code message} as {@code ssh-keygen -Y sign -n namespace} does; returns the armor. */
  public static String sign(Path key, String namespace, byte[] message) {
    try {
      Path file = Files.createTempFile(key.getParent(), "message", ".txt");
      Files.write(file, message);
      List<String> argv =
          List.of(
              "ssh-keygen", "-Y", "sign", "-n", namespace, "-f", key.toString(), file.toString());
      check(run(argv, null), argv);
      return Files.readString(Path.of(file + ".sig"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fingerprint {@code ssh-keygen -l -E sha256} prints for a public key file. */
  public static String fingerprint(Path publicKey) {
    List<String> argv = List.of("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString());
    // "256 SHA256:abc... comment (ED25519)"
    return check(run(argv, null), argv).stdout().split(" ")[1];
  }

  public static String publicKeyLine(Path privateKey) {
    try {
      return Files.readString(Path.of(privateKey + ".pub"), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result check(Result result, List<String> argv) {
    if (result.exitCode() != 0) {
      throw new AssertionError(
          String.join(" ", argv) + " exited " + result.exitCode() + ": " + result.stderr());
    }
    return result;
  }

  private static CompletableFuture<String> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
