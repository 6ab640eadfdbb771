package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every verb's --help has examples that parse, and `baton completion` knows every verb. */
class HelpAndCompletionTest {
  private static final BatonContext CONTEXT =
      new BatonContext(Map.of(), Path.of("."), config -> null);

  @Test
  void everyCommandHasAnExamplesFooterWhoseExamplesParse() {
    List<CommandLine> commands = new ArrayList<>();
    collect(root(), commands);
    assertThat(commands).hasSizeGreaterThan(25);
    for (CommandLine command : commands) {
      String name = command.getCommandSpec().qualifiedName();
      String footer = String.join("\n", command.getCommandSpec().usageMessage().footer());
      assertThat(footer).as("footer of `%s --help`", name).contains("Example");
      for (String line : footer.split("\n")) {
        // The command itself: no comment, and nothing from a redirection or pipe on.
        String example = line.strip().replaceFirst("\\s+(#|>|\\||&&|2>).*$", "");
        if (example.startsWith("baton ")) {
          List<String> args = words(example.substring("baton ".length()));
          // A fresh tree: parsing once fills in options, so every example starts from the root.
          assertThat(parses(args)).as("example in `%s --help`: %s", name, example).isNull();
        }
      }
    }
  }

  @Test
  void everyCommandAnswersHelpWithExitZero() {
    List<CommandLine> commands = new ArrayList<>();
    collect(root(), commands);
    for (CommandLine command : commands) {
      List<String> args = new ArrayList<>(path(command));
      args.add("--help");
      StringWriter out = new StringWriter();
      int code =
          Baton.run(
              CONTEXT,
              new PrintWriter(out),
              new PrintWriter(new StringWriter()),
              args.toArray(String[]::new));
      assertThat(code).as("baton %s", String.join(" ", args)).isZero();
      assertThat(out.toString()).contains("Example");
    }
  }

  @Test
  void completionPrintsABashScriptThatKnowsEveryVerb() {
    StringWriter out = new StringWriter();
    int code =
        Baton.run(CONTEXT, new PrintWriter(out), new PrintWriter(new StringWriter()), "completion");
    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_baton")
        .contains("release", "approve", "failover", "drill", "unschedule", "--metrics-port");
  }

  private static CommandLine root() {
    return Baton.commandLine(CONTEXT);
  }

  /** Every command but picocli's own `help`, parents before their subcommands. */
  private static void collect(CommandLine command, List<CommandLine> into) {
    if (command.getCommand() instanceof CommandLine.HelpCommand) {
      return;
    }
    into.add(command);
    command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
  }

  private static List<String> path(CommandLine command) {
    List<String> names = new ArrayList<>();
    for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
      names.add(0, c.getCommandName());
    }
    return names;
  }

  /** The parse error, or null when {@code args} parse. */
  private static String parses(List<String> args) {
    try {
      root().parseArgs(args.toArray(String[]::new));
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  /** Splits like a shell for what examples use: spaces, and double quotes around a word. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
