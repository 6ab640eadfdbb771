package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's benchmark tables are what {@code bench/report} prints from the raw samples in
 * bench/results/: a figure edited by hand, or a results file added without regenerating them, fails
 * here.
 */
class BenchReportTest {

  @Test
  void theReadmesBenchmarkTablesAreThoseTheResultsFilesGive() throws Exception {
    Process check =
        new ProcessBuilder("python3", "bench/report", "--check")
            .directory(LocalSites.ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    String output = output(check);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("bench/report finished").isTrue();
    assertThat(check.exitValue()).as(output).isZero();
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
