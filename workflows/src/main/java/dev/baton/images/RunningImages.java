package dev.baton.images;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a site's containers actually run, read from its engine.
 *
 * @param versions service name to the version baton deployed ("" when none)
 * @param digests service name to the registry digest of the image its container runs ({@code
 *     repo@sha256:…}); absent for a service whose image came from no registry (built on the site)
 */
public record RunningImages(
    String siteId, Map<String, String> versions, Map<String, String> digests) {

  public RunningImages {
    versions = versions == null ? Map.of() : new TreeMap<>(versions);
    digests = digests == null ? Map.of() : new TreeMap<>(digests);
  }
}
