package dev.baton.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Where a worker may send a secret (a webhook URL is one; a DNS API call carries a token): https,
 * or plain http to this machine only and only where the config allows it, and never to a link-local
 * or cloud-metadata address, which would hand the instance's own credentials to whoever wrote the
 * URL. Checked when the config is validated and again before each call; {@link GuardedDns} checks
 * the addresses a name resolves to when the connection is made.
 */
public final class OutboundUrl {
  /** Names that cloud providers answer with instance metadata and credentials. */
  private static final Set<String> METADATA_NAMES =
      Set.of("metadata", "metadata.google.internal", "metadata.goog", "instance-data");

  private OutboundUrl() {}

  /**
   * Why {@code url} may not be called, or null when it may.
   *
   * @param allowHttpLoopback the config allows plain http to a loopback address (a local relay)
   */
  public static String problem(String url, boolean allowHttpLoopback) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      return "is not an http:// or https:// URL";
    }
    String host = parsed.host().toLowerCase(Locale.ROOT);
    if (METADATA_NAMES.contains(host)) {
      return "names " + host + ", a cloud-metadata service: refused";
    }
    InetAddress literal = literal(host);
    if (literal != null && forbidden(literal)) {
      return "points at " + host + ", a link-local or cloud-metadata address: refused";
    }
    if (parsed.isHttps()) {
      return null;
    }
    boolean loopback = host.equals("localhost") || (literal != null && literal.isLoopbackAddress());
    if (!loopback) {
      return "uses plain http to " + host + ", which would send it in clear: use https";
    }
    return allowHttpLoopback
        ? null
        : "uses plain http (to "
            + host
            + "): use https, or set allowHttpLoopback: true for a"
            + " relay on this machine";
  }

  /** Link-local (169.254.0.0/16 with 169.254.169.254, fe80::/10), 0.0.0.0, or fd00:ec2::254. */
  static boolean forbidden(InetAddress address) {
    return address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
  }

  /** The address a literal host stands for, without a DNS lookup; null for a name. */
  private static InetAddress literal(String host) {
    // HttpUrl keeps an IPv6 literal without brackets and an IPv4 literal as dotted decimal; any
    // other form ("2852039166") is a name to OkHttp, and GuardedDns sees what it resolves to.
    if (!host.contains(":") && !host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      return null;
    }
    try {
      return InetAddress.getByName(host); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
