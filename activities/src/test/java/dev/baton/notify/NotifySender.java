package dev.baton.notify;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A workflow that sends one notification the way baton's workflows do, with their retries. */
@WorkflowInterface
public interface NotifySender {

  /** Null when delivered, else why not. */
  @WorkflowMethod
  String send(Notification notification);

  class Impl implements NotifySender {
    @Override
    public String send(Notification n) {
      NotifyActivities notify =
          Workflow.newActivityStub(NotifyActivities.class, Notifications.OPTIONS);
      return Notifications.send(notify, n.project(), n.event(), n.text());
    }
  }
}
