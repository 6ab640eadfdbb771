package dev.baton.router;

import dev.baton.config.HaproxyRouterConfig;
import dev.baton.process.PhaseTimer;
import dev.baton.router.ServerStates.ServerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The haproxy router: each site is a server of one backend, and the runtime API moves traffic
 * between them without a reload. A switch makes the target ready and puts the other site's server
 * in maint, in one command line; a weighted shift makes both ready with weights. Every change is
 * written to the server state file, so a restarted HAProxy keeps it, then verified through
 * HAProxy's own listener; any failure restores the servers' previous states.
 */
public final class HaproxyRouterActivities implements RouterActivities {
  private static final Logger log = LoggerFactory.getLogger(HaproxyRouterActivities.class);
  private static final RouterFailures FAIL = new RouterFailures("haproxy");
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

  /** The weight of a site that takes all traffic: 100%, on the scale of {@link #weights}. */
  static final int FULL_WEIGHT = 200;

  private final HaproxyRouterConfig router;
  private final HaproxySocket socket;
  private final ServerStateFile stateFile;
  private final VerifiedMove move;

  HaproxyRouterActivities(HaproxyRouterConfig router) {
    this.router = router;
    this.socket = new HaproxySocket(router.socket(), SOCKET_TIMEOUT);
    this.stateFile = new ServerStateFile(router.stateFile());
    this.move = new VerifiedMove(FAIL, new SwitchVerifier(router.frontUrl()), log, "server states");
  }

  /** The site whose server takes new requests with the larger weight. */
  @Override
  public String currentTarget(RouterRequest request) {
    Map<String, ServerState> states = states();
    return router.servers().keySet().stream()
        .filter(site -> stateOf(site, states).receivesNewRequests())
        // max keeps the first of equals: on a tie (set by hand) the first site in the config.
        .reduce((a, b) -> stateOf(b, states).weight() > stateOf(a, states).weight() ? b : a)
        .orElseThrow(
            () ->
                FAIL.switchFailed(
                    "no site's server in backend "
                        + router.backend()
                        + " takes requests ("
                        + describe(states)
                        + "); make one ready: baton switch, or the runtime API's set server"));
  }

  @Override
  public SwitchResult switchTo(SwitchRequest request) {
    PhaseTimer timer = new PhaseTimer();
    String to = serverOf(request.toSite());
    // Marks the start of the move in the log: bench/switch-load-bench measures from here.
    log.info("router moving traffic to {} ({}/{})", request.toSite(), router.backend(), to);
    Map<String, ServerState> previous = states();
    ServerState target = stateOf(request.toSite(), previous);
    // Sent even when the target takes all traffic already: cheap, and it also rewrites a state
    // file that an attempt which died before writing it left behind.
    List<String> commands =
        new ArrayList<>(HaproxyCommands.ready(router.backend(), to, FULL_WEIGHT));
    for (String site : router.servers().keySet()) {
      if (!site.equals(request.toSite())) {
        commands.add(HaproxyCommands.maint(router.backend(), serverOf(site)));
      }
    }
    apply(commands, previous, timer);
    return move.switched(
        request,
        target.address(),
        3,
        restoring(previous),
        timer,
        "haproxy " + router.backend() + "/" + to + " ready, others in maint,");
  }

  @Override
  public ShiftResult shift(ShiftRequest request) {
    ShiftResult whole = FAIL.wholeShift(request, this::switchTo);
    if (whole != null) {
      return whole;
    }
    log.info("router shifting {}% of traffic to {}", request.percent(), request.toSite());
    PhaseTimer timer = new PhaseTimer();
    String from = serverOf(request.fromSite());
    String to = serverOf(request.toSite());
    Map<String, ServerState> previous = states();
    int[] weights = weights(request.percent());
    List<String> commands = new ArrayList<>();
    commands.addAll(HaproxyCommands.ready(router.backend(), from, weights[0]));
    commands.addAll(HaproxyCommands.ready(router.backend(), to, weights[1]));
    apply(commands, previous, timer);
    String toAddress = stateOf(request.toSite(), previous).address();
    return move.shifted(
        request,
        toAddress,
        restoring(previous),
        timer,
        "haproxy weights "
            + from
            + " "
            + weights[0]
            + ", "
            + to
            + " "
            + weights[1]
            + "; "
            + toAddress);
  }

  /**
   * The weights of the old and the new site for a shift of {@code percent}: twice each share, and
   * one more for the old site, so that at 50% the site traffic comes from stays the larger one and
   * {@link #currentTarget} names it, as the interface asks (10% → {181, 20}: 9.95% to the new
   * site).
   */
  static int[] weights(int percent) {
    return new int[] {2 * (100 - percent) + 1, 2 * percent};
  }

  /** Sends {@code commands} as one line, then writes the state file; restores on any failure. */
  private void apply(List<String> commands, Map<String, ServerState> previous, PhaseTimer timer) {
    String answer = send(HaproxyCommands.line(commands));
    timer.done("runtime API");
    if (!answer.isBlank()) {
      restore(previous);
      throw FAIL.badConfig(
          "HAProxy refused "
              + HaproxyCommands.line(commands)
              + ": "
              + answer.strip()
              + "; restored the previous server states ("
              + describe(previous)
              + ")");
    }
    try {
      saveState();
    } catch (IllegalStateException e) {
      restore(previous);
      throw FAIL.badConfig(
          e.getMessage() + "; restored the previous server states (" + describe(previous) + ")");
    }
    timer.done("state file");
  }

  private VerifiedMove.Previous restoring(Map<String, ServerState> previous) {
    return new VerifiedMove.Previous(() -> restore(previous), () -> describe(previous));
  }

  /** Puts every site's server back as it was, and the state file with it; best effort. */
  private void restore(Map<String, ServerState> previous) {
    List<String> commands = new ArrayList<>();
    // Ready ones first, so the backend is never left without a server taking requests.
    List<ServerState> order =
        router.servers().values().stream()
            .map(previous::get)
            .sorted(Comparator.comparing(s -> s.forcedMaint() || s.forcedDrain()))
            .toList();
    for (ServerState s : order) {
      if (s.forcedMaint()) {
        commands.add(HaproxyCommands.maint(router.backend(), s.name()));
      } else {
        commands.addAll(HaproxyCommands.ready(router.backend(), s.name(), s.weight()));
        if (s.forcedDrain()) {
          commands.add(HaproxyCommands.drain(router.backend(), s.name()));
        }
      }
    }
    try {
      String answer = socket.send(HaproxyCommands.line(commands));
      if (!answer.isBlank()) {
        log.error("could not restore the server states: HAProxy answered {}", answer.strip());
      }
      saveState();
    } catch (HaproxySocket.UnavailableException | IllegalStateException e) {
      log.error("could not restore the server states ({}): {}", describe(previous), e.getMessage());
    }
  }

  private void saveState() {
    stateFile.write(send(HaproxyCommands.showServersState()));
  }

  private Map<String, ServerState> states() {
    String answer = send(HaproxyCommands.showServersState(router.backend()));
    if (answer.strip().equals("Can't find backend.")) {
      throw FAIL.badConfig(
          "HAProxy has no backend " + router.backend() + " (router.backend names it)");
    }
    Map<String, ServerState> states;
    try {
      states = ServerStates.parse(answer, router.backend());
    } catch (IllegalStateException e) {
      throw FAIL.switchFailed(e.getMessage());
    }
    // Every site's server must exist before anything changes, so a restore knows them all.
    router.servers().keySet().forEach(site -> stateOf(site, states));
    return states;
  }

  private String send(String line) {
    try {
      return socket.send(line);
    } catch (HaproxySocket.UnavailableException e) {
      throw FAIL.unavailable(
          e.getMessage() + " (is HAProxy running, and router.socket its admin socket?)");
    }
  }

  private ServerState stateOf(String site, Map<String, ServerState> states) {
    ServerState state = states.get(serverOf(site));
    if (state == null) {
      throw FAIL.badConfig(
          "backend "
              + router.backend()
              + " has no server "
              + serverOf(site)
              + " for site "
              + site
              + " (router.servers; HAProxy has: "
              + String.join(", ", states.keySet())
              + ")");
    }
    return state;
  }

  private String serverOf(String site) {
    String server = router.servers().get(site);
    if (server == null) {
      throw FAIL.badConfig("no server for site '" + site + "' in router.servers (add one)");
    }
    return server;
  }

  /** "primary: dc1 (ready, weight 200), secondary: dc2 (maint)". */
  private String describe(Map<String, ServerState> states) {
    return router.servers().entrySet().stream()
        .map(
            e -> {
              ServerState s = states.get(e.getValue());
              return e.getKey() + ": " + (s == null ? e.getValue() + " (missing)" : s.describe());
            })
        .collect(Collectors.joining(", "));
  }
}
