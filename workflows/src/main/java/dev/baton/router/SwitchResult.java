package dev.baton.router;

/**
 * @param millis from the start of the switch until the router was seen serving the new site
 */
public record SwitchResult(String target, long millis, String detail) {}
