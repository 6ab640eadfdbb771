package dev.baton.worker;

import dev.baton.Names;
import dev.baton.config.BatonConfig;
import dev.baton.deploy.DeployWorkflowImpl;
import dev.baton.drill.DrillWorkflowImpl;
import dev.baton.failover.FailoverWorkflowImpl;
import dev.baton.monitor.MonitorWorkflowImpl;
import dev.baton.release.ReleaseWorkflowImpl;
import dev.baton.sites.SitesWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers workflows and activities on the queues a process serves, and starts polling. */
public final class BatonWorkers {
  private static final Logger log = LoggerFactory.getLogger(BatonWorkers.class);

  /**
   * Heartbeats reach the server at least every 2 s (the SDK's default is 80% of the heartbeat
   * timeout, 24 s for a deploy): the answer is how a running deploy or re-seed learns it was
   * cancelled, and it should stop its processes within seconds, not half a minute.
   */
  static final WorkerOptions OPTIONS =
      WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofSeconds(2)).build();

  private BatonWorkers() {}

  public static WorkerFactory start(
      WorkflowClient client, BatonConfig config, WorkerRoles roles, ActivityProvider provider) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    String project = config.project();
    if (roles.control()) {
      Worker control = factory.newWorker(Names.controlQueue(project), OPTIONS);
      control.registerWorkflowImplementationTypes(
          ReleaseWorkflowImpl.class,
          DeployWorkflowImpl.class,
          FailoverWorkflowImpl.class,
          MonitorWorkflowImpl.class,
          DrillWorkflowImpl.class,
          SitesWorkflowImpl.class);
      control.registerActivitiesImplementations(provider.control().toArray());
      // Needs this process's client, not the site: the same for real and test activities.
      control.registerActivitiesImplementations(new TemporalOperations(client));
      // The rules are the control worker's own file, for real and test activities alike.
      control.registerActivitiesImplementations(new ConfigRules(config));
    }
    for (String siteId : roles.sites()) {
      Worker site = factory.newWorker(Names.siteQueue(project, siteId), OPTIONS);
      site.registerActivitiesImplementations(provider.site(config.site(siteId)));
      provider.siteDatabase(config.site(siteId)).ifPresent(site::registerActivitiesImplementations);
    }
    factory.start();
    log.info("worker for {} polling: {}", project, roles.describe());
    return factory;
  }
}
