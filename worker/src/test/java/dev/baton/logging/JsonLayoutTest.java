package dev.baton.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLayoutTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("dev.baton.release.ReleaseWorkflowImpl");

  @Test
  void aLineIsOneJsonObjectWithTheMdcIds() throws Exception {
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.WARN,
            "release {} ended: \"{}\"",
            null,
            new Object[] {"v2", "a\nb"});
    event.setMDCPropertyMap(Map.of("WorkflowId", "baton-release-shop", "ActivityId", "7"));

    String line = new JsonLayout().doLayout(event);

    assertThat(line).endsWith(System.lineSeparator());
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("message").asText()).isEqualTo("release v2 ended: \"a\nb\"");
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("logger").asText()).isEqualTo("dev.baton.release.ReleaseWorkflowImpl");
    assertThat(json.path("WorkflowId").asText()).isEqualTo("baton-release-shop");
    assertThat(json.path("ActivityId").asText()).isEqualTo("7");
    assertThat(json.path("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void anExceptionGoesIntoStack() throws Exception {
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.ERROR,
            "boom",
            new IllegalStateException("x"),
            null);
    event.setMDCPropertyMap(Map.of()); // outside workflow and activity code the MDC is empty

    JsonNode json = new ObjectMapper().readTree(new JsonLayout().doLayout(event));

    assertThat(json.path("stack").asText()).startsWith("java.lang.IllegalStateException: x");
    assertThat(json.has("WorkflowId")).isFalse();
  }
}
