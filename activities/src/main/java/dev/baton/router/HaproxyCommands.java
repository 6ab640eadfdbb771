package dev.baton.router;

import java.util.List;

/**
 * The runtime API command lines baton sends, built apart from the socket that carries them so a
 * test can assert them exactly. Several commands on one line, separated by {@code ;}, run in order
 * within one connection: no request can be routed between two of them by another client's
 * connection to the socket. Backend and server names are checked by the config reader (no space, no
 * {@code ;}), so they are safe as arguments.
 */
final class HaproxyCommands {
  private HaproxyCommands() {}

  /** Every server of every backend: what the server state file holds. */
  static String showServersState() {
    return "show servers state";
  }

  static String showServersState(String backend) {
    return "show servers state " + backend;
  }

  /**
   * {@code server} takes new requests with {@code weight}; the weight is set first so that it never
   * takes requests with the weight of before.
   */
  static List<String> ready(String backend, String server, int weight) {
    return List.of(
        "set server " + backend + "/" + server + " weight " + weight,
        "set server " + backend + "/" + server + " state ready");
  }

  /**
   * {@code server} takes no new request; the requests it is serving finish (maint does not cut
   * sessions), and a client's keep-alive connection stays open: its next request goes elsewhere.
   */
  static String maint(String backend, String server) {
    return "set server " + backend + "/" + server + " state maint";
  }

  static String drain(String backend, String server) {
    return "set server " + backend + "/" + server + " state drain";
  }

  static String line(List<String> commands) {
    return String.join("; ", commands);
  }
}
