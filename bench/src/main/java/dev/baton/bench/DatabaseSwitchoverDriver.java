package dev.baton.bench;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import dev.baton.database.DatabaseActivities;
import dev.baton.database.DatabaseRequest;
import dev.baton.database.FenceResult;
import dev.baton.database.PostgresDatabaseActivities;
import dev.baton.database.PromoteResult;
import dev.baton.database.ReplayRequest;
import dev.baton.database.ReplayResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * bench/db-switchover-bench's "baton" procedure: baton's own planned switchover. Its activities
 * ({@link PostgresDatabaseActivities}) are called in the order and with the timeouts the release's
 * DatabaseSwitchover uses (fence the old primary, wait until the replica replayed the fence's LSN,
 * promote), through Temporal's activity environment, so they run with an activity context and their
 * arguments and results pass Temporal's data converter as on a worker; what is left out is the
 * service round trip between two activities.
 *
 * <p>Talks on stdin/stdout so the JVM's start-up is not timed: prints {@code ready} once both
 * databases answered; for each line {@code switch FROM TO} runs one switchover and prints {@code
 * done FENCE_MS REPLAY_MS PROMOTE_MS}; exits at the end of its input.
 */
public final class DatabaseSwitchoverDriver {
  private DatabaseSwitchoverDriver() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DatabaseSwitchoverDriver BATON_YML (with both sites' databases)");
      System.exit(2);
    }
    BatonConfig config = ConfigLoader.load(Path.of(args[0]), System.getenv());
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new PostgresDatabaseActivities(config));
    // As ReleaseActivities builds its database and replay stubs.
    DatabaseActivities database =
        env.newActivityStub(
            DatabaseActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).build());
    DatabaseActivities replay =
        env.newActivityStub(
            DatabaseActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .build());
    String project = config.project();
    for (String site : config.siteIds()) {
      database.role(new DatabaseRequest(project, site)); // connections and classes warm
    }
    System.out.println("ready");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.trim().split(" +");
      if (words.length != 3 || !words[0].equals("switch")) {
        System.out.println("error: expected 'switch FROM TO', got '" + line + "'");
        continue;
      }
      long t0 = System.nanoTime();
      FenceResult fence = database.fence(new DatabaseRequest(project, words[1]));
      long t1 = System.nanoTime();
      ReplayResult replayed = replay.awaitReplay(new ReplayRequest(project, words[2], fence.lsn()));
      long t2 = System.nanoTime();
      PromoteResult promoted = database.promote(new DatabaseRequest(project, words[2]));
      long t3 = System.nanoTime();
      if (!promoted.promoted()) {
        System.out.println("error: " + words[2] + " not promoted: " + promoted.detail());
        continue;
      }
      System.out.printf(
          "done %d %d %d (replayed to %s)%n",
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          (t3 - t2) / 1_000_000,
          replayed.replayLsn());
      System.out.flush();
    }
    env.close();
  }
}
