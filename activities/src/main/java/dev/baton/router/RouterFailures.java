package dev.baton.router;

import dev.baton.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;

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

  /**
   * The start every splitting router shares: 100% is a whole switch (its result), a share out of
   * 1..100 is refused; null for a partial shift the router makes itself.
   */
  ShiftResult wholeShift(ShiftRequest request, Function<SwitchRequest, SwitchResult> switchTo) {
    if (request.percent() == 100) {
      SwitchResult result =
          switchTo.apply(
              new SwitchRequest(request.project(), request.fromSite(), request.toSite()));
      return new ShiftResult(request.toSite(), 100, result.millis(), result.detail());
    }
    if (request.percent() < 1 || request.percent() > 100) {
      throw badConfig(
          "cannot shift " + request.percent() + "% of traffic (release.shift: 1 to 100)");
    }
    return null;
  }

  private String prefix(String message) {
    return "router " + router + ": " + message;
  }
}
