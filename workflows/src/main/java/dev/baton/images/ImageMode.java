package dev.baton.images;

/** Where a version's images come from when a site deploys it. */
public enum ImageMode {
  /** Each site builds the images from its own checkout (the default). */
  BUILD,
  /**
   * The release builds (or a CI pushed) the images once; both sites pull them from a registry by
   * digest, so they run the same bits.
   */
  REGISTRY
}
