package dev.baton.router;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the requests a router's access log in baton's format ({@code log_format baton '$msec
 * $status ...'}) records between two times, and the failed ones. A log grows by hundreds of MB, so
 * this does not read it whole: a binary search over byte offsets finds the first line near {@code
 * from}, then lines are read forward until one is past {@code to}. Lines are in time order up to
 * the interleaving of nginx workers, which {@link #SLACK_MILLIS} absorbs.
 */
final class AccessLogScan {
  /** How far out of order two lines may be ($msec is when each request ended). */
  static final long SLACK_MILLIS = 2_000;

  /** Below this span the search stops and lines are read one by one. */
  private static final long LINEAR_BYTES = 64 * 1024;

  /** A probe gives up looking for a line it can parse after this many lines. */
  private static final int PROBE_LINES = 100;

  /**
   * @param lines lines read, whether in the window or not
   * @param parsed lines whose first field is a $msec time
   * @param statuses failed requests by status ("-" for none)
   * @param p99Millis the 99th percentile of the counted requests' {@code rt=$request_time}, or -1
   *     when none had one
   */
  record Counts(
      long lines,
      long parsed,
      long requests,
      long errors,
      Map<String, Long> statuses,
      long p99Millis) {}

  private final FileChannel channel;
  private final long size;

  private AccessLogScan(FileChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
  }

  static Counts scan(Path file, long fromMillis, long toMillis) throws IOException {
    return scan(file, fromMillis, toMillis, null);
  }

  /** Only the requests {@code upstream} (host:port) answered; all of them when null. */
  static Counts scan(Path file, long fromMillis, long toMillis, String upstream)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new AccessLogScan(channel).count(fromMillis, toMillis, upstream);
    }
  }

  private Counts count(long fromMillis, long toMillis, String upstream) throws IOException {
    long start = lineStart(firstOffsetNear(fromMillis - SLACK_MILLIS));
    long lines = 0;
    long parsed = 0;
    long requests = 0;
    long errors = 0;
    Map<String, Long> statuses = new TreeMap<>();
    RequestTimes times = new RequestTimes();
    try (BufferedReader reader = readerAt(start)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines++;
        long at = msec(line);
        if (at < 0) {
          continue;
        }
        parsed++;
        if (at > toMillis + SLACK_MILLIS) {
          break;
        }
        if (at < fromMillis || at > toMillis) {
          continue;
        }
        if (upstream != null && !upstream.equals(upstream(line))) {
          continue;
        }
        requests++;
        times.add(requestMillis(line));
        String status = status(line);
        if (failed(status)) {
          errors++;
          statuses.merge(status, 1L, Long::sum);
        }
      }
    }
    return new Counts(lines, parsed, requests, errors, statuses, times.p99());
  }

  /** An offset whose following line is before {@code threshold} (or 0), close to the last one. */
  private long firstOffsetNear(long threshold) throws IOException {
    long lo = 0;
    long hi = size;
    while (hi - lo > LINEAR_BYTES) {
      long mid = lo + (hi - lo) / 2;
      if (firstTimeAfter(mid) >= threshold) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return lo;
  }

  /** The time of the first parseable line starting at or after {@code offset}. */
  private long firstTimeAfter(long offset) throws IOException {
    try (BufferedReader reader = readerAt(lineStart(offset))) {
      for (int i = 0; i < PROBE_LINES; i++) {
        String line = reader.readLine();
        if (line == null) {
          return Long.MAX_VALUE; // past the last line: everything before is earlier
        }
        long at = msec(line);
        if (at >= 0) {
          return at;
        }
      }
    }
    return Long.MIN_VALUE; // no line in baton's format here: keep looking further on
  }

  /** Where the first line starting at or after {@code offset} begins. */
  private long lineStart(long offset) throws IOException {
    if (offset <= 0) {
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    long position = offset - 1; // a line starts at offset when the byte before it ends one
    while (position < size) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) == '\n') {
          return position + i + 1;
        }
      }
      position += n;
    }
    return size;
  }

  private BufferedReader readerAt(long offset) throws IOException {
    // One reader at a time moves the channel's position; closing it must not close the channel.
    InputStream in = new NonClosing(Channels.newInputStream(channel.position(offset)));
    // Only the ASCII fields at the start are parsed; ISO-8859-1 decodes any byte without failing.
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 64 * 1024);
  }

  /** {@code $msec} ("1732912345.123") as epoch millis, or -1 when the line does not start so. */
  static long msec(String line) {
    int end = line.indexOf(' ');
    String field = end < 0 ? line : line.substring(0, end);
    int dot = field.indexOf('.');
    if (dot <= 0 || dot > 12 || field.length() - dot - 1 != 3) {
      return -1;
    }
    long seconds = 0;
    for (int i = 0; i < dot; i++) {
      char c = field.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      seconds = seconds * 10 + (c - '0');
    }
    long millis = 0;
    for (int i = dot + 1; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      millis = millis * 10 + (c - '0');
    }
    return seconds * 1000 + millis;
  }

  /** The second field, or "-" when there is none (nginx's "-", haproxy's "-1"). */
  static String status(String line) {
    String[] fields = line.trim().split(" +", 3);
    return fields.length < 2 || fields[1].isEmpty() || fields[1].equals("-1") ? "-" : fields[1];
  }

  /**
   * The third field, {@code $upstream_addr}: the server that answered, the last of a list when
   * nginx tried several ("127.0.0.1:3000, 127.0.0.1:3001"); null when there is none.
   */
  static String upstream(String line) {
    String[] fields = line.trim().split(" +");
    String last = null;
    for (int i = 2; i < fields.length && !fields[i].contains("="); i++) {
      last = fields[i].endsWith(",") ? fields[i].substring(0, fields[i].length() - 1) : fields[i];
    }
    return last;
  }

  /**
   * How long the request took, in millis, or -1 without it: nginx's {@code rt=$request_time}
   * (seconds, millisecond resolution) or haproxy's {@code Ta=%Ta} (millis).
   */
  static long requestMillis(String line) {
    long seconds = number(line, " rt=", 1000);
    return seconds >= 0 ? seconds : number(line, " Ta=", 1);
  }

  private static long number(String line, String key, int millisPerUnit) {
    int at = line.indexOf(key);
    if (at < 0) {
      return -1;
    }
    int start = at + key.length();
    int end = line.indexOf(' ', start);
    try {
      double value = Double.parseDouble(line.substring(start, end < 0 ? line.length() : end));
      return value < 0 ? -1 : Math.round(value * millisPerUnit);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A 5xx, or no status at all: the user got no answer from the site. */
  static boolean failed(String status) {
    if (!status.matches("\\d{3}")) {
      return true;
    }
    return Integer.parseInt(status) >= 500;
  }

  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
