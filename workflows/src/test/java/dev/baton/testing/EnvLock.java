package dev.baton.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local environment's lock ({@code /tmp/baton-env.lock}), the one {@code
 * scripts/lib/env-lock.sh} takes for the demo and the benchmarks. The environment has fixed ports
 * and one state dir, so a test class that brings it up holds this lock until it has torn it down: a
 * second run (another checkout's tests, a benchmark) waits instead of breaking both.
 *
 * <p>The lock is held by a {@code flock} child process, so that it is the same kind of lock as the
 * scripts' (Java's FileLock is an fcntl lock, which flock(2) does not see). The child holds it
 * until its stdin closes: on {@link #release}, or when this JVM dies, so a killed run never leaves
 * it taken. Reentrant within the JVM: test classes that nest environments share one hold.
 */
public final class EnvLock {
  public static final String FILE =
      System.getenv().getOrDefault("BATON_ENV_DIR", "/tmp/baton-env") + ".lock";
  private static Process holder;
  private static int holds;

  private EnvLock() {}

  /** Blocks until this JVM holds the lock (at once if it already does). */
  public static synchronized void acquire() {
    if (holds++ > 0) {
      return;
    }
    try {
      holder = hold(FILE);
    } catch (RuntimeException e) {
      holds--;
      throw e;
    }
  }

  /** A {@code flock} process holding {@code file}'s lock until its stdin closes. */
  static Process hold(String file) {
    Process process;
    try {
      process =
          new ProcessBuilder("flock", "-o", file, "sh", "-c", "echo held; exec cat >/dev/null")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start flock for " + file, e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> readLine(out));
    try {
      String line;
      try {
        line = held.get(2, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        System.err.printf("waiting for %s: another run is using the local environment%n", file);
        line = held.get();
      }
      if (!"held".equals(line)) {
        throw new IllegalStateException("flock " + file + " exited without taking the lock");
      }
      return process;
    } catch (InterruptedException | ExecutionException | RuntimeException e) {
      process.destroy();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("waiting for " + file, e);
    }
  }

  /** Gives up this JVM's hold; the last one releases the lock. */
  public static synchronized void release() {
    if (holds == 0 || --holds > 0) {
      return;
    }
    try {
      holder.getOutputStream().close();
      holder.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      holder.destroy();
      holder = null;
    }
  }

  private static String readLine(BufferedReader out) {
    try {
      return out.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
