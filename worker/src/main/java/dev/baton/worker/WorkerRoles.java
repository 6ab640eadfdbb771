package dev.baton.worker;

import java.util.List;

/**
 * Which queues a worker process polls.
 *
 * @param control the control queue: workflows, router, databases, probes, notifications
 * @param sites the sites whose queue this process serves (it runs next to their Docker engine)
 */
public record WorkerRoles(boolean control, List<String> sites) {

  public static WorkerRoles all(List<String> siteIds) {
    return new WorkerRoles(true, List.copyOf(siteIds));
  }

  public String describe() {
    String siteText = sites.isEmpty() ? "" : "site " + String.join(", site ", sites);
    return control ? (siteText.isEmpty() ? "control" : "control, " + siteText) : siteText;
  }
}
