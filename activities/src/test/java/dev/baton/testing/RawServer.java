package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that is not the server a client expects: it accepts every connection
 * and either stays silent (a hung service) or writes {@code answer} and hangs up (a service that
 * speaks another protocol). For the faults MockWebServer cannot produce, such as a non-HTTP answer
 * or a database that never answers the startup message.
 */
public final class RawServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final String answer;

  private RawServer(String answer) {
    this.answer = answer;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::serve, "raw-server-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts and never says a word. */
  public static RawServer silent() {
    return new RawServer(null);
  }

  /** Accepts, writes {@code answer}, closes. */
  public static RawServer answering(String answer) {
    return new RawServer(answer);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many connections it accepted: proves the client really got here. */
  public int connections() {
    return accepted.size();
  }

  private void serve() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.add(socket);
        if (answer != null) {
          socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
          socket.close();
        }
      } catch (IOException closedOrReset) {
        // closed by close(), or the client went away first: nothing to serve either way
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket s : accepted) {
        s.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
