package dev.baton.testing;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The committed histories that the replay tests read. */
public final class Histories {
  private Histories() {}

  /**
   * The history in {@code resource}, under {@code workflowId}: the workflows refuse to run under
   * any other id than baton's, and a history read without one replays under a placeholder.
   */
  public static WorkflowExecutionHistory read(String resource, String workflowId)
      throws IOException {
    try (InputStream in = Histories.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no history " + resource);
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return WorkflowExecutionHistory.fromJson(json, workflowId);
    }
  }

  /** The change ids of the {@code Workflow.getVersion} markers in the history, in order. */
  public static List<String> changeIds(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId"))
        .filter(p -> p != null)
        .map(Histories::jsonString)
        .toList();
  }

  /** A payload holding one JSON string such as {@code "parallel-plan"}, without its quotes. */
  private static String jsonString(Payloads payloads) {
    String json = payloads.getPayloads(0).getData().toStringUtf8();
    return json.substring(1, json.length() - 1);
  }
}
