package dev.baton.config;

import static java.util.Objects.requireNonNullElse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code release.smoke}. Everything here ends up in a command line or an HTTP request, so it
 * is refused at load unless it is plainly what it claims to be: a service name that Compose would
 * not read as an option, a path that cannot change the host, headers that cannot split a request.
 */
final class SmokeReader {
  static final List<String> KEYS = List.of("name", "service", "http", "timeout");
  static final List<String> HTTP_KEYS =
      List.of(
          "app",
          "method",
          "path",
          "headers",
          "body",
          "status",
          "bodyContains",
          "jsonField",
          "jsonEquals");
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  static final int MAX_CHECKS = 20;
  static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";
  // What Compose accepts as a service name, but starting with a letter or digit: never an option.
  static final String SERVICE_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}";
  // RFC 9110 token.
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
  // An absolute path with an optional query: no scheme, no authority, no fragment, no spaces.
  private static final Pattern PATH =
      Pattern.compile(
          "/(?!/)[A-Za-z0-9\\-._~!$&'()*+,;=:@%/]*(\\?[A-Za-z0-9\\-._~!$&'()*+,;=:@%/?]*)?");
  static final String EXPECTED =
      "a list of checks, each a mapping with name and either service or http";
  static final String PATH_TEXT =
      "an absolute path such as /orders?limit=1: starts with one /, no spaces, no #";

  private final List<SiteConfig> sites;

  private SmokeReader(List<SiteConfig> sites) {
    this.sites = sites;
  }

  /** The checks, in file order; bad ones are reported and left out. */
  static List<SmokeConfig> read(TreeReader node, List<SiteConfig> sites) {
    List<TreeReader> elements = node.elements(false, EXPECTED);
    if (elements.size() > MAX_CHECKS) {
      node.report("has " + elements.size() + " checks (at most " + MAX_CHECKS + ")");
      return List.of();
    }
    SmokeReader reader = new SmokeReader(sites);
    Set<String> names = new HashSet<>();
    List<SmokeConfig> checks = new ArrayList<>();
    for (TreeReader element : elements) {
      SmokeConfig check = reader.check(element);
      if (check == null) {
        continue;
      }
      if (!names.add(check.name())) {
        element
            .child("name")
            .report("duplicate smoke test \"" + check.name() + "\" (each name may appear once)");
        continue;
      }
      checks.add(check);
    }
    return checks;
  }

  private SmokeConfig check(TreeReader r) {
    if (!r.mapping(true, EXPECTED, KEYS)) {
      return null;
    }
    TreeReader nameNode = r.child("name");
    String name = nameNode.text(true, "a name matching " + NAME_PATTERN);
    if (name != null && !Checks.matches(NAME_PATTERN, name)) {
      nameNode.report(
          "\"" + name + "\" is not a valid smoke test name (must match " + NAME_PATTERN + ")");
      name = null;
    }
    TreeReader serviceNode = r.child("service");
    TreeReader httpNode = r.child("http");
    if (serviceNode.isPresent() == httpNode.isPresent()) {
      r.report(
          (serviceNode.isPresent() ? "has both service and http" : "has neither service nor http")
              + " (set one: a compose service to run, or an HTTP request)");
      return null;
    }
    String service = serviceNode.isPresent() ? service(serviceNode) : null;
    HttpSmokeConfig http = httpNode.isPresent() ? http(httpNode) : null;
    Duration timeout = r.child("timeout").duration(false, true);
    if (name == null || (service == null && http == null)) {
      return null;
    }
    return new SmokeConfig(
        name,
        service,
        http,
        requireNonNullElse(
            timeout,
            service != null
                ? SmokeConfig.DEFAULT_SERVICE_TIMEOUT
                : SmokeConfig.DEFAULT_HTTP_TIMEOUT));
  }

  private static String service(TreeReader node) {
    String expected = "a compose service name matching " + SERVICE_PATTERN;
    String service = node.text(true, expected);
    if (service != null && !Checks.matches(SERVICE_PATTERN, service)) {
      node.report(
          "\""
              + ProblemText.printable(service)
              + "\" is not a compose service name ("
              + expected
              + ")");
      return null;
    }
    return service;
  }

  private HttpSmokeConfig http(TreeReader r) {
    if (!r.mapping(true, "a mapping with app, path and what to expect", HTTP_KEYS)) {
      return null;
    }
    String app = app(r.child("app"));
    String method = SectionReader.oneOf(r.child("method"), METHODS, "HTTP method", false);
    boolean methodOk = method != null || !r.child("method").isPresent();
    method = requireNonNullElse(method, "GET");
    String path = path(r.child("path"));
    Map<String, String> headers = headers(r.child("headers"));
    TreeReader bodyNode = r.child("body");
    String body = bodyNode.text(false, "the request body");
    if (body != null && !List.of("POST", "PUT", "PATCH").contains(method)) {
      bodyNode.report("a " + method + " request has no body (use POST, PUT or PATCH)");
      body = null;
      methodOk = false;
    }
    Integer status = status(r.child("status"));
    String contains = r.child("bodyContains").text(false, "text the body must contain");
    TreeReader fieldNode = r.child("jsonField");
    String field = fieldNode.text(false, "a JSON Pointer such as /status");
    if (field != null && !field.startsWith("/")) {
      fieldNode.report(
          "\""
              + ProblemText.printable(field)
              + "\" is not a JSON Pointer (starts with /, e.g. /status or /items/0/id)");
      field = null;
    }
    TreeReader equalsNode = r.child("jsonEquals");
    String equals = equalsNode.text(false, "the field's expected value, as text");
    if (fieldNode.isPresent() != equalsNode.isPresent()) {
      (fieldNode.isPresent() ? r : equalsNode)
          .report("jsonField and jsonEquals go together (the field, and what it must equal)");
      return null;
    }
    if (app == null
        || !methodOk
        || path == null
        || headers == null
        || status == null
        || (fieldNode.isPresent() && (field == null || equals == null))) {
      return null;
    }
    return new HttpSmokeConfig(app, method, path, headers, body, status, contains, field, equals);
  }

  /** The app must be in every site's health map: the check runs on whichever site is standby. */
  private String app(TreeReader node) {
    String app = node.text(true, "an app of the sites' health maps");
    if (app == null) {
      return null;
    }
    for (SiteConfig site : sites) {
      if (!site.health().containsKey(app)) {
        node.report(
            "\""
                + ProblemText.printable(app)
                + "\" is not an app of site "
                + site.id()
                + " (its health map has: "
                + String.join(", ", site.health().keySet())
                + ")");
        return null;
      }
    }
    return app;
  }

  private static String path(TreeReader node) {
    String path = node.text(true, PATH_TEXT);
    if (path != null && (path.length() > 2000 || !PATH.matcher(path).matches())) {
      node.report("\"" + ProblemText.printable(path) + "\" is not a path (" + PATH_TEXT + ")");
      return null;
    }
    return path;
  }

  /** Header name to value, or null after reporting a bad one. */
  private static Map<String, String> headers(TreeReader node) {
    Map<String, String> headers = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, TreeReader> e :
        node.entries(false, "a mapping of header names to values").entrySet()) {
      String name = e.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        e.getValue()
            .report(
                "\""
                    + ProblemText.printable(name)
                    + "\" is not a header name (letters, digits and !#$%&'*+.^_`|~-)");
        ok = false;
        continue;
      }
      String value = e.getValue().text(true, "the header's value");
      if (value == null) {
        ok = false;
      } else if (value.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c))) {
        e.getValue()
            .report(
                "contains a line break or control character (a header value is one line of"
                    + " text)");
        ok = false;
      } else {
        headers.put(name, value);
      }
    }
    return ok ? headers : null;
  }

  private static Integer status(TreeReader node) {
    Integer status = node.integer(false, "an HTTP status code from 100 to 599");
    if (status != null && (status < 100 || status > 599)) {
      node.report(status + " is not an HTTP status code from 100 to 599");
      return null;
    }
    if (status == null && node.isPresent()) {
      return null;
    }
    return requireNonNullElse(status, 200);
  }
}
