package dev.baton.release;

import dev.baton.images.ImagePolicy;
import dev.baton.migrate.MigrateStep;
import dev.baton.report.Texts;
import dev.baton.smoke.SmokeCheck;
import dev.baton.switchover.SwitchoverInput;
import java.time.Duration;
import java.util.List;

/**
 * The release part of {@code baton.yml}, copied into the request when the release starts, so a
 * running release keeps the rules it started with.
 *
 * @param approvalSteps steps that wait for a person: "switch", "backfill"
 * @param approvers who may approve; empty means anyone
 * @param fourEyes the requester may not approve their own release
 * @param replicatedDatabase gate the release on PostgreSQL replication health
 * @param shift the percentages of traffic the new site gets step by step, ending with 100; empty
 *     means one step. Releases started before shifts existed carry null: read as empty
 * @param shiftPause how long each partial step serves traffic while the new site is probed
 * @param searchAttributes the Temporal server has BatonProject, BatonVersion and BatonStep
 *     registered, so the release sets them ({@link ReleaseSearchAttributes}); false for releases
 *     started before this existed
 * @param outageWait how long a step waits for a dependency that does not answer (a Docker engine, a
 *     database) before it fails ({@link OutageWait}); null in releases started before this existed:
 *     read as the default
 * @param omitVersionAttribute with {@code searchAttributes}, leave BatonVersion unset: search
 *     attributes are never encrypted ({@code temporal.versionSearchAttribute: false}); false for
 *     releases started before this existed, which set it
 * @param bakeTraffic limits on the new site's real traffic during the bake and each shift step;
 *     null when the release judges by probes only (and in releases started before this existed)
 * @param smoke the smoke tests run against the standby before the approval; null in releases
 *     started before they existed: read as none
 * @param images where the version's images come from ({@code images} of baton.yml); null in
 *     releases started before registries existed: read as built on each site
 * @param migrate the schema migration run on the active site before the standby's deploy; null when
 *     there is none (and in releases started before migrations existed)
 */
public record ReleasePolicy(
    List<String> approvalSteps,
    List<String> approvers,
    boolean fourEyes,
    Duration approvalTimeout,
    TimeoutOutcome onApprovalTimeout,
    Duration bake,
    Duration probeInterval,
    Duration deployTimeout,
    List<String> activeOnlyServices,
    boolean replicatedDatabase,
    long maxLagBytes,
    Duration maxLag,
    List<Integer> shift,
    Duration shiftPause,
    boolean searchAttributes,
    Duration outageWait,
    boolean omitVersionAttribute,
    TrafficLimits bakeTraffic,
    List<SmokeCheck> smoke,
    ImagePolicy images,
    MigrateStep migrate) {

  public static final Duration DEFAULT_OUTAGE_WAIT = Duration.ofMinutes(3);

  public ReleasePolicy {
    outageWait = outageWait == null ? DEFAULT_OUTAGE_WAIT : outageWait;
    shift = shift == null ? List.of() : List.copyOf(shift);
    shiftPause = shiftPause == null ? Duration.ZERO : shiftPause;
    smoke = smoke == null ? List.of() : List.copyOf(smoke);
    images = images == null ? ImagePolicy.BUILD_ON_EACH_SITE : images;
  }

  /** What a switchover of {@code project} under these rules needs to know. */
  public SwitchoverInput switchover(String project) {
    return new SwitchoverInput(project, activeOnlyServices, maxLagBytes, maxLag);
  }

  public boolean needsApproval(String step) {
    return approvalSteps.contains(step);
  }

  /** The gates in one line: "approval of switch by alice, bob (four-eyes), bake 2m". */
  public String describe() {
    String approval =
        approvalSteps.isEmpty()
            ? "no approval"
            : "approval of "
                + String.join(" and ", approvalSteps)
                + " by "
                + (approvers.isEmpty() ? "anyone" : String.join(", ", approvers))
                + (fourEyes ? " (four-eyes)" : "");
    return approval
        + ", bake "
        + Texts.duration(bake)
        + (bakeTraffic == null ? "" : " judged by real traffic (" + bakeTraffic.describe() + ")")
        + (shift.size() > 1 ? ", shift " + shift : "")
        + (smoke.isEmpty() ? "" : ", " + smoke.size() + " smoke test(s)")
        + (migrate == null ? "" : ", migration " + migrate.service())
        + (replicatedDatabase ? ", replicated database" : "")
        + (images.registryMode() ? ", " + images.describe() : "");
  }
}
