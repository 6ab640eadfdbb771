package dev.baton.sites;

import dev.baton.Names;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.DatabaseRoleResult;
import dev.baton.database.ReplicationRequest;
import dev.baton.database.ReplicationStatus;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.report.Reasons;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
import dev.baton.site.SiteActivities;
import dev.baton.site.SiteRequest;
import dev.baton.site.SiteState;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks everything at once and waits for all answers: a dead site costs one timeout, not one per
 * question. Every call is bounded from scheduling (a site queue whose worker is gone never picks
 * the task up) and tried twice at most: this is a display, a person can ask again.
 */
public class SitesWorkflowImpl implements SitesWorkflow {
  /** A site's worker and engine: describe reads the containers, which takes well under this. */
  static final Duration SITE_TIMEOUT = Duration.ofSeconds(6);

  /** Router, probes and databases, on the control queue (probes wait up to 2 s per app). */
  static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

  private static final RetryOptions TWICE =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(300))
          .setMaximumAttempts(2)
          .build();

  private final RouterActivities router = control(RouterActivities.class);
  private final ProbeActivities probe = control(ProbeActivities.class);
  private final DatabaseActivities database = control(DatabaseActivities.class);

  @Override
  public SitesReport run(SitesRequest request) {
    long started = Workflow.currentTimeMillis();
    String project = request.project();
    Promise<String> target = Async.function(router::currentTarget, new RouterRequest(project));
    Map<String, Promise<SiteState>> states = new LinkedHashMap<>();
    Map<String, Promise<ProbeResult>> probes = new LinkedHashMap<>();
    Map<String, Promise<DatabaseRoleResult>> roles = new LinkedHashMap<>();
    for (String id : request.siteIds()) {
      states.put(id, Async.function(siteStub(project, id)::describe, new SiteRequest(project, id)));
      probes.put(id, Async.function(probe::probe, new ProbeRequest(project, id)));
      if (request.replicatedDatabase()) {
        roles.put(id, Async.function(database::role, new DatabaseRequest(project, id)));
      }
    }
    Answer<String> routed = answer(target);
    Map<String, ReplicationStatus> replication = replication(project, roles);
    List<SiteReport> sites = new ArrayList<>();
    for (String id : request.siteIds()) {
      String role =
          routed.value() == null ? "unknown" : routed.value().equals(id) ? "active" : "standby";
      sites.add(site(id, role, answer(states.get(id)), answer(probes.get(id)), roles, replication));
    }
    return new SitesReport(
        project,
        routed.value(),
        routed.problem(),
        sites,
        started,
        Workflow.currentTimeMillis() - started);
  }

  private SiteReport site(
      String id,
      String role,
      Answer<SiteState> state,
      Answer<ProbeResult> checks,
      Map<String, Promise<DatabaseRoleResult>> roles,
      Map<String, ReplicationStatus> replication) {
    SiteState s = state.value();
    ProbeResult p = checks.value();
    String databaseText = "";
    if (roles.containsKey(id)) {
      Answer<DatabaseRoleResult> db = answer(roles.get(id));
      databaseText = db.value() == null ? "no answer: " + db.problem() : describe(db.value());
    }
    ReplicationStatus lag = replication.get(id);
    return new SiteReport(
        id,
        role,
        s != null,
        s == null ? Map.of() : s.versions(),
        s == null ? Map.of() : s.states(),
        s != null && s.healthy(),
        s == null ? "unreachable: " + siteProblem(id, state.problem()) : s.detail(),
        p == null ? null : p.healthy(),
        p == null ? "not checked: " + checks.problem() : p.summary(),
        databaseText,
        lag == null ? "" : lag.detail(),
        s == null ? Map.of() : s.digests());
  }

  /**
   * The replica's replication from the primary, keyed by the replica's site id: only when exactly
   * one database answered as primary (two primaries after a failover is a state to show, not to
   * measure).
   */
  private Map<String, ReplicationStatus> replication(
      String project, Map<String, Promise<DatabaseRoleResult>> roles) {
    List<String> primaries = new ArrayList<>();
    List<String> replicas = new ArrayList<>();
    roles.forEach(
        (id, promise) -> {
          DatabaseRoleResult role = answer(promise).value();
          if (role != null && role.reachable()) {
            (role.inRecovery() ? replicas : primaries).add(id);
          }
        });
    Map<String, ReplicationStatus> lag = new LinkedHashMap<>();
    if (primaries.size() != 1) {
      return lag;
    }
    for (String replica : replicas) {
      Answer<ReplicationStatus> status =
          answer(
              Async.function(
                  database::replicationStatus,
                  new ReplicationRequest(project, primaries.get(0), replica)));
      lag.put(
          replica,
          status.value() != null
              ? status.value()
              : new ReplicationStatus(false, 0, 0, "no answer: " + status.problem()));
    }
    return lag;
  }

  private static String describe(DatabaseRoleResult role) {
    if (!role.reachable()) {
      return "unreachable: " + role.detail();
    }
    return (role.inRecovery() ? "replica" : "primary")
        + (role.fenced() ? ", fenced" : "")
        + (role.lsn() == null ? "" : " at " + role.lsn());
  }

  private static String siteProblem(String id, String problem) {
    return problem.startsWith("no answer within")
        ? problem + " (is `baton worker --site " + id + "` running next to its Docker engine?)"
        : problem;
  }

  /** An activity's answer, or why there was none. */
  private record Answer<T>(T value, String problem) {}

  private static <T> Answer<T> answer(Promise<T> promise) {
    try {
      return new Answer<>(promise.get(), "");
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof TimeoutFailure timeout
          && timeout.getTimeoutType() != TimeoutType.TIMEOUT_TYPE_HEARTBEAT) {
        return new Answer<>(null, "no answer within " + timeoutOf(e).toSeconds() + "s");
      }
      // The activity's own message: it says which site and what to try.
      return new Answer<>(null, Reasons.of(e));
    }
  }

  private static Duration timeoutOf(ActivityFailure e) {
    return e.getActivityType().startsWith("Site.") ? SITE_TIMEOUT : CONTROL_TIMEOUT;
  }

  private static SiteActivities siteStub(String project, String siteId) {
    return Workflow.newActivityStub(
        SiteActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(Names.siteQueue(project, siteId))
            .setScheduleToCloseTimeout(SITE_TIMEOUT)
            .setRetryOptions(TWICE)
            .build());
  }

  private static <T> T control(Class<T> type) {
    return Workflow.newActivityStub(
        type,
        ActivityOptions.newBuilder()
            .setScheduleToCloseTimeout(CONTROL_TIMEOUT)
            .setRetryOptions(TWICE)
            .build());
  }
}
