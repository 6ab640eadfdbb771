package dev.baton.cli.drill;

import picocli.CommandLine.Command;

/** {@code baton drill …}: run, schedule and review failover drills. */
@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = "Run a failover drill now, schedule drills, and see the last drill's report.",
    footer = {
      "",
      "Examples:",
      "  baton drill run",
      "  baton drill schedule --cron \"0 3 * * 1\"",
      "  baton drill status"
    },
    subcommands = {
      DrillRun.class,
      DrillStatus.class,
      DrillSchedule.class,
      DrillUnschedule.class,
      DrillList.class
    })
public final class DrillCommand {}
