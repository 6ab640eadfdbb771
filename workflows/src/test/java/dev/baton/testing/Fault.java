package dev.baton.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One row of {@code docs/faults.md}: the annotated test proves that {@link #dependency}, given
 * {@link #fault}, ends in {@link #outcome}. Each module's {@code FaultMatrixTest} fails when the
 * doc and these annotations disagree, so the table cannot claim a test that does not exist.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Faults.class)
public @interface Fault {
  /** What baton talks to: "HTTP checks", "git", "baton.yml", "--version"... */
  String dependency();

  /** What goes wrong with it: "stopped", "slow answer", "non-zero exit"... */
  String fault();

  /** What baton does about it, as the test asserts it. */
  String outcome();
}
