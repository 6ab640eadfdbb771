package dev.baton.cli;

import dev.baton.cli.drill.DrillCommand;
import dev.baton.cli.failover.FailoverCommand;
import dev.baton.cli.monitor.MonitorCommand;
import dev.baton.cli.release.ReleaseCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code baton} command. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Two-site Docker releases and failovers as durable Temporal workflows.",
    subcommands = {
      ReleaseCommand.class,
      RollbackCommand.class,
      FailoverCommand.class,
      MonitorCommand.class,
      DrillCommand.class,
      DeployCommand.class,
      WorkerCommand.class,
      ServerCommand.class,
      DevCommand.class,
      ConfigCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {},
    footer = {
      "",
      "Examples:",
      "  baton dev                                   # Temporal in memory + all workers",
      "  baton release start --version v2 --wait",
      "  baton release approve --as alice",
      "  baton failover --reason \"dc1 lost power\"",
      "  baton monitor start",
      "  baton drill run",
      "  source <(baton completion)                  # tab completion in bash or zsh"
    })
public final class Baton {

  private Baton() {}

  public static void main(String[] args) {
    System.exit(
        run(
            BatonContext.system(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            args));
  }

  /** The testable entry point: everything goes to {@code out} and {@code err}. */
  public static int run(BatonContext context, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(Baton.class, new ContextFactory(context));
    cli.getCommandSpec().usageMessage().exitCodeList(ExitCodes.HELP);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(new ExitCodes());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
