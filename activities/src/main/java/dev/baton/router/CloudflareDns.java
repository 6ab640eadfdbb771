package dev.baton.router;

import static dev.baton.router.DnsProviderException.Kind.FAILED;
import static dev.baton.router.DnsProviderException.Kind.REJECTED_TOKEN;
import static dev.baton.router.DnsProviderException.Kind.UNAVAILABLE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.config.DnsRouterConfig;
import dev.baton.net.GuardedDns;
import dev.baton.net.OutboundUrl;
import dev.baton.process.Redaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Cloudflare's v4 DNS API. Every answer is {@code {"success":…,"errors":[{"code","message"}],
 * "result":…}}; its errors go into the exception messages, the token never does.
 */
final class CloudflareDns implements DnsProvider {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final DnsRouterConfig config;
  private final Supplier<String> token;
  private final OkHttpClient http;
  private final HttpUrl records;

  CloudflareDns(DnsRouterConfig config, Supplier<String> token) {
    this.config = config;
    this.token = token;
    String problem = OutboundUrl.problem(config.apiUrl(), config.allowHttpLoopback());
    if (problem != null) {
      throw new IllegalArgumentException("router.apiUrl " + problem);
    }
    HttpUrl api = HttpUrl.get(config.apiUrl());
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .callTimeout(config.connectTimeout().plus(config.readTimeout().multipliedBy(2)))
            // A retry is the activity's decision, made with its own backoff.
            .retryOnConnectionFailure(false)
            // The token goes with every request: never to where a redirect or a DNS answer says.
            .followRedirects(false)
            .followSslRedirects(false)
            .dns(new GuardedDns(!api.isHttps()))
            .build();
    this.records =
        api.newBuilder()
            .addPathSegment("zones")
            .addPathSegment(config.zoneId())
            .addPathSegment("dns_records")
            .build();
  }

  @Override
  public String name() {
    return DnsRouterConfig.CLOUDFLARE;
  }

  @Override
  public DnsRecord find() {
    HttpUrl url =
        records
            .newBuilder()
            .addQueryParameter("type", config.recordType())
            .addQueryParameter("name", config.recordName())
            .build();
    JsonNode result = call(request(url).get().build());
    if (!result.isArray()) {
      throw malformed("GET " + url, "result is not a list");
    }
    List<DnsRecord> found = new ArrayList<>();
    for (JsonNode node : result) {
      found.add(record(node, "GET " + url));
    }
    String named = " named " + config.recordName() + " in zone " + config.zoneId();
    if (found.isEmpty()) {
      throw new DnsProviderException(
          FAILED,
          "there is no "
              + config.recordType()
              + " record"
              + named
              + " (create it with the active site's content from router.targets, or fix"
              + " router.recordName / recordType / zoneId)");
    }
    if (found.size() > 1) {
      throw new DnsProviderException(
          FAILED,
          "there are "
              + found.size()
              + " "
              + config.recordType()
              + " records"
              + named
              + " (ids "
              + String.join(", ", found.stream().map(DnsRecord::id).toList())
              + "); baton moves exactly one: delete the others");
    }
    return found.get(0);
  }

  @Override
  public DnsRecord update(String id, String content, int ttl) {
    HttpUrl url = records.newBuilder().addPathSegment(id).build();
    ObjectNode body = MAPPER.createObjectNode().put("content", content).put("ttl", ttl);
    Request request = request(url).patch(RequestBody.create(body.toString(), JSON)).build();
    return record(call(request), "PATCH " + url);
  }

  @Override
  public DnsRecord get(String id) {
    HttpUrl url = records.newBuilder().addPathSegment(id).build();
    return record(call(request(url).get().build()), "GET " + url);
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + token.get())
        .header("Accept", "application/json");
  }

  /** The {@code result} of a successful call; otherwise a DnsProviderException saying why. */
  private JsonNode call(Request request) {
    String what = request.method() + " " + Redaction.apply(request.url().toString());
    String text;
    int code;
    try (Response response = http.newCall(request).execute()) {
      code = response.code();
      text = response.body().string();
    } catch (IOException e) {
      throw new DnsProviderException(
          UNAVAILABLE,
          "no answer from Cloudflare to "
              + what
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "; connectTimeout "
              + config.connectTimeout().toMillis()
              + "ms, readTimeout "
              + config.readTimeout().toMillis()
              + "ms)",
          e);
    }
    JsonNode json = parse(text);
    String said = "HTTP " + code + (json == null ? "" : errors(json));
    if (code == 401 || code == 403) {
      throw new DnsProviderException(
          REJECTED_TOKEN,
          "Cloudflare rejected the API token on "
              + what
              + " ("
              + said
              + "); check that "
              + tokenSource()
              + " holds a token allowed to edit DNS in zone "
              + config.zoneId());
    }
    if (code == 429 || code >= 500) {
      throw new DnsProviderException(
          UNAVAILABLE, "Cloudflare could not serve " + what + " (" + said + "); try again");
    }
    if (json == null || !json.path("success").isBoolean()) {
      throw malformed(what, "HTTP " + code + ", body starts " + quoteStart(text));
    }
    if (code >= 300 || !json.get("success").asBoolean()) {
      throw new DnsProviderException(FAILED, "Cloudflare refused " + what + " (" + said + ")");
    }
    return json.path("result");
  }

  private DnsRecord record(JsonNode node, String what) {
    for (String field : List.of("id", "name", "type", "content")) {
      if (!node.path(field).isTextual()) {
        throw malformed(what, "the record has no \"" + field + "\"");
      }
    }
    return new DnsRecord(
        node.get("id").asText(),
        node.get("name").asText(),
        node.get("type").asText(),
        node.get("content").asText(),
        node.path("ttl").asInt(0));
  }

  private String tokenSource() {
    return config.tokenEnv() != null
        ? "router.tokenEnv (environment variable " + config.tokenEnv() + ")"
        : "router.tokenFile (" + config.tokenFile() + ")";
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode json = MAPPER.readTree(text);
      return json != null && json.isObject() ? json : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** {@code : 9109 Invalid access token; 1004 …}, or nothing when the body names no errors. */
  private static String errors(JsonNode json) {
    List<String> out = new ArrayList<>();
    for (JsonNode error : json.path("errors")) {
      String code = error.path("code").asText("");
      String message = error.path("message").asText("");
      out.add((code + " " + message).strip());
    }
    return out.isEmpty() ? "" : ": " + String.join("; ", out);
  }

  private DnsProviderException malformed(String what, String detail) {
    return new DnsProviderException(
        FAILED,
        "malformed answer from Cloudflare to "
            + what
            + " ("
            + detail
            + "); is router.apiUrl ("
            + config.apiUrl()
            + ") Cloudflare's v4 API?");
  }

  private static String quoteStart(String text) {
    String start = text.strip().replaceAll("\\s+", " ");
    return "\"" + (start.length() > 60 ? start.substring(0, 60) + "…" : start) + "\"";
  }
}
