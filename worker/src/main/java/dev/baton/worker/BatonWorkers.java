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
import io.temporal.worker.WorkerFactoryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers workflows and activities on the queues a process serves, and starts polling. */
public final class BatonWorkers {
  private static final Logger log = LoggerFactory.getLogger(BatonWorkers.class);

  private BatonWorkers() {}

  public static WorkerFactory start(
      WorkflowClient client, BatonConfig config, WorkerRoles roles, ActivityProvider provider) {
    return start(client, config, roles, provider, WorkerFactoryOptions.getDefaultInstance());
  }

  /**
   * With {@code options}: e.g. a workflow cache of 0, which turns sticky task queues off. The
   * embedded dev service never moves a workflow off a killed worker's sticky queue (a real server
   * does after 5 s), so workers that must survive SIGKILL there run without the cache.
   */
  public static WorkerFactory start(
      WorkflowClient client,
      BatonConfig config,
      WorkerRoles roles,
      ActivityProvider provider,
      WorkerFactoryOptions options) {
    WorkerFactory factory = WorkerFactory.newInstance(client, options);
    String project = config.project();
    if (roles.control()) {
      Worker control = factory.newWorker(Names.controlQueue(project));
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
    }
    for (String siteId : roles.sites()) {
      Worker site = factory.newWorker(Names.siteQueue(project, siteId));
      site.registerActivitiesImplementations(provider.site(config.site(siteId)));
      provider.siteDatabase(config.site(siteId)).ifPresent(site::registerActivitiesImplementations);
    }
    factory.start();
    log.info("worker for {} polling: {}", project, roles.describe());
    return factory;
  }
}
