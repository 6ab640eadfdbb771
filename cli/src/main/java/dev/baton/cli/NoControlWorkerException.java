package dev.baton.cli;

import dev.baton.Names;

/** No worker serves the project's control queue, so the workflows cannot answer or run. */
public final class NoControlWorkerException extends BatonCliException {
  NoControlWorkerException(String project, String what) {
    super(
        ExitCodes.UNREACHABLE,
        what
            + " task queue "
            + Names.controlQueue(project)
            + "; start one with: baton worker --control (or baton dev, with every worker)");
  }

  /** When the service lists no poller of the control queue. */
  static NoControlWorkerException none(String project) {
    return new NoControlWorkerException(project, "no control worker serves");
  }

  /** When a worker was listed but the call waited {@code seconds} for an answer in vain. */
  static NoControlWorkerException silent(String project, long seconds) {
    return new NoControlWorkerException(
        project, "no control worker answered within " + seconds + " s on");
  }
}
