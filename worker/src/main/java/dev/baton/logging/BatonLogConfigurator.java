package dev.baton.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * baton's logging set-up, in code rather than logback.xml: logback's XML configurator costs a CLI
 * call about a quarter of a CPU second, a good part of its start-up. Logs go to stderr, so stdout
 * stays for what commands print; {@code BATON_LOG_FORMAT=json} (environment or system property)
 * writes one JSON object per line ({@link JsonLayout}), anything else the text pattern. Registered
 * through {@code META-INF/services}. An operator's own file ({@code
 * -Dlogback.configurationFile=...}) and tests' {@code logback-test.xml} take precedence: then this
 * steps aside for logback's XML configurator.
 */
public final class BatonLogConfigurator extends ContextAwareBase implements Configurator {
  public static final String FORMAT_ENV = "BATON_LOG_FORMAT";
  static final String PATTERN =
      "%d{HH:mm:ss.SSS} %-5level %logger{20} %X{WorkflowId} %X{ActivityId} - %msg%n";
  private static final Map<String, Level> LEVELS =
      Map.of(
          "io.temporal", Level.WARN,
          "io.grpc", Level.WARN,
          "com.github.dockerjava", Level.WARN,
          "dev.baton", Level.INFO);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = BatonLogConfigurator.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null
        || loader.getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context, System.getProperty(FORMAT_ENV, System.getenv(FORMAT_ENV)));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets {@code context} up for {@code format} (json, text, or null for text). */
  static void apply(LoggerContext context, String format) {
    LayoutBase<ILoggingEvent> layout = new RedactingLayout(layout(format));
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> err = new ConsoleAppender<>();
    err.setContext(context);
    err.setName("ERR");
    err.setTarget("System.err");
    err.setEncoder(encoder);
    err.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(err);
    LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    if (format != null && !isKnown(format)) {
      context
          .getLogger(BatonLogConfigurator.class)
          .warn("{}={} is neither text nor json; logging as text", FORMAT_ENV, format);
    }
  }

  static LayoutBase<ILoggingEvent> layout(String format) {
    if (format != null && format.strip().toLowerCase(Locale.ROOT).equals("json")) {
      return new JsonLayout();
    }
    PatternLayout pattern = new PatternLayout();
    pattern.setPattern(PATTERN);
    return pattern;
  }

  private static boolean isKnown(String format) {
    String f = format.strip().toLowerCase(Locale.ROOT);
    return f.isEmpty() || f.equals("text") || f.equals("json");
  }
}
