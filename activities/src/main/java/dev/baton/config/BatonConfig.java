package dev.baton.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated {@code baton.yml}. Paths are absolute; see {@code docs/config.md} for every field.
 *
 * @param file absolute path of the file this was loaded from
 * @param notifications the notify section: where notifications go; null only in configs built by
 *     tests
 * @param images where a version's images come from; built on each site unless set
 */
public record BatonConfig(
    Path file,
    String project,
    TemporalConfig temporal,
    List<SiteConfig> sites,
    RouterConfig router,
    ReleaseConfig release,
    DatabaseConfig database,
    MonitorConfig monitor,
    DrillConfig drill,
    NotifyConfig notifications,
    MetricsConfig metrics,
    ImagesConfig images) {

  public BatonConfig {
    sites = List.copyOf(sites);
    images = images == null ? ImagesConfig.buildOnEachSite() : images;
  }

  /** The site with this id, or IllegalArgumentException naming the known ids. */
  public SiteConfig site(String id) {
    return sites.stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown site \""
                        + id
                        + "\" (known sites: "
                        + String.join(", ", siteIds())
                        + ")"));
  }

  /** Site ids in file order. */
  public List<String> siteIds() {
    return sites.stream().map(SiteConfig::id).toList();
  }
}
