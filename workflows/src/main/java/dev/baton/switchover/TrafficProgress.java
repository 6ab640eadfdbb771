package dev.baton.switchover;

/**
 * Where a traffic move reports that one site has all the traffic again. A release shows the split
 * of a weighted shift in its progress and clears it here; a drill moves in one step and its phases
 * say where traffic is, so it reports to {@link #NONE}.
 */
public interface TrafficProgress {
  /** For a drill: nothing to show beyond its phases. */
  TrafficProgress NONE = () -> {};

  /** All traffic is on one site again (after a switch, or a move back). */
  void oneSiteHasAll();
}
