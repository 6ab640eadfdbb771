package dev.baton.images;

/**
 * The {@code images} section of {@code baton.yml}, as a workflow carries it.
 *
 * @param mode build on each site, or pull by digest from a registry
 * @param registry the registry's host:port (e.g. 127.0.0.1:5000); null in mode build
 * @param build in mode registry: the release builds and pushes the version's images; false when a
 *     CI pushed them already and baton only resolves their tags to digests
 */
public record ImagePolicy(ImageMode mode, String registry, boolean build) {

  /** Today's behaviour: every site builds its own images. */
  public static final ImagePolicy BUILD_ON_EACH_SITE = new ImagePolicy(ImageMode.BUILD, null, true);

  public ImagePolicy {
    mode = mode == null ? ImageMode.BUILD : mode;
  }

  public boolean registryMode() {
    return mode == ImageMode.REGISTRY;
  }

  public String describe() {
    return registryMode()
        ? "images " + (build ? "built once and pushed to " : "pulled from ") + registry
        : "images built on each site";
  }
}
