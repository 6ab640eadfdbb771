package dev.baton.testing;

import dev.baton.database.DatabaseActivities;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.DatabaseRoleResult;
import dev.baton.database.FenceResult;
import dev.baton.database.PromoteResult;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplayResult;
import dev.baton.database.ReplicationRequest;
import dev.baton.database.ReplicationStatus;
import dev.baton.notify.Notification;
import dev.baton.notify.NotifyActivities;
import dev.baton.probe.ProbeActivities;
import dev.baton.probe.ProbeRequest;
import dev.baton.probe.ProbeResult;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
import dev.baton.router.ShiftRequest;
import dev.baton.router.ShiftResult;
import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory stand-in for two sites, a router and a webhook, for tests of the wiring above the
 * activities (CLI, worker). The real activities are tested against real Docker, nginx and git.
 */
public final class FakeWorld
    implements RouterActivities, ProbeActivities, DatabaseActivities, NotifyActivities {
  public volatile String routerTarget = "primary";
  public final Map<String, String> versions = new ConcurrentHashMap<>();
  public final Set<String> unhealthySites = ConcurrentHashMap.newKeySet();

  /** Sites whose Docker engine does not answer: describe fails as the real one does. */
  public final Set<String> deadEngines = ConcurrentHashMap.newKeySet();

  public final List<Notification> notifications = new CopyOnWriteArrayList<>();

  /** While set and not counted down, the webhook does not answer (a send waits, up to 60 s). */
  public volatile java.util.concurrent.CountDownLatch webhookHeld;

  /** When set, every deploy waits for it: a deploy that is still running. */
  public volatile java.util.concurrent.CountDownLatch deployHeld;

  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** The site whose database is the primary; fence/promote move it as the real ones would. */
  public volatile String databasePrimary = "primary";

  public final Set<String> fencedDatabases = ConcurrentHashMap.newKeySet();

  public FakeSite site(String siteId) {
    return new FakeSite(siteId, this);
  }

  @Override
  public String currentTarget(RouterRequest request) {
    calls.add("router.currentTarget");
    return routerTarget;
  }

  @Override
  public SwitchResult switchTo(SwitchRequest request) {
    calls.add("router.switchTo " + request.toSite());
    routerTarget = request.toSite();
    return new SwitchResult(request.toSite(), 1, "fake router");
  }

  @Override
  public ShiftResult shift(ShiftRequest request) {
    calls.add("router.shift " + request.toSite() + " " + request.percent());
    // As the nginx router answers: the site with the larger share, the old one at 50%.
    routerTarget = request.percent() > 50 ? request.toSite() : request.fromSite();
    return new ShiftResult(request.toSite(), request.percent(), 1, "fake router");
  }

  @Override
  public ProbeResult probe(ProbeRequest request) {
    calls.add("probe " + request.siteId());
    boolean healthy = !unhealthySites.contains(request.siteId());
    return new ProbeResult(
        request.siteId(), healthy, 2, healthy ? Map.of() : Map.of("api", "HTTP 503"));
  }

  @Override
  public ReplicationStatus replicationStatus(ReplicationRequest request) {
    return new ReplicationStatus(true, 0, 0, "streaming, lag 0 B");
  }

  @Override
  public DatabaseRoleResult role(DatabaseRequest request) {
    boolean replica = !request.siteId().equals(databasePrimary);
    boolean fenced = fencedDatabases.contains(request.siteId());
    return new DatabaseRoleResult(true, replica, fenced, "0/1000000", "fake");
  }

  @Override
  public FenceResult fence(DatabaseRequest request) {
    calls.add("database.fence " + request.siteId());
    boolean already = !fencedDatabases.add(request.siteId());
    return new FenceResult("0/1000000", 0, already);
  }

  @Override
  public void unfence(DatabaseRequest request) {
    calls.add("database.unfence " + request.siteId());
    fencedDatabases.remove(request.siteId());
  }

  @Override
  public ReplayResult awaitReplay(ReplayRequest request) {
    calls.add("database.awaitReplay " + request.replicaSite());
    return new ReplayResult(0, request.lsn());
  }

  @Override
  public PromoteResult promote(DatabaseRequest request) {
    calls.add("database.promote " + request.siteId());
    boolean promoted = !request.siteId().equals(databasePrimary);
    databasePrimary = request.siteId();
    return new PromoteResult(promoted, 0, "fake");
  }

  @Override
  public void send(Notification notification) {
    java.util.concurrent.CountDownLatch held = webhookHeld;
    if (held != null) {
      try {
        held.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    notifications.add(notification);
  }
}
