package dev.baton.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.baton.Names;
import dev.baton.database.ReseedResult;
import dev.baton.drill.DrillReport;
import dev.baton.drill.DrillRequest;
import dev.baton.drill.DrillWorkflow;
import dev.baton.drill.DrillWorkflowImpl;
import dev.baton.failover.FailoverResult;
import dev.baton.failover.FailoverWorkflowImpl;
import dev.baton.monitor.MonitorPolicy;
import dev.baton.monitor.MonitorRequest;
import dev.baton.monitor.MonitorStatus;
import dev.baton.monitor.MonitorWorkflow;
import dev.baton.monitor.MonitorWorkflowImpl;
import dev.baton.report.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes the histories that FailoverReplayTest, MonitorReplayTest and DrillReplayTest replay, on
 * the mocked sites of {@link MockedSitesTestBase}. Run it again only when a change to one of these
 * workflows is meant to be incompatible with running ones (and then say so), or to record a new
 * history for a new {@code Workflow.getVersion}. The first argument names the workflow ({@code
 * failover}, {@code monitor} or {@code drill}), the second the resource to write (it defaults to
 * the newest of that workflow's), from the repository's root:
 *
 * <pre>mvn -pl workflows test-compile dependency:build-classpath -Dmdep.outputFile=target/cp
 * java -cp workflows/target/test-classes:workflows/target/classes:$(cat workflows/target/cp) \
 *     dev.baton.testing.SitesHistoryRecorder failover /histories/failover-parallel-plan.json</pre>
 *
 * <p>The histories of the code before a version are recorded on a checkout of that code: {@link
 * #FAILOVER_SEQUENTIAL_PLAN} and {@link #MONITOR_FIXED_DELAY} at commit f1b1a21 (in a second
 * worktree, with this class and {@link PolicyCopy} copied in), then copied here.
 */
public final class SitesHistoryRecorder extends MockedSitesTestBase {
  /** A full failover recorded before {@code parallel-plan}: running, then currentTarget. */
  public static final String FAILOVER_SEQUENTIAL_PLAN = "/histories/failover-sequential-plan.json";

  /** A full failover recorded with {@code parallel-plan} version 1: both at once. */
  public static final String FAILOVER_PARALLEL_PLAN = "/histories/failover-parallel-plan.json";

  /** An automatic failover by the monitor, recorded before {@code fixed-rate-probes}. */
  public static final String MONITOR_FIXED_DELAY = "/histories/monitor-fixed-delay.json";

  /** An automatic failover by the monitor, recorded with {@code fixed-rate-probes} version 1. */
  public static final String MONITOR_FIXED_RATE = "/histories/monitor-fixed-rate.json";

  /** A drill with a replicated database: switchover, bake, switchover back, reseeds. */
  public static final String DRILL_REPLICATED = "/histories/drill-replicated.json";

  /** The phases of a failover with a replicated database and active-only services. */
  static final List<String> FULL_FAILOVER =
      List.of(
          "plan",
          "confirm-down",
          "check-standby",
          "preempt",
          "route",
          "fence",
          "promote",
          "start-active-only",
          "verify");

  private SitesHistoryRecorder() {}

  public static void main(String[] args) throws Exception {
    String which = args[0];
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try {
      Worker worker = env.newWorker(Names.controlQueue(PROJECT));
      worker.registerWorkflowImplementationTypes(
          FailoverWorkflowImpl.class, MonitorWorkflowImpl.class, DrillWorkflowImpl.class);
      SitesHistoryRecorder rig = new SitesHistoryRecorder();
      rig.setUpWorld(env, worker);
      rig.siteWorkers("primary", "secondary");
      String workflowId;
      String resource;
      switch (which) {
        case "failover" -> {
          workflowId = rig.failover();
          resource = FAILOVER_PARALLEL_PLAN;
        }
        case "monitor" -> {
          workflowId = rig.monitor();
          resource = MONITOR_FIXED_RATE;
        }
        case "drill" -> {
          workflowId = rig.drill();
          resource = DRILL_REPLICATED;
        }
        default -> throw new IllegalArgumentException("failover, monitor or drill: " + which);
      }
      String json = env.getWorkflowClient().fetchHistory(workflowId).toJson(true);
      Path out = Path.of("workflows/src/test/resources" + (args.length > 1 ? args[1] : resource));
      Files.createDirectories(out.getParent());
      Files.writeString(out, json);
      System.out.println("wrote " + out);
    } finally {
      env.close();
    }
  }

  /** Primary is down: a failover that confirms it and takes every phase. */
  private String failover() {
    FailoverResult result = run(request(policy(true))).progress();
    List<String> phases = result.phases().stream().map(Phase::name).toList();
    if (!"SUCCEEDED".equals(result.outcome()) || !phases.equals(FULL_FAILOVER)) {
      throw new IllegalStateException("not the full failover: " + result);
    }
    return Names.failoverWorkflowId(PROJECT);
  }

  /**
   * A monitor with automatic failover sees primary answer, then fail three probes, fails over to
   * secondary (a child FailoverWorkflow) and is stopped.
   */
  private String monitor() {
    down.clear();
    MonitorPolicy policy =
        new MonitorPolicy(Duration.ofSeconds(2), 3, true, 16 << 20, Duration.ofSeconds(30));
    controlRules(null, policy(true), policy, null);
    env.start();
    String id = Names.monitorWorkflowId(PROJECT);
    MonitorWorkflow monitor =
        env.getWorkflowClient()
            .newWorkflowStub(
                MonitorWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(id)
                    .build());
    WorkflowClient.start(
        monitor::run,
        new MonitorRequest(PROJECT, TestRules.SITES, "carol", policy, policy(true), null));
    // Waited for by what the monitor saw, not by a duration: the test service may skip time
    // before the first tick ran, which had recorded no healthy probe at all.
    awaitStatus(monitor, s -> "HEALTHY".equals(s.standbyHealth()) && s.probes() >= 2);
    down.add("primary");
    MonitorStatus failedOver = awaitStatus(monitor, s -> "secondary".equals(s.activeSite()));
    // And one probe of the new active site before the stop.
    awaitStatus(monitor, s -> s.probes() > failedOver.probes());
    FailoverResult failover =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(Names.failoverWorkflowId(PROJECT))
            .getResult(FailoverResult.class);
    if (!"SUCCEEDED".equals(failover.outcome())
        || failedOver.events().stream().noneMatch(e -> e.contains("3 probes failed"))) {
      throw new IllegalStateException("the monitor did not fail over: " + failedOver);
    }
    monitor.stop("carol");
    env.getWorkflowClient().newUntypedWorkflowStub(id).getResult(Void.class);
    return id;
  }

  /** Lets test time pass until the monitor's status matches (20 s of real time at most). */
  private MonitorStatus awaitStatus(MonitorWorkflow monitor, Predicate<MonitorStatus> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    MonitorStatus status = monitor.status();
    while (!until.test(status)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the monitor did not get there: " + status);
      }
      env.sleep(Duration.ofMillis(500));
      status = monitor.status();
    }
    return status;
  }

  /** A drill of a healthy world with a replicated database, switching back after its bake. */
  private String drill() {
    down.clear();
    when(primaryDatabase.reseed(any())).thenReturn(new ReseedResult(900, 40, "pg_basebackup"));
    when(secondaryDatabase.reseed(any())).thenReturn(new ReseedResult(800, 30, "pg_basebackup"));
    var release = PolicyCopy.of(TestRules.release()).replicatedDatabase(true).build();
    controlRules(release, null, null, Duration.ofSeconds(30));
    env.start();
    String id = Names.drillWorkflowId(PROJECT);
    DrillWorkflow drill =
        env.getWorkflowClient()
            .newWorkflowStub(
                DrillWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(id)
                    .build());
    WorkflowClient.start(
        drill::run,
        new DrillRequest(
            PROJECT, TestRules.SITES, "scheduler", release, Duration.ofSeconds(30), false));
    DrillReport report =
        env.getWorkflowClient().newUntypedWorkflowStub(id).getResult(DrillReport.class);
    if (!"SUCCEEDED".equals(report.outcome())) {
      throw new IllegalStateException("the drill did not pass: " + report);
    }
    return id;
  }
}
