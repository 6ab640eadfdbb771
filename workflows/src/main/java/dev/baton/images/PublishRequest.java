package dev.baton.images;

/**
 * Publish {@code version}'s images to the registry from {@code siteId}'s engine and checkout.
 *
 * @param registry the registry's host:port, from the control worker's rules
 * @param build build and push the images; false: only resolve the tags a CI pushed
 */
public record PublishRequest(
    String project, String siteId, String version, String registry, boolean build) {}
