package dev.baton.cli.report;

import dev.baton.cli.ExitCodes;
import dev.baton.report.PhasedReport;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * How the CLI shows one kind of operation (a failover, a drill): its report type, its phases for
 * the live view and its rendering. `run` and `status` of each kind share it, so they show a run the
 * same way and agree on exit codes.
 *
 * @param label e.g. "drill of shop", the subject of error lines
 * @param statusCommand e.g. "baton drill status", named when the CLI does not follow
 */
public record OperationView<T extends PhasedReport>(
    String label, String statusCommand, Class<T> type, Function<T, String> render) {

  /**
   * After a start: returns at once with {@code detach}, else follows the run to its end and prints
   * its report.
   */
  public int followToEnd(
      WorkflowClient client, String workflowId, boolean detach, PrintWriter out) {
    if (detach) {
      out.println("follow it with: " + statusCommand + " --watch");
      return ExitCodes.OK;
    }
    out.flush();
    return show(new FollowedWorkflow<>(client, workflowId, type), true, out);
  }

  /**
   * {@code status}: a running one's progress so far, or with {@code watch} its progress until it
   * ends, or how the last one ended; printed, with the exit code of its outcome.
   */
  public int show(FollowedWorkflow<T> followed, boolean watch, PrintWriter out) {
    return print(ended(followed, watch, out), out);
  }

  /** Prints the report (or the failure line) and returns the exit code of its outcome. */
  public int print(FollowedWorkflow.Ended<T> ended, PrintWriter out) {
    return Outcomes.print(out, label, ended, render);
  }

  /** What {@link #show} prints, for other formats (JSON). */
  public FollowedWorkflow.Ended<T> ended(
      FollowedWorkflow<T> followed, boolean watch, PrintWriter out) {
    if (watch) {
      FollowedWorkflow.Ended<T> ended = followed.follow(out, PhasedReport::phases);
      out.println();
      return ended;
    }
    if (followed.running()) {
      T progress = followed.progress();
      return new FollowedWorkflow.Ended<>(
          progress, progress == null ? "has no progress yet" : null);
    }
    return followed.ended();
  }
}
