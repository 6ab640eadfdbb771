package dev.baton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP proxy that delays each new connection before it reaches the app: the latency of a slow
 * network path between the monitor and a site, which this machine's kernel cannot add (it has no
 * netem). Loss is added beside it with iptables in the benchmark's own network namespace.
 *
 * <pre>java -cp ... dev.baton.bench.DelayProxy MIN_MS MAX_MS LISTEN_PORT:TARGET_PORT...</pre>
 *
 * Each connection waits a uniformly random MIN_MS..MAX_MS, then is piped both ways to
 * 127.0.0.1:TARGET_PORT. Listens on 127.0.0.1 only; prints "ready" once every port listens.
 */
public final class DelayProxy {
  private DelayProxy() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: DelayProxy MIN_MS MAX_MS LISTEN_PORT:TARGET_PORT...");
      System.exit(2);
    }
    long min = Long.parseLong(args[0]);
    long max = Long.parseLong(args[1]);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<Thread> acceptors = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] ports = args[i].split(":");
      ServerSocket server = new ServerSocket(Integer.parseInt(ports[0]), 128, loopback);
      int target = Integer.parseInt(ports[1]);
      acceptors.add(daemon(() -> accept(server, target, min, max)));
    }
    System.out.println("ready");
    System.out.flush();
    acceptors.forEach(Thread::start);
    for (Thread t : acceptors) {
      try {
        t.join();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void accept(ServerSocket server, int target, long min, long max) {
    while (true) {
      try {
        Socket client = server.accept();
        daemon(() -> relay(client, target, min, max)).start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void relay(Socket client, int target, long min, long max) {
    try (client) {
      Thread.sleep(min + ThreadLocalRandom.current().nextLong(max - min + 1));
      try (Socket app = new Socket()) {
        app.connect(new InetSocketAddress("127.0.0.1", target), 5000);
        Thread back = daemon(() -> pipe(app, client));
        back.start();
        pipe(client, app);
        back.join();
      }
    } catch (IOException | InterruptedException e) {
      // The app or the client went away: so does the connection, as on a real network path.
    }
  }

  /** Copies until {@code from} ends, then ends the other direction's writes. */
  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // Closed under us by the other direction: done.
    }
  }

  private static Thread daemon(Runnable body) {
    Thread t = new Thread(body, "delay-proxy");
    t.setDaemon(true);
    return t;
  }
}
