package dev.baton.failover;

import dev.baton.database.DatabaseRequest;
import dev.baton.database.FenceResult;
import dev.baton.report.Reasons;
import dev.baton.site.ActiveOnlyRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The best-effort fencing of the failed site once traffic left it: stop its active-only services
 * (queue workers must not run on both sites) and make its database refuse writes, both at once and
 * each within the fence timeout. A site that is really gone answers neither; that is recorded, not
 * fatal: the router no longer sends it anything.
 */
final class FailedSiteFence {
  private final FailoverRequest request;
  private final FailoverActivities activities;
  private final List<String> done = new ArrayList<>();
  private final List<String> notDone = new ArrayList<>();
  private FenceResult databaseFence;

  FailedSiteFence(FailoverRequest request, FailoverActivities activities) {
    this.request = request;
    this.activities = activities;
  }

  /** Returns the phase's detail. */
  String run(String failed) {
    Promise<Void> services =
        request.policy().activeOnlyServices().isEmpty()
            ? Workflow.newPromise(null)
            : Async.procedure(
                activities.failedSite(failed)::setActiveOnlyServices,
                new ActiveOnlyRequest(request.project(), failed, false));
    Promise<FenceResult> database =
        request.policy().replicatedDatabase()
            ? Async.function(
                activities.fence::fence, new DatabaseRequest(request.project(), failed))
            : Workflow.newPromise(null);
    if (!request.policy().activeOnlyServices().isEmpty()) {
      record("active-only services " + request.policy().activeOnlyServices(), services);
    }
    if (request.policy().replicatedDatabase()) {
      databaseFence = record("database", database);
    }
    return (done.isEmpty() ? "" : "fenced: " + String.join(", ", done))
        + (done.isEmpty() || notDone.isEmpty() ? "" : "; ")
        + (notDone.isEmpty() ? "" : "not reachable: " + String.join("; ", notDone));
  }

  private <T> T record(String what, Promise<T> promise) {
    try {
      T result = promise.get();
      done.add(what);
      return result;
    } catch (ActivityFailure e) {
      notDone.add(what + " (" + Reasons.of(e) + ")");
      return null;
    }
  }

  /** The failed primary's fence, or null when it could not be fenced (or there is none). */
  FenceResult databaseFence() {
    return databaseFence;
  }

  /** What was fenced, for the result: e.g. "router, database". */
  String fenced() {
    List<String> all = new ArrayList<>(List.of("router"));
    all.addAll(done);
    return String.join(", ", all);
  }
}
