package dev.baton.router;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the answer to {@code show servers state}: a version line ({@code 1}), a {@code #} header
 * naming the columns, then one line per server. Columns are found by their header names, so a later
 * HAProxy that adds columns still parses.
 */
final class ServerStates {
  private ServerStates() {}

  /**
   * One server as HAProxy runs it now.
   *
   * @param opState srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping
   * @param adminState srv_admin_state: bit flags, see {@link #receivesNewRequests}
   * @param weight srv_uweight, the weight set by the config or the runtime API
   */
  record ServerState(
      String backend,
      String name,
      String host,
      String port,
      int opState,
      int adminState,
      int weight) {
    static final int RUNNING = 2;
    static final int FORCED_MAINT = 0x01;
    static final int INHERITED_MAINT = 0x02;
    // 0x04 is "disabled in the config": it stays set after `state ready`, which serves again.
    static final int FORCED_DRAIN = 0x08;
    static final int INHERITED_DRAIN = 0x10;
    static final int RESOLUTION_MAINT = 0x20;
    static final int NOT_SERVING =
        FORCED_MAINT | INHERITED_MAINT | FORCED_DRAIN | INHERITED_DRAIN | RESOLUTION_MAINT;

    /** Whether load balancing picks this server for a new request. */
    boolean receivesNewRequests() {
      return opState == RUNNING && (adminState & NOT_SERVING) == 0 && weight > 0;
    }

    boolean forcedMaint() {
      return (adminState & FORCED_MAINT) != 0;
    }

    boolean forcedDrain() {
      return (adminState & FORCED_DRAIN) != 0;
    }

    /** host:port, as HAProxy's {@code %si:%sp} writes it in answers and the access log. */
    String address() {
      return host + ":" + port;
    }

    /** "dc1 (ready, weight 200)", "dc2 (maint)". */
    String describe() {
      String state = forcedMaint() ? "maint" : forcedDrain() ? "drain" : opStateName();
      return name + " (" + state + (forcedMaint() ? "" : ", weight " + weight) + ")";
    }

    private String opStateName() {
      return switch (opState) {
        case 0 -> "down";
        case 1 -> "starting";
        case RUNNING -> "ready";
        default -> "stopping";
      };
    }
  }

  /** The servers of {@code backend} by name, in HAProxy's order. */
  static Map<String, ServerState> parse(String answer, String backend) {
    String[] lines = answer.split("\n");
    if (lines.length < 2 || !lines[0].strip().equals("1") || !lines[1].startsWith("# ")) {
      throw new IllegalStateException(
          "unexpected answer to show servers state: " + firstLine(answer));
    }
    Map<String, Integer> column = new LinkedHashMap<>();
    String[] names = lines[1].substring(2).strip().split(" +");
    for (int i = 0; i < names.length; i++) {
      column.put(names[i], i);
    }
    Map<String, ServerState> servers = new LinkedHashMap<>();
    for (int i = 2; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].strip().split(" +");
      if (!field(f, column, "be_name").equals(backend)) {
        continue;
      }
      ServerState s =
          new ServerState(
              backend,
              field(f, column, "srv_name"),
              field(f, column, "srv_addr"),
              field(f, column, "srv_port"),
              number(f, column, "srv_op_state"),
              number(f, column, "srv_admin_state"),
              number(f, column, "srv_uweight"));
      servers.put(s.name(), s);
    }
    return servers;
  }

  private static String field(String[] fields, Map<String, Integer> column, String name) {
    Integer at = column.get(name);
    if (at == null || at >= fields.length) {
      throw new IllegalStateException("show servers state has no column " + name);
    }
    return fields[at];
  }

  private static int number(String[] fields, Map<String, Integer> column, String name) {
    String value = field(fields, column, name);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("show servers state: " + name + " is not a number: " + value);
    }
  }

  private static String firstLine(String answer) {
    String line = answer.strip().lines().findFirst().orElse("(nothing)");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
