package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

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

  public BatonConfig load(BatonContext context) {
    if (verbose) {
      Logging.verbose();
    }
    Path file = ConfigLoader.locate(config, context.env(), context.cwd());
    return ConfigLoader.load(file, context.env());
  }
}
