package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code release.smoke}: what it reads, and each value it refuses, named precisely. */
class SmokeConfigTest extends ConfigProblemsTestBase {

  private List<String> withSmoke(String checks) {
    return withSection("release:\n  smoke:\n" + checks);
  }

  @Test
  void readsBothKindsWithTheirDefaults() {
    String yaml =
        TestConfigs.read("minimal.yml")
            + "release:\n  smoke:\n"
            + "    - name: e2e\n      service: smoke\n"
            + "    - name: orders\n      timeout: 3s\n      http:\n        app: api\n"
            + "        method: POST\n        path: /orders?dry-run=1\n"
            + "        headers: {Accept: application/json, X-Smoke: \"yes\"}\n"
            + "        body: '{\"item\": 1}'\n        status: 201\n"
            + "        bodyContains: created\n        jsonField: /state\n        jsonEquals: ok\n";
    BatonConfig config = ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of());
    assertThat(config.release().smoke())
        .containsExactly(
            new SmokeConfig("e2e", "smoke", null, SmokeConfig.DEFAULT_SERVICE_TIMEOUT),
            new SmokeConfig(
                "orders",
                null,
                new HttpSmokeConfig(
                    "api",
                    "POST",
                    "/orders?dry-run=1",
                    Map.of("Accept", "application/json", "X-Smoke", "yes"),
                    "{\"item\": 1}",
                    201,
                    "created",
                    "/state",
                    "ok"),
                Duration.ofSeconds(3)));
  }

  @Test
  void anHttpCheckDefaultsToGetExpecting200() {
    String yaml =
        TestConfigs.read("minimal.yml")
            + "release:\n  smoke:\n    - name: up\n      http: {app: api, path: /}\n";
    SmokeConfig check =
        ConfigLoader.load(TestConfigs.write(dir, yaml), Map.of()).release().smoke("up");
    assertThat(check.http().method()).isEqualTo("GET");
    assertThat(check.http().status()).isEqualTo(200);
    assertThat(check.timeout()).isEqualTo(SmokeConfig.DEFAULT_HTTP_TIMEOUT);
  }

  @Test
  void aCheckNeedsExactlyOneKind() {
    assertThat(
            withSmoke(
                "    - name: a\n"
                    + "    - name: b\n      service: smoke\n      http: {app: api, path: /}\n"))
        .containsExactly(
            "release.smoke[0]: has neither service nor http (set one: a compose service to run,"
                + " or an HTTP request)",
            "release.smoke[1]: has both service and http (set one: a compose service to run, or"
                + " an HTTP request)");
  }

  @Test
  void namesMustBeValidAndUnique() {
    assertThat(
            withSmoke(
                "    - {name: Bad Name, service: smoke}\n"
                    + "    - {name: twice, service: smoke}\n"
                    + "    - {name: twice, service: smoke}\n"))
        .containsExactly(
            "release.smoke[0].name: \"Bad Name\" is not a valid smoke test name (must match "
                + SmokeReader.NAME_PATTERN
                + ")",
            "release.smoke[2].name: duplicate smoke test \"twice\" (each name may appear once)");
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "smoke service name that is an option or not a name (--rm, a;b)",
      outcome = "one problem naming the key and the allowed pattern; exit 2")
  void aServiceThatIsNotAComposeServiceNameIsRefused() {
    assertThat(withSmoke("    - {name: a, service: \"--rm\"}\n    - {name: b, service: \"a;b\"}\n"))
        .containsExactly(
            "release.smoke[0].service: \"--rm\" is not a compose service name (a compose service"
                + " name matching "
                + SmokeReader.SERVICE_PATTERN
                + ")",
            "release.smoke[1].service: \"a;b\" is not a compose service name (a compose service"
                + " name matching "
                + SmokeReader.SERVICE_PATTERN
                + ")");
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "smoke HTTP path that is not a path (a URL, //host, spaces, a fragment)",
      outcome = "one problem naming the key and what a path is; exit 2")
  void aPathThatCouldChangeTheHostIsRefused() {
    for (String path : List.of("http://evil/", "//evil/x", "/a b", "/a#frag", "orders")) {
      assertThat(withSmoke("    - name: p\n      http: {app: api, path: \"" + path + "\"}\n"))
          .as(path)
          .containsExactly(
              "release.smoke[0].http.path: \""
                  + path
                  + "\" is not a path ("
                  + SmokeReader.PATH_TEXT
                  + ")");
    }
  }

  @Test
  @Fault(
      dependency = "baton.yml",
      fault = "smoke HTTP header with a line break, or a header name that is not a token",
      outcome = "one problem naming the header; the request is never built; exit 2")
  void aHeaderThatCouldSplitTheRequestIsRefused() {
    assertThat(
            withSmoke(
                "    - name: h\n      http:\n        app: api\n        path: /\n"
                    + "        headers:\n          X-A: \"ok\\r\\nHost: evil\"\n"
                    + "          \"X B\": v\n"))
        .containsExactly(
            "release.smoke[0].http.headers.X-A: contains a line break or control character (a"
                + " header value is one line of text)",
            "release.smoke[0].http.headers.X B: \"X B\" is not a header name (letters, digits and"
                + " !#$%&'*+.^_`|~-)");
  }

  @Test
  void httpValuesAreChecked() {
    assertThat(
            withSmoke(
                "    - name: h\n      http:\n        app: web\n        method: FETCH\n"
                    + "        path: /\n        status: 700\n        jsonField: status\n"
                    + "        jsonEquals: ok\n"
                    + "    - name: g\n      http: {app: api, path: /, body: x}\n"
                    + "    - name: j\n      http: {app: api, path: /, jsonEquals: ok}\n"))
        .containsExactly(
            "release.smoke[0].http.app: \"web\" is not an app of site primary (its health map"
                + " has: api)",
            "release.smoke[0].http.method: \"FETCH\" is not a valid HTTP method (allowed: GET,"
                + " HEAD, POST, PUT, PATCH, DELETE, OPTIONS)",
            "release.smoke[0].http.status: 700 is not an HTTP status code from 100 to 599",
            "release.smoke[0].http.jsonField: \"status\" is not a JSON Pointer (starts with /,"
                + " e.g. /status or /items/0/id)",
            "release.smoke[1].http.body: a GET request has no body (use POST, PUT or PATCH)",
            "release.smoke[2].http.jsonEquals: jsonField and jsonEquals go together (the field,"
                + " and what it must equal)");
  }
}
