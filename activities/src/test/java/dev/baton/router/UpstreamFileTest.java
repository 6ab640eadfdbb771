package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamFileTest {
  @TempDir Path dir;

  @Test
  void replacesOnlyTheFirstServerAddressAndKeepsTheRest() {
    String before =
        "# active site\nupstream shop_active {\n  server 127.0.0.1:3000 max_fails=0;\n"
            + "  keepalive 16;\n}\n";
    assertThat(UpstreamFile.replaceAddress(before, "127.0.0.1:3001"))
        .isEqualTo(
            "# active site\nupstream shop_active {\n  server 127.0.0.1:3001 max_fails=0;\n"
                + "  keepalive 16;\n}\n");
  }

  @Test
  void readsAndWritesTheFileAtomically() throws Exception {
    Path file = dir.resolve("upstream.conf");
    Files.writeString(file, "server 127.0.0.1:3000;\n");
    UpstreamFile upstream = new UpstreamFile(file);
    assertThat(upstream.address()).isEqualTo("127.0.0.1:3000");
    upstream.write("server 127.0.0.1:3001;\n");
    assertThat(upstream.address()).isEqualTo("127.0.0.1:3001");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
  }

  @Test
  void aFileWithoutServerLineIsAClearError() throws Exception {
    Path file = dir.resolve("upstream.conf");
    Files.writeString(file, "# nothing\n");
    assertThatThrownBy(() -> new UpstreamFile(file).address())
        .hasMessage(file + " has no `server HOST:PORT;` line (router.upstreamFile must hold one)");
  }

  @Test
  void nginxArgumentsUseTheRoutersOwnConfig() {
    Path conf = Path.of("/etc/baton/nginx.conf");
    assertThat(Nginx.testArgs(conf))
        .containsExactly("nginx", "-t", "-q", "-c", "/etc/baton/nginx.conf");
    assertThat(Nginx.reloadArgs(conf))
        .containsExactly("nginx", "-s", "reload", "-c", "/etc/baton/nginx.conf");
  }
}
