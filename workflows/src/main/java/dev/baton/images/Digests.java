package dev.baton.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Image references by digest, compared and shown. Pure: workflows use it. */
public final class Digests {
  private Digests() {}

  /** {@code sha256:…} of {@code repo@sha256:…}, or the reference itself when it has no digest. */
  public static String digest(String reference) {
    int at = reference.indexOf('@');
    return at < 0 ? reference : reference.substring(at + 1);
  }

  /** The short form people read: {@code sha256:abcd1234ef56}. */
  public static String shortForm(String reference) {
    String digest = digest(reference);
    return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
  }

  /** "web sha256:abcd1234ef56, api sha256:…" in service order. */
  public static String describe(Map<String, String> images) {
    List<String> parts = new ArrayList<>();
    new java.util.TreeMap<>(images).forEach((s, ref) -> parts.add(s + " " + shortForm(ref)));
    return String.join(", ", parts);
  }

  /**
   * Why {@code site} does not run {@code expected} (service to reference by digest), naming each
   * service that differs with both digests; null when it runs every one of them.
   */
  public static String mismatch(
      String site, String version, Map<String, String> expected, RunningImages running) {
    List<String> differences = new ArrayList<>();
    new java.util.TreeMap<>(expected)
        .forEach(
            (service, reference) -> {
              String actual = running.digests().get(service);
              if (actual == null) {
                differences.add(
                    service
                        + " on "
                        + site
                        + " runs no image from the registry (expected "
                        + digest(reference)
                        + ")");
              } else if (!digest(actual).equals(digest(reference))) {
                differences.add(
                    service
                        + " on "
                        + site
                        + " runs "
                        + digest(actual)
                        + ", but "
                        + version
                        + " is "
                        + digest(reference));
              }
            });
    return differences.isEmpty() ? null : String.join("; ", differences);
  }
}
