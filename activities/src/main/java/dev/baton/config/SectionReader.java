package dev.baton.config;

import static java.util.Objects.requireNonNullElse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the top-level sections other than {@code sites} and {@code router}; defaults are those of
 * docs/config.md.
 */
final class SectionReader {

  static final List<String> TEMPORAL_KEYS =
      List.of(
          "address",
          "namespace",
          "searchAttributes",
          "versionSearchAttribute",
          "encryptionKeyEnv",
          "encryptionKeyFile",
          "acceptUnencryptedPayloads",
          "tls",
          "apiKeyEnv",
          "apiKeyFile");
  static final List<String> RELEASE_KEYS =
      List.of(
          "approval",
          "bake",
          "probeInterval",
          "deployTimeout",
          "activeOnlyServices",
          "shift",
          "shiftPause",
          "outageWait",
          "smoke",
          "migrate");
  static final int MAX_SHIFT_STEPS = 10;
  static final String SHIFT =
      "a list of strictly increasing percentages from 1 to 100 ending with 100, at most "
          + MAX_SHIFT_STEPS
          + " steps, e.g. [10, 50, 100]; or []";
  static final List<String> APPROVAL_KEYS =
      List.of(
          "steps",
          "approvers",
          "fourEyes",
          "timeout",
          "onTimeout",
          "allowedSigners",
          "allowUnsigned",
          "signatureMaxAge");
  static final List<String> DATABASE_KEYS = List.of("mode", "maxLagBytes", "maxLagSeconds");
  static final List<String> MONITOR_KEYS =
      List.of("interval", "failuresBeforeAction", "autoFailover");
  static final List<String> DRILL_KEYS = List.of("bake", "switchBack");
  static final List<String> METRICS_KEYS = List.of("host", "port");

  static final String HOST_PORT = "host:port with a port from 1 to 65535";
  static final String URL = "an http:// or https:// URL with a host";
  static final List<String> STEPS = List.of("switch", "backfill");
  static final List<String> ON_TIMEOUT = List.of("reject", "approve");
  static final List<String> MODES = List.of(DatabaseConfig.EXTERNAL, DatabaseConfig.REPLICATED);

  private SectionReader() {}

  static TemporalConfig temporal(TreeReader r, Path base) {
    r.mapping(false, "a mapping with address, namespace and searchAttributes", TEMPORAL_KEYS);
    String address = hostPort(r.child("address"), false);
    String namespace = r.child("namespace").text(false, "a Temporal namespace");
    Boolean searchAttributes =
        r.child("searchAttributes")
            .bool(false, "true once BatonProject, BatonVersion and BatonStep are registered");
    Boolean versionAttribute =
        r.child("versionSearchAttribute")
            .bool(false, "false to keep the version out of the search attributes");
    Boolean acceptUnencrypted =
        r.child("acceptUnencryptedPayloads")
            .bool(false, "true to decode payloads that are not encrypted (docs/security.md)");
    String keyEnv = r.child("encryptionKeyEnv").text(false, "the name of an environment variable");
    Path keyFile =
        r.child("encryptionKeyFile").path(false, "a file of payload keys (docs/security.md)", base);
    if (keyEnv != null && keyFile != null) {
      r.child("encryptionKeyFile")
          .report("set either encryptionKeyEnv or encryptionKeyFile, not both");
    }
    String apiKeyEnv = r.child("apiKeyEnv").text(false, "the name of an environment variable");
    Path apiKeyFile = r.child("apiKeyFile").path(false, "a file holding the API key", base);
    if (apiKeyEnv != null && apiKeyFile != null) {
      r.child("apiKeyFile").report("set either apiKeyEnv or apiKeyFile, not both");
    }
    return new TemporalConfig(
        requireNonNullElse(address, TemporalConfig.DEFAULT_ADDRESS),
        requireNonNullElse(namespace, TemporalConfig.DEFAULT_NAMESPACE),
        requireNonNullElse(searchAttributes, false),
        keyEnv,
        keyFile,
        TlsReader.temporal(r.child("tls"), base),
        apiKeyEnv,
        apiKeyFile,
        requireNonNullElse(acceptUnencrypted, false),
        requireNonNullElse(versionAttribute, true));
  }

  static ReleaseConfig release(TreeReader r, Path base, List<SiteConfig> sites) {
    r.mapping(false, "a mapping with approval, bake, probeInterval, deployTimeout", RELEASE_KEYS);
    TreeReader bake = r.child("bake");
    TreeReader bakeTime = bake.isMapping() ? bake.child("duration") : bake;
    return new ReleaseConfig(
        approval(r.child("approval"), base),
        requireNonNullElse(bakeTime.duration(false, false), Duration.ofMinutes(5)),
        requireNonNullElse(r.child("probeInterval").duration(false, true), Duration.ofSeconds(10)),
        requireNonNullElse(r.child("deployTimeout").duration(false, true), Duration.ofMinutes(30)),
        r.child("activeOnlyServices").texts(false, "a list of compose service names"),
        shift(r.child("shift")),
        requireNonNullElse(r.child("shiftPause").duration(false, false), Duration.ofSeconds(5)),
        requireNonNullElse(r.child("outageWait").duration(false, false), Duration.ofMinutes(3)),
        bake.isMapping() ? BakeTrafficReader.limits(bake) : null,
        SmokeReader.read(r.child("smoke"), sites),
        MigrateReader.read(r.child("migrate")));
  }

  /** The shift steps, or an empty list after reporting what is wrong with them. */
  private static List<Integer> shift(TreeReader node) {
    List<Integer> steps = new ArrayList<>();
    for (TreeReader element : node.elements(false, SHIFT)) {
      Integer percent = element.integer(true, SHIFT);
      if (percent == null) {
        return List.of();
      }
      if (percent < 1 || percent > 100) {
        element.report(percent + " is not a percentage from 1 to 100 (" + SHIFT + ")");
        return List.of();
      }
      if (!steps.isEmpty() && percent <= steps.get(steps.size() - 1)) {
        element.report(
            percent + " does not increase on " + steps.get(steps.size() - 1) + " (" + SHIFT + ")");
        return List.of();
      }
      steps.add(percent);
    }
    if (steps.size() > MAX_SHIFT_STEPS) {
      node.report("has " + steps.size() + " steps (" + SHIFT + ")");
      return List.of();
    }
    if (!steps.isEmpty() && steps.get(steps.size() - 1) != 100) {
      node.report("ends with " + steps.get(steps.size() - 1) + ", not 100 (" + SHIFT + ")");
      return List.of();
    }
    return steps;
  }

  static ApprovalConfig approval(TreeReader r, Path base) {
    r.mapping(
        false,
        "a mapping with steps, approvers, fourEyes, timeout, onTimeout, allowedSigners,"
            + " allowUnsigned, signatureMaxAge",
        APPROVAL_KEYS);
    TreeReader stepsNode = r.child("steps");
    List<String> steps = stepsNode.isPresent() ? steps(stepsNode) : List.of("switch");
    TreeReader signersNode = r.child("allowedSigners");
    Path signers =
        signersNode.path(
            false,
            "git's allowed-signers file of the approvers' SSH keys (docs/security.md)",
            base);
    if (signers != null) {
      AllowedSignersFile.check(signersNode, signers);
    }
    TreeReader unsignedNode = r.child("allowUnsigned");
    Boolean unsigned = unsignedNode.bool(false, "true or false");
    if (Boolean.FALSE.equals(unsigned) && signers == null) {
      unsignedNode.report("allowUnsigned: false needs allowedSigners, the approvers' keys");
    }
    return new ApprovalConfig(
        steps,
        r.child("approvers").texts(false, "a list of approver names; empty means anyone"),
        requireNonNullElse(r.child("fourEyes").bool(false, "true or false"), false),
        requireNonNullElse(r.child("timeout").duration(false, true), Duration.ofHours(24)),
        requireNonNullElse(oneOf(r.child("onTimeout"), ON_TIMEOUT, "onTimeout value"), "reject"),
        signers,
        requireNonNullElse(unsigned, signers == null),
        requireNonNullElse(
            r.child("signatureMaxAge").duration(false, true),
            ApprovalConfig.DEFAULT_SIGNATURE_MAX_AGE));
  }

  static DatabaseConfig database(TreeReader r) {
    r.mapping(false, "a mapping with mode, maxLagBytes, maxLagSeconds", DATABASE_KEYS);
    return new DatabaseConfig(
        requireNonNullElse(oneOf(r.child("mode"), MODES, "database mode"), DatabaseConfig.EXTERNAL),
        requireNonNullElse(r.child("maxLagBytes").bytes(false), 16L << 20),
        requireNonNullElse(
            r.child("maxLagSeconds").duration(false, false), Duration.ofSeconds(30)));
  }

  static MonitorConfig monitor(TreeReader r) {
    r.mapping(false, "a mapping with interval, failuresBeforeAction, autoFailover", MONITOR_KEYS);
    TreeReader failuresNode = r.child("failuresBeforeAction");
    Integer failures = failuresNode.integer(false, "an integer of at least 1");
    if (failures != null && failures < 1) {
      failuresNode.report("must be at least 1, got " + failures + " (an integer of at least 1)");
      failures = null;
    }
    return new MonitorConfig(
        requireNonNullElse(r.child("interval").duration(false, true), Duration.ofSeconds(2)),
        requireNonNullElse(failures, 3),
        requireNonNullElse(r.child("autoFailover").bool(false, "true or false"), false));
  }

  static DrillConfig drill(TreeReader r) {
    r.mapping(false, "a mapping with bake and switchBack", DRILL_KEYS);
    return new DrillConfig(
        requireNonNullElse(r.child("bake").duration(false, false), Duration.ofMinutes(1)),
        requireNonNullElse(r.child("switchBack").bool(false, "true or false"), true));
  }

  static MetricsConfig metrics(TreeReader r) {
    r.mapping(false, "a mapping with host and port", METRICS_KEYS);
    String host = r.child("host").text(false, "an address to bind, e.g. 127.0.0.1");
    TreeReader portNode = r.child("port");
    Integer port = portNode.integer(false, "a port from 1 to 65535");
    if (port != null && (port < 1 || port > 65535)) {
      portNode.report(port + " is not a port from 1 to 65535");
      port = null;
    }
    return new MetricsConfig(requireNonNullElse(host, MetricsConfig.DEFAULT_HOST), port);
  }

  /** A host:port value, or null after reporting why it is not one. */
  static String hostPort(TreeReader node, boolean required) {
    String value = node.text(required, HOST_PORT);
    if (value != null && !Checks.isHostPort(value)) {
      node.report("\"" + value + "\" is not host:port (" + HOST_PORT + ")");
      return null;
    }
    return value;
  }

  private static List<String> steps(TreeReader node) {
    String expected = "a list of steps from: " + String.join(", ", STEPS) + "; or []";
    Set<String> steps = new LinkedHashSet<>();
    for (TreeReader element : node.elements(false, expected)) {
      String step = oneOf(element, STEPS, "approval step", true);
      if (step != null && !steps.add(step)) {
        element.report("duplicate step \"" + step + "\" (each step may appear once)");
      }
    }
    return List.copyOf(steps);
  }

  private static String oneOf(TreeReader node, List<String> allowed, String what) {
    return oneOf(node, allowed, what, false);
  }

  static String oneOf(TreeReader node, List<String> allowed, String what, boolean required) {
    String expected = "allowed: " + String.join(", ", allowed);
    String value = node.text(required, expected);
    if (value != null && !allowed.contains(value)) {
      node.report("\"" + value + "\" is not a valid " + what + " (" + expected + ")");
      return null;
    }
    return value;
  }
}
