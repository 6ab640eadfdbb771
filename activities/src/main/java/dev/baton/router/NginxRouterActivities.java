package dev.baton.router;

import dev.baton.config.BatonConfig;
import dev.baton.config.NginxRouterConfig;
import dev.baton.process.PhaseTimer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nginx router: the upstream file names the active site's address. A switch rewrites it
 * atomically, checks it with {@code nginx -t}, reloads, then verifies through nginx's own listener
 * that responses come from the new site; any failure restores the previous file.
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
  private final SwitchVerifier verifier;
  private final NginxWorkers workers;

  public NginxRouterActivities(BatonConfig config) {
    this((NginxRouterConfig) config.router());
  }

  NginxRouterActivities(NginxRouterConfig router) {
    this.router = router;
    this.upstream = new UpstreamFile(router.upstreamFile());
    this.nginx = new Nginx(router.nginxConfig());
    this.verifier = new SwitchVerifier(router.frontUrl());
    this.workers = new NginxWorkers(router.nginxConfig());
  }

  @Override
  public String currentTarget(RouterRequest request) {
    return siteAt(addressIn(content()));
  }

  @Override
  public SwitchResult switchTo(SwitchRequest request) {
    PhaseTimer timer = new PhaseTimer();
    String target = router.upstreams().get(request.toSite());
    if (target == null) {
      throw FAIL.badConfig(
          "no upstream for site '" + request.toSite() + "' in router.upstreams (add one)");
    }
    String previous = content();
    String current = addressIn(previous); // the file is read once per switch
    boolean oldWorkersGone = true;
    if (!current.equals(target)) {
      Set<Long> oldWorkers = workers.current();
      try {
        upstream.write(UpstreamFile.replaceAddress(previous, target));
      } catch (IllegalStateException e) {
        throw FAIL.badConfig(e.getMessage() + "; traffic stays on " + siteAt(current));
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
                + siteAt(current));
      }
      oldWorkersGone = NginxWorkers.awaitExit(oldWorkers, OLD_WORKERS_MAX);
      timer.done("old workers exited");
      if (!oldWorkersGone) {
        log.warn("old nginx workers still busy after {}; verifying longer", OLD_WORKERS_MAX);
      }
    }
    // Once the old workers are gone nothing can answer with the old config, so a few answers
    // prove the switch; while they linger, it takes a longer run of answers.
    String verified = verifier.awaitUpstream(target, oldWorkersGone ? 3 : 20);
    timer.done("verified");
    if (verified != null) {
      restore(previous);
      throw FAIL.switchFailed(
          "after the switch to "
              + request.toSite()
              + ", "
              + verified
              + "; restored the previous upstream ("
              + siteAt(current)
              + ")");
    }
    String detail = "nginx upstream " + target + " verified " + timer.summary();
    log.info("router now sends traffic to {}: {}", request.toSite(), detail);
    return new SwitchResult(request.toSite(), timer.elapsedMillis(), detail);
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

  private String addressIn(String content) {
    try {
      return upstream.address(content);
    } catch (IllegalStateException e) {
      throw FAIL.badConfig(e.getMessage());
    }
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
