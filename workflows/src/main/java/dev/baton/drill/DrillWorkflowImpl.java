package dev.baton.drill;

/** See {@link DrillWorkflow}. (Being written: the contract is fixed, the logic is not yet.) */
public class DrillWorkflowImpl implements DrillWorkflow {
  @Override
  public DrillReport run(DrillRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public DrillReport progress() {
    return null;
  }
}
