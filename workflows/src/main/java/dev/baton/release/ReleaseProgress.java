package dev.baton.release;

import dev.baton.migrate.MigrateResult;
import dev.baton.smoke.SmokeResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@code progress} query returns, and what a finished release reports.
 *
 * @param waitingFor the step waiting for approval ("switch", "backfill"), or null
 * @param outcome null while running; then SUCCEEDED, or the FailureKind / CANCELLED it ended with
 * @param rollback whether {@code baton release rollback} is instant now, and why (null before the
 *     switch)
 * @param traffic how traffic is split while a weighted shift is under way ("10% on secondary, 90%
 *     on primary"); null when all of it goes to one site
 * @param notificationErrors notifications that were not delivered after their retries, oldest first
 *     ("release-succeeded: webhook answered HTTP 500 …"); empty when all went out. Releases that
 *     reported progress before this field existed read as empty
 * @param rules which rules hold this release and where they came from ("approval of switch by
 *     alice, bob (four-eyes), bake 5m; from the control worker's /etc/baton/baton.yml (sha256
 *     1a2b3c4d5e6f), read at plan"); null before the plan read them, and for releases started
 *     before the control plane owned the rules
 * @param signedDecisions approvals of this release must be signed (the CLI then signs them)
 * @param smoke the smoke tests that ran on the standby, in order; empty before the smoke step, and
 *     for releases that reported progress before smoke tests existed
 * @param images service name to the image by digest both sites run ({@code images.mode: registry}),
 *     once published; empty when each site builds its own images, and for releases that reported
 *     progress before registries existed
 * @param migration how the release's schema migration ended; null when none ran (yet)
 */
public record ReleaseProgress(
    String project,
    String version,
    String requestedBy,
    String activeSite,
    String standbySite,
    Step currentStep,
    String waitingFor,
    List<StepStatus> steps,
    List<ApprovalRecord> approvals,
    String outcome,
    String message,
    String rollback,
    String traffic,
    List<String> notificationErrors,
    String rules,
    boolean signedDecisions,
    List<SmokeResult> smoke,
    Map<String, String> images,
    MigrateResult migration) {

  public ReleaseProgress {
    images = images == null ? Map.of() : new TreeMap<>(images);
    notificationErrors = notificationErrors == null ? List.of() : List.copyOf(notificationErrors);
    smoke = smoke == null ? List.of() : List.copyOf(smoke);
  }

  public StepStatus step(Step step) {
    return steps.stream().filter(s -> s.step() == step).findFirst().orElseThrow();
  }
}
