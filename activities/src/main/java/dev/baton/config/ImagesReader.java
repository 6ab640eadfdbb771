package dev.baton.config;

import dev.baton.images.ImageMode;
import java.util.List;
import java.util.Locale;

/** Reads the {@code images} section of baton.yml. */
final class ImagesReader {
  static final List<String> KEYS = List.of("mode", "registry", "build");
  private static final String MODES = "build or registry";

  private ImagesReader() {}

  static ImagesConfig read(TreeReader r) {
    if (!r.isPresent()) {
      return ImagesConfig.buildOnEachSite();
    }
    r.mapping(false, "a mapping with mode, registry and build", KEYS);
    TreeReader modeNode = r.child("mode");
    String modeText = modeNode.text(false, MODES);
    ImageMode mode = ImageMode.BUILD;
    if (modeText != null) {
      try {
        mode = ImageMode.valueOf(modeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        modeNode.report("\"" + modeText + "\" is not a mode (" + MODES + ")");
      }
    }
    TreeReader registryNode = r.child("registry");
    String registry = null;
    if (mode == ImageMode.REGISTRY && !registryNode.isPresent()) {
      registryNode.report(
          "missing required key with mode: registry (the registry's host:port, e.g."
              + " 127.0.0.1:5000)");
    } else {
      registry = SectionReader.hostPort(registryNode, false);
    }
    Boolean build = r.child("build").bool(false, "true or false");
    if (mode == ImageMode.BUILD && registry != null) {
      r.child("registry").report("is used only with mode: registry");
    }
    return new ImagesConfig(
        mode, mode == ImageMode.REGISTRY ? registry : null, build == null || build);
  }
}
