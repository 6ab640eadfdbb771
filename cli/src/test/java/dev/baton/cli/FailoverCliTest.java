package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.CliHarness.Run;
import dev.baton.failover.FailoverRequest;
import dev.baton.testing.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `baton failover` against the embedded Temporal service and a fake FailoverWorkflow. */
class FailoverCliTest {
  @RegisterExtension final OpsHarness harness = new OpsHarness();

  @Test
  void aFailoverIsFollowedPhaseByPhaseThenReported() {
    Run run = harness.baton("failover", "--reason", "dc1 lost power", "--as", "alice");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("started failover of shop as alice (workflow baton-failover-shop)\n")
        .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d confirm-down +succeeded in 0\\.\\ds: 3 probes")
        .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d switch +succeeded in 0\\.\\ds: traffic on")
        .contains("failover of shop: SUCCEEDED\n  primary -> secondary\n  RTO 7.4s\n")
        .contains("  RPO 0: primary's database was fenced and its last write replayed\n")
        .contains("  fenced: router, database\n")
        .contains("  pre-empted: release v2 (step bake)\n")
        .containsPattern("(?m)^promote +succeeded +\\d\\d:\\d\\d:\\d\\d +0\\.\\ds  secondary's")
        .endsWith("failover done: secondary active\n");
    // Each phase's end line appears once, however many polls saw it.
    assertThat(run.out().split("confirm-down +succeeded in", -1)).hasSize(2);

    FailoverRequest sent = harness.input("baton-failover-shop", FailoverRequest.class);
    assertThat(sent.toSite()).isNull();
    assertThat(sent.force()).isFalse();
    assertThat(sent.reason()).isEqualTo("dc1 lost power");
    assertThat(sent.requestedBy()).isEqualTo("alice");
    // The failover reads the control worker's rules and sites; the caller's do not travel.
    assertThat(sent.siteIds()).isEmpty();
    assertThat(sent.policy()).isNull();
    assertThat(sent.firstFailedProbeAtMillis()).isNull();

    Run status = harness.baton("failover", "status");
    assertThat(status.code()).isZero();
    assertThat(status.out()).startsWith("failover of shop: SUCCEEDED\n");
  }

  @Test
  void forceAndToAreSentAndDetachReturnsAtOnce() {
    Run run = harness.baton("failover", "--to", "secondary", "--force", "--detach");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "started failover of shop to secondary as carol (workflow baton-failover-shop)\n"
                + "follow it with: baton failover status --watch\n");
    FailoverRequest sent = harness.input("baton-failover-shop", FailoverRequest.class);
    assertThat(sent.toSite()).isEqualTo("secondary");
    assertThat(sent.force()).isTrue();
    assertThat(sent.requestedBy()).isEqualTo("carol");

    Run second = harness.baton("failover", "--to", "secondary");
    assertThat(second.out())
        .startsWith(
            "a failover of shop is already running (workflow baton-failover-shop); following it"
                + " instead (this command's options are not applied)\n")
        .contains("failover of shop: SUCCEEDED");
    assertThat(second.out()).as("--force skipped the confirmation").doesNotContain("confirm-down");
    assertThat(second.code()).isZero();
  }

  @Test
  @Fault(
      dependency = "site id",
      fault = "unknown site (CLI)",
      outcome = "refused before anything starts; exit 2")
  void anUnknownSiteIsBadInputAndARefusalExitsThree() {
    Run unknown = harness.baton("failover", "--to", "dc9");
    assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err())
        .isEqualTo("baton: --to dc9: unknown site (known sites: primary, secondary)\n");

    Run refused = harness.baton("failover", "--to", "primary");
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.out())
        .contains("failover of shop: FAILOVER_REFUSED")
        .endsWith("primary is the active site; fail over to the standby\n");
  }
}
