package dev.baton;

import java.util.Objects;
import java.util.Optional;

/**
 * How a release, failover, drill or deploy stands or ended: {@link #RUNNING}, {@link #SUCCEEDED},
 * or the type of the failure it ended with. For every failure baton raises itself that type is a
 * {@link FailureKind} name (CANCELLED, ROLLED_BACK, DEPLOY_FAILED…), so the kinds are not listed a
 * second time here.
 *
 * <p>Not an enum, and the records that carry an outcome across Temporal ({@code ReleaseProgress},
 * {@code FailoverResult}, {@code DrillReport}) keep it as a string: a failure baton did not raise
 * (an activity's unexpected exception, by its class name) ends a failover or drill with its own
 * type, and results written so must still read. This type reads that string; {@link #name()} is
 * what goes on the wire, in metrics tags and in failure types.
 */
public record Outcome(String name) {
  public static final Outcome RUNNING = new Outcome("RUNNING");
  public static final Outcome SUCCEEDED = new Outcome("SUCCEEDED");

  public Outcome {
    Objects.requireNonNull(name, "name");
  }

  /**
   * The outcome a report carries; null (a release's progress while it runs) is {@link #RUNNING}.
   */
  public static Outcome of(String name) {
    return name == null ? RUNNING : new Outcome(name);
  }

  public static Outcome of(FailureKind kind) {
    return new Outcome(kind.type());
  }

  /** How a failure ends a workflow: the kind it (or its cause) carries, else {@code other}. */
  public static Outcome of(Throwable failure, FailureKind other) {
    return new Outcome(FailureKind.typeOf(failure, other));
  }

  /** The failure kind it ended with; empty while running, on success and for a foreign type. */
  public Optional<FailureKind> failureKind() {
    return FailureKind.of(name);
  }

  public boolean is(FailureKind kind) {
    return name.equals(kind.type());
  }

  @Override
  public String toString() {
    return name;
  }
}
