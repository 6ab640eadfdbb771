package dev.baton.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.release.ReleaseProgress;
import dev.baton.release.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
  private static ReleaseProgress progress(List<String> notificationErrors) {
    return new ReleaseProgress(
        "shop",
        "v2",
        "carol",
        "secondary",
        "primary",
        Step.DONE,
        null,
        List.of(),
        List.of(),
        "SUCCEEDED",
        "release v2 done",
        null,
        null,
        notificationErrors,
        null,
        false);
  }

  @Test
  void notificationsThatWereNotDeliveredAreListed() {
    assertThat(
            ProgressRenderer.render(
                progress(
                    List.of(
                        "approval-needed: webhook answered HTTP 500: internal_error",
                        "release-succeeded: webhook not reachable: ConnectException"))))
        .contains(
            String.format(
                "%nnotifications not delivered:%n"
                    + "  approval-needed: webhook answered HTTP 500: internal_error%n"
                    + "  release-succeeded: webhook not reachable: ConnectException%n"));
  }

  @Test
  void progressFromBeforeTheFieldExistedShowsNothing() {
    ReleaseProgress old = progress(null);
    assertThat(old.notificationErrors()).isEmpty();
    assertThat(ProgressRenderer.render(old)).doesNotContain("notifications");
  }
}
