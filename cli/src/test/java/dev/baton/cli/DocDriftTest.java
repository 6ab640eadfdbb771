package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.config.ConfigException;
import dev.baton.config.ConfigLoader;
import dev.baton.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * README.md and docs/*.md against the code, so they cannot drift apart again: every {@code baton}
 * command and flag they name exists in the picocli model, every option the model has is named in
 * them, and every baton.yml key they name (a YAML block, or a dotted key such as {@code
 * release.bake.maxP99}) is one the config reader accepts.
 */
class DocDriftTest {
  private static final Path ROOT = LocalSites.ROOT;
  // `baton release approve --as NAME`, in a code span or a code block line ($ and ./ allowed).
  private static final Pattern COMMAND =
      Pattern.compile(
          "(?:^|[`\\s;|&(])(?:\\./)?baton((?: +[a-z][a-z-]*)*)((?: +(?!(?:\\./)?baton\\b)[^`\\s|;&)]+)*)");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");
  private static final Pattern DOTTED_KEY =
      Pattern.compile("`((?:sites\\[]|[a-z][a-zA-Z]*)(?:\\.[a-z][a-zA-Z]*(?:\\[])?)+)`");

  private static final BatonContext CONTEXT =
      new BatonContext(Map.of(), Path.of("."), config -> null);

  @TempDir Path dir;

  @Test
  void everyCommandAndFlagTheDocsNameExists() {
    CommandSpec root = Baton.commandLine(CONTEXT).getCommandSpec();
    List<String> wrong = new ArrayList<>();
    for (DocLine line : docLines(true)) {
      Matcher m = COMMAND.matcher(line.text());
      while (m.find()) {
        CommandSpec command = root;
        for (String word : m.group(1).trim().split(" +")) {
          CommandLine sub = word.isEmpty() ? null : command.subcommands().get(word);
          if (sub == null) {
            break;
          }
          command = sub.getCommandSpec();
        }
        Matcher option = OPTION.matcher(m.group(2));
        while (option.find()) {
          if (optionOf(command, option.group(1)) == null) {
            wrong.add(
                line.where() + ": `" + command.qualifiedName() + "` has no " + option.group(1));
          }
        }
      }
    }
    assertThat(wrong).as("flags the docs name that the CLI does not have").isEmpty();
  }

  /** Documented: named on a line that also names the command (every word of its path). */
  @Test
  void everyOptionOfEveryCommandIsDocumented() {
    CommandSpec root = Baton.commandLine(CONTEXT).getCommandSpec();
    List<String> lines = docLines(false).stream().map(DocLine::text).toList();
    Set<String> missing = new TreeSet<>();
    walk(root)
        .forEach(
            command -> {
              // Mixins' options (-c, -v, -q) are on every command: one mention anywhere will do.
              List<String> words = List.of(command.qualifiedName().split(" ")).subList(0, 1);
              Set<String> common = new java.util.HashSet<>();
              command
                  .mixins()
                  .values()
                  .forEach(m -> m.options().forEach(o -> common.add(o.longestName())));
              List<String> path = List.of(command.qualifiedName().split(" "));
              command.options().stream()
                  .filter(o -> !o.hidden() && o.longestName().startsWith("--"))
                  .filter(o -> !STANDARD.contains(o.longestName()))
                  .filter(
                      o ->
                          lines.stream()
                              .noneMatch(
                                  l ->
                                      names(
                                          l,
                                          common.contains(o.longestName()) ? words : path,
                                          o.longestName())))
                  .forEach(o -> missing.add(command.qualifiedName() + " " + o.longestName()));
            });
    assertThat(missing)
        .as("options no line of README.md or docs/ names with their command")
        .isEmpty();
  }

  private static boolean names(String line, List<String> commandWords, String option) {
    if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])").matcher(line).find()
        && !line.contains("--[no-]" + option.substring(2))) {
      return false;
    }
    return commandWords.stream()
        .skip(1) // "baton"
        .allMatch(
            w ->
                Pattern.compile("(?<![\\w-])" + Pattern.quote(w) + "(?![\\w-])")
                    .matcher(line)
                    .find());
  }

  @Test
  void everyConfigKeyTheDocsNameIsAccepted() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (DocBlock block : yamlBlocks()) {
      unknownKeysIn(block.text()).forEach(p -> wrong.add(block.where() + ": " + p));
    }
    Map<String, List<String>> checked = new java.util.HashMap<>();
    for (DocLine line : docLines(false)) {
      Matcher m = DOTTED_KEY.matcher(line.text());
      while (m.find()) {
        String key = m.group(1);
        if (ConfigLoader.KEYS.contains(key.replace("[]", "").split("\\.")[0])) {
          if (!checked.containsKey(key)) {
            checked.put(key, unknownKeys(key));
          }
          checked.get(key).forEach(p -> wrong.add(line.where() + ": `" + key + "`: " + p));
        }
      }
    }
    assertThat(wrong).as("baton.yml keys the docs name that the config reader refuses").isEmpty();
  }

  private static final List<String> ROUTER_TYPES = List.of("nginx", "haproxy", "dns");
  private static final Set<String> STANDARD = Set.of("--help", "--version");

  /** A router key is known if the router of some type accepts it (its type decides its keys). */
  private List<String> unknownKeys(String dottedKey) throws IOException {
    if (!dottedKey.startsWith("router.")) {
      return unknownKeysIn(yamlFor(dottedKey));
    }
    List<String> problems = List.of();
    for (String type : ROUTER_TYPES) {
      problems = unknownKeysIn(yamlFor(dottedKey) + "  type: " + type + "\n");
      if (problems.isEmpty()) {
        return problems;
      }
    }
    return problems;
  }

  /** The "unknown key" problems the config reader finds in {@code yaml} (others are expected). */
  private List<String> unknownKeysIn(String yaml) throws IOException {
    Path file = dir.resolve("baton.yml");
    Files.writeString(file, yaml);
    try {
      ConfigLoader.load(file, Map.of());
      return List.of();
    } catch (ConfigException e) {
      return e.problems().stream()
          .filter(p -> p.message().startsWith("unknown key"))
          .map(ConfigProblem::render)
          .toList();
    }
  }

  /** {@code sites[].database.url} as {@code sites: [{database: {url: x}}]}, in block style. */
  static String yamlFor(String dottedKey) {
    StringBuilder yaml = new StringBuilder();
    String indent = "";
    String[] parts = dottedKey.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      boolean list = parts[i].endsWith("[]");
      String name = parts[i].replace("[]", "");
      boolean last = i == parts.length - 1;
      yaml.append(indent).append(name).append(':').append(last ? " x" : "").append('\n');
      indent += "  ";
      if (list) {
        yaml.append(indent).append("- ");
        indent += "  ";
        // The first key of the element goes on the "- " line.
        yaml.append(parts[++i].replace("[]", "")).append(':');
        yaml.append(i == parts.length - 1 ? " x\n" : "\n");
        indent += "  ";
      }
    }
    return yaml.toString();
  }

  private static Stream<CommandSpec> walk(CommandSpec command) {
    return Stream.concat(
        Stream.of(command),
        command.subcommands().values().stream()
            .map(CommandLine::getCommandSpec)
            .distinct()
            .flatMap(DocDriftTest::walk));
  }

  private static OptionSpec optionOf(CommandSpec command, String name) {
    OptionSpec option = ownOrInherited(command, name);
    if (option == null && name.startsWith("--no-")) {
      option = ownOrInherited(command, "--" + name.substring(5));
      return option != null && option.negatable() ? option : null;
    }
    return option;
  }

  private static OptionSpec ownOrInherited(CommandSpec command, String name) {
    for (CommandSpec c = command; c != null; c = c.parent()) {
      OptionSpec option = c.findOption(name);
      if (option != null && (c == command || option.inherited() || option.scopeType() != null)) {
        return option;
      }
    }
    return null;
  }

  record DocLine(Path file, int number, String text) {
    String where() {
      return ROOT.relativize(file) + ":" + number;
    }
  }

  record DocBlock(Path file, int number, String text) {
    String where() {
      return ROOT.relativize(file) + ":" + number;
    }
  }

  /** Lines of code blocks, and code spans of prose lines (only those, if {@code codeOnly}). */
  private static List<DocLine> docLines(boolean codeOnly) {
    List<DocLine> out = new ArrayList<>();
    for (Path file : docFiles()) {
      List<String> lines = read(file);
      boolean inBlock = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.strip().startsWith("```")) {
          inBlock = !inBlock;
          continue;
        }
        if (inBlock || !codeOnly) {
          out.add(new DocLine(file, i + 1, line));
        } else {
          Matcher span = Pattern.compile("`([^`]+)`").matcher(line);
          while (span.find()) {
            out.add(new DocLine(file, i + 1, "`" + span.group(1) + "`"));
          }
        }
      }
    }
    return out;
  }

  private static List<DocBlock> yamlBlocks() {
    List<DocBlock> out = new ArrayList<>();
    for (Path file : docFiles()) {
      List<String> lines = read(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().equals("```yaml")) {
          int start = i + 1;
          StringBuilder text = new StringBuilder();
          while (++i < lines.size() && !lines.get(i).strip().startsWith("```")) {
            text.append(lines.get(i)).append('\n');
          }
          out.add(new DocBlock(file, start, text.toString()));
        }
      }
    }
    return out;
  }

  private static List<Path> docFiles() {
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
