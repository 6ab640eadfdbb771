package dev.baton.rules;

/**
 * Where the rules in force came from: the control worker's file and the SHA-256 of the bytes it
 * read, so an operator can tell which version of the file a release was held to.
 */
public record RulesSource(String file, String sha256) {

  /** "/etc/baton/baton.yml (sha256 1a2b3c4d5e6f)". */
  public String describe() {
    return file + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
  }
}
