package dev.baton.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a steady stream of requests (open model: a new one every 1/rate seconds, however slow the
 * answers) through keep-alive connections, as a busy client would, and records each outcome. Used
 * to prove that a switch or a rollback loses no request.
 */
public final class LoadGenerator {
  private static final String UPSTREAM_HEADER = "X-Baton-Upstream";

  private LoadGenerator() {}

  public static LoadReport run(LoadPlan plan) throws InterruptedException {
    Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    AtomicLong started = new AtomicLong();
    AtomicLong inFlight = new AtomicLong();
    ExecutorService answers = Executors.newFixedThreadPool(4, daemon("load-answers"));
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("load"));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(plan.timeout())
            .executor(answers)
            .build();
    HttpRequest request = HttpRequest.newBuilder(plan.url()).timeout(plan.timeout()).GET().build();
    long deadline = System.nanoTime() + plan.maxDuration().toNanos();
    try {
      ticker.scheduleAtFixedRate(
          () -> {
            if (started.incrementAndGet() > plan.maxRequests()) {
              return;
            }
            inFlight.incrementAndGet();
            send(http, request, samples, inFlight);
          },
          0,
          1_000_000_000L / plan.perSecond(),
          TimeUnit.NANOSECONDS);
      while (System.nanoTime() < deadline
          && (plan.stopFile() == null || !Files.exists(plan.stopFile()))) {
        Thread.sleep(20);
      }
    } finally {
      ticker.shutdownNow();
    }
    long drainUntil = System.nanoTime() + plan.timeout().toNanos() + 1_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(5);
    }
    answers.shutdownNow();
    return new LoadReport(samples.stream().toList());
  }

  private static void send(
      HttpClient http, HttpRequest request, Queue<Sample> samples, AtomicLong inFlight) {
    long sentAt = System.currentTimeMillis();
    long t0 = System.nanoTime();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              long millis = (System.nanoTime() - t0) / 1_000_000;
              if (error != null) {
                samples.add(new Sample(sentAt, millis, 0, null, reason(error)));
              } else {
                int status = response.statusCode();
                String upstream = response.headers().firstValue(UPSTREAM_HEADER).orElse(null);
                samples.add(
                    new Sample(
                        sentAt, millis, status, upstream, status >= 500 ? "HTTP " + status : null));
              }
              inFlight.decrementAndGet();
            });
  }

  static String reason(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof HttpTimeoutException) {
      return "timeout";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof IOException) {
      return "connection error: " + e.getClass().getSimpleName();
    }
    return e.getClass().getSimpleName();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
