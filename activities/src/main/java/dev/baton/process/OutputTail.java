package dev.baton.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a child's output on a thread of its own, so a chatty child never blocks on a full pipe, and
 * keeps only its last {@link #LIMIT} bytes: a build that prints for an hour costs no more memory
 * than one that prints a page, and the end is where the reason is.
 */
final class OutputTail extends Thread {
  static final int LIMIT = 256 * 1024;

  private final InputStream in;
  private final byte[] ring = new byte[LIMIT];
  private long total;
  private String failure;

  OutputTail(InputStream in) {
    super("output-tail");
    this.in = in;
    setDaemon(true);
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        append(buffer, n);
      }
    } catch (IOException e) {
      synchronized (this) {
        failure = "(output unreadable: " + e.getMessage() + ")";
      }
    }
  }

  private synchronized void append(byte[] buffer, int n) {
    // n is at most the buffer's 8 KiB, so the ring wraps at most once.
    int at = (int) (total % LIMIT);
    int first = Math.min(n, LIMIT - at);
    System.arraycopy(buffer, 0, ring, at, first);
    System.arraycopy(buffer, first, ring, 0, n - first);
    total += n;
  }

  /** What was read so far; when more than the limit, a first line says how much was cut. */
  synchronized String text() {
    if (failure != null) {
      return failure;
    }
    if (total <= LIMIT) {
      return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
    }
    int start = (int) (total % LIMIT);
    byte[] ordered = new byte[LIMIT];
    System.arraycopy(ring, start, ordered, 0, LIMIT - start);
    System.arraycopy(ring, 0, ordered, LIMIT - start, start);
    String text = new String(ordered, StandardCharsets.UTF_8);
    // Start at a whole line: the cut fell anywhere, maybe inside a UTF-8 sequence.
    int newline = text.indexOf('\n');
    return "(first "
        + (total - LIMIT)
        + " bytes of output not kept)\n"
        + (newline >= 0 ? text.substring(newline + 1) : text);
  }
}
