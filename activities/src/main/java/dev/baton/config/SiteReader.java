package dev.baton.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one entry of {@code sites}. */
final class SiteReader {

  static final List<String> KEYS =
      List.of("id", "name", "docker", "dockerTls", "compose", "git", "health", "database");
  static final List<String> COMPOSE_KEYS = List.of("workdir", "files", "envFile", "projectName");
  static final List<String> GIT_KEYS = List.of("url", "checkoutDir");
  static final List<String> DATABASE_KEYS =
      List.of("url", "user", "passwordEnv", "passwordFile", "reseedCommand");

  static final String ID = "a site id matching " + Checks.SITE_ID_PATTERN;
  private static final String DOCKER = "a Docker endpoint: unix://, tcp:// or https://";
  private static final String URL = "an http:// or https:// URL with a host";
  private static final String JDBC = "a JDBC URL starting with " + Checks.JDBC_PREFIX;
  private static final String ENV =
      "an environment variable name matching " + Checks.ENV_NAME_PATTERN;

  private final String project;
  private final Path base;

  SiteReader(String project, Path base) {
    this.project = project;
    this.base = base;
  }

  /** The site, or null when it is not a mapping at all. */
  SiteConfig read(TreeReader site) {
    if (!site.mapping(true, "a site with id, docker, compose and health", KEYS)) {
      return null;
    }
    TreeReader idNode = site.child("id");
    String id = idNode.text(true, ID);
    if (id != null && !Checks.matches(Checks.SITE_ID_PATTERN, id)) {
      idNode.report(
          "\"" + id + "\" is not a valid site id (must match " + Checks.SITE_ID_PATTERN + ")");
    }
    String name = site.child("name").text(false, "a display name");
    TreeReader dockerNode = site.child("docker");
    String docker = dockerNode.text(true, DOCKER);
    if (docker != null && !Checks.isDockerEndpoint(docker)) {
      dockerNode.report(
          "\""
              + docker
              + "\" is not a Docker endpoint (use unix:///path/to/docker.sock, tcp://host:port"
              + " or https://host:port)");
    }
    TlsConfig dockerTls = TlsReader.docker(site.child("dockerTls"), base);
    if (dockerTls != null && docker != null && docker.startsWith("unix://")) {
      site.child("dockerTls")
          .report(
              "is set but docker is a unix:// socket (TLS is for tcp:// or https:// endpoints)");
    }
    return new SiteConfig(
        id,
        name == null ? id : name,
        docker,
        compose(site.child("compose"), id),
        git(site.child("git")),
        health(site.child("health")),
        database(site.child("database")),
        dockerTls);
  }

  private ComposeConfig compose(TreeReader compose, String siteId) {
    compose.mapping(true, "a mapping with workdir and files", COMPOSE_KEYS);
    Path workdir =
        compose.child("workdir").path(true, "the directory with the compose files", base);
    List<String> files =
        compose.child("files").texts(true, "a list of compose files, at least one");
    if (compose.child("files").isEmptyList()) {
      compose.child("files").report("is empty (a list of compose files, at least one)");
    }
    for (int i = 0; i < files.size(); i++) {
      insideWorkdir(compose.child("files").element(i), files.get(i));
    }
    String envFile = compose.child("envFile").text(false, "an env file relative to workdir");
    insideWorkdir(compose.child("envFile"), envFile);
    TreeReader projectNode = compose.child("projectName");
    String projectName = projectNode.text(false, "a compose project name");
    if (projectName != null && !Checks.matches(Checks.COMPOSE_PROJECT_PATTERN, projectName)) {
      projectNode.report(
          "\""
              + projectName
              + "\" is not a valid compose project name (lowercase letters, digits, - and _,"
              + " starting with a letter or digit)");
    }
    if (projectName == null) {
      projectName = project + "-" + siteId;
    }
    return new ComposeConfig(workdir, files, envFile, projectName);
  }

  /**
   * Compose files and the env file are read by the site's worker and passed to Compose: a name that
   * leaves the workdir (absolute, or climbing out with ..) would hand it any file on the deploy
   * server, so it is refused.
   */
  private static void insideWorkdir(TreeReader node, String name) {
    if (name == null) {
      return;
    }
    Path path = Path.of(name);
    if (path.isAbsolute() || path.normalize().startsWith("..")) {
      node.report(
          "\""
              + name
              + "\" leaves compose.workdir (name a file inside it, relative to it, without ..)");
    }
  }

  private GitConfig git(TreeReader git) {
    if (!git.mapping(false, "a mapping with url and checkoutDir", GIT_KEYS)) {
      return null;
    }
    String url = git.child("url").text(true, "a git URL or a local repository path");
    if (url != null && !Checks.isRemoteGitUrl(url)) {
      Path local = git.child("url").path(true, "a git URL or a local repository path", base);
      url = local == null ? null : local.toString();
    }
    Path checkoutDir =
        git.child("checkoutDir").path(true, "the directory the version is checked out into", base);
    return new GitConfig(url, checkoutDir);
  }

  private Map<String, String> health(TreeReader health) {
    Map<String, String> out = new LinkedHashMap<>();
    String expected = "a mapping of app name to " + URL + ", at least one";
    if (health.isEmptyMapping()) {
      health.report("is empty (" + expected + ")");
    }
    health
        .entries(true, expected)
        .forEach(
            (app, node) -> {
              String url = node.text(true, URL);
              if (url != null && !Checks.isHttpUrl(url)) {
                node.report("\"" + url + "\" is not a valid health URL (" + URL + ")");
              } else if (url != null) {
                out.put(app, url);
              }
            });
    return out;
  }

  private SiteDatabaseConfig database(TreeReader db) {
    if (!db.mapping(
        false, "a mapping with url, user and passwordEnv or passwordFile", DATABASE_KEYS)) {
      return null;
    }
    TreeReader urlNode = db.child("url");
    String url = urlNode.text(true, JDBC);
    if (url != null && !Checks.isPostgresJdbcUrl(url)) {
      urlNode.report("\"" + url + "\" is not a PostgreSQL JDBC URL (" + JDBC + ")");
    } else if (url != null && Checks.hasPasswordParameter(url)) {
      urlNode.report("contains a password (put it in passwordEnv or passwordFile instead)");
    }
    String user = db.child("user").text(true, "the database user");
    TreeReader envNode = db.child("passwordEnv");
    String env = envNode.text(false, ENV);
    if (env != null && !Checks.matches(Checks.ENV_NAME_PATTERN, env)) {
      envNode.report("\"" + env + "\" is not a valid environment variable name (" + ENV + ")");
    }
    Path file = db.child("passwordFile").path(false, "a file holding the password", base);
    boolean hasEnv = db.child("passwordEnv").isPresent();
    boolean hasFile = db.child("passwordFile").isPresent();
    if (hasEnv == hasFile) {
      db.report(
          (hasEnv
                  ? "sets both passwordEnv and passwordFile"
                  : "sets neither passwordEnv nor passwordFile")
              + " (set exactly one of them)");
    }
    return new SiteDatabaseConfig(url, user, env, file, reseedCommand(db.child("reseedCommand")));
  }

  /** An argument list; a relative program path (one with a slash) is taken from the file's dir. */
  private List<String> reseedCommand(TreeReader node) {
    String expected = "a command as a list of arguments, e.g. [/usr/local/bin/reseed, --fast]";
    List<String> command = node.texts(false, expected);
    if (node.isEmptyList()) {
      node.report("is empty (" + expected + ")");
    }
    if (command.isEmpty()) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>(command);
    String program = out.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      out.set(0, base.resolve(program).normalize().toString());
    }
    return out;
  }
}
