package dev.baton.report;

import java.util.List;

/**
 * What a failover's and a drill's report have in common: the CLI follows their phases, turns their
 * outcome into an exit code and lists both in the history the same way.
 */
public interface PhasedReport {
  /** SUCCEEDED, RUNNING, or the failure kind it ended with: read it with {@code Outcome.of}. */
  String outcome();

  List<Phase> phases();

  String message();
}
