package dev.baton.monitor;

/** See {@link MonitorWorkflow}. (Being written: the contract is fixed, the logic is not yet.) */
public class MonitorWorkflowImpl implements MonitorWorkflow {
  @Override
  public void run(MonitorRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public MonitorStatus status() {
    return null;
  }

  @Override
  public String approveFailover(FailoverApproval approval) {
    return "";
  }

  @Override
  public void validateApproveFailover(FailoverApproval approval) {}

  @Override
  public void approveFailoverSignal(FailoverApproval approval) {}

  @Override
  public void stop(String by) {}
}
