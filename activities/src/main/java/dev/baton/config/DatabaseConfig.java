package dev.baton.config;

import java.time.Duration;

/**
 * How baton treats the application's database.
 *
 * @param mode {@code external} (baton leaves it alone) or {@code replicated}
 * @param maxLagBytes replication lag allowed before a deploy or a switch (replicated only)
 * @param maxLagSeconds replay delay allowed before a deploy or a switch (replicated only)
 */
public record DatabaseConfig(String mode, long maxLagBytes, Duration maxLagSeconds) {

  public static final String EXTERNAL = "external";
  public static final String REPLICATED = "replicated";

  public boolean replicated() {
    return REPLICATED.equals(mode);
  }
}
