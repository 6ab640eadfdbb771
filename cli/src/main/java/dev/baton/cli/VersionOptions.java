package dev.baton.cli;

import dev.baton.Versions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --version VERSION} for the commands that deploy (and their {@code -h}, since the standard
 * help options would claim {@code --version} for baton's own). Checked as it is parsed: a version
 * becomes an image tag, a git ref and a compose variable, so it must be a valid image tag ({@link
 * Versions}).
 */
public final class VersionOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help")
  boolean help;

  private String version;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "VERSION",
      description = "the version: an image tag, e.g. v2 or 1.4.0")
  void version(String value) {
    String problem = Versions.problem(value);
    if (problem != null) {
      throw new ParameterException(mixee.commandLine(), problem);
    }
    version = value;
  }

  public String version() {
    return version;
  }
}
