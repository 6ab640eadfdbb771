package dev.baton.images;

import java.util.Map;
import java.util.TreeMap;

/**
 * @param images service name to the image reference by digest both sites run, e.g. {@code
 *     127.0.0.1:5000/shop/web@sha256:…}
 */
public record PublishResult(
    String siteId, String version, Map<String, String> images, String message) {

  public PublishResult {
    images = images == null ? Map.of() : new TreeMap<>(images);
  }
}
