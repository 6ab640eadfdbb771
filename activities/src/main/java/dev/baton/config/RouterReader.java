package dev.baton.config;

import static java.util.Objects.requireNonNullElse;

import dev.baton.net.OutboundUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@code router}: its {@code type} decides which other keys are allowed. Whether every site
 * has an entry in the per-site map is checked against the sites, in {@link SiteListReader}.
 */
final class RouterReader {

  static final List<String> TYPES =
      List.of(NginxRouterConfig.TYPE, HaproxyRouterConfig.TYPE, DnsRouterConfig.TYPE);
  static final List<String> NGINX_KEYS =
      List.of("type", "upstreamFile", "nginxConfig", "frontUrl", "upstreams", "accessLog");
  static final List<String> DNS_KEYS =
      List.of(
          "type",
          "provider",
          "apiUrl",
          "zoneId",
          "recordName",
          "recordType",
          "ttl",
          "tokenEnv",
          "tokenFile",
          "connectTimeout",
          "readTimeout",
          "targets",
          "allowHttpLoopback");
  static final List<String> RECORD_TYPES = List.of("A", "AAAA", "CNAME");
  static final String TTL = "seconds from 30 to 86400, or 1 for the provider's automatic TTL";
  static final String ZONE_ID = "the provider's zone id: letters, digits, - and _";
  static final String DNS_NAME = "a DNS name such as shop.example.com";
  private static final String ENV =
      "an environment variable name matching " + Checks.ENV_NAME_PATTERN;

  private RouterReader() {}

  /** The router section, or null when its type is not known (that is reported). */
  static RouterConfig read(TreeReader r, Path base, SiteListReader sites) {
    String type = NginxRouterConfig.TYPE;
    TreeReader typeNode = r.child("type");
    if (typeNode.isPresent()) {
      type = SectionReader.oneOf(typeNode, TYPES, "router type", false);
      if (type == null) {
        return null;
      }
    }
    if (type.equals(HaproxyRouterConfig.TYPE)) {
      return HaproxyRouterReader.read(r, base, sites);
    }
    if (type.equals(DnsRouterConfig.TYPE)) {
      if (r.child("accessLog").isPresent()) {
        // Said plainly instead of "unknown key": someone who sets it expects drills to count
        // request errors, and a DNS router cannot.
        r.child("accessLog")
            .report(
                "is for nginx and haproxy routers only: a DNS router sees no requests, so drills cannot"
                    + " count request errors with type: dns");
      }
      if (!r.mapping(
          true,
          "a mapping with type, provider, zoneId, recordName, tokenEnv or tokenFile, targets",
          DNS_KEYS,
          List.of("accessLog"))) {
        return null;
      }
      DnsRouterConfig dns = dns(r, base);
      sites.checkPerSite(r.child("targets"), "one record content per site id");
      return dns;
    }
    if (!r.mapping(
        true, "a mapping with upstreamFile, nginxConfig, frontUrl and upstreams", NGINX_KEYS)) {
      return null;
    }
    NginxRouterConfig nginx = nginx(r, base);
    sites.checkPerSite(r.child("upstreams"), "one host:port per site id");
    return nginx;
  }

  private static NginxRouterConfig nginx(TreeReader r, Path base) {
    Path upstreamFile = r.child("upstreamFile").path(true, "the file baton rewrites", base);
    Path nginxConfig = r.child("nginxConfig").path(true, "the nginx configuration file", base);
    String frontUrl = url(r.child("frontUrl"), true, "nginx's own listener");
    Map<String, String> upstreams =
        perSite(
            r.child("upstreams"),
            "a mapping of site id to host:port, one per site",
            node -> SectionReader.hostPort(node, true));
    Path accessLog =
        r.child("accessLog")
            .path(false, "nginx's access log, written with baton's log_format", base);
    return new NginxRouterConfig(upstreamFile, nginxConfig, frontUrl, upstreams, accessLog);
  }

  private static DnsRouterConfig dns(TreeReader r, Path base) {
    String provider =
        SectionReader.oneOf(r.child("provider"), DnsRouterConfig.PROVIDERS, "DNS provider", true);
    TreeReader apiNode = r.child("apiUrl");
    String apiUrl = url(apiNode, false, "the provider's API base URL");
    boolean allowHttpLoopback =
        requireNonNullElse(r.child("allowHttpLoopback").bool(false, "true or false"), false);
    String apiProblem = apiUrl == null ? null : OutboundUrl.problem(apiUrl, allowHttpLoopback);
    if (apiProblem != null) {
      // The API token goes there with every call.
      apiNode.report("\"" + apiUrl + "\" " + apiProblem);
    }
    TreeReader zoneNode = r.child("zoneId");
    String zoneId = zoneNode.text(true, ZONE_ID);
    if (zoneId != null && !zoneId.matches("[A-Za-z0-9_-]+")) {
      zoneNode.report("\"" + zoneId + "\" is not a zone id (" + ZONE_ID + ")");
    }
    TreeReader nameNode = r.child("recordName");
    String recordName = nameNode.text(true, DNS_NAME);
    if (recordName != null && !Checks.isDnsName(recordName)) {
      nameNode.report("\"" + recordName + "\" is not a DNS name (" + DNS_NAME + ")");
    }
    String recordType =
        requireNonNullElse(
            SectionReader.oneOf(r.child("recordType"), RECORD_TYPES, "record type", false), "A");
    TreeReader ttlNode = r.child("ttl");
    Integer ttl = ttlNode.integer(false, TTL);
    if (ttl != null && ttl != 1 && (ttl < 30 || ttl > 86400)) {
      ttlNode.report("must be from 30 to 86400 or 1, got " + ttl + " (" + TTL + ")");
    }
    TreeReader envNode = r.child("tokenEnv");
    String tokenEnv = envNode.text(false, ENV);
    if (tokenEnv != null && !Checks.matches(Checks.ENV_NAME_PATTERN, tokenEnv)) {
      envNode.report("\"" + tokenEnv + "\" is not a valid environment variable name (" + ENV + ")");
    }
    Path tokenFile = r.child("tokenFile").path(false, "a file holding the API token", base);
    boolean hasEnv = envNode.isPresent();
    if (hasEnv == r.child("tokenFile").isPresent()) {
      r.report(
          (hasEnv ? "sets both tokenEnv and tokenFile" : "sets neither tokenEnv nor tokenFile")
              + " (set exactly one of them: where the worker reads the API token)");
    }
    Map<String, String> targets =
        perSite(
            r.child("targets"),
            "a mapping of site id to the record content for that site, one per site",
            node -> recordContent(node, recordType));
    return new DnsRouterConfig(
        provider,
        stripSlash(requireNonNullElse(apiUrl, DnsRouterConfig.CLOUDFLARE_API)),
        zoneId,
        recordName,
        recordType,
        ttl == null ? 60 : ttl,
        tokenEnv,
        tokenFile,
        requireNonNullElse(r.child("connectTimeout").duration(false, true), Duration.ofSeconds(5)),
        requireNonNullElse(r.child("readTimeout").duration(false, true), Duration.ofSeconds(10)),
        targets,
        allowHttpLoopback);
  }

  /** What an A, AAAA or CNAME record holds, or null after reporting why this is not it. */
  private static String recordContent(TreeReader node, String recordType) {
    String expected =
        switch (recordType) {
          case "AAAA" -> "an IPv6 address, as recordType is AAAA";
          case "CNAME" -> "a DNS name, as recordType is CNAME";
          default -> "an IPv4 address, as recordType is A";
        };
    String value = node.text(true, expected);
    if (value == null) {
      return null;
    }
    boolean ok =
        switch (recordType) {
          case "AAAA" -> Checks.isIpv6(value);
          case "CNAME" -> Checks.isDnsName(value) && !Checks.isIpv4(value);
          default -> Checks.isIpv4(value);
        };
    if (!ok) {
      node.report("\"" + value + "\" is not " + expected);
      return null;
    }
    return value;
  }

  /**
   * A map of site id to value; two sites with the same value are a problem, since the router could
   * not tell which one is active.
   */
  static Map<String, String> perSite(
      TreeReader node, String expected, Function<TreeReader, String> value) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> siteOf = new HashMap<>();
    node.entries(true, expected)
        .forEach(
            (site, child) -> {
              String v = value.apply(child);
              if (v == null) {
                return;
              }
              String other = siteOf.putIfAbsent(v.toLowerCase(java.util.Locale.ROOT), site);
              if (other != null) {
                child.report(
                    "\""
                        + v
                        + "\" is also the value for site \""
                        + other
                        + "\" (each site needs its own, or baton cannot tell which is active)");
              }
              out.put(site, v);
            });
    return out;
  }

  static String url(TreeReader node, boolean required, String what) {
    String value = node.text(required, what + ": " + SectionReader.URL);
    if (value != null && !Checks.isHttpUrl(value)) {
      node.report("\"" + value + "\" is not a valid URL (" + SectionReader.URL + ")");
      return null;
    }
    return value;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
