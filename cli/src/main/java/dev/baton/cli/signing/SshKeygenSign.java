package dev.baton.cli.signing;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Signs a statement with the operator's SSH key by running {@code ssh-keygen -Y sign -n baton},
 * which reads the message on stdin and writes the armored SSHSIG signature to stdout. {@code --key}
 * is a private key file, or a .pub file whose private key ssh-agent holds ({@code SSH_AUTH_SOCK}):
 * ssh-keygen asks the agent first either way.
 *
 * <p>ssh-keygen must never sit waiting for a passphrase: an encrypted key with no agent running is
 * refused before ssh-keygen starts, askpass is switched off ({@code SSH_ASKPASS_REQUIRE=never}),
 * its only input is the message, and it is stopped after 30 seconds.
 */
public final class SshKeygenSign {
  /** The SSHSIG namespace; StatementVerifier accepts no other. */
  public static final String NAMESPACE = "baton";

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  private final Map<String, String> environment;
  private final Duration timeout;

  /** Runs ssh-keygen with this process's environment (so it finds ssh-agent). */
  public SshKeygenSign() {
    this(System.getenv(), TIMEOUT);
  }

  /** Runs ssh-keygen with a caller's environment (the CLI daemon runs calls of other shells). */
  public static SshKeygenSign withEnvironment(Map<String, String> environment) {
    return new SshKeygenSign(environment, TIMEOUT);
  }

  SshKeygenSign(Map<String, String> environment, Duration timeout) {
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  /** The command that signs stdin with {@code keyFile}; built here, run by {@link #sign}. */
  public static List<String> argv(Path keyFile) {
    return List.of("ssh-keygen", "-Y", "sign", "-n", NAMESPACE, "-q", "-f", keyFile.toString());
  }

  /** Signs {@code message} with {@code keyFile}; returns the armored signature ssh-keygen wrote. */
  public String sign(Path keyFile, byte[] message) {
    if (!Files.isRegularFile(keyFile)) {
      throw new BatonCliException(
          ExitCodes.BAD_INPUT, "signing key " + keyFile + " does not exist: pass --key FILE");
    }
    String agent = environment.getOrDefault("SSH_AUTH_SOCK", "");
    Path privateKey = PrivateKeyFile.privateKeyOf(keyFile);
    if (agent.isEmpty()) {
      if (!Files.exists(privateKey)) {
        throw new BatonCliException(
            ExitCodes.BAD_INPUT,
            keyFile
                + " is a public key and no ssh-agent is running (SSH_AUTH_SOCK is not set):"
                + " start the agent and ssh-add the key, or pass the private key as --key");
      }
      if (PrivateKeyFile.encrypted(privateKey).orElse(false)) {
        throw new BatonCliException(
            ExitCodes.BAD_INPUT,
            privateKey
                + " is protected by a passphrase and no ssh-agent is running"
                + " (SSH_AUTH_SOCK is not set): run eval \"$(ssh-agent)\" and ssh-add "
                + privateKey
                + ", then try again");
      }
    }
    String signature = run(argv(keyFile), message);
    if (!signature.startsWith("-----BEGIN SSH SIGNATURE-----")) {
      throw new BatonCliException(
          ExitCodes.FAILED, "ssh-keygen printed no signature for " + keyFile + ": " + signature);
    }
    return signature;
  }

  private String run(List<String> argv, byte[] message) {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("SSH_ASKPASS_REQUIRE", "never");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BatonCliException(
          ExitCodes.FAILED,
          "cannot run ssh-keygen (" + e.getMessage() + "): install OpenSSH (openssh-client)");
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    CompletableFuture.runAsync(() -> feed(process.getOutputStream(), message));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new BatonCliException(
            ExitCodes.FAILED,
            "ssh-keygen did not sign within "
                + timeout.toSeconds()
                + " s (waiting for a"
                + " passphrase?): ssh-add the key to ssh-agent and try again");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BatonCliException(ExitCodes.FAILED, "interrupted while ssh-keygen was signing");
    }
    String stderr = err.join().strip();
    if (process.exitValue() != 0) {
      throw new BatonCliException(
          ExitCodes.FAILED,
          "ssh-keygen could not sign with "
              + argv.get(argv.size() - 1)
              + " (exit "
              + process.exitValue()
              + "): "
              + (stderr.isEmpty() ? "no message" : stderr)
              + (stderr.contains("passphrase")
                  ? " (the key is passphrase-protected: ssh-add it to ssh-agent and try again)"
                  : ""));
    }
    return out.join();
  }

  /**
   * Writes the message and closes stdin, so ssh-keygen sees its end and has nothing else to read.
   */
  private static void feed(OutputStream stdin, byte[] message) {
    try (stdin) {
      stdin.write(message);
    } catch (IOException e) {
      // ssh-keygen exited without reading it all; its exit code and stderr tell why.
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
          }
        });
  }

  /**
   * The key to sign with when no --key is given: the first of ~/.ssh/id_ed25519, id_ecdsa and
   * id_rsa that exists (or whose .pub exists, for a key only ssh-agent holds).
   */
  public static Path defaultKey() {
    return defaultKey(Path.of(System.getProperty("user.home")));
  }

  static Path defaultKey(Path home) {
    Path ssh = home.resolve(".ssh");
    for (String name : DEFAULT_KEYS) {
      for (Path candidate : List.of(ssh.resolve(name), ssh.resolve(name + ".pub"))) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new BatonCliException(
        ExitCodes.BAD_INPUT,
        "no SSH key to sign with: none of "
            + ssh
            + "/id_ed25519, id_ecdsa, id_rsa exists;"
            + " pass --key FILE (a private key, or a .pub whose key ssh-agent holds)");
  }
}
