package dev.baton.router;

/** A DNS provider call that failed; {@link #kind()} says whether a retry could help. */
final class DnsProviderException extends RuntimeException {

  enum Kind {
    /** The provider rejected the credentials: the operator must fix the token. */
    REJECTED_TOKEN,
    /** No answer in time, a dropped connection, 429 or 5xx: a later attempt may succeed. */
    UNAVAILABLE,
    /** Anything else the provider refused or answered nonsensically: a retry would not help. */
    FAILED
  }

  private final Kind kind;

  DnsProviderException(Kind kind, String message) {
    this(kind, message, null);
  }

  DnsProviderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
