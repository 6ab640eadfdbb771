package dev.baton.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value formats that baton.yml requires; each returns whether {@code value} is acceptable. */
final class Checks {

  static final String PROJECT_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";
  static final String SITE_ID_PATTERN = "[a-z0-9][a-z0-9-]{0,29}";
  // What `docker compose` itself accepts as a project name.
  static final String COMPOSE_PROJECT_PATTERN = "[a-z0-9][a-z0-9_-]*";
  static final String ENV_NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]*";
  static final String JDBC_PREFIX = "jdbc:postgresql://";

  // Docker service names may contain underscores, so hosts are looser than RFC 1123.
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?):(\\d{1,5})");

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*"
              + "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.?");

  private Checks() {}

  static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches();
  }

  /** An IPv6 literal such as {@code 2001:db8::10}, parsed without any name lookup. */
  static boolean isIpv6(String value) {
    if (!value.contains(":") || !value.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** A DNS name of dot-separated labels, as a record name or a CNAME's content. */
  static boolean isDnsName(String value) {
    return DNS_NAME.matcher(value).matches();
  }

  static boolean matches(String pattern, String value) {
    return value.matches(pattern);
  }

  static boolean isHostPort(String value) {
    Matcher m = HOST_PORT.matcher(value);
    if (!m.matches()) {
      return false;
    }
    int port = Integer.parseInt(m.group(3));
    return port >= 1 && port <= 65535;
  }

  static boolean isHttpUrl(String value) {
    URI uri = uri(value);
    return uri != null
        && hasScheme(uri, Set.of("http", "https"))
        && uri.getHost() != null
        && (uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535));
  }

  static boolean isDockerEndpoint(String value) {
    URI uri = uri(value);
    if (uri == null || !value.contains("://")) {
      return false;
    }
    if (hasScheme(uri, Set.of("unix"))) {
      return uri.getHost() == null && uri.getPath() != null && uri.getPath().length() > 1;
    }
    return hasScheme(uri, Set.of("tcp", "https")) && uri.getHost() != null;
  }

  static boolean isPostgresJdbcUrl(String value) {
    return value.startsWith(JDBC_PREFIX) && value.length() > JDBC_PREFIX.length();
  }

  static boolean hasPasswordParameter(String jdbcUrl) {
    return jdbcUrl.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*");
  }

  /**
   * Whether git reads {@code value} as a remote rather than a local path: a URL, or scp-like {@code
   * host:path} (a colon before any slash), which is how git itself tells them apart.
   */
  static boolean isRemoteGitUrl(String value) {
    if (value.contains("://")) {
      return true;
    }
    int colon = value.indexOf(':');
    int slash = value.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash);
  }

  private static boolean hasScheme(URI uri, Set<String> schemes) {
    return uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT));
  }

  private static URI uri(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
