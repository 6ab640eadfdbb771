package dev.baton.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** Wording shared by many problems. */
final class ProblemText {

  private ProblemText() {}

  /** The YAML type of {@code node} as a user would name it. */
  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    } else if (node.isArray()) {
      return "a list";
    } else if (node.isTextual()) {
      return "a string";
    } else if (node.isBoolean()) {
      return "a boolean";
    } else if (node.isIntegralNumber()) {
      return "an integer";
    } else if (node.isNumber()) {
      return "a number";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  // Catches workDir, check_out_dir and password-env without guessing at real typos.
  private static String loose(String key) {
    return key.replaceAll("[-_]", "").toLowerCase(Locale.ROOT);
  }

  static String unknownKey(String key, List<String> allowed) {
    String hint =
        allowed.stream()
            .filter(k -> loose(k).equals(loose(key)))
            .findFirst()
            .map(k -> ", did you mean \"" + k + "\"?")
            .orElse("");
    return "unknown key" + hint + " (allowed here: " + String.join(", ", allowed) + ")";
  }

  /** A hostile value shown in a problem: control characters escaped, cut after 60 characters. */
  static String printable(String value) {
    return dev.baton.Versions.printable(value);
  }
}
