package dev.baton.router;

import java.util.Arrays;

/** The request times of one scan, for their 99th percentile; a bake's few 100 000 fit easily. */
final class RequestTimes {
  private long[] millis = new long[1024];
  private int count;

  /** Adds one request's time; a negative one (not logged) is left out. */
  void add(long requestMillis) {
    if (requestMillis < 0) {
      return;
    }
    if (count == millis.length) {
      millis = Arrays.copyOf(millis, count * 2);
    }
    millis[count++] = requestMillis;
  }

  /** The nearest-rank 99th percentile, or -1 when no time was added. */
  long p99() {
    if (count == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(millis, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(0.99 * count);
    return sorted[Math.max(0, rank - 1)];
  }
}
