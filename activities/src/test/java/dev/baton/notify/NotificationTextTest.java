package dev.baton.notify;

import static dev.baton.notify.WebhookNotifyActivitiesTest.APPROVAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.temporal.activity.ActivityInfo;
import org.junit.jupiter.api.Test;

class NotificationTextTest {
  @Test
  void theLinkKeepsTheWebUiPathAndEncodesIds() {
    ActivityInfo info = mock(ActivityInfo.class);
    when(info.getWorkflowNamespace()).thenReturn("prod");
    when(info.getWorkflowId()).thenReturn("baton drill/shop");
    when(info.getWorkflowRunId()).thenReturn("r1");

    assertThat(NotificationText.of(APPROVAL, "https://ops.example.com/temporal", info))
        .endsWith(
            "\nTemporal Web UI: https://ops.example.com/temporal/namespaces/prod/workflows/"
                + "baton%20drill%2Fshop/r1/history");
    assertThat(NotificationText.of(APPROVAL, null, info)).doesNotContain("Temporal Web UI");
  }
}
