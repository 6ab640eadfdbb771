package dev.baton.site;

/**
 * One compose service's container on a site.
 *
 * @param health Docker's health status ("healthy", "starting", "unhealthy"), null without a check
 */
record ServiceStatus(
    String service,
    String containerId,
    String image,
    String version,
    boolean running,
    String health,
    long exitCode) {

  boolean ready() {
    return running && (health == null || health.equals("healthy"));
  }

  /** A state that will not get better by waiting: fail the deploy now, with the logs. */
  boolean broken() {
    return !running || "unhealthy".equals(health);
  }

  /** "healthy", "exited (1)", "running" (no health check): the container's state. */
  String condition() {
    return !running ? "exited (" + exitCode + ")" : health == null ? "running" : health;
  }

  /** "healthy (v2)", "exited (1) (v2)", "running": the state and the version it runs. */
  String state() {
    return condition() + (version.isEmpty() ? "" : " (" + version + ")");
  }

  String describe() {
    return service + " " + state();
  }
}
