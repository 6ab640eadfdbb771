package dev.baton.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One position in the YAML tree, with its key path. Every read reports what is wrong to the shared
 * problem list and returns null (or an empty collection) instead of throwing, so that one pass over
 * the file finds every problem.
 */
final class TreeReader {

  private final String file;
  private final String path;
  private final JsonNode node;
  private final List<ConfigProblem> problems;
  // Under a missing or mistyped parent, which is reported already, a missing key is no news.
  private final boolean orphan;

  private TreeReader(
      String file, String path, JsonNode node, List<ConfigProblem> problems, boolean orphan) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.problems = problems;
    this.orphan = orphan;
  }

  static TreeReader root(String file, JsonNode node, List<ConfigProblem> problems) {
    return new TreeReader(file, "", node, problems, false);
  }

  String path() {
    return path;
  }

  /** Children of a missing or mistyped parent are absent, so defaults still apply. */
  TreeReader child(String key) {
    JsonNode value = isMapping() ? node.get(key) : null;
    String childPath = path.isEmpty() ? key : path + "." + key;
    return new TreeReader(file, childPath, value, problems, !isMapping());
  }

  TreeReader element(int index) {
    JsonNode value = isList() ? node.get(index) : null;
    return new TreeReader(file, path + "[" + index + "]", value, problems, !isList());
  }

  /** Whether there is a value; an explicit null ({@code key:} with nothing) counts as absent. */
  boolean isPresent() {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  boolean isList() {
    return isPresent() && node.isArray();
  }

  boolean isMapping() {
    return isPresent() && node.isObject();
  }

  /** The keys of a mapping, without reporting anything when this is not one. */
  List<String> keys() {
    List<String> out = new ArrayList<>();
    if (isMapping()) {
      node.fieldNames().forEachRemaining(out::add);
    }
    return out;
  }

  /** A reader for a value from outside the file (the environment), reporting to the same list. */
  TreeReader detached(String source, String name, JsonNode value) {
    return new TreeReader(source, name, value, problems, false);
  }

  boolean isEmptyList() {
    return isPresent() && node.isArray() && node.isEmpty();
  }

  boolean isEmptyMapping() {
    return isPresent() && node.isObject() && node.isEmpty();
  }

  void report(String message) {
    problems.add(new ConfigProblem(file, path, message));
  }

  /** A mapping whose keys must be among {@code allowed}; false when absent or not a mapping. */
  boolean mapping(boolean required, String expected, List<String> allowed) {
    return mapping(required, expected, allowed, List.of());
  }

  /** The same, leaving the keys in {@code reportedElsewhere} to the caller's own message. */
  boolean mapping(
      boolean required, String expected, List<String> allowed, List<String> reportedElsewhere) {
    if (!exists(required, expected) || !is(node.isObject(), "a mapping", expected)) {
      return false;
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!allowed.contains(key) && !reportedElsewhere.contains(key)) {
                child(key).report(ProblemText.unknownKey(key, allowed));
              }
            });
    return true;
  }

  /** A mapping with free-form keys (app names, site ids), in file order. */
  Map<String, TreeReader> entries(boolean required, String expected) {
    Map<String, TreeReader> out = new LinkedHashMap<>();
    if (exists(required, expected) && is(node.isObject(), "a mapping", expected)) {
      node.fieldNames().forEachRemaining(key -> out.put(key, child(key)));
    }
    return out;
  }

  List<TreeReader> elements(boolean required, String expected) {
    List<TreeReader> out = new ArrayList<>();
    if (exists(required, expected) && is(node.isArray(), "a list", expected)) {
      for (int i = 0; i < node.size(); i++) {
        out.add(element(i));
      }
    }
    return out;
  }

  /** A non-empty scalar; numbers are read as written, because YAML types {@code 2024} as one. */
  String text(boolean required, String expected) {
    if (!exists(required, expected)
        || !is(node.isTextual() || node.isNumber(), "a string", expected)) {
      return null;
    }
    String value = node.asText();
    if (value.isBlank()) {
      report("is empty (" + expected + ")");
      return null;
    }
    return value;
  }

  /** A list of non-empty strings; bad elements are reported and left out. */
  List<String> texts(boolean required, String expected) {
    List<String> out = new ArrayList<>();
    for (TreeReader element : elements(required, expected)) {
      String value = element.text(true, expected);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  Integer integer(boolean required, String expected) {
    if (!exists(required, expected) || !is(node.isIntegralNumber(), "an integer", expected)) {
      return null;
    }
    if (!node.canConvertToInt()) {
      // Said apart: "expected an integer, got an integer" would be no help.
      report(node.asText() + " is too large (" + expected + ")");
      return null;
    }
    return node.intValue();
  }

  Boolean bool(boolean required, String expected) {
    if (!exists(required, expected) || !is(node.isBoolean(), "a boolean", expected)) {
      return null;
    }
    return node.booleanValue();
  }

  /** A duration; {@code positive} rejects zero where waiting zero makes no sense. */
  Duration duration(boolean required, boolean positive) {
    String value = text(required, Durations.ACCEPTED);
    if (value == null) {
      return null;
    }
    try {
      Duration d = Durations.parse(value);
      if (positive && d.isZero()) {
        report("must be longer than zero (" + Durations.ACCEPTED + ")");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      report(e.getMessage() + " (" + Durations.ACCEPTED + ")");
      return null;
    }
  }

  /** A byte count: an integer, or a string with a unit such as {@code 16MB}. */
  Long bytes(boolean required) {
    if (!exists(required, ByteSizes.ACCEPTED)) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
      return node.longValue();
    }
    String value = text(true, ByteSizes.ACCEPTED);
    if (value == null) {
      return null;
    }
    try {
      return ByteSizes.parse(value);
    } catch (IllegalArgumentException e) {
      report(e.getMessage() + " (" + ByteSizes.ACCEPTED + ")");
      return null;
    }
  }

  /** A path, resolved against {@code base} when relative. */
  Path path(boolean required, String expected, Path base) {
    String value = text(required, expected);
    if (value == null) {
      return null;
    }
    try {
      return base.resolve(value).normalize();
    } catch (InvalidPathException e) {
      report("\"" + value + "\" is not a valid path: " + e.getReason() + " (" + expected + ")");
      return null;
    }
  }

  private boolean exists(boolean required, String expected) {
    if (isPresent()) {
      return true;
    }
    if (required && !orphan) {
      report((node == null ? "missing required key" : "has no value") + " (" + expected + ")");
    }
    return false;
  }

  private boolean is(boolean ok, String wanted, String expected) {
    if (!ok) {
      report("expected " + wanted + ", got " + ProblemText.describe(node) + " (" + expected + ")");
    }
    return ok;
  }
}
