package dev.baton.database;

import dev.baton.FailureKind;
import dev.baton.config.BatonConfig;
import dev.baton.config.SiteConfig;
import dev.baton.config.SiteDatabaseConfig;
import dev.baton.process.CancellableWork;
import dev.baton.process.CommandException;
import dev.baton.process.CommandResult;
import dev.baton.process.ProcessRunner;
import dev.baton.process.Redaction;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-seeds this site's database with the site's own command (a base backup is a matter of that
 * site's server: its data directory, its service manager), then checks the result over JDBC.
 */
public final class PostgresSiteDatabaseActivities implements SiteDatabaseActivities {
  private static final Logger log = LoggerFactory.getLogger(PostgresSiteDatabaseActivities.class);

  /** After the command: how long the database may take to stream from the primary. */
  static final Duration STREAMING_TIMEOUT = Duration.ofMinutes(2);

  /** The command's limit when the activity has no StartToClose timeout (it always should). */
  static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofHours(1);

  private final SiteConfig site;
  private final DatabaseConnections connections;
  private final Semaphore reseedSlot = CancellableWork.slot();

  public PostgresSiteDatabaseActivities(BatonConfig config, SiteConfig site) {
    this.site = site;
    this.connections = new DatabaseConnections(config);
  }

  @Override
  public ReseedResult reseed(ReseedRequest request) {
    String siteId = request.siteId();
    if (!site.id().equals(siteId)) {
      throw DatabaseFailures.permanent(
          "this worker re-seeds site " + site.id() + "'s database, not " + siteId,
          FailureKind.BAD_CONFIG);
    }
    if (siteId.equals(request.primarySite())) {
      throw DatabaseFailures.permanent(
          "cannot re-seed site " + siteId + "'s database from itself", FailureKind.RESEED_FAILED);
    }
    SiteDatabaseConfig db = connections.database(siteId);
    List<String> command = db.reseedCommand();
    if (command.isEmpty()) {
      throw DatabaseFailures.permanent(
          "site "
              + siteId
              + " has no database.reseedCommand in baton.yml (the command that makes its database"
              + " a fresh replica of the primary; see docs/database.md)",
          FailureKind.BAD_CONFIG);
    }
    String primaryUrl = connections.database(request.primarySite()).url();
    Map<String, String> env;
    try {
      env = ReseedCommand.environment(siteId, request.primarySite(), primaryUrl);
    } catch (IllegalArgumentException e) {
      throw DatabaseFailures.permanent(
          "site " + request.primarySite() + ": " + e.getMessage(), FailureKind.BAD_CONFIG);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    CommandResult result = runHeartbeating(command, env, commandTimeout(context));
    if (!result.ok()) {
      throw DatabaseFailures.permanent(
          "site "
              + siteId
              + ": reseed command "
              + Redaction.apply(String.join(" ", command))
              + " exited with "
              + result.exitCode()
              + ":\n"
              + result.tail(20),
          FailureKind.RESEED_FAILED);
    }
    log.info("site {}: reseed command finished in {} ms", siteId, result.millis());
    long started = System.nanoTime();
    ReplicationStatus status = awaitStreaming(siteId, request.primarySite(), context);
    long catchUp = (System.nanoTime() - started) / 1_000_000;
    return new ReseedResult(result.millis(), catchUp, status.detail());
  }

  private static Duration commandTimeout(ActivityExecutionContext context) {
    Duration limit = context.getInfo().getStartToCloseTimeout();
    return limit == null || limit.isZero() ? DEFAULT_COMMAND_TIMEOUT : limit;
  }

  /**
   * Runs the command while this thread heartbeats: when the activity is cancelled or timed out, the
   * command is killed with what it started, and a retry waits until it is gone.
   */
  private CommandResult runHeartbeating(
      List<String> command, Map<String, String> env, Duration timeout) {
    long started = System.nanoTime();
    try {
      return CancellableWork.run(
          reseedSlot,
          "reseed of " + site.id(),
          () ->
              "reseed command running for " + (System.nanoTime() - started) / 1_000_000_000 + " s",
          () -> ProcessRunner.run(command, null, env, timeout));
    } catch (CommandException e) {
      throw DatabaseFailures.permanent(
          "site " + site.id() + ": reseed command failed: " + e.getMessage(),
          FailureKind.RESEED_FAILED);
    }
  }

  /**
   * Polls until the re-seeded database streams from the primary; connection errors are waited out.
   */
  private ReplicationStatus awaitStreaming(
      String siteId, String primarySite, ActivityExecutionContext context) {
    long deadline = System.nanoTime() + STREAMING_TIMEOUT.toNanos();
    String last = "not checked yet";
    while (System.nanoTime() < deadline) {
      try (Connection primary = connections.open(primarySite, FailureKind.RESEED_FAILED);
          Connection replica = connections.open(siteId, FailureKind.RESEED_FAILED)) {
        ReplicationStatus status = ReplicationCheck.check(primary, primarySite, replica, siteId);
        if (status.streaming()) {
          return status;
        }
        last = status.detail();
      } catch (SQLException e) {
        last = e.getMessage();
      } catch (ApplicationFailure e) {
        if (!FailureKind.DATABASE_UNAVAILABLE.type().equals(e.getType())) {
          throw e;
        }
        last = e.getOriginalMessage();
      }
      context.heartbeat("waiting for streaming: " + last);
      Sql.sleep(Duration.ofMillis(200));
    }
    throw DatabaseFailures.permanent(
        "site "
            + siteId
            + "'s database does not stream from "
            + primarySite
            + "'s "
            + STREAMING_TIMEOUT.toMinutes()
            + " min after the reseed command succeeded: "
            + last,
        FailureKind.RESEED_FAILED);
  }
}
