package dev.baton.testing;

import dev.baton.site.ActiveOnlyRequest;
import dev.baton.site.DeployRequest;
import dev.baton.site.DeployResult;
import dev.baton.site.SiteActivities;
import dev.baton.site.SiteRequest;
import dev.baton.site.SiteState;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/** One site of a {@link FakeWorld}: deploying just records the version. */
public final class FakeSite implements SiteActivities {
  private final String siteId;
  private final FakeWorld world;

  FakeSite(String siteId, FakeWorld world) {
    this.siteId = siteId;
    this.world = world;
  }

  @Override
  public SiteState describe(SiteRequest request) {
    if (world.deadEngines.contains(siteId)) {
      throw ApplicationFailure.newFailure(
          siteId + ": cannot reach Docker at unix:///tmp/none/" + siteId + ".sock",
          "DEPLOY_FAILED");
    }
    String version = world.versions.getOrDefault(siteId, "");
    return new SiteState(siteId, Map.of("api", version), true, "fake", Map.of("api", "healthy"));
  }

  @Override
  public DeployResult deploy(DeployRequest request) {
    world.calls.add(siteId + ".deploy " + request.version());
    java.util.concurrent.CountDownLatch held = world.deployHeld;
    if (held != null) {
      try {
        held.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      }
    }
    boolean changed = !request.version().equals(world.versions.put(siteId, request.version()));
    return new DeployResult(siteId, request.version(), Map.of(), changed, "fake deploy");
  }

  @Override
  public void setActiveOnlyServices(ActiveOnlyRequest request) {
    world.calls.add(siteId + ".activeOnly " + request.running());
  }
}
