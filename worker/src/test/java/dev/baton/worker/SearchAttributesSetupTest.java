package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import org.junit.jupiter.api.Test;

/**
 * On a service without them, baton's search attributes are registered, then found registered. (The
 * embedded service has no ListSearchAttributes: this is the path that adds them one by one.)
 */
class SearchAttributesSetupTest {
  @Test
  void registersWhatIsMissingAndSaysSoThenFindsThemRegistered() {
    try (DevServer bare = DevServer.launch(0, false)) {
      OperatorServiceStubs operator =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder()
                  .setTarget(bare.address())
                  .validateAndBuildWithDefaults());
      try {
        assertThat(SearchAttributesSetup.ensure(operator, "default"))
            .containsExactly(
                "BatonProject (Keyword): registered",
                "BatonVersion (Keyword): registered",
                "BatonStep (Keyword): registered");
        assertThat(SearchAttributesSetup.ensure(operator, "default"))
            .containsExactly(
                "BatonProject (Keyword): already registered",
                "BatonVersion (Keyword): already registered",
                "BatonStep (Keyword): already registered");
      } finally {
        operator.shutdownNow();
      }
    }
  }
}
