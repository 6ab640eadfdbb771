package dev.baton.site;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work a deploy runs beside its main line (creating the stopped queue workers while the others get
 * healthy). Closing it before it was joined, because the deploy failed or was cancelled, interrupts
 * it and waits for it to end, so no command of a finished attempt keeps running.
 */
final class SideTask implements AutoCloseable {
  private final FutureTask<Void> task;
  private final Thread thread;

  private SideTask(Runnable work, String name) {
    this.task = new FutureTask<>(work, null);
    this.thread = new Thread(task, name);
    thread.setDaemon(true);
  }

  static SideTask start(String name, Runnable work) {
    SideTask side = new SideTask(work, name);
    side.thread.start();
    return side;
  }

  /** Waits for the work; its failure is this caller's. */
  void join() throws InterruptedException {
    try {
      task.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (!task.isDone()) {
      task.cancel(true);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
