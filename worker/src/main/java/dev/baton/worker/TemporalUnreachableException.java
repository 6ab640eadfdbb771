package dev.baton.worker;

import dev.baton.config.TemporalConfig;
import io.grpc.Status;
import javax.net.ssl.SSLException;

/** Temporal did not answer at the configured address, or refused baton's TLS or credentials. */
public class TemporalUnreachableException extends RuntimeException {
  public TemporalUnreachableException(String address, Throwable cause) {
    super(
        "cannot reach Temporal at "
            + address
            + "; start one with `baton dev` (or `baton server --dev`), or set"
            + " BATON_TEMPORAL_ADDRESS / temporal.address",
        cause);
  }

  /** The same, saying what TLS or the credentials have to do with it when they are in use. */
  public TemporalUnreachableException(String address, TemporalConfig temporal, Throwable cause) {
    super(message(address, temporal, cause), cause);
  }

  private static String message(String address, TemporalConfig temporal, Throwable cause) {
    if (!temporal.usesTls()) {
      return new TemporalUnreachableException(address, cause).getMessage();
    }
    String prefix = "cannot reach Temporal at " + address + " over TLS: ";
    Throwable handshake = find(cause, SSLException.class);
    if (handshake != null) {
      return prefix
          + "the TLS handshake failed ("
          + root(handshake).getMessage()
          + "); check temporal.tls.caFile (the CA that signed the server's certificate) and"
          + " temporal.tls.serverName (a name in that certificate)";
    }
    Status status = Status.fromThrowable(cause);
    switch (status.getCode()) {
      case UNAUTHENTICATED, PERMISSION_DENIED:
        return prefix
            + "the server refused baton's credentials ("
            + status.getCode()
            + ": "
            + status.getDescription()
            + "); check the API key in temporal.apiKeyEnv / apiKeyFile"
            + (temporal.tls() != null && temporal.tls().mutual()
                ? " and the client certificate in temporal.tls.certFile"
                : "");
      case INTERNAL:
        // A TLS proxy (nginx) answers HTTP 400 when the client sent no certificate it accepts.
        if (String.valueOf(status.getDescription()).contains("HTTP status code 400")) {
          return prefix
              + "the server answered HTTP 400, as a TLS proxy does without a client certificate it"
              + " accepts; check temporal.tls.certFile and keyFile";
        }
        break;
      default:
        break;
    }
    return prefix
        + status.getCode()
        + ": "
        + status.getDescription()
        + " ("
        + root(cause).getMessage()
        + "); check temporal.address or BATON_TEMPORAL_ADDRESS";
  }

  /** The first cause of {@code type} in {@code e}'s chain, or null. */
  static Throwable find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  private static Throwable root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
