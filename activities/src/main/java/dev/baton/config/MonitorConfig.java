package dev.baton.config;

import java.time.Duration;

/**
 * The health monitor that watches the active site between releases.
 *
 * @param failuresBeforeAction consecutive failed probes before the monitor acts
 * @param autoFailover when false the monitor only alerts
 */
public record MonitorConfig(Duration interval, int failuresBeforeAction, boolean autoFailover) {}
