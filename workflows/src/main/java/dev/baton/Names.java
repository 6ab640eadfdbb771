package dev.baton;

/**
 * Task-queue names and workflow ids, in one place. Both include the project so that several
 * projects can share one Temporal namespace without their workers stealing each other's tasks.
 */
public final class Names {
  private Names() {}

  /** Workflows, the router, databases and probes run here. */
  public static String controlQueue(String project) {
    return "baton." + project + ".control";
  }

  /** Everything that touches one site's Docker engine or disk runs here, on that site's worker. */
  public static String siteQueue(String project, String siteId) {
    return "baton." + project + ".site." + siteId;
  }

  /** One release per project at a time: a second start with this id is refused by Temporal. */
  public static String releaseWorkflowId(String project) {
    return "baton-release-" + project;
  }

  /** One deploy per site at a time. */
  public static String deployWorkflowId(String project, String siteId) {
    return "baton-deploy-" + project + "-" + siteId;
  }

  /** One failover per project at a time; it pre-empts a release or drill. */
  public static String failoverWorkflowId(String project) {
    return "baton-failover-" + project;
  }

  /** The project's monitor, which runs until stopped. */
  public static String monitorWorkflowId(String project) {
    return "baton-monitor-" + project;
  }

  /** One drill per project at a time, started by hand or by the schedule. */
  public static String drillWorkflowId(String project) {
    return "baton-drill-" + project;
  }

  /**
   * Whether a drill may run under {@code workflowId}: the id of a drill started by hand, the cron
   * fallback's id, or the id a Temporal Schedule gives each run (the drill id, a dash and the
   * scheduled time, e.g. {@code baton-drill-shop-2026-12-06T03:00:00Z}).
   */
  public static boolean isDrillWorkflowId(String project, String workflowId) {
    String drill = drillWorkflowId(project);
    return workflowId.equals(drill)
        || workflowId.equals(drillScheduleId(project))
        || (workflowId.startsWith(drill + "-")
            && workflowId.substring(drill.length() + 1).matches("[0-9][0-9TZ:.+-]*"));
  }

  /**
   * The drill schedule: a Temporal Schedule with this id, or, on a service without the Schedule
   * API, a cron workflow with this id (whose runs are the drills).
   */
  public static String drillScheduleId(String project) {
    return "baton-drill-schedule-" + project;
  }

  /**
   * One read-only look at the sites ({@code baton sites}). Many may run at once, so each has its
   * own {@code suffix} (random, chosen by the CLI).
   */
  public static String sitesWorkflowId(String project, String suffix) {
    return "baton-sites-" + project + "-" + suffix;
  }
}
