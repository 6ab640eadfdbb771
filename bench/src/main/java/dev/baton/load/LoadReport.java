package dev.baton.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a load run saw, in the order the requests were started. */
public record LoadReport(List<Sample> samples) {

  public LoadReport {
    samples = samples.stream().sorted(Comparator.comparingLong(Sample::sentAtMillis)).toList();
  }

  public long failed() {
    return samples.stream().filter(Sample::failed).count();
  }

  /** Requests sent twice because a reused keep-alive connection closed before answering. */
  public long retried() {
    return samples.stream().filter(Sample::retried).count();
  }

  /** Failures by reason, e.g. {"HTTP 502": 3, "timeout": 1}. */
  public Map<String, Long> errors() {
    return samples.stream()
        .filter(Sample::failed)
        .collect(Collectors.groupingBy(Sample::error, TreeMap::new, Collectors.counting()));
  }

  /** Failed requests among those started in [{@code fromMillis}, {@code untilMillis}). */
  public long failedBetween(long fromMillis, long untilMillis) {
    return samples.stream()
        .filter(s -> s.failed() && s.sentAtMillis() >= fromMillis && s.sentAtMillis() < untilMillis)
        .count();
  }

  /** Successful answers per upstream address. */
  public Map<String, Long> byUpstream() {
    return samples.stream()
        .filter(s -> !s.failed())
        .collect(
            Collectors.groupingBy(
                s -> String.valueOf(s.upstream()), TreeMap::new, Collectors.counting()));
  }

  /**
   * Milliseconds from {@code sinceMillis} (the start of a switch) until every request started from
   * then on, up to {@code untilMillis} (the next switch), was answered by {@code upstream}: the
   * start time of the request after the last one that was not. -1 when that never happened.
   */
  public long millisUntilAllFrom(String upstream, long sinceMillis, long untilMillis) {
    int first = firstAtOrAfter(sinceMillis);
    if (first < 0) {
      return -1;
    }
    for (int i = first; i < samples.size() && samples.get(i).sentAtMillis() < untilMillis; i++) {
      Sample s = samples.get(i);
      if (notFrom(upstream, s, untilMillis)) {
        first = i + 1;
      }
    }
    boolean reached = first < samples.size() && samples.get(first).sentAtMillis() < untilMillis;
    return reached ? samples.get(first).sentAtMillis() - sinceMillis : -1;
  }

  /**
   * The last request started in [{@code sinceMillis}, {@code untilMillis}) that {@code upstream}
   * did not answer (the one that set {@link #millisUntilAllFrom}), or null: shows why a move was
   * slow (an old-site answer that came late, an error, a retried connection).
   */
  public Sample lastNotFrom(String upstream, long sinceMillis, long untilMillis) {
    Sample last = null;
    for (Sample s : samples) {
      if (s.sentAtMillis() >= sinceMillis
          && s.sentAtMillis() < untilMillis
          && notFrom(upstream, s, untilMillis)) {
        last = s;
      }
    }
    return last;
  }

  /**
   * Whether {@code s} shows that traffic had not (yet) all moved to {@code upstream}. An answer
   * that came only after the next move started ({@code untilMillis}) shows nothing about this one:
   * a request stalled in a starved machine's accept queue is routed by whatever config nginx has
   * when it finally arrives. A failure always counts.
   */
  private static boolean notFrom(String upstream, Sample s, long untilMillis) {
    if (s.failed()) {
      return true;
    }
    boolean answeredAfterTheNextMove = s.sentAtMillis() + s.millis() >= untilMillis;
    return !upstream.equals(s.upstream()) && !answeredAfterTheNextMove;
  }

  /**
   * The share (in %, rounded down) of the requests started in each second from {@code sinceMillis}
   * that {@code upstream} answered, for at most {@code seconds} seconds, up to {@code untilMillis}
   * and the last request: how a weighted shift moved traffic step by step.
   */
  public List<Integer> sharePerSecond(
      String upstream, long sinceMillis, long untilMillis, int seconds) {
    List<Integer> shares = new ArrayList<>();
    for (int second = 0; second < seconds; second++) {
      long from = sinceMillis + second * 1000L;
      long to = Math.min(from + 1000, untilMillis);
      List<Sample> slice =
          samples.stream().filter(s -> s.sentAtMillis() >= from && s.sentAtMillis() < to).toList();
      if (slice.isEmpty()) {
        break;
      }
      long fromUpstream =
          slice.stream().filter(s -> !s.failed() && upstream.equals(s.upstream())).count();
      shares.add((int) (100 * fromUpstream / slice.size()));
    }
    return shares;
  }

  /** Latency percentile (0..100) of the successful requests, in ms. */
  public long percentileMillis(double percentile) {
    List<Long> sorted =
        samples.stream().filter(s -> !s.failed()).map(Sample::millis).sorted().toList();
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  public String summary() {
    return samples.size()
        + " requests, "
        + failed()
        + " failed "
        + errors()
        + ", "
        + retried()
        + " retried on a closed keep-alive connection"
        + ", answered by "
        + byUpstream()
        + ", p50 "
        + percentileMillis(50)
        + " ms, p99 "
        + percentileMillis(99)
        + " ms";
  }

  private int firstAtOrAfter(long millis) {
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i).sentAtMillis() >= millis) {
        return i;
      }
    }
    return -1;
  }
}
