package dev.baton.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A site's PostgreSQL database. The password is never held here: it is read when needed, so a
 * rotated secret is picked up without a restart and no config object can leak it.
 *
 * @param url JDBC URL starting with {@code jdbc:postgresql://}
 * @param passwordEnv environment variable holding the password; null when passwordFile is used
 * @param passwordFile absolute path of a file holding the password; null when passwordEnv is used
 * @param reseedCommand argument list that makes this site's database a fresh replica of the primary
 *     (run at the site by the reseed activity); empty when not configured
 */
public record SiteDatabaseConfig(
    String url, String user, String passwordEnv, Path passwordFile, List<String> reseedCommand) {

  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

  public SiteDatabaseConfig {
    reseedCommand = reseedCommand == null ? List.of() : List.copyOf(reseedCommand);
  }

  /** Without a reseed command. */
  public SiteDatabaseConfig(String url, String user, String passwordEnv, Path passwordFile) {
    this(url, user, passwordEnv, passwordFile, List.of());
  }

  /** Reads the password from the process environment or the password file. */
  public String password() {
    return password(System.getenv());
  }

  /** Reads the password from {@code env} or the password file. */
  public String password(Map<String, String> env) {
    // Files written by `echo secret > file` end in a newline that is not part of the secret;
    // other white space may be.
    return Secrets.read(
            "passwordEnv",
            passwordEnv,
            "passwordFile",
            passwordFile,
            env,
            "the password of " + describe())
        .replaceAll("[\r\n]+$", "");
  }

  /** The URL with any {@code password=} parameter masked, safe for logs. */
  public String redactedUrl() {
    return url == null ? null : URL_PASSWORD.matcher(url).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return "SiteDatabaseConfig[url="
        + redactedUrl()
        + ", user="
        + user
        + ", passwordEnv="
        + passwordEnv
        + ", passwordFile="
        + passwordFile
        + ", reseedCommand="
        + reseedCommand
        + "]";
  }

  private String describe() {
    return "user " + user + " at " + redactedUrl();
  }
}
