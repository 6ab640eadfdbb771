package dev.baton.worker;

import dev.baton.FailureKind;
import dev.baton.config.AllowedSignersFile;
import dev.baton.config.ApprovalConfig;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigLoader;
import dev.baton.rules.ApprovalSigners;
import dev.baton.rules.ControlRules;
import dev.baton.rules.DrillRules;
import dev.baton.rules.RulesActivities;
import dev.baton.rules.RulesRequest;
import dev.baton.rules.RulesSource;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@link RulesActivities} from the control worker's own baton.yml, read again at every call: an
 * operator who changes the approvers changes them for the next release, without a restart. The
 * project and the sites stay those the worker started with, since its queues are theirs.
 */
public final class ConfigRules implements RulesActivities {
  private final BatonConfig started;

  public ConfigRules(BatonConfig started) {
    this.started = started;
  }

  @Override
  public ControlRules read(RulesRequest request) {
    BatonConfig config = started;
    String sha256 = "";
    if (started.file() != null && Files.isRegularFile(started.file())) {
      try {
        sha256 = sha256(Files.readAllBytes(started.file()));
        config = ConfigLoader.load(started.file(), System.getenv());
      } catch (IOException | ConfigException e) {
        throw FailureKind.BAD_CONFIG.failure(
            "the control worker's "
                + started.file()
                + " does not load, so no rules are in force: "
                + e.getMessage());
      }
      if (!config.project().equals(started.project())) {
        throw FailureKind.BAD_CONFIG.failure(
            "the control worker's "
                + started.file()
                + " now names project "
                + config.project()
                + " but the worker serves "
                + started.project()
                + ": restart it");
      }
    }
    return new ControlRules(
        started.project(),
        started.siteIds(),
        new RulesSource(started.file() == null ? "(no file)" : started.file().toString(), sha256),
        ReleasePolicies.from(config),
        OperationInputs.failoverPolicy(config),
        OperationInputs.monitorPolicy(config),
        new DrillRules(config.drill().bake(), config.drill().switchBack()),
        signers(config));
  }

  /** The approvers' keys as the file holds them now: public keys, nothing secret. */
  private static ApprovalSigners signers(BatonConfig config) {
    ApprovalConfig approval = config.release().approval();
    if (approval.allowedSigners() == null) {
      return ApprovalSigners.unsigned();
    }
    try {
      return new ApprovalSigners(
          AllowedSignersFile.read(approval.allowedSigners()),
          approval.allowedSigners().toString(),
          approval.allowUnsigned(),
          approval.signatureMaxAge());
    } catch (IOException e) {
      throw FailureKind.BAD_CONFIG.failure(
          "the control worker cannot read its allowed signers "
              + approval.allowedSigners()
              + ": "
              + e.getMessage());
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
