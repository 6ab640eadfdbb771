package dev.baton.sites;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A read-only look at both sites for {@code baton sites}: what each runs, whether it answers, its
 * database's role, and where the router points. Short-lived, one per question, on the control
 * queue; it changes nothing, so it needs no lock against a running release or failover. A site
 * whose worker or engine does not answer is reported as unreachable, not as a failure.
 */
@WorkflowInterface
public interface SitesWorkflow {

  @WorkflowMethod(name = "Sites")
  SitesReport run(SitesRequest request);
}
