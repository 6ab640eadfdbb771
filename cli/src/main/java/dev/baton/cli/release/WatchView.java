package dev.baton.cli.release;

import dev.baton.release.ReleaseProgress;

/**
 * How {@code release status --watch} shows each poll: a frame redrawn in place on a terminal, plain
 * lines for logs, or one JSON object per change for scripts.
 */
interface WatchView {

  /** Called on every poll while the release runs; shows what changed, if anything. */
  void show(ReleaseProgress progress);

  /** Called once with the final progress. */
  void end(ReleaseProgress progress);
}
