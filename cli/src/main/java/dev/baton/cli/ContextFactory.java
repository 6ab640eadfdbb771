package dev.baton.cli;

import picocli.CommandLine;

/** Gives every command that asks for it the {@link BatonContext} of this run. */
final class ContextFactory implements CommandLine.IFactory {
  private final BatonContext context;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  ContextFactory(BatonContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      var constructor = type.getDeclaredConstructor(BatonContext.class);
      constructor.setAccessible(true); // commands keep their constructors package-private
      return constructor.newInstance(context);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
  }
}
