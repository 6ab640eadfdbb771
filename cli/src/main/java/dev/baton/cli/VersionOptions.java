package dev.baton.cli;

import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --version VERSION} for the commands that deploy (and their {@code -h}, since the standard
 * help options would claim {@code --version} for baton's own). Checked as it is parsed: a version
 * becomes an image tag, a git ref and a compose variable, so it must be a valid image tag.
 */
public final class VersionOptions {
  /** Docker's rule for a tag; also keeps option-like and shell-like strings out. */
  static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

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
    if (!IMAGE_TAG.matcher(value).matches()) {
      throw new ParameterException(
          mixee.commandLine(),
          "'"
              + value
              + "' is not a valid version: use an image tag (letters, digits, _ . -,"
              + " at most 128, not starting with . or -)");
    }
    version = value;
  }

  public String version() {
    return version;
  }
}
