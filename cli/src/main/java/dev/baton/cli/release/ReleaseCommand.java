package dev.baton.cli.release;

import picocli.CommandLine.Command;

/** {@code baton release …}: thin verbs over the release workflow. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Start, approve, watch and cancel releases.",
    footer = {
      "",
      "Examples:",
      "  baton release start --version v2 --wait",
      "  baton release status --watch",
      "  baton release approve --as alice --comment \"smoke tests green\"",
      "  baton release rollback --reason \"error rate up\""
    },
    subcommands = {
      ReleaseStart.class,
      ReleaseApprove.class,
      ReleaseReject.class,
      ReleaseStatus.class,
      ReleaseCancel.class,
      ReleaseRollback.class
    })
public final class ReleaseCommand {}
