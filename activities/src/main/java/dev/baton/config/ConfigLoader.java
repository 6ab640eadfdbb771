package dev.baton.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Finds, parses and validates {@code baton.yml}; see docs/config.md. */
public final class ConfigLoader {

  public static final String CONFIG_ENV = "BATON_CONFIG";
  public static final String TEMPORAL_ADDRESS_ENV = "BATON_TEMPORAL_ADDRESS";
  public static final String DEFAULT_FILE = "baton.yml";

  /** The top-level keys of baton.yml. */
  public static final List<String> KEYS =
      List.of(
          "project",
          "temporal",
          "sites",
          "router",
          "release",
          "database",
          "monitor",
          "drill",
          "notify",
          "metrics",
          "images");

  private static final String PROJECT = "a project name matching " + Checks.PROJECT_PATTERN;

  // Duplicate keys would otherwise silently keep the last value. The builder, unlike
  // new YAMLFactory(), reads `key:` with no value as "" unless told to read it as null.
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
              .build());

  private ConfigLoader() {}

  /**
   * The config file to load: {@code explicitOrNull} (from --config), else {@code BATON_CONFIG},
   * else {@code cwd/baton.yml}. A file named explicitly must exist: falling back to another file
   * would release with a configuration the operator did not choose.
   */
  public static Path locate(Path explicitOrNull, Map<String, String> env, Path cwd) {
    String fromEnv = env.get(CONFIG_ENV);
    Path candidate;
    String source;
    if (explicitOrNull != null) {
      candidate = cwd.resolve(explicitOrNull);
      source = "--config";
    } else if (fromEnv != null && !fromEnv.isBlank()) {
      candidate = cwd.resolve(fromEnv);
      source = CONFIG_ENV;
    } else {
      candidate = cwd.resolve(DEFAULT_FILE);
      source = "current directory";
    }
    if (Files.isRegularFile(candidate)) {
      return candidate;
    }
    throw new ConfigException(
        new ConfigProblem(
            null,
            null,
            "no baton.yml found: looked at "
                + candidate
                + " ("
                + source
                + "); pass --config FILE or set "
                + CONFIG_ENV));
  }

  /**
   * Parses and validates {@code file}; relative paths in it resolve against its directory.
   *
   * @throws ConfigException listing every problem found, each naming {@code file} as given
   */
  public static BatonConfig load(Path file, Map<String, String> env) {
    String name = file.toString();
    Path absolute = file.toAbsolutePath().normalize();
    JsonNode tree = parse(file, name);
    List<ConfigProblem> problems = new ArrayList<>();
    BatonConfig config = read(TreeReader.root(name, tree, problems), absolute, env);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private static JsonNode parse(Path file, String name) {
    try {
      return YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(List.of(new ConfigProblem(name, where, syntaxError(e))), e);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(name, null, "file not found (pass --config FILE)")), e);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(name, null, "cannot read the file: " + e.getMessage())), e);
    }
  }

  private static String syntaxError(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message.startsWith("Duplicate field ")) {
      return "duplicate key "
          + message.substring("Duplicate field ".length())
          + " (each key may appear once per mapping)";
    }
    // SnakeYAML's own message repeats the source lines; its parts read better on one line.
    if (e.getCause() instanceof MarkedYAMLException yaml) {
      String context =
          yaml.getContext() == null || yaml.getContextMark() == null
              ? ""
              : yaml.getContext()
                  + " that starts at line "
                  + (yaml.getContextMark().getLine() + 1)
                  + ", column "
                  + (yaml.getContextMark().getColumn() + 1)
                  + "; ";
      return "invalid YAML: "
          + yaml.getProblem()
          + " ("
          + context
          + "check indentation and quoting)";
    }
    return "invalid YAML: "
        + message.strip().replaceAll("\\s*\\R\\s*", " ")
        + " (check indentation and quoting)";
  }

  private static BatonConfig read(TreeReader root, Path file, Map<String, String> env) {
    if (!root.isPresent()) {
      root.report("the file is empty (a mapping with at least project, sites and router)");
      return null;
    }
    if (!root.mapping(true, "a mapping with at least project, sites and router", KEYS)) {
      return null;
    }
    Path base = file.getParent();
    TreeReader projectNode = root.child("project");
    String project = projectNode.text(true, PROJECT);
    if (project != null && !Checks.matches(Checks.PROJECT_PATTERN, project)) {
      projectNode.report(
          "\""
              + project
              + "\" is not a valid project name (must match "
              + Checks.PROJECT_PATTERN
              + ")");
    }
    TemporalConfig temporal = temporal(root, env, base);
    SiteListReader sites = SiteListReader.read(root.child("sites"), project, base);
    RouterConfig router = RouterReader.read(root.child("router"), base, sites);
    ReleaseConfig release = SectionReader.release(root.child("release"), base, sites.sites());
    if (router instanceof DnsRouterConfig && !release.shift().isEmpty()) {
      root.child("release")
          .child("shift")
          .report(
              "needs router.type nginx or haproxy: a DNS record names one site, so it cannot split traffic"
                  + " (remove release.shift for a one-step switch)");
    }
    DatabaseConfig database = SectionReader.database(root.child("database"));
    if (database.replicated()) {
      sites.requireDatabases();
    }
    MonitorConfig monitor = SectionReader.monitor(root.child("monitor"));
    DrillConfig drill = SectionReader.drill(root.child("drill"));
    NotifyConfig notify = NotifyReader.read(root.child("notify"), base);
    MetricsConfig metrics = SectionReader.metrics(root.child("metrics"));
    ImagesConfig images = ImagesReader.read(root.child("images"));
    return new BatonConfig(
        file,
        project,
        temporal,
        sites.sites(),
        router,
        release,
        database,
        monitor,
        drill,
        notify,
        metrics,
        images);
  }

  /** The file's temporal section, with BATON_TEMPORAL_ADDRESS taking precedence if set. */
  private static TemporalConfig temporal(TreeReader root, Map<String, String> env, Path base) {
    TemporalConfig fromFile = SectionReader.temporal(root.child("temporal"), base);
    String override = env.get(TEMPORAL_ADDRESS_ENV);
    if (override == null || override.isBlank()) {
      return fromFile;
    }
    TreeReader envNode =
        root.detached("environment", TEMPORAL_ADDRESS_ENV, TextNode.valueOf(override.strip()));
    String address = SectionReader.hostPort(envNode, true);
    return fromFile.withAddress(Objects.requireNonNullElse(address, fromFile.address()));
  }
}
