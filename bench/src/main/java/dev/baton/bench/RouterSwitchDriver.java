package dev.baton.bench;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.router.RouterActivities;
import dev.baton.router.RouterRequest;
import dev.baton.router.Routers;
import dev.baton.router.SwitchRequest;
import dev.baton.router.SwitchResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * bench/switch-load-bench's haproxy part: the router activity a release's switch runs ({@link
 * Routers#forConfig}, as the worker builds it), called directly, so the time from the activity's
 * start until the load sees every answer from the new site can be measured without a whole release
 * around it.
 *
 * <p>Talks on stdin/stdout so the JVM's start-up is not timed: prints {@code ready} once the router
 * answered; for each line {@code switch FROM TO} runs one switch and prints {@code done
 * START_EPOCH_MS ACTIVITY_MS}; exits at the end of its input.
 */
public final class RouterSwitchDriver {
  private RouterSwitchDriver() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: RouterSwitchDriver BATON_YML");
      System.exit(2);
    }
    BatonConfig config = ConfigLoader.load(Path.of(args[0]), System.getenv());
    RouterActivities router = Routers.forConfig(config);
    router.currentTarget(new RouterRequest(config.project())); // classes and socket warm
    System.out.println("ready");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.strip().split(" ");
      if (words.length != 3 || !words[0].equals("switch")) {
        System.out.println("error: expected 'switch FROM TO', got: " + line);
        System.out.flush();
        continue;
      }
      long start = System.currentTimeMillis();
      SwitchResult result =
          router.switchTo(new SwitchRequest(config.project(), words[1], words[2]));
      System.out.println("done " + start + " " + result.millis());
      System.out.flush();
    }
  }
}
