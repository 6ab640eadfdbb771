package dev.baton.release;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;

/**
 * The release's project, version and current step as search attributes, so the Temporal Web UI can
 * list and filter releases ({@code BatonStep = "approve"}: who waits for an approval).
 *
 * <p>Only when the policy says the server has them ({@code temporal.searchAttributes} in
 * baton.yml): upserting an attribute the server does not know fails the workflow task, and the
 * release would hang. Behind {@link #CHANGE_ID}, so releases started before this existed replay
 * without the upserts they never made. BatonVersion is left out when the policy says so: search
 * attributes are stored and listed in clear even when payloads are encrypted.
 */
public final class ReleaseSearchAttributes {
  public static final SearchAttributeKey<String> PROJECT =
      SearchAttributeKey.forKeyword("BatonProject");
  public static final SearchAttributeKey<String> VERSION =
      SearchAttributeKey.forKeyword("BatonVersion");
  public static final SearchAttributeKey<String> STEP = SearchAttributeKey.forKeyword("BatonStep");

  static final String CHANGE_ID = "search-attributes";

  private final ReleaseRequest request;
  private boolean allowed;
  private boolean withVersion;
  private Boolean enabled;
  private String step;

  ReleaseSearchAttributes(ReleaseRequest request) {
    this.request = request;
  }

  /**
   * The rules in force say the server has the attributes, and whether the version is one of them;
   * set before the first step.
   */
  void allow(boolean allowed, boolean withVersion) {
    this.allowed = allowed;
    this.withVersion = withVersion;
  }

  /** Sets BatonStep (and, the first time, BatonProject and BatonVersion) if it changed. */
  void step(String stepId) {
    if (stepId.equals(step) || !enabled()) {
      return;
    }
    if (step == null && withVersion) {
      Workflow.upsertTypedSearchAttributes(
          PROJECT.valueSet(request.project()),
          VERSION.valueSet(request.version()),
          STEP.valueSet(stepId));
    } else if (step == null) {
      Workflow.upsertTypedSearchAttributes(
          PROJECT.valueSet(request.project()), STEP.valueSet(stepId));
    } else {
      Workflow.upsertTypedSearchAttributes(STEP.valueSet(stepId));
    }
    step = stepId;
  }

  private boolean enabled() {
    if (enabled == null) {
      // Decided once, at the first step: the version marker goes into the history only here.
      enabled = allowed && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1;
    }
    return enabled;
  }
}
