package dev.baton.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxWorkersTest {

  @Test
  void thePidFileComesFromTheConfigIgnoringComments() {
    String config = "# pid /wrong.pid;\nworker_processes 1;\n  pid /tmp/x/nginx.pid;\nevents {}\n";
    assertThat(NginxWorkers.pidFile(config)).isEqualTo(Path.of("/tmp/x/nginx.pid"));
  }

  @Test
  void withoutAPidDirectiveNginxUsesItsCompiledInDefault() {
    assertThat(NginxWorkers.pidFile("events {}\n# pid /commented.pid;\n"))
        .isEqualTo(NginxWorkers.DEFAULT_PID_FILE);
  }

  @Test
  void theChildrenOfTheMasterInThePidFileAreItsWorkers(@TempDir Path dir) throws Exception {
    // This test's JVM plays the master: its children are the "workers".
    Process worker = new ProcessBuilder("sleep", "30").start();
    try {
      Path pidFile = dir.resolve("nginx.pid");
      Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
      Path config = dir.resolve("nginx.conf");
      Files.writeString(config, "pid " + pidFile + ";\n");
      Set<Long> workers = new NginxWorkers(config).current();
      assertThat(workers).contains(worker.pid());

      assertThat(NginxWorkers.awaitExit(workers, Duration.ofMillis(50))).isFalse();
      worker.destroy();
      worker.waitFor();
      assertThat(NginxWorkers.awaitExit(Set.of(worker.pid()), Duration.ofSeconds(5))).isTrue();
    } finally {
      worker.destroyForcibly();
    }
  }

  @Test
  void noRunningNginxMeansNoWorkers(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("nginx.conf");
    Files.writeString(config, "pid " + dir.resolve("missing.pid") + ";\n");
    assertThat(new NginxWorkers(config).current()).isEmpty();
  }
}
