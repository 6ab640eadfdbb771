package dev.baton.operation;

import java.util.List;

/**
 * @param callerWorkflowId the asking workflow, left out of the answer
 * @param deploySites sites whose deploys count as running operations; empty (and null, in requests
 *     recorded before deploys counted) for none. A deploy asks with none: deploys of two sites do
 *     not disturb each other, and setting both sites up at once is how a project starts
 */
public record RunningRequest(String project, String callerWorkflowId, List<String> deploySites) {

  public RunningRequest {
    deploySites = deploySites == null ? List.of() : List.copyOf(deploySites);
  }

  public RunningRequest(String project, String callerWorkflowId) {
    this(project, callerWorkflowId, List.of());
  }
}
