package dev.baton.cli;

import dev.baton.cli.history.OpenAndClosed;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which worker ran which activity, from the histories of every workflow the service holds: an
 * activity's ActivityTaskStarted event names the identity of the worker that picked it up, and its
 * ActivityTaskScheduled event the task queue it was scheduled on.
 *
 * @param byQueue task queue to activity type to the identities of the workers that ran it
 */
record ActivityWorkers(Map<String, Map<String, Set<String>>> byQueue) {

  static ActivityWorkers of(WorkflowClient client) {
    Map<String, Map<String, Set<String>>> byQueue = new TreeMap<>();
    for (WorkflowExecutionInfo run : OpenAndClosed.of(client)) {
      List<HistoryEvent> events =
          client
              .fetchHistory(run.getExecution().getWorkflowId(), run.getExecution().getRunId())
              .getHistory()
              .getEventsList();
      Map<Long, HistoryEvent> scheduled = new HashMap<>();
      for (HistoryEvent event : events) {
        if (event.hasActivityTaskScheduledEventAttributes()) {
          scheduled.put(event.getEventId(), event);
        } else if (event.hasActivityTaskStartedEventAttributes()) {
          var started = event.getActivityTaskStartedEventAttributes();
          var attributes =
              scheduled
                  .get(started.getScheduledEventId())
                  .getActivityTaskScheduledEventAttributes();
          byQueue
              .computeIfAbsent(attributes.getTaskQueue().getName(), q -> new TreeMap<>())
              .computeIfAbsent(attributes.getActivityType().getName(), t -> new TreeSet<>())
              .add(started.getIdentity());
        }
      }
    }
    return new ActivityWorkers(byQueue);
  }

  /** The activity types run on {@code queue}. */
  Set<String> activities(String queue) {
    return byQueue.getOrDefault(queue, Map.of()).keySet();
  }

  /** The identities of the workers that ran anything on {@code queue}. */
  Set<String> identities(String queue) {
    Set<String> identities = new TreeSet<>();
    byQueue.getOrDefault(queue, Map.of()).values().forEach(identities::addAll);
    return identities;
  }
}
