package dev.baton.cli.monitor;

import picocli.CommandLine.Command;

/** {@code baton monitor …}: the project's long-running MonitorWorkflow. */
@Command(
    name = "monitor",
    description = "Start, stop and query the monitor that watches the active site.",
    subcommands = {
      MonitorStart.class,
      MonitorStop.class,
      MonitorStatusCommand.class,
      MonitorApprove.class
    })
public final class MonitorCommand {}
