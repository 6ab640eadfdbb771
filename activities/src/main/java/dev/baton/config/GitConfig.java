package dev.baton.config;

import java.nio.file.Path;

/**
 * Where a site checks the release's version out before building.
 *
 * @param url a remote URL, or an absolute local path when the file gave a path
 * @param checkoutDir absolute directory the version is checked out into
 */
public record GitConfig(String url, Path checkoutDir) {}
