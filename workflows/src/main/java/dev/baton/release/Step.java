package dev.baton.release;

/** The steps of a release, in order. */
public enum Step {
  PLAN("plan"),
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
