package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.router.UpstreamFile.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamFileTest {
  @TempDir Path dir;

  @Test
  void replacesTheServerAddressAndKeepsTheRest() {
    String before =
        "# active site\nupstream shop_active {\n  server 127.0.0.1:3000 max_fails=0;\n"
            + "  keepalive 16;\n}\n";
    assertThat(UpstreamFile.withServers(before, List.of(new Server("127.0.0.1:3001", 1))))
        .isEqualTo(
            "# active site\nupstream shop_active {\n  server 127.0.0.1:3001 max_fails=0;\n"
                + "  keepalive 16;\n}\n");
  }

  @Test
  void weightedServersTakeTheFirstLinesPlaceIndentAndParameters() {
    String one = "# active site\n  server 127.0.0.1:3000 max_fails=0;\n# end\n";
    String split =
        UpstreamFile.withServers(
            one, List.of(new Server("127.0.0.1:3000", 9), new Server("127.0.0.1:3001", 1)));
    assertThat(split)
        .isEqualTo(
            "# active site\n  server 127.0.0.1:3000 weight=9 max_fails=0;\n"
                + "  server 127.0.0.1:3001 weight=1 max_fails=0;\n# end\n");
    assertThat(new UpstreamFile(dir.resolve("x")).servers(split))
        .containsExactly(new Server("127.0.0.1:3000", 9), new Server("127.0.0.1:3001", 1));
    // And back to one line: the second server line goes, weights go.
    assertThat(UpstreamFile.withServers(split, List.of(new Server("127.0.0.1:3001", 1))))
        .isEqualTo("# active site\n  server 127.0.0.1:3001 max_fails=0;\n# end\n");
  }

  @Test
  void aServerWithoutWeightHasWeightOneAndALastLineWithoutBreakStaysSo() {
    assertThat(new UpstreamFile(dir.resolve("x")).servers("server 127.0.0.1:3000;"))
        .containsExactly(new Server("127.0.0.1:3000", 1));
    assertThat(
            UpstreamFile.withServers(
                "server 127.0.0.1:3000;",
                List.of(new Server("127.0.0.1:3000", 1), new Server("127.0.0.1:3001", 1))))
        .isEqualTo("server 127.0.0.1:3000 weight=1;\nserver 127.0.0.1:3001 weight=1;");
  }

  @Test
  void readsAndWritesTheFileAtomically() throws Exception {
    Path file = dir.resolve("upstream.conf");
    Files.writeString(file, "server 127.0.0.1:3000;\n");
    UpstreamFile upstream = new UpstreamFile(file);
    assertThat(upstream.servers(upstream.content()))
        .containsExactly(new Server("127.0.0.1:3000", 1));
    upstream.write("server 127.0.0.1:3001;\n");
    assertThat(upstream.servers(upstream.content()))
        .containsExactly(new Server("127.0.0.1:3001", 1));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
  }

  @Test
  void aFileWithoutServerLineIsAClearError() throws Exception {
    Path file = dir.resolve("upstream.conf");
    Files.writeString(file, "# nothing\nserver 127.0.0.1:3000\n");
    UpstreamFile upstream = new UpstreamFile(file);
    assertThatThrownBy(() -> upstream.servers(upstream.content()))
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
