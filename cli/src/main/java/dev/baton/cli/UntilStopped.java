package dev.baton.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command ({@code worker}, {@code server --dev}, {@code dev}) alive until
 * SIGTERM or Ctrl-C, then runs its clean-up once, inside the JVM's shutdown.
 */
final class UntilStopped {
  private UntilStopped() {}

  static void await(Runnable cleanUp) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cleanUp.run();
                  stopped.countDown();
                },
                "baton-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
