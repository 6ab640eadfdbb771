package dev.baton.cli;

import dev.baton.config.BatonConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command about the project that baton.yml describes: it gets this run's {@link BatonContext}
 * through its constructor (see {@link ContextFactory}), takes {@code -c/--config} and {@code -v},
 * and opens a {@link ProjectSession} when it needs Temporal. Each command keeps only its own
 * options and steps.
 *
 * <p>picocli reads the {@code @Mixin} and {@code @Spec} fields of superclasses too, so the options
 * and help of every subclass are the same as when each declared them. Errors need nothing here:
 * {@link ErrorReporter} and {@link ExitCodes} handle what any command throws.
 */
public abstract class ProjectCommand implements Callable<Integer> {
  protected final BatonContext context;
  @Mixin protected ConfigOptions options;
  @Spec protected CommandSpec spec;

  protected ProjectCommand(BatonContext context) {
    this.context = context;
  }

  /** baton.yml, checked, for commands that do not talk to Temporal through a session. */
  protected BatonConfig loadConfig() {
    return options.load(context);
  }

  /** baton.yml and a connection to its Temporal service; the caller closes it. */
  protected ProjectSession openSession() {
    return ProjectSession.open(options, context);
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
