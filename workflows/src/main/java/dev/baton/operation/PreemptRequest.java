package dev.baton.operation;

import java.util.List;

/**
 * @param by the failover's workflow id, recorded as the termination's reason
 * @param deploySites sites whose running deploys are pre-empted too; empty (and null, in requests
 *     recorded before deploys counted) for none
 */
public record PreemptRequest(String project, String by, String reason, List<String> deploySites) {

  public PreemptRequest {
    deploySites = deploySites == null ? List.of() : List.copyOf(deploySites);
  }

  public PreemptRequest(String project, String by, String reason) {
    this(project, by, reason, List.of());
  }
}
