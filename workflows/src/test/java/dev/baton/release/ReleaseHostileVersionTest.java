package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A release started through Temporal's API or Web UI never passes the CLI's check of --version: the
 * workflow checks it again before it asks anything of anyone.
 */
class ReleaseHostileVersionTest extends ReleaseTestBase {

  @ParameterizedTest
  @ValueSource(strings = {"-rm", "v1;rm -rf /", "$(id)", "", "v1\nbaton", "v1✓", ".hidden"})
  @Fault(
      dependency = "--version",
      fault = "not an image tag, started through the API (no CLI)",
      outcome = "release fails BAD_REQUEST at plan naming the version; no activity runs")
  void aVersionThatIsNotAnImageTagEndsTheReleaseBeforeAnythingRuns(String version) {
    ApplicationFailure failure = release(version);

    assertThat(failure.getType()).isEqualTo("BAD_REQUEST");
    assertThat(failure.getOriginalMessage())
        .startsWith("plan: '")
        .contains("' is not a valid version: use an image tag")
        .endsWith("; traffic untouched")
        .doesNotContain("\n");
    verify(rig.router, never()).currentTarget(any());
    verify(rig.secondary, never()).deploy(any());
    verify(rig.primary, never()).deploy(any());
  }

  @ParameterizedTest
  // Beyond ~4 MB Temporal itself refuses the start (gRPC message limit).
  @ValueSource(ints = {129, 10_000})
  void aVersionTooLongIsShownShortened(int length) {
    ApplicationFailure failure = release("v".repeat(length));

    assertThat(failure.getType()).isEqualTo("BAD_REQUEST");
    assertThat(failure.getOriginalMessage())
        .startsWith("plan: '" + "v".repeat(60) + "...' is not a valid version")
        .hasSizeLessThan(300);
    verify(rig.router, never()).currentTarget(any());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u001b[2Jcarol",
        "car\u202eol",
        "",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void aRequesterNameThatIsEmptyTooLongOrUnprintableEndsTheReleaseBeforeAnythingRuns(String name) {
    rig.start(new ReleaseRequest("shop", "v2", name, List.of(), null));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo("BAD_REQUEST");
    assertThat(failure.getOriginalMessage())
        .startsWith("plan: requested by: ")
        .doesNotContain("\u001b")
        .doesNotContain("\u202e");
    verify(rig.router, never()).currentTarget(any());
  }

  private ApplicationFailure release(String version) {
    rig.start(
        new ReleaseRequest(
            "shop", version, "carol", List.of("primary", "secondary"), policy(List.of())));
    return failureOf(rig.stub());
  }
}
