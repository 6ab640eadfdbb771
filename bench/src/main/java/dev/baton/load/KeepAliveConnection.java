package dev.baton.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection that sends GETs, the way a browser or a pooled client talks to
 * a front door. Plain sockets: the JDK's HttpClient spends about 5 ms of CPU per request, which on
 * a two-CPU machine makes the load generator the bottleneck it is meant to measure.
 */
final class KeepAliveConnection implements AutoCloseable {
  /** What one GET got back. */
  record Answer(int status, String upstream) {}

  /** The connection failed; {@code beforeAnswer} when not a byte of the answer had arrived. */
  static final class Failure extends IOException {
    final boolean beforeAnswer;

    Failure(IOException cause, boolean beforeAnswer) {
      super(cause.getMessage(), cause);
      this.beforeAnswer = beforeAnswer;
    }
  }

  private final InetSocketAddress address;
  private final byte[] request;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveConnection(URI url, int timeoutMillis) {
    int port = url.getPort() < 0 ? 80 : url.getPort();
    this.address = new InetSocketAddress(url.getHost(), port);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    this.request =
        ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.timeoutMillis = timeoutMillis;
  }

  /** True when the next GET goes over a connection that has served one before. */
  boolean reused() {
    return socket != null;
  }

  Answer get() throws Failure {
    boolean answering = false;
    try {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
      }
      out.write(request);
      out.flush();
      int first = in.read();
      if (first < 0) {
        throw new IOException("connection closed by the server");
      }
      answering = true;
      String statusLine = (char) first + line();
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      String upstream = null;
      long length = -1;
      boolean keepAlive = true;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "x-baton-upstream" -> upstream = value;
          case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (length < 0) {
        in.readAllBytes(); // no length: the body ends with the connection
        keepAlive = false;
      } else {
        in.skipNBytes(length);
      }
      if (!keepAlive) {
        close();
      }
      return new Answer(status, upstream);
    } catch (IOException | RuntimeException e) {
      close();
      throw new Failure(e instanceof IOException io ? io : new IOException(e), !answering);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the middle of an answer");
      }
      if (b != '\r') {
        buffer.write(b);
      }
    }
    return buffer.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a broken connection: nothing left to do
      }
      socket = null;
    }
  }
}
