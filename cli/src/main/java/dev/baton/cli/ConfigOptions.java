package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code -c/--config} and {@code -v}, mixed into every command that reads baton.yml. */
public final class ConfigOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "baton.yml to use (default: $BATON_CONFIG, else ./baton.yml)")
  Path config;

  @Option(
      names = {"-v", "--verbose"},
      description = "show stack traces and debug logs")
  boolean verbose;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Where the command that mixes these in writes its diagnostics. */
  public PrintWriter err() {
    return command.commandLine().getErr();
  }

  public BatonConfig load(BatonContext context) {
    if (verbose) {
      Logging.verbose();
    }
    Path file = ConfigLoader.locate(config, context.env(), context.cwd());
    return ConfigLoader.load(file, context.env());
  }
}
