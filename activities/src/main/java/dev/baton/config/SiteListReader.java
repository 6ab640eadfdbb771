package dev.baton.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code sites} and checks what other sections say about them. */
final class SiteListReader {

  private static final String SITES = "a list of exactly two sites";

  private final TreeReader node;
  private final List<TreeReader> elements;
  private final List<SiteConfig> sites = new ArrayList<>();
  // Only well-formed ids: a malformed one is reported once, not again for every cross-reference.
  private final List<String> validIds = new ArrayList<>();
  // False when some site has no valid id: an upstream key may then belong to it.
  private boolean allIdsKnown = true;

  private SiteListReader(TreeReader node) {
    this.node = node;
    this.elements = node.elements(true, SITES);
  }

  static SiteListReader read(TreeReader node, String project, Path base) {
    SiteListReader reader = new SiteListReader(node);
    reader.readSites(new SiteReader(project, base));
    return reader;
  }

  List<SiteConfig> sites() {
    return sites;
  }

  private void readSites(SiteReader siteReader) {
    if (node.isList() && elements.size() != 2) {
      String count = elements.size() == 1 ? "1 site" : elements.size() + " sites";
      node.report("has " + count + " (exactly two are required)");
    }
    Set<String> ids = new HashSet<>();
    for (TreeReader element : elements) {
      SiteConfig site = siteReader.read(element);
      String id = site == null ? null : site.id();
      if (id == null || !Checks.matches(Checks.SITE_ID_PATTERN, id)) {
        allIdsKnown = false;
      } else if (!ids.add(id)) {
        element.child("id").report("duplicate site id \"" + id + "\" (site ids must be unique)");
      } else {
        validIds.add(id);
      }
      if (site != null) {
        sites.add(site);
      }
    }
  }

  /**
   * Every site needs exactly one entry in a per-site mapping such as router.upstreams, and every
   * entry a site; {@code perSite} says what each entry holds.
   */
  void checkPerSite(TreeReader map, String perSite) {
    if (!node.isList() || !map.isMapping()) {
      return;
    }
    List<String> keys = map.keys();
    String ids = String.join(", ", validIds);
    if (allIdsKnown) {
      for (String key : keys) {
        if (!validIds.contains(key)) {
          map.child(key).report("\"" + key + "\" is not a site id (known site ids: " + ids + ")");
        }
      }
    }
    for (String id : validIds) {
      if (!keys.contains(id)) {
        map.report("no entry for site \"" + id + "\" (" + perSite + ": " + ids + ")");
      }
    }
  }

  /** In replicated mode baton gates deploys on each site's replication lag. */
  void requireDatabases() {
    for (TreeReader element : elements) {
      if (element.isMapping() && !element.child("database").isPresent()) {
        element
            .child("database")
            .report(
                "missing required key (database.mode is replicated, so every site needs a"
                    + " database)");
      }
    }
  }
}
