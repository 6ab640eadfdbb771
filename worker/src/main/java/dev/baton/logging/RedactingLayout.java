package dev.baton.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import dev.baton.process.Redaction;

/**
 * Any layout, with URL credentials and known secret values masked in every line it writes (message
 * and stack trace alike): a log line is as much a leak as a history.
 */
final class RedactingLayout extends LayoutBase<ILoggingEvent> {
  private final LayoutBase<ILoggingEvent> layout;

  RedactingLayout(LayoutBase<ILoggingEvent> layout) {
    this.layout = layout;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return Redaction.apply(layout.doLayout(event));
  }

  @Override
  public void start() {
    layout.setContext(getContext());
    layout.start();
    super.start();
  }

  @Override
  public void stop() {
    layout.stop();
    super.stop();
  }
}
