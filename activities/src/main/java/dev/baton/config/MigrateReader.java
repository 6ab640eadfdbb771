package dev.baton.config;

import static java.util.Objects.requireNonNullElse;

import java.time.Duration;
import java.util.List;

/**
 * Reads {@code release.migrate}. The service name ends up on a Compose command line, so it is
 * refused unless it is plainly a service name (the smoke tests' rule, {@link SmokeReader}).
 */
final class MigrateReader {
  static final List<String> KEYS = List.of("service", "timeout");
  static final String EXPECTED = "a mapping with service and an optional timeout";

  private MigrateReader() {}

  /** The migration, or null when there is none or it is wrong (then reported). */
  static MigrateConfig read(TreeReader node) {
    if (!node.mapping(false, EXPECTED, KEYS)) {
      return null;
    }
    TreeReader serviceNode = node.child("service");
    String expected = "a compose service name matching " + SmokeReader.SERVICE_PATTERN;
    String service = serviceNode.text(true, expected);
    if (service != null && !Checks.matches(SmokeReader.SERVICE_PATTERN, service)) {
      serviceNode.report(
          "\""
              + ProblemText.printable(service)
              + "\" is not a compose service name ("
              + expected
              + ")");
      service = null;
    }
    Duration timeout = node.child("timeout").duration(false, true);
    return service == null
        ? null
        : new MigrateConfig(service, requireNonNullElse(timeout, MigrateConfig.DEFAULT_TIMEOUT));
  }
}
