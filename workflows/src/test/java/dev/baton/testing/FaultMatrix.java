package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks {@code docs/faults.md} against the {@link Fault} annotations of one module's tests: every
 * annotated test must have its row in the doc, and every row of the doc that names a test of this
 * module must come from an annotation. A row is {@code | dependency | fault | outcome | module:
 * Class.method |}.
 */
public final class FaultMatrix {
  private static final Pattern ROW =
      Pattern.compile("^\\|([^|]+)\\|([^|]+)\\|([^|]+)\\|\\s*`?(\\w+): ([\\w.]+)`?\\s*\\|\\s*$");

  private FaultMatrix() {}

  /**
   * Fails naming every row that is in the tests but not in the doc, and every row of the doc that
   * no test of {@code module} proves; the rows are printed as they should appear in the doc.
   */
  public static void assertDocumented(String module, Class<?> anchor) {
    Set<String> tests = annotated(module, anchor);
    Set<String> doc = documented(module, doc());
    if (tests.isEmpty()) {
      throw new AssertionError("no @Fault test found in " + module + ": is the anchor right?");
    }
    Set<String> missing = new TreeSet<>(tests);
    missing.removeAll(doc);
    Set<String> extra = new TreeSet<>(doc);
    extra.removeAll(tests);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new AssertionError(
          doc()
              + " disagrees with the @Fault tests of "
              + module
              + ".\nRows the tests prove that the doc lacks (add them, or fix the text):\n"
              + String.join("\n", missing)
              + "\nRows of the doc that no test proves (remove them, or annotate the test):\n"
              + String.join("\n", extra));
    }
  }

  /**
   * The rows the doc must hold for {@code module}, from the test classes next to {@code anchor}.
   */
  public static Set<String> annotated(String module, Class<?> anchor) {
    Set<String> rows = new TreeSet<>();
    for (Class<?> type : testClasses(anchor)) {
      for (Method method : type.getDeclaredMethods()) {
        for (Fault fault : method.getAnnotationsByType(Fault.class)) {
          rows.add(row(fault, module, type.getSimpleName() + "." + method.getName()));
        }
      }
    }
    return rows;
  }

  /** The rows of {@code doc} that name a test of {@code module}, normalised like annotations. */
  public static Set<String> documented(String module, Path doc) {
    Set<String> rows = new TreeSet<>();
    try (Stream<String> lines = Files.lines(doc)) {
      lines.forEach(
          line -> {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches() && m.group(4).equals(module)) {
              rows.add(
                  row(
                      m.group(1).strip(),
                      m.group(2).strip(),
                      m.group(3).strip(),
                      module,
                      m.group(5)));
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** docs/faults.md of the repository this test runs in (surefire runs in the module's dir). */
  public static Path doc() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path doc = dir.resolve("docs/faults.md");
      if (Files.isRegularFile(doc)) {
        return doc;
      }
    }
    throw new IllegalStateException("no docs/faults.md above " + Path.of("").toAbsolutePath());
  }

  static String row(Fault f, String module, String test) {
    return row(f.dependency(), f.fault(), f.outcome(), module, test);
  }

  private static String row(
      String dependency, String fault, String outcome, String module, String test) {
    for (String cell : List.of(dependency, fault, outcome)) {
      if (cell.contains("|") || cell.contains("\n")) {
        throw new IllegalArgumentException(
            "a cell of the fault matrix has | or a newline: " + cell);
      }
    }
    return "| "
        + dependency
        + " | "
        + fault
        + " | "
        + outcome
        + " | `"
        + module
        + ": "
        + test
        + "` |";
  }

  private static List<Class<?>> testClasses(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(file).toString().replace('/', '.');
        classes.add(
            Class.forName(name.substring(0, name.length() - 6), false, anchor.getClassLoader()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return classes;
  }
}
