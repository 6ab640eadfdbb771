package dev.baton;

import dev.baton.testing.FaultMatrix;
import org.junit.jupiter.api.Test;

/** docs/faults.md lists exactly the faults the @Fault tests of this module prove. */
class ActivitiesFaultMatrixTest {
  @Test
  void theDocListsExactlyTheFaultsTheTestsProve() {
    FaultMatrix.assertDocumented("activities", ActivitiesFaultMatrixTest.class);
  }
}
