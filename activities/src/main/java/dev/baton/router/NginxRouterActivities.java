package dev.baton.router;

import dev.baton.config.BatonConfig;
import dev.baton.config.NginxRouterConfig;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nginx router: the upstream file names the active site's address. A switch rewrites it
 * atomically, checks it with {@code nginx -t}, reloads, then verifies through nginx's own listener
 * that responses come from the new site; any failure restores the previous file.
 */
public final class NginxRouterActivities implements RouterActivities {
  private static final Logger log = LoggerFactory.getLogger(NginxRouterActivities.class);
  private static final RouterFailures FAIL = new RouterFailures("nginx");
  private final NginxRouterConfig router;
  private final UpstreamFile upstream;
  private final Nginx nginx;
  private final SwitchVerifier verifier;

  public NginxRouterActivities(BatonConfig config) {
    this((NginxRouterConfig) config.router());
  }

  NginxRouterActivities(NginxRouterConfig router) {
    this.router = router;
    this.upstream = new UpstreamFile(router.upstreamFile());
    this.nginx = new Nginx(router.nginxConfig());
    this.verifier = new SwitchVerifier(router.frontUrl());
  }

  @Override
  public String currentTarget(RouterRequest request) {
    return siteAt(read());
  }

  @Override
  public SwitchResult switchTo(SwitchRequest request) {
    long started = System.nanoTime();
    String target = router.upstreams().get(request.toSite());
    if (target == null) {
      throw FAIL.badConfig(
          "no upstream for site '" + request.toSite() + "' in router.upstreams (add one)");
    }
    String previous = content();
    String current = read();
    if (!current.equals(target)) {
      try {
        upstream.write(UpstreamFile.replaceAddress(previous, target));
      } catch (IllegalStateException e) {
        throw FAIL.badConfig(e.getMessage() + "; traffic stays on " + siteAt(current));
      }
      String problem = nginx.testAndReload();
      if (problem != null) {
        restore(previous);
        throw FAIL.switchFailed(
            problem
                + "; restored "
                + router.upstreamFile()
                + ", traffic stays on "
                + siteAt(current));
      }
    }
    String verified = verifier.awaitUpstream(target);
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
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info("router now sends traffic to {} ({}) after {} ms", request.toSite(), target, millis);
    return new SwitchResult(request.toSite(), millis, "nginx upstream " + target + " verified");
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

  private String read() {
    try {
      return upstream.address();
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
