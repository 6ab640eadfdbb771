package dev.baton.cli.release;

import dev.baton.release.ReleaseProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The release redrawn in place on a terminal: each frame is built as one string and written once
 * (no flicker), after moving the cursor up over the previous frame. Every line clears what is left
 * of the old one; lines are cut to the terminal's width, since a wrapped line would throw the
 * cursor arithmetic off by a row.
 */
final class TerminalView implements WatchView {
  static final String CLEAR_LINE = "\033[K";
  static final String CLEAR_BELOW = "\033[J";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintWriter out;
  private final Clock clock;
  private final int columns;
  private int shownLines;
  private String shownFrame;

  /**
   * @param columns the terminal's width; 0 when unknown (lines are then not cut)
   */
  TerminalView(PrintWriter out, Clock clock, int columns) {
    this.out = out;
    this.clock = clock;
    this.columns = columns;
  }

  @Override
  public void show(ReleaseProgress progress) {
    draw(
        ProgressRenderer.render(progress, clock)
            + String.format(
                "%nwatching, updated %s (Ctrl-C stops watching, not the release)%n",
                CLOCK.withZone(clock.getZone()).format(clock.instant())));
  }

  @Override
  public void end(ReleaseProgress progress) {
    draw(ProgressRenderer.render(progress, clock));
  }

  private void draw(String frame) {
    if (frame.equals(shownFrame)) {
      return; // nothing changed, not even a running step's elapsed time: leave the screen alone
    }
    out.print(redraw(frame));
    out.flush();
    shownFrame = frame;
  }

  /** The bytes that replace the previous frame with this one. */
  String redraw(String frame) {
    List<String> lines = frame.lines().toList();
    StringBuilder text = new StringBuilder();
    if (shownLines > 0) {
      text.append('\r').append("\033[").append(shownLines).append('A');
    }
    for (String line : lines) {
      text.append(fit(line)).append(CLEAR_LINE).append('\n');
    }
    text.append(CLEAR_BELOW); // the previous frame may have been longer
    shownLines = lines.size();
    return text.toString();
  }

  private String fit(String line) {
    String fitted = columns > 1 && line.length() >= columns ? line.substring(0, columns - 1) : line;
    return fitted.stripTrailing();
  }
}
