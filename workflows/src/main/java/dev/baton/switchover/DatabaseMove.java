package dev.baton.switchover;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

/**
 * What a traffic move does to the databases. A {@link DatabaseSwitchover} moves the primary role
 * with the traffic (database mode replicated). {@link #NONE} leaves the databases where they are:
 * in mode external baton never moves them, and a move back must not undo a promotion (that is a
 * reverse switchover, with a new {@link DatabaseSwitchover}).
 */
public sealed interface DatabaseMove permits DatabaseSwitchover, DatabaseMove.None {
  /** Mode external, or a move back that leaves the primary where it is. */
  DatabaseMove NONE = new None();

  /**
   * Starts the databases' part of a move from {@code from} to {@code to}; the promise holds what it
   * did, or null when nothing moved.
   */
  Promise<String> start(String from, String to);

  /** The primary role moved: going back is a reverse switchover, not a router flip. */
  boolean promoted();

  /** What to add to the switch's detail: "; database: …" once it moved, else "". */
  String switchDetail();

  /** Leaves the databases alone. */
  final class None implements DatabaseMove {
    private None() {}

    @Override
    public Promise<String> start(String from, String to) {
      return Workflow.newPromise(null); // no command: the switch goes ahead at once
    }

    @Override
    public boolean promoted() {
      return false;
    }

    @Override
    public String switchDetail() {
      return "";
    }
  }
}
