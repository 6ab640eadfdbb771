package dev.baton.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator for benchmarks and people: {@code java -cp cli/target/baton.jar
 * dev.baton.load.LoadMain URL PER_SECOND MAX_SECONDS [STOP_FILE [MARKS_FILE]]}.
 *
 * <p>Runs until MAX_SECONDS passed or STOP_FILE exists, then prints one JSON object. MARKS_FILE
 * holds lines {@code NAME EPOCH_MILLIS UPSTREAM}, written while the load ran at the start of each
 * switch; for each, the JSON says how long it took until every answer came from UPSTREAM, and
 * UPSTREAM's share of the answers in each second from then on (at most 30).
 */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: LoadMain URL PER_SECOND MAX_SECONDS [STOP_FILE [MARKS_FILE]] (URL on 127.0.0.0/8)");
      System.exit(2);
    }
    LoadPlan plan;
    try {
      plan =
          new LoadPlan(
              URI.create(args[0]),
              Integer.parseInt(args[1]),
              Duration.ofSeconds(Long.parseLong(args[2])),
              args.length > 3 ? Path.of(args[3]) : null,
              Duration.ofSeconds(2),
              // LOAD_NEW_CONNECTIONS=1: a connection per request, as clients without keep-alive
              "1".equals(System.getenv("LOAD_NEW_CONNECTIONS")));
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      System.exit(2);
      return;
    }
    LoadReport report = LoadGenerator.run(plan);
    String dump = System.getenv("LOAD_SAMPLES"); // every request, for a closer look: a CSV file
    if (dump != null && !dump.isBlank()) {
      List<String> lines = new ArrayList<>(List.of("sentAtMillis,millis,status,upstream,error"));
      for (Sample x : report.samples()) {
        lines.add(
            x.sentAtMillis()
                + ","
                + x.millis()
                + ","
                + x.status()
                + ","
                + x.upstream()
                + ","
                + x.error());
      }
      Files.write(Path.of(dump), lines);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("requests", report.samples().size());
    out.put("failed", report.failed());
    out.put("errors", report.errors());
    out.put("retriedOnClosedKeepAlive", report.retried());
    out.put("byUpstream", report.byUpstream());
    out.put("p50Ms", report.percentileMillis(50));
    out.put("p99Ms", report.percentileMillis(99));
    out.put("switches", args.length > 4 ? switches(report, Path.of(args[4])) : List.of());
    System.out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
  }

  private static List<Map<String, Object>> switches(LoadReport report, Path marksFile)
      throws IOException {
    if (!Files.exists(marksFile)) {
      return List.of();
    }
    List<String[]> marks =
        Files.readAllLines(marksFile).stream()
            .filter(l -> !l.isBlank())
            .map(l -> l.trim().split("\\s+"))
            .toList();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      String[] m = marks.get(i);
      long since = Long.parseLong(m[1]);
      long until = i + 1 < marks.size() ? Long.parseLong(marks.get(i + 1)[1]) : Long.MAX_VALUE;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", m[0]);
      s.put("to", m[2]);
      s.put("latencyMs", report.millisUntilAllFrom(m[2], since, until));
      s.put("failed", report.failedBetween(since, until));
      s.put("sharePerSecond", report.sharePerSecond(m[2], since, until, 30));
      Sample last = report.lastNotFrom(m[2], since, until);
      if (last != null) {
        s.put(
            "lastNotFrom",
            Map.of(
                "sentAfterMs", last.sentAtMillis() - since,
                "tookMs", last.millis(),
                "upstream", String.valueOf(last.upstream()),
                "error", String.valueOf(last.error()),
                "retried", last.retried()));
      }
      out.add(s);
    }
    return out;
  }
}
