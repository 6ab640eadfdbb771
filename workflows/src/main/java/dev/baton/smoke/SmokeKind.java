package dev.baton.smoke;

/** What a smoke test runs. */
public enum SmokeKind {
  /** A compose service of the new version, run once on the standby; its exit code decides. */
  SERVICE,
  /** An HTTP request to one app of the standby; the answer's status and body decide. */
  HTTP
}
