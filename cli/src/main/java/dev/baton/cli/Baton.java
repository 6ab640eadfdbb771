package dev.baton.cli;

import dev.baton.cli.drill.DrillCommand;
import dev.baton.cli.failover.FailoverCommand;
import dev.baton.cli.history.HistoryCommand;
import dev.baton.cli.monitor.MonitorCommand;
import dev.baton.cli.release.ReleaseCommand;
import dev.baton.cli.sites.SitesCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code baton} command. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Two-site Docker releases and failovers as durable Temporal workflows.",
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
      "  baton sites                                 # both sites, roles, versions, lag",
      "  baton history --limit 5",
      "  source <(baton completion)                  # tab completion in bash or zsh"
    })
public final class Baton {
  /**
   * The verbs, in the order {@code --help} lists them. Not in the annotation: building picocli's
   * model of a command costs start-up time, so a call builds only the verb it runs.
   */
  private static final Map<String, Class<?>> VERBS = new LinkedHashMap<>();

  static {
    VERBS.put("release", ReleaseCommand.class);
    VERBS.put("rollback", RollbackCommand.class);
    VERBS.put("failover", FailoverCommand.class);
    VERBS.put("monitor", MonitorCommand.class);
    VERBS.put("drill", DrillCommand.class);
    VERBS.put("sites", SitesCommand.class);
    VERBS.put("history", HistoryCommand.class);
    VERBS.put("deploy", DeployCommand.class);
    VERBS.put("worker", WorkerCommand.class);
    VERBS.put("server", ServerCommand.class);
    VERBS.put("dev", DevCommand.class);
    VERBS.put("config", ConfigCommand.class);
    VERBS.put("setup", SetupCommand.class);
    VERBS.put("completion", CompletionCommand.class);
    VERBS.put("help", CommandLine.HelpCommand.class);
  }

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
    CommandLine cli = commandLine(context, args);
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

  /**
   * The command tree for {@code args}: only the verb they name (its own subcommands included), or
   * every verb when they name none, or name {@code help} or {@code completion}, which need them
   * all.
   */
  static CommandLine commandLine(BatonContext context, String... args) {
    CommandLine cli = new CommandLine(Baton.class, new ContextFactory(context));
    String verb = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    boolean one = VERBS.containsKey(verb) && !verb.equals("help") && !verb.equals("completion");
    for (Map.Entry<String, Class<?>> entry : VERBS.entrySet()) {
      if (!one || entry.getKey().equals(verb)) {
        cli.addSubcommand(entry.getKey(), entry.getValue());
      }
    }
    return cli;
  }
}
