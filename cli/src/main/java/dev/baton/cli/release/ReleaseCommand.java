package dev.baton.cli.release;

import picocli.CommandLine.Command;

/** {@code baton release …}: thin verbs over the release workflow. */
@Command(
    name = "release",
    description = "Start, approve, watch and cancel releases.",
    subcommands = {
      ReleaseStart.class,
      ReleaseApprove.class,
      ReleaseReject.class,
      ReleaseStatus.class,
      ReleaseCancel.class,
      ReleaseRollback.class
    })
public final class ReleaseCommand {}
