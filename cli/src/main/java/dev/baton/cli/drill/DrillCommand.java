package dev.baton.cli.drill;

import picocli.CommandLine.Command;

/** {@code baton drill …}: run, schedule and review failover drills. */
@Command(
    name = "drill",
    description = "Run a failover drill now, schedule drills, and see the last drill's report.",
    subcommands = {
      DrillRun.class,
      DrillStatus.class,
      DrillSchedule.class,
      DrillUnschedule.class,
      DrillList.class
    })
public final class DrillCommand {}
