package dev.baton.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Turns baton's own logs up for {@code -v}. */
final class Logging {
  private Logging() {}

  static void verbose() {
    ((Logger) LoggerFactory.getLogger("dev.baton")).setLevel(Level.DEBUG);
  }
}
