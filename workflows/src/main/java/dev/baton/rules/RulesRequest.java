package dev.baton.rules;

/**
 * @param project the project the asking workflow says it belongs to
 */
public record RulesRequest(String project) {}
