package dev.baton.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Where a secret may be sent: https, plain http to this machine when allowed, no metadata. */
class OutboundUrlTest {

  @Test
  void httpsGoesAnywhereButMetadataAndLinkLocal() {
    assertThat(OutboundUrl.problem("https://hooks.slack.com/services/T/B/x", false)).isNull();
    assertThat(OutboundUrl.problem("https://169.254.169.254/latest/meta-data/", false))
        .isEqualTo("points at 169.254.169.254, a link-local or cloud-metadata address: refused");
    assertThat(OutboundUrl.problem("https://[fe80::1]/", false))
        .startsWith("points at fe80::1, a link-local");
    assertThat(OutboundUrl.problem("https://[fd00:ec2::254]/", false))
        .startsWith("points at fd00:ec2::254, a link-local or cloud-metadata address");
    assertThat(OutboundUrl.problem("https://metadata.google.internal/computeMetadata/v1/", false))
        .isEqualTo("names metadata.google.internal, a cloud-metadata service: refused");
  }

  @Test
  void plainHttpOnlyToThisMachineAndOnlyWhenAllowed() {
    assertThat(OutboundUrl.problem("http://api.example.com/client/v4", true))
        .isEqualTo("uses plain http to api.example.com, which would send it in clear: use https");
    assertThat(OutboundUrl.problem("http://127.0.0.1:8080/hook", false))
        .startsWith("uses plain http (to 127.0.0.1): use https, or set allowHttpLoopback: true");
    assertThat(OutboundUrl.problem("http://127.0.0.1:8080/hook", true)).isNull();
    assertThat(OutboundUrl.problem("http://[::1]:8080/hook", true)).isNull();
    assertThat(OutboundUrl.problem("http://localhost:8080/hook", true)).isNull();
    assertThat(OutboundUrl.problem("ftp://example.com/", true))
        .isEqualTo("is not an http:// or https:// URL");
  }

  @Test
  void aNameThatResolvesToMetadataOrElsewhereIsRefusedWhenConnecting() throws Exception {
    // "2852039166" is 169.254.169.254 written as one number: OkHttp treats it as a name, and
    // the resolver turns it into the metadata address.
    assertThatThrownBy(() -> new GuardedDns(false).lookup("2852039166"))
        .isInstanceOf(GuardedDns.Refused.class)
        .hasMessage(
            "2852039166 resolves to 169.254.169.254, a link-local or cloud-metadata address:"
                + " refused");
    assertThat(new GuardedDns(true).lookup("localhost")).allMatch(InetAddress::isLoopbackAddress);
    assertThatThrownBy(() -> new GuardedDns(true).lookup("192.0.2.10"))
        .isInstanceOf(GuardedDns.Refused.class)
        .hasMessageContaining("not this machine: plain http goes to a loopback address only");
  }
}
