package dev.baton.cli;

import static dev.baton.cli.CliHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.ReleaseStatusJson.MovesUnderLoad;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.load.LoadReport;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
import dev.baton.router.Routers;
import dev.baton.router.ShiftRequest;
import dev.baton.router.SwitchRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local environment with haproxy as the router (examples/shop/baton-haproxy.yml): a release's
 * switch and rollback under load lose no request, a weighted shift sends the new site its share,
 * and a restarted haproxy keeps the target. One environment for the whole class: CI time is short.
 */
class RealHaproxyRouterTest {
  private static final URI FRONT = BackgroundLoad.VERSION;
  private static final Map<String, String> ADDRESS =
      Map.of("primary", "127.0.0.1:3000", "secondary", "127.0.0.1:3001");

  @RegisterExtension
  static final LocalSites localSites = LocalSites.withRouter("haproxy", LocalSites.HAPROXY_CONFIG);

  private static CliHarness harness;
  private static ReleaseStatusJson release;
  private static RouterActivities router;

  @BeforeAll
  static void start() {
    harness = localSites.harness();
    release = new ReleaseStatusJson(harness);
    ok(harness.baton("deploy", "--site", "primary", "--version", "v1"));
    ok(harness.baton("deploy", "--site", "secondary", "--version", "v1"));
    BatonConfig config = ConfigLoader.load(LocalSites.HAPROXY_CONFIG, Map.of());
    router = Routers.forConfig(config);
  }

  @Test
  void aReleaseSwitchAndRollbackUnderLoadLoseNoRequest(@TempDir Path dir) throws Exception {
    String active = router.currentTarget(new RouterRequest("shop"));
    String standby = other(active);
    MovesUnderLoad moves =
        release.switchThenRollBackUnder(
            BackgroundLoad.untilStopped(FRONT, 50, dir), "haproxy test");

    LoadReport report = moves.report();
    assertThat(report.failed()).as(report.summary()).isZero();
    moves.assertEachMoveFinished(ADDRESS.get(active), ADDRESS.get(standby));
    assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo(active);
  }

  @Test
  void aWeightedShiftSendsTheNewSiteItsShareAndLosesNoRequest() throws Exception {
    String from = router.currentTarget(new RouterRequest("shop"));
    String to = other(from);
    try {
      router.shift(new ShiftRequest("shop", from, to, 10));
      // 4 s at 50/s: 200 requests, of which haproxy's smooth weighted round robin (181:20) sends
      // about 20 to the new site; the bounds leave room for the switch verification's requests.
      LoadReport tenPercent = BackgroundLoad.lasting(FRONT, 50, Duration.ofSeconds(4)).report();
      assertThat(tenPercent.failed()).as(tenPercent.summary()).isZero();
      long toNew = tenPercent.byUpstream().getOrDefault(ADDRESS.get(to), 0L);
      assertThat(toNew).as(tenPercent.summary()).isBetween(10L, 35L);
      assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo(from);

      router.shift(new ShiftRequest("shop", from, to, 50));
      assertThat(router.currentTarget(new RouterRequest("shop")))
          .as("at 50 percent the site traffic comes from is still the target")
          .isEqualTo(from);
    } finally {
      router.switchTo(new SwitchRequest("shop", to, from));
    }
    assertThat(upstreamOfOneRequest()).isEqualTo(ADDRESS.get(from));
  }

  @Test
  void aRestartedHaproxyKeepsTheTarget() throws Exception {
    String from = router.currentTarget(new RouterRequest("shop"));
    String to = other(from);
    router.switchTo(new SwitchRequest("shop", from, to));
    try {
      LocalSites.env("router-restart");

      assertThat(router.currentTarget(new RouterRequest("shop"))).isEqualTo(to);
      assertThat(upstreamOfOneRequest()).isEqualTo(ADDRESS.get(to));
    } finally {
      router.switchTo(new SwitchRequest("shop", to, from));
    }
  }

  private static String upstreamOfOneRequest() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(FRONT).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.headers().firstValue("X-Baton-Upstream").orElse(null);
  }

  private static String other(String site) {
    return site.equals("primary") ? "secondary" : "primary";
  }
}
