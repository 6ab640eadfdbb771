package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import dev.baton.release.ReleaseRequest;
import dev.baton.testing.TestRules;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A release whose deploy fails with what real failures carry (the version, the git URL, compose
 * output, container log lines), read back from the service as raw history bytes: with encryption on
 * none of it is there; with it off all of it is, which shows the search would find it.
 */
class EncryptedFailureHistoryTest {
  static final String KEYS =
      "k1 " + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  /** The version is also in the request, which is a payload (encrypted before this change too). */
  private static final List<String> CARRIED_BY_THE_FAILURE =
      List.of(
          "v7.3.1-rc9",
          "https://git.example.test/shop/app.git",
          "Container shop-api-1  Recreated",
          "ERROR api: cannot bind 127.0.0.1:8081 (address in use)");

  private MockedRelease release;

  @AfterEach
  void stop() {
    if (release != null) {
      release.close();
    }
  }

  @Test
  void withEncryptionAFailedReleaseLeavesNoPlaintextOfItsFailureInHistory() {
    DataConverter converter =
        PayloadEncryption.dataConverter(Optional.of(PayloadKeys.parse(KEYS, "test keys")));
    ApplicationFailure failure = failedRelease(converter);

    // The CLI, with the keys, reads the failure as it was thrown.
    assertThat(failure.getType()).isEqualTo("DEPLOY_FAILED");
    CARRIED_BY_THE_FAILURE.forEach(t -> assertThat(failure.getOriginalMessage()).contains(t));

    String history = rawHistory();
    assertThat(history).contains("Encoded failure").contains("binary/encrypted");
    CARRIED_BY_THE_FAILURE.forEach(t -> assertThat(history).doesNotContain(t));
  }

  @Test
  void withoutEncryptionTheSameFailureIsReadableInHistory() {
    failedRelease(PayloadEncryption.dataConverter(Optional.empty()));

    String history = rawHistory();
    CARRIED_BY_THE_FAILURE.forEach(t -> assertThat(history).contains(t));
  }

  private ApplicationFailure failedRelease(DataConverter converter) {
    release = new MockedRelease(converter);
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "secondary: compose up of v7.3.1-rc9 failed (exit 1):\n"
                    + "Container shop-api-1  Recreated\n"
                    + "source https://git.example.test/shop/app.git at 1a2b3c4d5e6f\n"
                    + "service api is exited; its last log lines:\n"
                    + "ERROR api: cannot bind 127.0.0.1:8081 (address in use)",
                "TEST"))
        .when(release.secondary)
        .deploy(any());
    release.env.start();
    ReleaseRequest request =
        new ReleaseRequest(
            MockedRelease.PROJECT, "v7.3.1-rc9", "carol", TestRules.SITES, TestRules.release());
    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> release.stub().run(request));
    assertThat(failed).as("the release failed").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }

  /** Every byte of the stored history (protobuf), as text to search. */
  private String rawHistory() {
    return new String(release.rawHistory().toByteArray(), StandardCharsets.ISO_8859_1);
  }
}
