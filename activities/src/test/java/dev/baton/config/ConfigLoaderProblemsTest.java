package dev.baton.config;

import static dev.baton.config.TestConfigs.minimalWith;
import static dev.baton.config.TestConfigs.read;
import static dev.baton.config.TestConfigs.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Structural problems: unknown and missing keys, wrong types, broken YAML, and a file with many
 * problems. Each test expects exactly the rendered problem(s).
 */
class ConfigLoaderProblemsTest extends ConfigProblemsTestBase {

  @Test
  void unknownKeyNamesTheAllowedKeys() {
    assertThat(problems(minimalWith("project: shop\n", "project: shop\nprojects: [a]\n")))
        .containsExactly(
            "projects: unknown key (allowed here: project, temporal, sites, router, release,"
                + " database, monitor, drill, notify,"
                + " metrics, images)");
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "unknown key",
      outcome = "named with the allowed keys and a did-you-mean; exit 2")
  void unknownKeyWithOtherCaseSuggestsTheRealOne() {
    assertThat(problems(minimalWith("workdir:", "workDir:")))
        .containsExactly(
            "sites[0].compose.workDir: unknown key, did you mean \"workdir\"? (allowed here:"
                + " workdir, files, envFile, projectName)",
            "sites[0].compose.workdir: missing required key (the directory with the compose"
                + " files)");
  }

  @Test
  void missingRequiredKey() {
    assertThat(problems(minimalWith("    docker: unix:///run/baton/primary/docker.sock\n", "")))
        .containsExactly(
            "sites[0].docker: missing required key (a Docker endpoint: unix://, tcp:// or"
                + " https://)");
  }

  @Test
  void requiredKeyWithoutValue() {
    assertThat(problems(minimalWith("docker: unix:///run/baton/primary/docker.sock", "docker:")))
        .containsExactly(
            "sites[0].docker: has no value (a Docker endpoint: unix://, tcp:// or https://)");
  }

  @Test
  void missingSectionIsReportedOnceNotForEachOfItsKeys() {
    String yaml = read("minimal.yml");
    assertThat(problems(yaml.substring(0, yaml.indexOf("router:"))))
        .containsExactly(
            "router: missing required key (a mapping with upstreamFile, nginxConfig, frontUrl"
                + " and upstreams)");
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "wrong types",
      outcome = "one problem per key: expected X, got Y; exit 2")
  void wrongTypeSaysWhatWasExpectedAndWhatWasFound() {
    assertThat(problems(minimalWith("files: [docker-compose.yml]", "files: docker-compose.yml")))
        .containsExactly(
            "sites[0].compose.files: expected a list, got a string (a list of compose files, at"
                + " least one)");
  }

  @Test
  void emptyComposeFilesAndHealth() {
    String yaml =
        minimalWith("files: [docker-compose.yml]", "files: []")
            .replace(SITE0_HEALTH, "")
            .replaceFirst("health:\n", "health: {}\n");
    assertThat(problems(yaml))
        .containsExactly(
            "sites[0].compose.files: is empty (a list of compose files, at least one)",
            "sites[0].health: is empty (a mapping of app name to an http:// or https:// URL with"
                + " a host, at least one)");
  }

  @Test
  void booleanMustBeTrueOrFalse() {
    assertThat(withSection("drill:\n  switchBack: sometimes\n"))
        .containsExactly("drill.switchBack: expected a boolean, got a string (true or false)");
  }

  @Test
  void topLevelMustBeAMapping() {
    assertThat(problems("- project: shop\n"))
        .containsExactly(
            "expected a mapping, got a list (a mapping with at least project, sites and router)");
  }

  @Test
  void emptyFile() {
    Path file = resource("empty.yml");
    assertThat(TestConfigs.problemsOf(file, Map.of()))
        .containsExactly(
            file + ": the file is empty (a mapping with at least project, sites and router)");
  }

  @Test
  void yamlSyntaxErrorIsOneProblemWithLineAndColumn() {
    Path file = resource("syntax-error.yml");
    assertThat(TestConfigs.problemsOf(file, Map.of()))
        .containsExactly(
            file
                + ": line 4, column 4: invalid YAML: expected <block end>, but found '<block"
                + " mapping start>' (while parsing a block collection that starts at line 3,"
                + " column 3; check indentation and quoting)");
  }

  @Test
  void duplicateKeyIsOneProblemWithLineAndColumn() {
    Path file = resource("duplicate-key.yml");
    assertThat(TestConfigs.problemsOf(file, Map.of()))
        .containsExactly(
            file
                + ": line 4, column 11: duplicate key 'frontUrl' (each key may appear once per"
                + " mapping)");
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.yml");
    assertThat(TestConfigs.problemsOf(file, Map.of()))
        .containsExactly(file + ": file not found (pass --config FILE)");
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnce() {
    Path file = resource("many-problems.yml");
    ConfigException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
    List<String> expected =
        List.of(
            "project: \"Shop\" is not a valid project name (must match [a-z0-9][a-z0-9-]{0,39})",
            "temporal.address: \"localhost\" is not host:port (host:port with a port from 1 to"
                + " 65535)",
            "sites[0].docker: \"ssh://primary.example.com\" is not a Docker endpoint (use"
                + " unix:///path/to/docker.sock, tcp://host:port or https://host:port)",
            "sites[0].compose.workDir: unknown key, did you mean \"workdir\"? (allowed here:"
                + " workdir, files, envFile, projectName)",
            "sites[0].compose.workdir: missing required key (the directory with the compose"
                + " files)",
            "sites[0].compose.files: expected a list, got a string (a list of compose files, at"
                + " least one)",
            "sites[0].health.api: \"127.0.0.1:3000/health\" is not a valid health URL (an http://"
                + " or https:// URL with a host)",
            "sites[1].database.url: \"postgresql://127.0.0.1/app\" is not a PostgreSQL JDBC URL (a"
                + " JDBC URL starting with jdbc:postgresql://)",
            "sites[1].database: sets neither passwordEnv nor passwordFile (set exactly one of"
                + " them)",
            "sites[1].id: duplicate site id \"primary\" (site ids must be unique)",
            "router.upstreams.secondary: \"127.0.0.1:65536\" is not host:port (host:port with a"
                + " port from 1 to 65535)",
            "router.upstreams.secondary: \"secondary\" is not a site id (known site ids: primary)",
            "release.approval.steps[1]: \"deploy\" is not a valid approval step (allowed: switch,"
                + " backfill)",
            "release.approval.onTimeout: \"ignore\" is not a valid onTimeout value (allowed:"
                + " reject, approve)",
            "release.bake: \"5 minutes\" is not a duration " + DURATION,
            "release.probeInterval: must be longer than zero " + DURATION,
            "database.maxLagBytes: \"lots\" is not a size (a byte count like 16777216, or a size"
                + " like 512kB, 16MB or 1GB, where 1kB is 1024 bytes)",
            "sites[0].database: missing required key (database.mode is replicated, so every site"
                + " needs a database)",
            "monitor.failuresBeforeAction: must be at least 1, got 0 (an integer of at least 1)",
            "monitor.autoFailover: expected a boolean, got a string (true or false)",
            "drill.switchback: unknown key, did you mean \"switchBack\"? (allowed here: bake,"
                + " switchBack)");
    assertThat(e.problems())
        .extracting(ConfigProblem::render)
        .containsExactlyElementsOf(expected.stream().map(p -> file + ": " + p).toList());
    assertThat(e.getMessage())
        .isEqualTo(String.join("\n", expected.stream().map(p -> file + ": " + p).toList()));
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
  }
}
