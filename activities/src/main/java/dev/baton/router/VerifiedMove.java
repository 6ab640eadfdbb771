package dev.baton.router;

import dev.baton.process.PhaseTimer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The end of a switch and of a weighted shift, the same for every router that changes its own
 * config (haproxy's server states, nginx's upstream file): once the change is in, prove through the
 * front door that traffic goes where it should; if it does not, put the previous config back and
 * fail, saying what was seen and what was restored. The router makes the change; this checks it.
 *
 * @param log the router's own, so its lines name the router
 * @param config what a failed move restores, for the message: "server states", "upstream"
 */
record VerifiedMove(RouterFailures fail, SwitchVerifier verifier, Logger log, String config) {
  /**
   * What a failed move puts back, and how that looked (for the message; described only then: a
   * config the router cannot describe must not fail a move that would have worked).
   */
  record Previous(Runnable restore, Supplier<String> description) {}

  /**
   * Ends a switch: {@code inARow} answers in a row must come from {@code address}.
   *
   * @param detail what the router did; " verified in …" is appended
   */
  SwitchResult switched(
      SwitchRequest request,
      String address,
      int inARow,
      Previous previous,
      PhaseTimer timer,
      String detail) {
    String problem = verifier.awaitUpstream(address, inARow);
    timer.done("verified");
    if (problem != null) {
      throw restored(previous, "after the switch to " + request.toSite() + ", " + problem);
    }
    String done = detail + " verified " + timer.summary();
    log.info("router now sends traffic to {}: {}", request.toSite(), done);
    return new SwitchResult(request.toSite(), timer.elapsedMillis(), done);
  }

  /**
   * Ends a weighted shift: one answer from {@code address} within the requests its share needs.
   *
   * @param detail what the router did; " answered in …" is appended
   */
  ShiftResult shifted(
      ShiftRequest request, String address, Previous previous, PhaseTimer timer, String detail) {
    String problem =
        verifier.awaitOneFrom(address, SwitchVerifier.requestsToSee(request.percent()));
    timer.done("seen");
    if (problem != null) {
      throw restored(
          previous,
          "after shifting " + request.percent() + "% to " + request.toSite() + ", " + problem);
    }
    String done = detail + " answered " + timer.summary();
    log.info(
        "router now sends {}% of traffic to {}: {}", request.percent(), request.toSite(), done);
    return new ShiftResult(request.toSite(), request.percent(), timer.elapsedMillis(), done);
  }

  private RuntimeException restored(Previous previous, String what) {
    previous.restore().run();
    return fail.switchFailed(
        what + "; restored the previous " + config + " (" + previous.description().get() + ")");
  }
}
