package dev.baton.cli.release;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.Failures;
import dev.baton.release.ApprovalRecord;
import dev.baton.release.ApprovalRequest;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.ReleaseWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;

/**
 * Sends an approval or a rejection to the release's Update. The release may end (cancelled, or its
 * approval timed out) after the CLI looked and before the Update reaches it: that is refused like
 * any other late decision, naming how the release ended, not reported as a gRPC error.
 */
public final class Decision {
  private Decision() {}

  /** The accepted decision; a refusal of any kind is a {@link BatonCliException} (exit 3). */
  public static ApprovalRecord send(
      WorkflowClient client, String project, ApprovalRequest request, boolean approving) {
    String verb = approving ? "approve" : "reject";
    ReleaseWorkflow release = Releases.stub(client, project);
    ApprovalRecord record;
    try {
      record = approving ? release.approve(request) : release.reject(request);
    } catch (WorkflowUpdateException e) {
      throw new BatonCliException(ExitCodes.REFUSED, verb + " refused: " + Failures.reason(e));
    } catch (WorkflowNotFoundException e) {
      String ended =
          Releases.latest(client, project)
              .map(ReleaseProgress::outcome)
              .map(outcome -> "release ended (" + outcome + ")")
              .orElse("release is gone");
      throw new BatonCliException(
          ExitCodes.REFUSED,
          verb + " refused: the " + ended + " before the decision reached it; nothing to " + verb);
    }
    if (!record.accepted()) {
      throw new BatonCliException(ExitCodes.REFUSED, verb + " refused: " + record.reason());
    }
    return record;
  }
}
