package dev.baton.router;

import dev.baton.FailureKind;
import io.temporal.failure.ApplicationFailure;

/**
 * The failures a router raises, each naming the router ({@code router nginx: …}) so an operator
 * knows where to look. Permanent ones carry a {@link FailureKind}; a transient one (the provider
 * did not answer, or answered 5xx) is left to the activity's retry policy.
 */
final class RouterFailures {
  /** The type of a retryable failure: the router could not be reached or was overloaded. */
  static final String UNAVAILABLE = "ROUTER_UNAVAILABLE";

  private final String router;

  /** {@code router} as the operator knows it: {@code nginx}, {@code dns cloudflare}. */
  RouterFailures(String router) {
    this.router = router;
  }

  /** The router could not move traffic, or could not prove that it did; a retry would not help. */
  ApplicationFailure switchFailed(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        prefix(message), FailureKind.SWITCH_FAILED.type());
  }

  /** Something the operator configured (a file, a token, a record) is missing or wrong. */
  ApplicationFailure badConfig(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        prefix(message), FailureKind.BAD_CONFIG.type());
  }

  /** Worth another attempt: the retry policy decides how many. */
  ApplicationFailure unavailable(String message) {
    return ApplicationFailure.newFailure(prefix(message), UNAVAILABLE);
  }

  private String prefix(String message) {
    return "router " + router + ": " + message;
  }
}
