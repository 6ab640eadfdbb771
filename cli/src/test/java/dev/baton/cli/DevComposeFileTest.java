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
 * needs no Docker engine): a Temporal server on PostgreSQL with a volume, its schema and namespace
 * made by admin-tools, and its Web UI, every port on loopback, each service waiting for what it
 * needs to be healthy. Skipped where the docker-compose binary is missing, except in CI, which
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
    assertCanonical(new ObjectMapper(new YAMLFactory()).readTree(out));
    // Compose v1 prints a version of its own in `config`; the file itself has none.
    assertThat(new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile()).has("version"))
        .as("no obsolete version: key in the file")
        .isFalse();
  }

  /**
   * Compose v2 prints ports and volumes in their long form; the same checks read it. (Debian has
   * only Compose v1 to run here, so v2's output is this sample of its format.)
   */
  @Test
  void theChecksReadComposeV2sLongFormToo() throws Exception {
    String v2 =
        String.join(
            "\n",
            "name: baton",
            "services:",
            "  temporal-postgresql:",
            "    image: postgres:16",
            "    volumes:",
            "      - {type: volume, source: temporal-postgresql, target: /var/lib/postgresql/data}",
            "  temporal-schema:",
            "    image: temporalio/admin-tools:1.30.1",
            "    depends_on:",
            "      temporal-postgresql: {condition: service_healthy, required: true}",
            "  temporal:",
            "    image: temporalio/server:1.30.1",
            "    environment: {DB: postgres12}",
            "    depends_on:",
            "      temporal-schema: {condition: service_completed_successfully, required: true}",
            "    healthcheck: {test: [CMD, nc, -z, localhost, '7233']}",
            "    ports:",
            "      - {mode: ingress, host_ip: 127.0.0.1, target: 7233, published: '7233',"
                + " protocol: tcp}",
            "  temporal-namespace:",
            "    image: temporalio/admin-tools:1.30.1",
            "    depends_on:",
            "      temporal: {condition: service_healthy, required: true}",
            "  temporal-ui:",
            "    image: temporalio/ui:2.36.0",
            "    depends_on:",
            "      temporal: {condition: service_healthy, required: true}",
            "    ports:",
            "      - {mode: ingress, host_ip: 127.0.0.1, target: 8080, published: '8088',"
                + " protocol: tcp}",
            "volumes:",
            "  temporal-postgresql: {name: baton_temporal-postgresql}",
            "");
    assertCanonical(new ObjectMapper(new YAMLFactory()).readTree(v2));
  }

  private static void assertCanonical(JsonNode file) {
    JsonNode services = file.path("services");
    assertThat(fieldNames(services))
        .containsExactlyInAnyOrder(
            "temporal",
            "temporal-postgresql",
            "temporal-schema",
            "temporal-namespace",
            "temporal-ui");
    // Temporal's current recommendation: the server image, its schema made by admin-tools.
    assertThat(services.path("temporal").path("image").asText()).startsWith("temporalio/server:");
    assertThat(services.path("temporal-schema").path("image").asText())
        .startsWith("temporalio/admin-tools:");
    assertThat(services.path("temporal").path("environment").path("DB").asText())
        .isEqualTo("postgres12");
    assertThat(uiVersion(services.path("temporal-ui").path("image").asText()))
        .as("UI 2.34.4 or newer")
        .isGreaterThanOrEqualTo(2_034_004);
    assertThat(ports(services.path("temporal"))).contains("127.0.0.1:7233:7233/tcp");
    assertThat(ports(services.path("temporal-ui"))).contains("127.0.0.1:8088:8080/tcp");
    for (String name : fieldNames(services)) {
      assertThat(ports(services.path(name)))
          .as("ports of %s", name)
          .allMatch(port -> port.startsWith("127.0.0.1:"));
    }
    // Persistence: PostgreSQL's data directory is a named volume, so it outlives the container.
    assertThat(volumes(services.path("temporal-postgresql")))
        .contains("temporal-postgresql:/var/lib/postgresql/data");
    assertThat(fieldNames(file.path("volumes"))).contains("temporal-postgresql");
    // Each waits for what it needs to be ready, not only started.
    assertThat(condition(services, "temporal-schema", "temporal-postgresql"))
        .isEqualTo("service_healthy");
    assertThat(condition(services, "temporal", "temporal-schema"))
        .isEqualTo("service_completed_successfully");
    assertThat(condition(services, "temporal-ui", "temporal")).isEqualTo("service_healthy");
    assertThat(condition(services, "temporal-namespace", "temporal")).isEqualTo("service_healthy");
    assertThat(services.path("temporal").path("healthcheck").path("test").isMissingNode())
        .isFalse();
  }

  /** "temporalio/ui:2.36.0" as 2036000, to compare versions as numbers. */
  private static int uiVersion(String image) {
    String[] parts = image.substring(image.indexOf(':') + 1).split("\\.");
    return Integer.parseInt(parts[0]) * 1_000_000
        + Integer.parseInt(parts[1]) * 1_000
        + Integer.parseInt(parts[2]);
  }

  /** Ports as "HOST_IP:PUBLISHED:TARGET/PROTOCOL", from v1's short or v2's long form. */
  private static List<String> ports(JsonNode service) {
    List<String> out = new ArrayList<>();
    for (JsonNode port : service.path("ports")) {
      out.add(
          port.isTextual()
              ? port.asText()
              : port.path("host_ip").asText()
                  + ":"
                  + port.path("published").asText()
                  + ":"
                  + port.path("target").asText()
                  + "/"
                  + port.path("protocol").asText("tcp"));
    }
    return out;
  }

  /** Volumes as "SOURCE:TARGET", from v1's short or v2's long form. */
  private static List<String> volumes(JsonNode service) {
    List<String> out = new ArrayList<>();
    for (JsonNode volume : service.path("volumes")) {
      out.add(
          volume.isTextual()
              ? volume.asText().replaceAll(":rw$", "")
              : volume.path("source").asText() + ":" + volume.path("target").asText());
    }
    return out;
  }

  private static String condition(JsonNode services, String service, String dependency) {
    return services.path(service).path("depends_on").path(dependency).path("condition").asText();
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
}
