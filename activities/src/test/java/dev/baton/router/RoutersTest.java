package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutersTest {
  @TempDir Path dir;

  @Test
  void routerTypePicksTheImplementation() throws Exception {
    String minimal =
        Files.readString(Path.of(getClass().getResource("/config/minimal.yml").toURI()));
    assertThat(Routers.forConfig(load(minimal))).isInstanceOf(HeartbeatingRouter.class);
    assertThat(Routers.implementation(load(minimal))).isInstanceOf(NginxRouterActivities.class);

    String dns =
        minimal.substring(0, minimal.indexOf("router:"))
            + "router:\n  type: dns\n  provider: cloudflare\n  zoneId: z1\n"
            + "  recordName: shop.example.com\n  tokenEnv: CF_API_TOKEN\n"
            + "  targets: {primary: 192.0.2.10, secondary: 192.0.2.20}\n";
    assertThat(Routers.implementation(load(dns))).isInstanceOf(DnsRouterActivities.class);
  }

  private BatonConfig load(String yaml) throws Exception {
    return ConfigLoader.load(Files.writeString(dir.resolve("baton.yml"), yaml), Map.of());
  }
}
