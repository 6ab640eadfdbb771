package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.FailureKind;
import dev.baton.testing.Fault;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weighted shifts against a real nginx whose upstream block keeps idle connections ({@code
 * keepalive 16;} after the included server lines, as scripts/lib/env.sh writes it). That no request
 * is lost while the weights change is {@code NginxShiftUnderLoadTest}'s, in the bench module with
 * the load generator.
 */
class NginxWeightedShiftTest {
  @TempDir Path dir;
  private KeepaliveNginxSites sites;
  private Backend primary;
  private Backend secondary;
  private LocalNginx nginx;
  private Path upstreamFile;
  private NginxRouterActivities router;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(LocalNginx.installed(), "nginx is not installed at " + LocalNginx.BINARY);
    sites = new KeepaliveNginxSites(dir);
    primary = sites.primary;
    secondary = sites.secondary;
    nginx = sites.nginx;
    upstreamFile = sites.upstreamFile;
    router = sites.router;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (sites != null) {
      sites.close();
    }
  }

  @Test
  void tenThenFiftyPercentThenTheWholeSwitch() throws Exception {
    ShiftResult ten = router.shift(shift(10));

    assertThat(Files.readString(upstreamFile))
        .isEqualTo(
            "server "
                + primary.address()
                + " weight=9;\nserver "
                + secondary.address()
                + " weight=1;\n");
    assertThat(ten.detail())
        .startsWith(
            "nginx upstream primary (weight 9) and secondary (weight 1), "
                + secondary.address()
                + " answered in ");
    // One nginx worker, smooth weighted round robin: exactly 1 in 10 goes to the new site.
    assertThat(answers(40)).isEqualTo(Map.of(primary.address(), 36, secondary.address(), 4));
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("primary");

    router.shift(shift(50));
    assertThat(answers(40)).isEqualTo(Map.of(primary.address(), 20, secondary.address(), 20));
    assertThat(router.currentTarget(new RouterRequest("shop")))
        .as("a tie names the site traffic comes from")
        .isEqualTo("primary");
    long modified = Files.getLastModifiedTime(upstreamFile).toMillis();
    router.shift(shift(50));
    assertThat(Files.getLastModifiedTime(upstreamFile).toMillis())
        .as("idempotent: the same weights are not written again")
        .isEqualTo(modified);

    ShiftResult all = router.shift(shift(100));
    assertThat(all.detail()).startsWith("nginx upstream " + secondary.address() + " verified in ");
    assertThat(Files.readString(upstreamFile)).isEqualTo("server " + secondary.address() + ";\n");
    assertThat(answers(20)).isEqualTo(Map.of(secondary.address(), 20));
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo("secondary");
  }

  @Test
  void aSwitchBackFromASplitListsTheOldSiteAlone() throws Exception {
    router.shift(shift(50));

    router.switchTo(new SwitchRequest("shop", "secondary", "primary"));

    assertThat(Files.readString(upstreamFile)).isEqualTo("server " + primary.address() + ";\n");
    assertThat(answers(10)).isEqualTo(Map.of(primary.address(), 10));
  }

  @Test
  @Fault(
      dependency = "nginx",
      fault = "new site never answers through the front door",
      outcome = "switch not verified: upstream restored; traffic stays")
  void aNewSiteThatNeverAnswersRestoresTheUpstream() throws Exception {
    secondary.close(); // nginx answers 502 for every request it sends there
    String before = Files.readString(upstreamFile);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> router.shift(shift(50)));

    assertThat(failure.getType()).isEqualTo(FailureKind.SWITCH_FAILED.type());
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "router nginx: after shifting 50% to secondary, none of 20 requests to "
                + nginx.frontUrl()
                + " was answered by "
                + secondary.address()
                + " (answers: {")
        .contains(primary.address() + "=")
        // After the first failed request nginx rests the site (max_fails=1, fail_timeout=10s).
        .contains(secondary.address() + " (HTTP 502)=")
        .endsWith("; restored the previous upstream (primary)");
    assertThat(Files.readString(upstreamFile)).isEqualTo(before);
    assertThat(new SwitchVerifier(nginx.frontUrl()).awaitUpstream(primary.address(), 3)).isNull();
  }

  @Test
  void weightsAreTheSmallestIntegersInTheRatioOfTheShares() {
    assertThat(NginxRouterActivities.weights(10)).containsExactly(9, 1);
    assertThat(NginxRouterActivities.weights(25)).containsExactly(3, 1);
    assertThat(NginxRouterActivities.weights(50)).containsExactly(1, 1);
    assertThat(NginxRouterActivities.weights(33)).containsExactly(67, 33);
    assertThat(NginxRouterActivities.weights(90)).containsExactly(1, 9);
  }

  private static ShiftRequest shift(int percent) {
    return KeepaliveNginxSites.shift(percent);
  }

  /** Which upstream answered {@code count} requests (one nginx worker serves them all). */
  private Map<String, Integer> answers(int count) throws Exception {
    Map<String, Integer> out = new TreeMap<>();
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < count; i++) {
      HttpResponse<Void> response =
          http.send(
              java.net.http.HttpRequest.newBuilder(URI.create(nginx.frontUrl())).build(),
              HttpResponse.BodyHandlers.discarding());
      out.merge(
          response.headers().firstValue(SwitchVerifier.HEADER).orElse("none"), 1, Integer::sum);
    }
    return out;
  }
}
