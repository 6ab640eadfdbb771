package dev.baton.cli.release;

import dev.baton.cli.BatonContext;

/** Who is asking: --as, else $BATON_USER, else $USER. Recorded in the release's history. */
public final class Identity {
  private Identity() {}

  public static String of(String explicit, BatonContext context) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit.trim();
    }
    for (String name : new String[] {"BATON_USER", "USER", "LOGNAME"}) {
      String value = context.env().get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return System.getProperty("user.name", "unknown");
  }
}
