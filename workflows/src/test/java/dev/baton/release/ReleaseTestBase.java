package dev.baton.release;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh test Temporal service per test, with the release workflow and mocked activities. */
abstract class ReleaseTestBase {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ReleaseWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  ReleaseTestRig rig;
  TestWorkflowEnvironment env;

  @BeforeEach
  void setUpRig(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    rig = new ReleaseTestRig(env, worker);
  }
}
