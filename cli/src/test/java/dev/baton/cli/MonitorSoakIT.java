package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 2-minute version of {@code bench/monitor-soak}: the monitor, failing over by itself after 3
 * failed probes at a probe every 500ms, watches a healthy site on a starved machine with a slow and
 * lossy probe path (in a network namespace of its own) and must not fail over. The script is the
 * test: it exits 1 on a failover or a move of the active site. An IT, since the script runs the
 * packaged {@code baton.jar}.
 */
class MonitorSoakIT {
  @TempDir static Path results;

  @BeforeAll
  static void realEnvironment() {
    RealEnvironment.assumeUsable(MonitorSoakIT.class);
  }

  @Test
  void twoMinutesOnAStarvedMachineWithALossyProbePathFailOverNothing() throws Exception {
    Path log = results.resolve("monitor-soak.log");
    ProcessBuilder soak =
        new ProcessBuilder("bench/monitor-soak", "2")
            .directory(LocalSites.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Its samples go to the test's directory: a test's run is not a benchmark's figures.
    soak.environment().put("BENCH_RESULTS_DIR", results.toString());
    Process process = soak.start();
    boolean ended = process.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);
    assertThat(ended).as("bench/monitor-soak 2 ended within 10 minutes:%n%s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("no failover in 2 minutes");
  }
}
