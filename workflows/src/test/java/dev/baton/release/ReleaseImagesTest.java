package dev.baton.release;

import static dev.baton.release.ReleaseTestRig.policy;
import static dev.baton.release.ReleaseTestRig.request;
import static dev.baton.release.ReleaseWorkflowTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.baton.FailureKind;
import dev.baton.images.ImageMode;
import dev.baton.images.ImagePolicy;
import dev.baton.images.PublishRequest;
import dev.baton.images.PublishResult;
import dev.baton.images.RunningImages;
import dev.baton.site.DeployRequest;
import dev.baton.site.Role;
import dev.baton.site.SiteRequest;
import dev.baton.testing.Fault;
import dev.baton.testing.PolicyCopy;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** {@code images.mode: registry}: build once, both sites run the same digests. */
class ReleaseImagesTest extends ReleaseTestBase {
  private static final String WEB = "127.0.0.1:5000/shop/web@sha256:" + "a".repeat(64);
  private static final String API = "127.0.0.1:5000/shop/api@sha256:" + "b".repeat(64);
  private static final String OTHER_WEB = "127.0.0.1:5000/shop/web@sha256:" + "c".repeat(64);
  private static final Map<String, String> PUBLISHED = Map.of("web", WEB, "api", API);
  private static final ReleasePolicy REGISTRY =
      PolicyCopy.of(policy(List.of()))
          .images(new ImagePolicy(ImageMode.REGISTRY, "127.0.0.1:5000", true))
          .build();

  private static RunningImages runs(String site, Map<String, String> digests) {
    return new RunningImages(site, Map.of("web", "v2", "api", "v2"), digests);
  }

  @BeforeEach
  void theStandbyPublishesAndBothSitesRunWhatWasPublished() {
    when(rig.secondaryImages.publish(any()))
        .thenReturn(new PublishResult("secondary", "v2", PUBLISHED, "v2 pushed"));
    when(rig.secondaryImages.running(any())).thenReturn(runs("secondary", PUBLISHED));
    when(rig.primaryImages.running(any())).thenReturn(runs("primary", PUBLISHED));
  }

  @Test
  void theStandbyPublishesOnceAndBothDeploysPullTheSameDigests() {
    rig.start(request(REGISTRY));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    InOrder order = inOrder(rig.secondaryImages, rig.secondary, rig.router, rig.primary);
    order
        .verify(rig.secondaryImages)
        .publish(new PublishRequest("shop", "secondary", "v2", "127.0.0.1:5000", true));
    order
        .verify(rig.secondary)
        .deploy(new DeployRequest("shop", "secondary", "v2", Role.STANDBY, PUBLISHED));
    // Checked before the switch, and again (on the new active) before the backfill.
    order.verify(rig.secondaryImages).running(new SiteRequest("shop", "secondary"));
    order.verify(rig.router).switchTo(any());
    order.verify(rig.secondaryImages).running(new SiteRequest("shop", "secondary"));
    order
        .verify(rig.primary)
        .deploy(new DeployRequest("shop", "primary", "v2", Role.STANDBY, PUBLISHED));
    verify(rig.primaryImages, never()).publish(any());
    assertThat(result.progress().images()).isEqualTo(PUBLISHED);
    assertThat(result.progress().step(Step.PUBLISH).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(result.progress().step(Step.PUBLISH).message()).isEqualTo("v2 pushed");
  }

  @Test
  @Fault(
      dependency = "registry",
      fault = "the standby runs another image digest of the version than the release published",
      outcome =
          "IMAGE_MISMATCH before the switch, naming service, site and both digests; traffic"
              + " untouched")
  void aStandbyRunningOtherDigestsRefusesTheSwitchWithTrafficUntouched() {
    when(rig.secondaryImages.running(any()))
        .thenReturn(runs("secondary", Map.of("web", OTHER_WEB, "api", API)));

    rig.start(request(REGISTRY));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo(FailureKind.IMAGE_MISMATCH.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "switch: switch refused: secondary and primary would run different images of v2: web"
                + " on secondary runs sha256:"
                + "c".repeat(64)
                + ", but v2 is sha256:"
                + "a".repeat(64)
                + "; nothing was moved; traffic stays on primary");
    verify(rig.router, never()).switchTo(any());
    verify(rig.primary, never()).deploy(any());
  }

  @Test
  @Fault(
      dependency = "registry",
      fault =
          "the new active site runs another image digest than the release published, found"
              + " before the backfill",
      outcome =
          "IMAGE_MISMATCH before the backfill; the former active site is not deployed;"
              + " traffic stays on the new version")
  void anActiveSiteRunningOtherDigestsRefusesTheBackfillWithNothingDeployed() {
    when(rig.secondaryImages.running(any()))
        .thenReturn(runs("secondary", PUBLISHED))
        .thenReturn(runs("secondary", Map.of("web", WEB)));

    rig.start(request(REGISTRY));
    ApplicationFailure failure = failureOf(rig.stub());

    assertThat(failure.getType()).isEqualTo(FailureKind.IMAGE_MISMATCH.type());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "backfill: backfill refused: secondary and primary would run different images of v2:"
                + " api on secondary runs no image from the registry (expected sha256:"
                + "b".repeat(64)
                + "); nothing was moved; traffic stays on secondary");
    verify(rig.router).switchTo(any());
    verify(rig.primary, never()).deploy(any());
    ReleaseProgress progress = failure.getDetails().get(ReleaseProgress.class);
    assertThat(progress.step(Step.BACKFILL).state()).isEqualTo(StepState.FAILED);
  }

  @Test
  void inModeBuildNothingIsPublishedAndEachSiteBuilds() {
    rig.start(request(policy(List.of())));
    ReleaseResult result = rig.stub().run(null);

    assertThat(result.outcome()).isEqualTo("SUCCEEDED");
    assertThat(result.progress().step(Step.PUBLISH).state()).isEqualTo(StepState.SKIPPED);
    assertThat(result.progress().images()).isEmpty();
    verify(rig.secondary).deploy(new DeployRequest("shop", "secondary", "v2", Role.STANDBY));
    verifyNoInteractions(rig.primaryImages, rig.secondaryImages);
  }
}
