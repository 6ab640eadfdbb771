package dev.baton.config;

import dev.baton.process.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads what a worker or the CLI keeps on its own machine and never sends to Temporal: a secret
 * named in baton.yml by an environment variable ({@code ...Env}) or a file ({@code ...File}), and
 * the certificate files TLS needs. Every problem is one line that names the baton.yml key and the
 * variable or file, never the value; every secret read is handed to {@link Redaction}, so it is
 * masked in any message, log line or history text from then on.
 */
public final class Secrets {
  private Secrets() {}

  /**
   * The value of environment variable {@code envName} when it is set in baton.yml, else the content
   * of {@code file}, as written (callers strip or parse it).
   *
   * @param envKey the baton.yml key naming the variable, e.g. {@code temporal.apiKeyEnv}
   * @param fileKey the baton.yml key naming the file, e.g. {@code temporal.apiKeyFile}
   * @param holds what the value is, for the message: "the Temporal API key"
   */
  public static String read(
      String envKey,
      String envName,
      String fileKey,
      Path file,
      Map<String, String> env,
      String holds) {
    if (envName != null) {
      String value = env.get(envName);
      if (value == null || value.isBlank()) {
        throw fail(
            envKey,
            "environment variable "
                + envName
                + (value == null ? " is not set" : " is empty")
                + " on this machine (it must hold "
                + holds
                + ")");
      }
      Redaction.secret(value);
      return value;
    }
    if (file == null) {
      throw fail(envKey, "neither " + envKey + " nor " + fileKey + " is set (set one of them)");
    }
    String value = new String(readFile(fileKey, file, holds), StandardCharsets.UTF_8);
    if (value.isBlank()) {
      throw fail(fileKey, file + " is empty (it must hold " + holds + ")");
    }
    Redaction.secret(value);
    return value;
  }

  /** The bytes of {@code file}, or a problem naming {@code key} and the file. */
  public static byte[] readFile(String key, Path file, String holds) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw fail(
          key,
          "cannot read "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + " (it must hold "
              + holds
              + ")");
    }
  }

  /** A problem with a value read on this machine, naming the baton.yml key it comes from. */
  public static ConfigException fail(String key, String message) {
    return new ConfigException(new ConfigProblem(null, key, message));
  }
}
