package dev.baton.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.migrate.MigrateResult;
import dev.baton.release.ReleaseProgress;
import dev.baton.release.Step;
import dev.baton.smoke.SmokeKind;
import dev.baton.smoke.SmokeResult;
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
        false,
        java.util.List.of(),
        java.util.Map.of(),
        null);
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
  void smokeTestsAreListedWithTheOutputTailOfEachAndTerminalEscapesDefused() {
    ReleaseProgress p = progress(List.of());
    ReleaseProgress smoked =
        new ReleaseProgress(
            p.project(),
            p.version(),
            p.requestedBy(),
            p.activeSite(),
            p.standbySite(),
            p.currentStep(),
            p.waitingFor(),
            p.steps(),
            p.approvals(),
            p.outcome(),
            p.message(),
            p.rollback(),
            p.traffic(),
            p.notificationErrors(),
            p.rules(),
            p.signedDecisions(),
            List.of(
                new SmokeResult(
                    "e2e",
                    SmokeKind.SERVICE,
                    "smoke",
                    false,
                    "exit 3",
                    "listing orders\n\u001b[31mno orders\u001b[0m\n",
                    1250),
                new SmokeResult(
                    "orders", SmokeKind.HTTP, "api", true, "GET /orders: HTTP 200", "", 40)),
            java.util.Map.of(),
            null);

    assertThat(ProgressRenderer.render(smoked))
        .contains(
            String.format(
                "%nsmoke tests:%n"
                    + "  e2e (service smoke): FAILED, exit 3 in 1.3 s%n"
                    + "    | listing orders%n"
                    + "    | ?[31mno orders?[0m%n"
                    + "  orders (http api): passed, GET /orders: HTTP 200 in 0.0 s%n"));
  }

  @Test
  void theMigrationIsShownWithItsOutputTail() {
    ReleaseProgress p = progress(List.of());
    ReleaseProgress migrated =
        new ReleaseProgress(
            p.project(),
            p.version(),
            p.requestedBy(),
            p.activeSite(),
            p.standbySite(),
            p.currentStep(),
            p.waitingFor(),
            p.steps(),
            p.approvals(),
            p.outcome(),
            p.message(),
            p.rollback(),
            p.traffic(),
            p.notificationErrors(),
            p.rules(),
            p.signedDecisions(),
            List.of(),
            java.util.Map.of(),
            new MigrateResult(
                "migrate",
                "primary",
                true,
                0,
                "exit 0",
                "applying 002_order_note\n1 migration(s) applied\n",
                2400,
                "shop-primary-migrate-0123456789ab",
                false));

    assertThat(ProgressRenderer.render(migrated))
        .contains(
            String.format(
                "%nmigration: migrate on primary: passed, exit 0 in 2.4 s%n"
                    + "    | applying 002_order_note%n"
                    + "    | 1 migration(s) applied%n"));
    assertThat(ProgressRenderer.render(p)).doesNotContain("migration:");
  }

  @Test
  void progressFromBeforeTheFieldExistedShowsNothing() {
    ReleaseProgress old = progress(null);
    assertThat(old.notificationErrors()).isEmpty();
    assertThat(ProgressRenderer.render(old)).doesNotContain("notifications");
  }
}
