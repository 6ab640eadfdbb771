package dev.baton.config;

import dev.baton.images.ImageMode;

/**
 * The {@code images} section: where a version's images come from when a site deploys it.
 *
 * @param mode {@code build} (each site builds from its checkout; the default) or {@code registry}
 *     (built once, pulled by digest on both sites)
 * @param registry host:port of the registry, required in mode registry; null in mode build
 * @param build in mode registry: the release builds and pushes the images (default true); false
 *     when a CI pushes them and baton only resolves their tags to digests
 */
public record ImagesConfig(ImageMode mode, String registry, boolean build) {

  public static ImagesConfig buildOnEachSite() {
    return new ImagesConfig(ImageMode.BUILD, null, true);
  }

  public boolean registryMode() {
    return mode == ImageMode.REGISTRY;
  }
}
