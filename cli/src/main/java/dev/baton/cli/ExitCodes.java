package dev.baton.cli;

import dev.baton.config.ConfigException;
import dev.baton.worker.TemporalUnreachableException;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/** The exit codes `baton --help` documents. */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int REFUSED = 3;
  public static final int UNREACHABLE = 4;

  /** What `baton --help` lists (sorted by code). */
  static final Map<String, String> HELP =
      new TreeMap<>(
          Map.of(
              "0", "done",
              "1", "the operation failed (the message says where and why)",
              "2", "bad input: usage, baton.yml, a version that is not a valid image tag",
              "3",
                  "refused or rejected: an approval the rules refuse, a rejected release,"
                      + " a release already running, a failover refused because the active site"
                      + " answers, a drill schedule that exists already",
              "4",
                  "Temporal cannot be reached, or no control worker serves the project (the"
                      + " message names the command that starts one)"));

  @Override
  public int getExitCode(Throwable error) {
    if (BatonCliException.within(error).isPresent()) {
      return BatonCliException.within(error).get().exitCode();
    }
    if (error instanceof ConfigException || error instanceof CommandLine.ParameterException) {
      return BAD_INPUT;
    }
    if (error instanceof TemporalUnreachableException) {
      return UNREACHABLE;
    }
    return FAILED;
  }
}
