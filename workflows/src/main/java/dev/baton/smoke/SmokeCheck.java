package dev.baton.smoke;

import java.time.Duration;

/**
 * One smoke test as the release carries it (in its policy, so in history): only what is not secret.
 * An HTTP check's headers and body stay in the control worker's baton.yml, which the probe activity
 * reads by {@code name}.
 *
 * @param target the compose service to run (SERVICE), or the app asked (HTTP)
 * @param timeout how long the service may run, or the request may take
 */
public record SmokeCheck(String name, SmokeKind kind, String target, Duration timeout) {

  /** "e2e (service smoke)", "orders (http api)". */
  public String describe() {
    return name + " (" + kind.name().toLowerCase() + " " + target + ")";
  }
}
