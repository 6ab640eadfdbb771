package dev.baton.cli.history;

import dev.baton.release.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One past (or running) release, rollback, failover, drill or deploy, as `baton history` shows it.
 *
 * @param kind release, rollback (a release that ended ROLLED_BACK), failover, drill or deploy
 * @param version the version released or deployed; null for failovers and drills
 * @param endedAt null while it runs
 * @param status Temporal's: RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT
 * @param outcome baton's: SUCCEEDED, ROLLED_BACK, REJECTED, a failure kind…; RUNNING while it runs;
 *     the status when it ended without a report (terminated by hand, pre-empted by a failover),
 *     which is why it stays a string and not an {@code Outcome}
 * @param approvedBy accepted approvals of a release: "alice (switch)"
 * @param steps how long each step or phase took, in order
 * @param detail one line: the end message, or what it did
 * @param images a release's images by digest, service to {@code repo@sha256:…}, when both sites
 *     pulled them from a registry ({@code images.mode: registry}); empty otherwise
 */
public record HistoryEntry(
    String kind,
    String workflowId,
    String runId,
    String version,
    Instant startedAt,
    Instant endedAt,
    String status,
    String outcome,
    String requestedBy,
    List<String> approvedBy,
    List<Timing> steps,
    String detail,
    Map<String, String> images) {

  public HistoryEntry {
    images = images == null ? Map.of() : new TreeMap<>(images);
  }

  /** A step (release) or phase (failover, drill) that ran; {@code millis} 0 while it runs. */
  public record Timing(String name, StepState state, long millis) {}
}
