package dev.baton.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads {@code router} when its {@code type} is {@code haproxy}; see {@link RouterReader}. */
final class HaproxyRouterReader {

  static final List<String> KEYS =
      List.of("type", "socket", "backend", "servers", "frontUrl", "stateFile", "accessLog");

  /**
   * What HAProxy accepts as a proxy or server name, and all baton ever puts on a runtime API
   * command line: no space, no ';' (the API's command separator), no newline.
   */
  static final String NAME_PATTERN = "[A-Za-z0-9_.:-]{1,64}";

  static final String NAME = "an HAProxy name: 1 to 64 letters, digits, '-', '_', '.' or ':'";

  /** A unix socket's path must fit in sun_path (108 bytes, with the closing NUL). */
  static final int SOCKET_PATH_MAX = 107;

  private HaproxyRouterReader() {}

  /** The haproxy router, or null when its section is not a mapping (that is reported). */
  static HaproxyRouterConfig read(TreeReader r, Path base, SiteListReader sites) {
    if (!r.mapping(true, "a mapping with socket, backend, servers, frontUrl and stateFile", KEYS)) {
      return null;
    }
    TreeReader socketNode = r.child("socket");
    Path socket =
        socketNode.path(true, "HAProxy's admin socket (stats socket ... level admin)", base);
    if (socket != null
        && socket.toString().getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_MAX) {
      socketNode.report(
          "\""
              + ProblemText.printable(socket.toString())
              + "\" is too long for a unix socket (at most "
              + SOCKET_PATH_MAX
              + " bytes)");
      socket = null;
    }
    String backend = name(r.child("backend"), "the backend whose servers are the sites");
    Map<String, String> servers =
        RouterReader.perSite(
            r.child("servers"),
            "a mapping of site id to that site's server name in the backend, one per site",
            node -> name(node, "the site's server name in the backend"));
    sites.checkPerSite(r.child("servers"), "one server name per site id");
    String frontUrl = RouterReader.url(r.child("frontUrl"), true, "HAProxy's own listener");
    TreeReader stateNode = r.child("stateFile");
    Path stateFile =
        stateNode.path(
            true,
            "the server state file HAProxy loads at start (server-state-file), which baton rewrites",
            base);
    if (stateFile != null && Objects.equals(stateFile, socket)) {
      stateNode.report("is the same path as router.socket (the state file is a separate file)");
    }
    Path accessLog =
        r.child("accessLog")
            .path(false, "HAProxy's access log, written with baton's log-format", base);
    return new HaproxyRouterConfig(socket, backend, servers, frontUrl, stateFile, accessLog);
  }

  private static String name(TreeReader node, String what) {
    String value = node.text(true, what + ": " + NAME);
    if (value != null && !Checks.matches(NAME_PATTERN, value)) {
      node.report("\"" + ProblemText.printable(value) + "\" is not " + NAME);
      return null;
    }
    return value;
  }
}
