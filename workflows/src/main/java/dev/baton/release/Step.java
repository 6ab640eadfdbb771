package dev.baton.release;

/** The steps of a release, in order. */
public enum Step {
  PLAN("plan"),
  /**
   * Builds the version's images once and pushes them to the registry ({@code images.mode:
   * registry}); skipped when each site builds its own.
   */
  PUBLISH("publish"),
  /**
   * Runs {@code release.migrate} on the active site, against its primary database, before the
   * standby's deploy; skipped when there is none.
   */
  MIGRATE("migrate"),
  DEPLOY_STANDBY("deploy-standby"),
  VALIDATE("validate"),
  /** Runs {@code release.smoke} against the standby; skipped when there is none. */
  SMOKE("smoke"),
  APPROVE("approve"),
  SWITCH("switch"),
  BAKE("bake"),
  BACKFILL("backfill"),
  DONE("done");

  private final String id;

  Step(String id) {
    this.id = id;
  }

  /** The name people type and read: {@code deploy-standby}, not {@code DEPLOY_STANDBY}. */
  public String id() {
    return id;
  }
}
