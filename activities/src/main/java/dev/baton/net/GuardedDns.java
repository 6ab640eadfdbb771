package dev.baton.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * The system's resolver, refusing a name that resolves to a link-local or cloud-metadata address (a
 * DNS record can be changed after the config was validated), and, for plain http, to anything but
 * this machine. OkHttp does not ask it for literal addresses: {@link OutboundUrl} checks those.
 */
public final class GuardedDns implements Dns {
  private final boolean loopbackOnly;

  /**
   * @param loopbackOnly the call is plain http, allowed to this machine only
   */
  public GuardedDns(boolean loopbackOnly) {
    this.loopbackOnly = loopbackOnly;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
    for (InetAddress address : addresses) {
      if (OutboundUrl.forbidden(address)) {
        throw new Refused(
            hostname
                + " resolves to "
                + address.getHostAddress()
                + ", a link-local or cloud-metadata address: refused");
      }
      if (loopbackOnly && !address.isLoopbackAddress()) {
        throw new Refused(
            hostname
                + " resolves to "
                + address.getHostAddress()
                + ", not this machine: plain http goes to a loopback address only");
      }
    }
    return addresses;
  }

  /** A name that resolved where baton does not send a secret: retrying will not help. */
  public static final class Refused extends UnknownHostException {
    Refused(String message) {
      super(message);
    }
  }
}
