package dev.baton.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.config.ComposeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What baton needs to know of a site's compose files, read directly: asking the Compose CLI
 * (`config --services`) costs a second or more per deploy with Compose v1. Applying the files stays
 * with the real CLI.
 */
final class ComposeFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final List<JsonNode> files = new ArrayList<>();

  ComposeFiles(ComposeConfig compose) {
    for (String name : compose.files()) {
      Path file = compose.workdir().resolve(name);
      try {
        JsonNode node = YAML.readTree(file.toFile());
        files.add(node == null ? YAML.createObjectNode() : node);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read compose file " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Every service any file defines, in the order they first appear. */
  List<String> services() {
    Set<String> services = new LinkedHashSet<>();
    for (JsonNode file : files) {
      file.path("services").fieldNames().forEachRemaining(services::add);
    }
    return List.copyOf(services);
  }

  /**
   * Services under a Compose profile (one-off tools such as a smoke test): built with the others,
   * but never started by a deploy, since `up` would start one that is named.
   */
  List<String> profiled() {
    return servicesWith("profiles");
  }

  /**
   * Services that any file gives a {@code build:}: the images a version builds, and what a registry
   * holds of it ({@code images.mode: registry}). The others run an image named as it is.
   */
  List<String> built() {
    return servicesWith("build");
  }

  /** The services that any file gives {@code key}, in file order. */
  private List<String> servicesWith(String key) {
    Set<String> services = new LinkedHashSet<>();
    for (JsonNode file : files) {
      file.path("services")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().hasNonNull(key)) {
                  services.add(e.getKey());
                }
              });
    }
    return List.copyOf(services);
  }

  /**
   * Each service that runs an image a built service builds, to that built service: the built ones
   * to themselves, and one without {@code build:} whose {@code image:} is written exactly as a
   * built service's (the shop's smoke test runs the api's image). In mode registry they run the
   * same registry image; a service running another image keeps its own.
   */
  Map<String, String> imageOwners() {
    List<String> built = built();
    Map<String, String> rawImages = new LinkedHashMap<>();
    for (JsonNode file : files) {
      file.path("services")
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode image = e.getValue().path("image");
                if (image.isMissingNode()) {
                  image = e.getValue().path("<<").path("image");
                }
                if (image.isTextual()) {
                  rawImages.put(e.getKey(), image.asText());
                }
              });
    }
    Map<String, String> owners = new LinkedHashMap<>();
    built.forEach(s -> owners.put(s, s));
    rawImages.forEach(
        (service, image) -> {
          if (!owners.containsKey(service)) {
            built.stream()
                .filter(b -> image.equals(rawImages.get(b)))
                .findFirst()
                .ifPresent(owner -> owners.put(service, owner));
          }
        });
    return owners;
  }

  /** {@code images} (built service to image) for every service that runs one of them. */
  Map<String, String> forEveryService(Map<String, String> images) {
    Map<String, String> all = new LinkedHashMap<>();
    imageOwners()
        .forEach(
            (service, owner) -> {
              if (images.containsKey(owner)) {
                all.put(service, images.get(owner));
              }
            });
    return all;
  }

  /** The first file's {@code version:}, or null: Compose v1 wants every file on one version. */
  String version() {
    JsonNode first = files.isEmpty() ? null : files.get(0);
    return first != null && first.hasNonNull("version") ? first.get("version").asText() : null;
  }
}
