package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Names;
import dev.baton.config.MetricsConfig;
import dev.baton.logging.JsonLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A worker with its metrics endpoint on a free loopback port runs a release in the fake world:
 * {@code /metrics} then shows the Temporal SDK's metrics and baton's, and the workflow's log line,
 * written as JSON, names the workflow.
 */
class MetricsAndLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private CliHarness harness;
  private final List<String> jsonLines = new CopyOnWriteArrayList<>();
  private final Logger releaseLogger =
      (Logger) LoggerFactory.getLogger("dev.baton.release.ReleaseWorkflowImpl");
  private Level levelBefore;
  private AppenderBase<ILoggingEvent> appender;

  @BeforeEach
  void start() throws Exception {
    harness = CliHarness.withMetrics(dir, new MetricsConfig("127.0.0.1", 0));
    JsonLayout layout = new JsonLayout();
    layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    layout.start();
    appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            jsonLines.add(layout.doLayout(event));
          }
        };
    appender.setContext(layout.getContext());
    appender.start();
    levelBefore = releaseLogger.getLevel();
    releaseLogger.setLevel(Level.INFO);
    releaseLogger.addAppender(appender);
  }

  @AfterEach
  void stop() {
    releaseLogger.detachAppender(appender);
    releaseLogger.setLevel(levelBefore);
    harness.close();
  }

  @Test
  void aReleaseShowsUpInMetricsAndInJsonLogs() throws Exception {
    assertThat(harness.metrics.url()).startsWith("http://127.0.0.1:");
    assertThat(harness.baton("release", "start", "--version", "v2").code()).isZero();
    harness.awaitStatus(r -> r.out().contains("waiting for approval of switch"));
    assertThat(harness.baton("release", "approve", "--as", "alice").code()).isZero();
    harness.awaitStatus(r -> r.out().contains(": SUCCEEDED"));

    String metrics = awaitScrape(m -> m.contains("baton_release_seconds_count"));
    assertThat(metrics)
        .containsPattern("(?m)^temporal_workflow_completed_total\\{.*workflow_type=\"Release\"")
        .containsPattern("(?m)^temporal_request_total\\{")
        .containsPattern("(?m)^baton_release_seconds_count\\{.*outcome=\"SUCCEEDED\".* 1$")
        .containsPattern("(?m)^baton_release_step_seconds_count\\{.*step=\"switch\"")
        .containsPattern("(?m)^baton_switch_seconds_count\\{")
        .containsPattern("(?m)^baton_approval_wait_seconds_count\\{.*decision=\"approve\"");

    JsonNode done =
        jsonLines.stream()
            .map(MetricsAndLogsTest::parse)
            .filter(line -> line.path("message").asText().startsWith("release v2 succeeded"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no JSON line for the release in " + jsonLines));
    assertThat(done.path("WorkflowId").asText()).isEqualTo(Names.releaseWorkflowId("shop"));
    assertThat(done.path("level").asText()).isEqualTo("INFO");
    assertThat(done.path("logger").asText()).isEqualTo("dev.baton.release.ReleaseWorkflowImpl");
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  /** Counters reach the registry once a second, so the scrape is repeated until it shows. */
  private String awaitScrape(Predicate<String> until) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(URI.create(harness.metrics.url())).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String body;
    do {
      HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      body = response.body();
      if (until.test(body) && body.contains("temporal_workflow_completed_total")) {
        return body;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return body;
  }
}
