package dev.baton.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The set-up the CLI and workers log with, on a context of its own (not the tests' logging). */
class BatonLogConfiguratorTest {
  private final PrintStream stderr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setErr(stderr);
  }

  @Test
  void jsonFormatWritesOneObjectPerLineWithTheWorkflowId() throws Exception {
    LoggerContext context = configured("json");
    ((LogbackMDCAdapter) context.getMDCAdapter()).put("WorkflowId", "baton-release-shop");

    context.getLogger("dev.baton.release.ReleaseWorkflowImpl").info("release v2 succeeded");
    context.getLogger("io.temporal.internal.Something").info("not shown: io.temporal is WARN");

    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines[0]);
    assertThat(line.path("message").asText()).isEqualTo("release v2 succeeded");
    assertThat(line.path("WorkflowId").asText()).isEqualTo("baton-release-shop");
  }

  @Test
  void textIsTheDefaultAndNamesTheWorkflow() {
    LoggerContext context = configured(null);
    ((LogbackMDCAdapter) context.getMDCAdapter()).put("WorkflowId", "baton-release-shop");

    context.getLogger("dev.baton.release.ReleaseWorkflowImpl").warn("release v2 ended");

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  .* baton-release-shop  - release v2 ended\\R");
  }

  @Test
  void credentialsInUrlsAndSecretValuesAreMaskedInEveryLogLine() {
    dev.baton.process.Redaction.secret("hunter2-db-password");
    LoggerContext context = configured("json");

    context
        .getLogger("dev.baton.site.GitSource")
        .warn(
            "clone of https://deploy:ghp_tok3n@git.example.test/shop.git failed",
            new IllegalStateException("password hunter2-db-password refused"));

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("https://***@git.example.test/shop.git")
        .contains("password *** refused")
        .doesNotContain("ghp_tok3n")
        .doesNotContain("hunter2-db-password");
  }

  @Test
  void aLogbackTestXmlOnTheClassPathTakesPrecedence() {
    // This module has its own for its tests (src/test/resources), as every module does.
    LoggerContext context = new LoggerContext();
    BatonLogConfigurator configurator = new BatonLogConfigurator();
    configurator.setContext(context);
    assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
  }

  private LoggerContext configured(String format) {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    BatonLogConfigurator.apply(context, format);
    return context;
  }
}
