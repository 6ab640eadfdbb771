package dev.baton.worker;

/** Temporal did not answer at the configured address. */
public class TemporalUnreachableException extends RuntimeException {
  public TemporalUnreachableException(String address, Throwable cause) {
    super(
        "cannot reach Temporal at "
            + address
            + "; start one with `baton dev` (or `baton server --dev`), or set"
            + " BATON_TEMPORAL_ADDRESS / temporal.address",
        cause);
  }
}
