package dev.baton.router;

import dev.baton.config.BatonConfig;
import dev.baton.config.NginxRouterConfig;
import dev.baton.process.PhaseTimer;
import dev.baton.router.UpstreamFile.Server;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nginx router: the upstream file names the active site's address. A switch rewrites it
 * atomically, checks it with {@code nginx -t}, reloads, then verifies through nginx's own listener
 * that responses come from the new site; any failure restores the previous file. A weighted shift
 * does the same with both sites' addresses and {@code weight=} values in the file.
 */
public final class NginxRouterActivities implements RouterActivities {
  private static final Logger log = LoggerFactory.getLogger(NginxRouterActivities.class);
  // Old workers finish the requests they are serving before they exit; a slow request must not
  // hold the switch, so after this long baton verifies with more answers instead.
  private static final Duration OLD_WORKERS_MAX = Duration.ofSeconds(3);
  private static final RouterFailures FAIL = new RouterFailures("nginx");
  private final NginxRouterConfig router;
  private final UpstreamFile upstream;
  private final Nginx nginx;
  private final VerifiedMove move;
  private final NginxWorkers workers;

  public NginxRouterActivities(BatonConfig config) {
    this((NginxRouterConfig) config.router());
  }

  NginxRouterActivities(NginxRouterConfig router) {
    this.router = router;
    this.upstream = new UpstreamFile(router.upstreamFile());
    this.nginx = new Nginx(router.nginxConfig());
    this.move = new VerifiedMove(FAIL, new SwitchVerifier(router.frontUrl()), log, "upstream");
    this.workers = new NginxWorkers(router.nginxConfig());
  }

  /** The site with the larger weight; the first listed (the one traffic comes from) on a tie. */
  @Override
  public String currentTarget(RouterRequest request) {
    List<Server> servers = serversIn(content());
    Server heaviest = servers.stream().max(Comparator.comparingInt(Server::weight)).orElseThrow();
    return siteAt(heaviest.address());
  }

  @Override
  public SwitchResult switchTo(SwitchRequest request) {
    PhaseTimer timer = new PhaseTimer();
    String target = addressOf(request.toSite());
    // Marks the start of the move in the log: bench/switch-load-bench measures from here.
    log.info("router moving traffic to {} ({})", request.toSite(), target);
    String previous = content(); // the file is read once per switch
    List<Server> current = serversIn(previous);
    // Written and reloaded even when the file names the target already: an attempt whose worker
    // died between its write and its reload left a file nginx never loaded, and its retry must
    // not take the file's word for where traffic goes.
    boolean oldWorkersGone =
        rewrite(
            previous,
            UpstreamFile.withServers(previous, List.of(new Server(target, 1))),
            current,
            timer);
    // Once the old workers are gone nothing can answer with the old config, so a few answers
    // prove the switch; while they linger, it takes a longer run of answers.
    return move.switched(
        request,
        target,
        oldWorkersGone ? 3 : 20,
        restoring(previous, current),
        timer,
        "nginx upstream " + target);
  }

  /**
   * Lists both sites with weights in the ratio of the shares (10% → 9:1), then sends requests
   * through the front door until one comes from the new site. 100% is a {@link #switchTo}.
   */
  @Override
  public ShiftResult shift(ShiftRequest request) {
    ShiftResult whole = FAIL.wholeShift(request, this::switchTo);
    if (whole != null) {
      return whole;
    }
    log.info("router shifting {}% of traffic to {}", request.percent(), request.toSite());
    PhaseTimer timer = new PhaseTimer();
    List<Server> wanted = weighted(request);
    String previous = content();
    List<Server> current = serversIn(previous);
    if (!current.equals(wanted)) {
      rewrite(previous, UpstreamFile.withServers(previous, wanted), current, timer);
    }
    String to = wanted.get(1).address();
    return move.shifted(
        request,
        to,
        restoring(previous, current),
        timer,
        "nginx upstream " + describe(wanted) + ", " + to);
  }

  /** The old site first, then the new one, weighted in the ratio of their shares. */
  private List<Server> weighted(ShiftRequest request) {
    int[] weights = weights(request.percent());
    return List.of(
        new Server(addressOf(request.fromSite()), weights[0]),
        new Server(addressOf(request.toSite()), weights[1]));
  }

  /** The smallest integer weights of the old and the new site: 10% → {9, 1}, 25% → {3, 1}. */
  static int[] weights(int percent) {
    int divisor = gcd(100 - percent, percent);
    return new int[] {(100 - percent) / divisor, percent / divisor};
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /**
   * Writes {@code next}, runs {@code nginx -t} and reload, and waits for the old workers; true once
   * they exited. Restores {@code previous} when nginx refuses it.
   */
  private boolean rewrite(String previous, String next, List<Server> current, PhaseTimer timer) {
    Set<Long> oldWorkers = workers.current();
    try {
      upstream.write(next);
    } catch (IllegalStateException e) {
      throw FAIL.badConfig(e.getMessage() + "; traffic stays on " + describe(current));
    }
    String problem = nginx.testAndReload();
    timer.done("nginx -t and reload");
    if (problem != null) {
      restore(previous);
      throw FAIL.switchFailed(
          problem
              + "; restored "
              + router.upstreamFile()
              + ", traffic stays on "
              + describe(current));
    }
    boolean oldWorkersGone = NginxWorkers.awaitExit(oldWorkers, OLD_WORKERS_MAX);
    timer.done("old workers exited");
    if (!oldWorkersGone) {
      log.warn("old nginx workers still busy after {}; verifying longer", OLD_WORKERS_MAX);
    }
    return oldWorkersGone;
  }

  /** The file as it was ({@code previous}), naming {@code current}'s sites. */
  private VerifiedMove.Previous restoring(String previous, List<Server> current) {
    return new VerifiedMove.Previous(() -> restore(previous), () -> describe(current));
  }

  private void restore(String previous) {
    try {
      upstream.write(previous);
    } catch (IllegalStateException e) {
      log.error("could not restore {}: {}", router.upstreamFile(), e.getMessage());
      return;
    }
    String problem = nginx.testAndReload();
    if (problem != null) {
      log.error("could not reload nginx after restoring {}: {}", router.upstreamFile(), problem);
    }
  }

  private String content() {
    try {
      return upstream.content();
    } catch (IllegalStateException e) {
      throw FAIL.badConfig(e.getMessage());
    }
  }

  private List<Server> serversIn(String content) {
    try {
      return upstream.servers(content);
    } catch (IllegalStateException e) {
      throw FAIL.badConfig(e.getMessage());
    }
  }

  private String addressOf(String site) {
    String address = router.upstreams().get(site);
    if (address == null) {
      throw FAIL.badConfig("no upstream for site '" + site + "' in router.upstreams (add one)");
    }
    return address;
  }

  /** "primary", or "primary (weight 9) and secondary (weight 1)" while traffic is split. */
  private String describe(List<Server> servers) {
    if (servers.size() == 1) {
      return siteAt(servers.get(0).address());
    }
    return servers.stream()
        .map(s -> siteAt(s.address()) + " (weight " + s.weight() + ")")
        .collect(Collectors.joining(" and "));
  }

  private String siteAt(String address) {
    return router.upstreams().entrySet().stream()
        .filter(e -> e.getValue().equals(address))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () ->
                FAIL.badConfig(
                    "the nginx upstream "
                        + address
                        + " is none of the sites' "
                        + router.upstreams()
                        + " (router.upstreams)"));
  }
}
