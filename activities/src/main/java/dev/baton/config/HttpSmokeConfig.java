package dev.baton.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A declarative HTTP check of one app of the standby site. The request goes to the origin of the
 * app's {@code sites[].health} URL (scheme, host, port) with {@code path}.
 *
 * @param app a key of the sites' {@code health} maps
 * @param method GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS
 * @param path starts with {@code /}; may carry a query
 * @param headers sent as given, in file order
 * @param body sent with POST, PUT and PATCH; null for none
 * @param status the status code the answer must have
 * @param bodyContains text the answer's body must contain; null for no such check
 * @param jsonField a JSON Pointer ({@code /status}, {@code /items/0/id}) into the answer's body;
 *     null for no such check
 * @param jsonEquals what the field must equal, compared as text ({@code ok}, {@code 3}, {@code
 *     true})
 */
public record HttpSmokeConfig(
    String app,
    String method,
    String path,
    Map<String, String> headers,
    String body,
    int status,
    String bodyContains,
    String jsonField,
    String jsonEquals) {

  public HttpSmokeConfig {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
