package dev.baton.failover;

/** See {@link FailoverWorkflow}. (Being written: the contract is fixed, the logic is not yet.) */
public class FailoverWorkflowImpl implements FailoverWorkflow {
  @Override
  public FailoverResult run(FailoverRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public FailoverResult progress() {
    return null;
  }
}
