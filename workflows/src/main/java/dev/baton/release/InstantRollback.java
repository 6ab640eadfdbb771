package dev.baton.release;

import dev.baton.FailureKind;
import dev.baton.rules.CallerText;
import dev.baton.rules.SignedDecisions;

/**
 * Whether traffic can go back to the former active site at once: from the switch until the backfill
 * starts, that site still runs the previous version. A rollback asked for in that window ends the
 * release, and its failure handling moves traffic back.
 */
final class InstantRollback {
  private static final String NOT_MOVED = "traffic has not moved yet";
  private String backTo;
  private String closedBecause; // null while open, or before it ever opened
  private RollbackRequest requested;

  /** Called once the switch succeeded. */
  void open(String formerActive) {
    backTo = formerActive;
  }

  /** Called when the window ends (the backfill starts, or the release ends), or never opens. */
  void close(String because) {
    if (closedBecause == null) {
      closedBecause = because;
    }
  }

  boolean wasOpened() {
    return backTo != null;
  }

  /**
   * Why a rollback is refused now, or null: the window, then who asks, proved by a signature where
   * the project takes signed decisions only. Pure: safe in an Update validator.
   *
   * @param split the traffic split while a weighted shift is under way, else null
   * @param active the site that has the traffic
   * @param signatures who may decide; null before the release read its rules
   */
  String refusal(RollbackRequest request, String split, String active, SignedDecisions signatures) {
    String refusal = windowRefusal(request, split, active);
    if (refusal != null || signatures == null) {
      return refusal;
    }
    return signatures
        .checkHere("rollback", true, "", request.by(), request.reason(), request.proof())
        .refusal();
  }

  private String windowRefusal(RollbackRequest request, String split, String active) {
    if (request == null || request.by() == null || request.by().isBlank()) {
      return "say who rolls back";
    }
    if (split != null) {
      return "a weighted shift is under way ("
          + split
          + "): `baton release cancel` moves all traffic back to "
          + active;
    }
    if (requested != null) {
      return "a rollback was already asked for by " + CallerText.escape(requested.by());
    }
    String closed = closedBecause != null ? closedBecause : backTo == null ? NOT_MOVED : null;
    return closed == null ? null : "instant rollback is not possible: " + closed;
  }

  String request(RollbackRequest request) {
    requested = request;
    return "moving traffic back to " + backTo;
  }

  boolean requested() {
    return requested != null;
  }

  /** Ends the step that waits (bake, backfill approval) when a rollback was asked for. */
  void throwIfRequested() {
    if (requested != null) {
      String why =
          requested.reason() == null || requested.reason().isBlank()
              ? ""
              : " (" + CallerText.escape(requested.reason()) + ")";
      throw FailureKind.ROLLED_BACK.failure(
          "rolled back by " + CallerText.escape(requested.by()) + why);
    }
  }

  /** For the progress: what `release status` says about rollback. */
  String describe() {
    if (closedBecause == null) {
      return "instant: `baton release rollback` moves traffic back to "
          + backTo
          + ", which still runs the previous version";
    }
    return "not instant: " + closedBecause;
  }
}
