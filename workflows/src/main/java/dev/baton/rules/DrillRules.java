package dev.baton.rules;

import java.time.Duration;

/**
 * The {@code drill} part of baton.yml.
 *
 * @param bake how long the standby serves traffic before the drill switches back
 * @param switchBack whether a drill returns to the former active site unless told to stay
 */
public record DrillRules(Duration bake, boolean switchBack) {}
