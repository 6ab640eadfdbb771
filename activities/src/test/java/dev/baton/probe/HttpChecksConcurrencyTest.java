package dev.baton.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A site's apps are checked at once, not one after the other: each app here answers only once every
 * app has been asked, so checks made in turn would time out on the first app.
 */
class HttpChecksConcurrencyTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final CountDownLatch allAsked = new CountDownLatch(2);
  private final MockWebServer api = new MockWebServer();
  private final MockWebServer web = new MockWebServer();

  @AfterEach
  void stop() {
    api.close();
    web.close();
  }

  @Test
  void everyAppIsAskedBeforeAnyAnswers() throws IOException {
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("api", start(api));
    urls.put("web", start(web));

    Map<String, String> failures = new HttpChecks(TIMEOUT).failures(urls);

    assertThat(failures).isEmpty();
    assertThat(allAsked.getCount()).isZero();
  }

  private String start(MockWebServer app) throws IOException {
    app.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            allAsked.countDown();
            // Longer than the checks' timeout: asked in turn, the first app fails its check.
            boolean together = allAsked.await(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            return new MockResponse.Builder().code(together ? 200 : 503).build();
          }
        });
    app.start(InetAddress.getByName("127.0.0.1"), 0);
    return "http://127.0.0.1:" + app.getPort() + "/health";
  }
}
