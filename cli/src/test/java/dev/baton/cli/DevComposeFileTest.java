package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.dev.yml, as Docker Compose itself reads it ({@code docker-compose config}, which
 * needs no Docker engine): a Temporal server on PostgreSQL with a volume, and its Web UI, every
 * port on loopback. Skipped where the docker-compose binary is missing, except in CI, which
 * installs it (.ci/run).
 */
class DevComposeFileTest {
  private static final Path FILE =
      Path.of("..", "docker-compose.dev.yml").toAbsolutePath().normalize();

  @Test
  void composeReadsATemporalServerWithPersistenceAndItsUiOnLoopback() throws Exception {
    Path compose = onPath("docker-compose");
    if (System.getenv("CI") == null) {
      assumeTrue(compose != null, "docker-compose is not installed here (CI installs it)");
    }
    assertThat(compose).as("docker-compose on PATH (.ci/run installs it)").isNotNull();

    Process config =
        new ProcessBuilder(compose.toString(), "-f", FILE.toString(), "config")
            .redirectErrorStream(true)
            .start();
    String out = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(config.exitValue()).as(out).isZero();
    JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(out);
    JsonNode services = file.path("services");

    assertThat(fieldNames(services))
        .containsExactlyInAnyOrder("temporal", "temporal-postgresql", "temporal-ui");
    assertThat(services.path("temporal").path("image").asText()).startsWith("temporalio/");
    assertThat(services.path("temporal").path("environment").path("DB").asText())
        .isEqualTo("postgres12");
    assertThat(services.path("temporal-ui").path("image").asText()).startsWith("temporalio/ui:");
    assertThat(texts(services.path("temporal").path("ports"))).contains("127.0.0.1:7233:7233/tcp");
    assertThat(texts(services.path("temporal-ui").path("ports")))
        .contains("127.0.0.1:8088:8080/tcp");
    for (String name : fieldNames(services)) {
      assertThat(texts(services.path(name).path("ports")))
          .as("ports of %s", name)
          .allMatch(port -> port.startsWith("127.0.0.1:"));
    }
    // Persistence: PostgreSQL's data directory is a named volume, so it outlives the container.
    assertThat(texts(services.path("temporal-postgresql").path("volumes")))
        .anyMatch(v -> v.startsWith("temporal-postgresql:/var/lib/postgresql/data"));
    assertThat(fieldNames(file.path("volumes"))).contains("temporal-postgresql");
    assertThat(services.path("temporal").path("depends_on").has("temporal-postgresql")).isTrue();
  }

  private static Path onPath(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }
}
