package dev.baton.worker;

import dev.baton.drill.DrillReport;
import dev.baton.drill.DrillRequest;
import dev.baton.drill.DrillWorkflow;
import dev.baton.failover.FailoverRequest;
import dev.baton.failover.FailoverResult;
import dev.baton.failover.FailoverWorkflow;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.Step;
import dev.baton.release.StepState;
import dev.baton.report.Phase;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Workflows that run until terminated and answer {@code progress} as the real ones would. */
final class OperationFakes {
  private OperationFakes() {}

  /** The release's workflow type and query, without its updates and signals. */
  @WorkflowInterface
  public interface FakeRelease {
    @WorkflowMethod(name = "Release")
    void run(String version);

    @QueryMethod(name = "progress")
    ReleaseProgress progress();
  }

  /** A router switch that takes until the test releases it. */
  @ActivityInterface(namePrefix = "Router.")
  public interface SlowRouter {
    @ActivityMethod
    void switchTo(String site);
  }

  public static final class SlowRouterImpl implements SlowRouter {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void switchTo(String site) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public static final class FakeReleaseImpl implements FakeRelease {
    private String version;

    @Override
    public void run(String version) {
      this.version = version;
      if (version.endsWith("-switching")) {
        Workflow.newActivityStub(
                SlowRouter.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build())
            .switchTo("secondary");
      }
      Workflow.await(() -> false);
    }

    @Override
    public ReleaseProgress progress() {
      return new ReleaseProgress(
          "shop",
          version,
          "carol",
          "primary",
          "secondary",
          Step.BAKE,
          null,
          List.of(),
          List.of(),
          null,
          "",
          null,
          null,
          List.of(),
          null,
          false,
          java.util.List.of(),
          java.util.Map.of(),
          null);
    }
  }

  public static final class FakeDrill implements DrillWorkflow {
    @Override
    public DrillReport run(DrillRequest request) {
      Workflow.await(() -> false);
      return null;
    }

    @Override
    public DrillReport progress() {
      return new DrillReport(
          "RUNNING",
          "primary",
          "secondary",
          "secondary",
          800,
          0,
          "",
          List.of(
              new Phase("validate", StepState.SUCCEEDED, 0, 100, ""),
              new Phase("bake", StepState.RUNNING, 0, 0, "")),
          "");
    }
  }

  public static final class FakeFailover implements FailoverWorkflow {
    @Override
    public FailoverResult run(FailoverRequest request) {
      Workflow.await(() -> false);
      return null;
    }

    @Override
    public FailoverResult progress() {
      return new FailoverResult(
          "RUNNING",
          "primary",
          "secondary",
          0,
          null,
          "",
          "",
          "",
          List.of(new Phase("confirm-down", StepState.RUNNING, 0, 0, "")),
          "");
    }
  }
}
