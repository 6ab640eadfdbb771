package dev.baton.cli.release;

import dev.baton.cli.BatonCliException;
import dev.baton.cli.BatonContext;
import dev.baton.cli.ExitCodes;
import dev.baton.cli.JsonText;
import dev.baton.cli.ProjectCommand;
import dev.baton.cli.ProjectSession;
import dev.baton.release.ReleaseProgress;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the current (or last) release: every step, approvals, what waits.",
    footer = {
      "",
      "Examples:",
      "  baton release status",
      "  baton release status --watch                 # redrawn in place on a terminal",
      "  baton release status --watch --plain > log   # a line per change",
      "  baton release status --watch --output json   # one JSON object per change",
      "  baton release status --watch --until-approval # until a step waits for approval",
      "  baton release status --output json"
    })
final class ReleaseStatus extends ProjectCommand {
  enum Output {
    text,
    json
  }

  @Option(
      names = "--watch",
      description =
          "follow the release until it ends: redrawn in place on a terminal, a line per change"
              + " otherwise; the exit code tells how it ended")
  boolean watch;

  @Option(
      names = "--until-approval",
      description =
          "with --watch: stop (exit 0) as soon as a step waits for an approval, showing the full"
              + " status; a release that ends first exits as --watch does")
  boolean untilApproval;

  @Option(
      names = "--plain",
      description = "with --watch: print a line per change even on a terminal (no redrawing)")
  boolean plain;

  @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json")
  Output output = Output.text;

  ReleaseStatus(BatonContext context) {
    super(context);
  }

  @Override
  public Integer call() throws Exception {
    if (untilApproval && !watch) {
      throw new BatonCliException(ExitCodes.BAD_INPUT, "--until-approval needs --watch");
    }
    try (ProjectSession session = openSession()) {
      String project = session.config().project();
      if (watch) {
        return Watcher.of(session.client(), project, view()).until(untilApproval);
      }
      ReleaseProgress progress =
          Releases.latest(session.client(), project)
              .orElseThrow(
                  () ->
                      new BatonCliException(
                          ExitCodes.FAILED,
                          "no release of "
                              + project
                              + " on this Temporal service yet;"
                              + " start one with `baton release start --version V`"));
      out().print(output == Output.json ? json(progress) : ProgressRenderer.render(progress));
      return ExitCodes.OK;
    }
  }

  private WatchView view() {
    PrintWriter out = out();
    if (output == Output.json) {
      return new JsonView(out);
    }
    return Watcher.textView(out, context.env(), plain);
  }

  private static String json(ReleaseProgress progress) {
    return JsonText.of(progress) + System.lineSeparator();
  }
}
