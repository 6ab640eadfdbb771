package dev.baton.config;

/**
 * One thing wrong with the configuration.
 *
 * @param file the file as it was given to the loader; null when the problem is not in a file
 * @param path key path such as {@code sites[1].id}; null or empty for the file as a whole
 * @param message what is wrong, then in parentheses what is allowed or expected
 */
public record ConfigProblem(String file, String path, String message) {

  /** {@code baton.yml: sites[1].id: duplicate site id "primary" (site ids must be unique)}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    if (file != null && !file.isEmpty()) {
      out.append(file).append(": ");
    }
    if (path != null && !path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
