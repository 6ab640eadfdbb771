package dev.baton.router;

/** For a router that keeps no request log: every answer is "not measured", with the reason. */
public final class UnmeasuredRequestLog implements RequestLogActivities {
  private final String reason;

  public UnmeasuredRequestLog(String reason) {
    this.reason = reason;
  }

  @Override
  public RequestErrors requestErrors(RequestErrorsRequest request) {
    return new RequestErrors(false, 0, 0, reason);
  }
}
