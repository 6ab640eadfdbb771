package dev.baton.cli.monitor;

import picocli.CommandLine.Command;

/** {@code baton monitor …}: the project's long-running MonitorWorkflow. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = "Start, stop and query the monitor that watches the active site.",
    footer = {
      "",
      "Examples:",
      "  baton monitor start --auto-failover",
      "  baton monitor status",
      "  baton monitor approve --reason \"primary is down, confirmed by phone\""
    },
    subcommands = {
      MonitorStart.class,
      MonitorStop.class,
      MonitorStatusCommand.class,
      MonitorApprove.class
    })
public final class MonitorCommand {}
