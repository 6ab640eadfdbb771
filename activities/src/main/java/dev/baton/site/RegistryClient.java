package dev.baton.site;

import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks a registry (Docker Registry HTTP API v2, plain HTTP: a registry on loopback) which digest a
 * tag names. The digest is the manifest's, the one {@code docker pull repo@digest} fetches.
 */
final class RegistryClient {
  /** Schema 2, manifest lists and OCI: without them a registry answers with a schema 1 digest. */
  private static final String ACCEPT =
      String.join(
          ", ",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json");

  private final String registry;
  private final OkHttpClient http;

  RegistryClient(String registry) {
    this.registry = registry;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .build();
  }

  /**
   * The digest ({@code sha256:…}) {@code repository:tag} names, where repository is the path in the
   * registry ({@code shop/web}). Throws IllegalStateException naming the tag when the registry does
   * not have it, and SiteException-worthy IOExceptions when it does not answer.
   */
  String digest(String repository, String tag) throws IOException {
    Request request =
        new Request.Builder()
            .url("http://" + registry + "/v2/" + repository + "/manifests/" + tag)
            .head()
            .header("Accept", ACCEPT)
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() == 404) {
        throw new IllegalStateException(
            registry + "/" + repository + ":" + tag + " is not in the registry");
      }
      String digest = response.header("Docker-Content-Digest");
      if (!response.isSuccessful() || digest == null) {
        throw new IOException(
            registry
                + " answered HTTP "
                + response.code()
                + " for "
                + repository
                + ":"
                + tag
                + (digest == null ? " without a Docker-Content-Digest" : ""));
      }
      return digest;
    }
  }
}
