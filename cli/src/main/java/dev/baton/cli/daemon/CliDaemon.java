package dev.baton.cli.daemon;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A warm JVM for the ./baton wrapper's short read-only calls ({@code release status}, {@code
 * sites}, {@code history}, …): a new JVM spends more than a second starting picocli, Jackson and
 * the Temporal client before it sends one query, and this one has them loaded already.
 *
 * <p>{@code java -cp baton.jar dev.baton.cli.daemon.CliDaemon STATE_FILE IDLE_SECONDS}: listens on
 * a free port of 127.0.0.1, writes "PORT TOKEN PID" to STATE_FILE (mode 0600: the token is what
 * keeps other local users out), answers {@link DaemonCall}s, and exits after IDLE_SECONDS without a
 * call, removing STATE_FILE. The wrapper starts a new one when the jar is newer than STATE_FILE.
 */
public final class CliDaemon {
  private CliDaemon() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CliDaemon STATE_FILE IDLE_SECONDS");
      System.exit(2);
    }
    Path state = Path.of(args[0]).toAbsolutePath();
    Duration idle = Duration.ofSeconds(Long.parseLong(args[1]));
    String token = new BigInteger(160, new SecureRandom()).toString(36);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      publish(state, server.getLocalPort() + " " + token + " " + ProcessHandle.current().pid());
      serve(server, token, idle);
    } finally {
      removeIfOurs(state, token);
    }
    System.exit(0); // the Temporal SDK's non-daemon threads must not keep an idle JVM alive
  }

  /** How long a caller may take to send its request; the wrapper sends it at once. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Answers calls, each on a thread of its own, until no call came for {@code idle}. */
  static void serve(ServerSocket server, String token, Duration idle) throws IOException {
    serve(server, token, idle, REQUEST_TIMEOUT);
  }

  static void serve(ServerSocket server, String token, Duration idle, Duration requestTimeout)
      throws IOException {
    server.setSoTimeout((int) idle.toMillis());
    while (true) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketTimeoutException e) {
        return;
      }
      Thread call =
          new Thread(() -> DaemonCall.answer(socket, token, requestTimeout), "baton-daemon-call");
      call.setDaemon(true);
      call.start();
    }
  }

  /** Written aside and moved into place, so the wrapper never reads half a line. */
  private static void publish(Path state, String line) throws IOException {
    Path tmp = state.resolveSibling(state.getFileName() + "." + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, line + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A newer daemon may have replaced the file: leave its file alone. */
  private static void removeIfOurs(Path state, String token) throws IOException {
    try {
      if (Files.readString(state).contains(" " + token + " ")) {
        Files.delete(state);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // already gone
    }
  }
}
