package dev.baton.router;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.DnsRouterConfig;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS router: one record at a DNS provider holds the active site's content (an address or a
 * name from {@code router.targets}). A switch updates it only when it differs, reads it back, and
 * restores the previous content when the read-back disagrees or the provider stops answering.
 * Clients follow within the record's TTL; the provider's API is the source of truth.
 */
public final class DnsRouterActivities implements RouterActivities {
  private static final Logger log = LoggerFactory.getLogger(DnsRouterActivities.class);
  private final DnsRouterConfig router;
  private final DnsProvider provider;
  private final RouterFailures fail;

  public DnsRouterActivities(BatonConfig config) {
    this((DnsRouterConfig) config.router());
  }

  DnsRouterActivities(DnsRouterConfig router) {
    this(router, provider(router, router::token));
  }

  DnsRouterActivities(DnsRouterConfig router, DnsProvider provider) {
    this.router = router;
    this.provider = provider;
    this.fail = new RouterFailures("dns " + provider.name());
  }

  /** The provider named by {@code router.provider}; a new provider is added here. */
  static DnsProvider provider(DnsRouterConfig router, Supplier<String> token) {
    return switch (router.provider()) {
      case DnsRouterConfig.CLOUDFLARE -> new CloudflareDns(router, token);
      default -> throw new IllegalArgumentException("unknown DNS provider " + router.provider());
    };
  }

  @Override
  public String currentTarget(RouterRequest request) {
    return siteOf(call(provider::find).content());
  }

  /** A record holds one site's content: DNS cannot split traffic by weight. */
  @Override
  public ShiftResult shift(ShiftRequest request) {
    throw fail.badConfig(
        "a DNS record names one site, so it cannot shift "
            + request.percent()
            + "% of traffic; remove release.shift (weighted shifts need router.type nginx)");
  }

  @Override
  public SwitchResult switchTo(SwitchRequest request) {
    long started = System.nanoTime();
    String target = router.targets().get(request.toSite());
    if (target == null) {
      throw fail.badConfig(
          "no target for site '" + request.toSite() + "' in router.targets (add one)");
    }
    DnsRecord record = call(provider::find);
    String previous = record.content();
    if (!sameContent(previous, target)) {
      try {
        provider.update(record.id(), target, router.ttl());
      } catch (DnsProviderException e) {
        throw failed(e, record, previous);
      } catch (ConfigException e) {
        throw fail.badConfig(e.getMessage());
      }
    }
    DnsRecord now;
    try {
      now = provider.get(record.id());
    } catch (DnsProviderException e) {
      throw failed(e, record, previous);
    }
    if (!sameContent(now.content(), target)) {
      String restored = restore(record, previous);
      throw fail.switchFailed(
          "after the switch to "
              + request.toSite()
              + " the provider still returns "
              + now.content()
              + " for "
              + describe(record)
              + " (expected "
              + target
              + "); "
              + restored);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info(
        "{} now holds {} ({}) after {} ms", describe(record), target, request.toSite(), millis);
    return new SwitchResult(
        request.toSite(),
        millis,
        describe(record)
            + " = "
            + target
            + " verified; clients follow within its TTL of "
            + router.ttl()
            + "s");
  }

  /** After a failed update or read-back the record may hold either content: put back the old. */
  private ApplicationFailure failed(DnsProviderException e, DnsRecord record, String previous) {
    if (e.kind() == DnsProviderException.Kind.REJECTED_TOKEN) {
      return fail.badConfig(e.getMessage() + "; the record was not changed");
    }
    String restored = restore(record, previous);
    return e.kind() == DnsProviderException.Kind.UNAVAILABLE
        ? fail.unavailable(e.getMessage() + "; " + restored)
        : fail.switchFailed(e.getMessage() + "; " + restored);
  }

  /** What the operator needs to know about the record after trying to restore it. */
  private String restore(DnsRecord record, String previous) {
    String where = previous + " (" + siteOrUnknown(previous) + ")";
    try {
      DnsRecord now = provider.get(record.id());
      if (!sameContent(now.content(), previous)) {
        provider.update(record.id(), previous, record.ttl() > 0 ? record.ttl() : router.ttl());
      }
      return "the record holds " + where + " as before";
    } catch (RuntimeException e) {
      log.error("could not restore {} to {}: {}", describe(record), previous, e.getMessage());
      return "could NOT restore "
          + where
          + " ("
          + e.getMessage()
          + "): check "
          + describe(record)
          + " at the provider";
    }
  }

  private DnsRecord call(Supplier<DnsRecord> call) {
    try {
      return call.get();
    } catch (DnsProviderException e) {
      throw switch (e.kind()) {
        case REJECTED_TOKEN -> fail.badConfig(e.getMessage());
        case UNAVAILABLE -> fail.unavailable(e.getMessage());
        case FAILED -> fail.switchFailed(e.getMessage());
      };
    } catch (ConfigException e) {
      throw fail.badConfig(e.getMessage());
    }
  }

  private String siteOf(String content) {
    return router.targets().entrySet().stream()
        .filter(e -> sameContent(e.getValue(), content))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () ->
                fail.badConfig(
                    router.recordName()
                        + " holds "
                        + content
                        + ", which is none of the sites' "
                        + router.targets()
                        + " (router.targets)"));
  }

  private String siteOrUnknown(String content) {
    return router.targets().entrySet().stream()
        .filter(e -> sameContent(e.getValue(), content))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("no site");
  }

  private String describe(DnsRecord record) {
    return record.type() + " record " + record.name();
  }

  /** Providers may write an IPv6 address or a name differently from the config; compare meaning. */
  private boolean sameContent(String a, String b) {
    if (router.recordType().equals("AAAA") && isIpv6Literal(a) && isIpv6Literal(b)) {
      try {
        return InetAddress.getByName(a).equals(InetAddress.getByName(b));
      } catch (UnknownHostException e) {
        return a.equalsIgnoreCase(b);
      }
    }
    return stripDot(a).equalsIgnoreCase(stripDot(b));
  }

  // InetAddress.getByName parses a literal without a lookup; anything else it would resolve.
  private static boolean isIpv6Literal(String value) {
    return value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
  }

  private static String stripDot(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".")
        ? name.substring(0, name.length() - 1)
        : name;
  }
}
