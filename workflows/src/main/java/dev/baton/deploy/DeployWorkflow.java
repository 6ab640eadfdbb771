package dev.baton.deploy;

import dev.baton.site.DeployResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deploys a version to one site outside a release, as the guide's {@code ./deploy.sh SITE} does for
 * the initial set-up of each site. The site keeps its role: the active site gets its active-only
 * services, a standby does not.
 */
@WorkflowInterface
public interface DeployWorkflow {

  @WorkflowMethod(name = "Deploy")
  DeployResult run(SiteDeployRequest request);
}
