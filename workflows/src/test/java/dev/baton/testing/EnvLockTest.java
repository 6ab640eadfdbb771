package dev.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock EnvLock holds is the one the scripts' {@code flock} sees, and closing stdin frees it.
 */
class EnvLockTest {
  @TempDir Path dir;

  @Test
  void aHeldLockIsSeenByFlockAndFreedWhenTheHolderStdinCloses() throws Exception {
    String file = dir.resolve("env.lock").toString();
    Process holder = EnvLock.hold(file);
    assertThat(tryFlock(file)).as("flock -n while held").isEqualTo(1);

    holder.getOutputStream().close();
    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(tryFlock(file)).as("flock -n after release").isZero();
  }

  private static int tryFlock(String file) throws Exception {
    Process p = new ProcessBuilder("flock", "-n", file, "true").inheritIO().start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}
