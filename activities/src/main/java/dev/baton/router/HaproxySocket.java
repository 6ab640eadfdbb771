package dev.baton.router;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HAProxy's runtime API on its unix admin socket, one command line per connection (the API's
 * non-interactive mode: HAProxy answers, then closes). Commands are built by {@link
 * HaproxyCommands}; this only carries them, with a deadline so a stuck HAProxy cannot hang a
 * switch.
 */
final class HaproxySocket {
  /**
   * The socket did not answer: HAProxy is not running, restarting, or overloaded. Worth a retry.
   */
  static final class UnavailableException extends IOException {
    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int MAX_ANSWER = 4 * 1024 * 1024;
  private final Path path;
  private final Duration timeout;

  HaproxySocket(Path path, Duration timeout) {
    this.path = path;
    this.timeout = timeout;
  }

  Path path() {
    return path;
  }

  /** Sends {@code line} and returns HAProxy's whole answer. */
  String send(String line) throws UnavailableException {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("one command line, without a newline: " + line);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      // Connecting to a unix socket does not block: it succeeds or is refused at once.
      channel.connect(UnixDomainSocketAddress.of(path));
      ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (out.hasRemaining()) {
        channel.write(out);
      }
      return readUntilClosed(channel, deadline);
    } catch (UnavailableException e) {
      throw e;
    } catch (IOException e) {
      throw new UnavailableException(
          "HAProxy's admin socket " + path + " did not answer: " + describe(e), e);
    }
  }

  private String readUntilClosed(SocketChannel channel, long deadline) throws IOException {
    channel.configureBlocking(false);
    ByteBuffer answer = ByteBuffer.allocate(64 * 1024);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_READ);
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new UnavailableException(
              "HAProxy's admin socket "
                  + path
                  + " did not finish its answer within "
                  + timeout.toMillis()
                  + " ms",
              null);
        }
        selector.select(left);
        selector.selectedKeys().clear();
        int read = channel.read(answer);
        if (read < 0) {
          return all.toString(StandardCharsets.UTF_8);
        }
        all.write(answer.array(), 0, answer.position());
        answer.clear();
        if (all.size() > MAX_ANSWER) {
          throw new UnavailableException(
              "HAProxy's admin socket " + path + " answered more than " + MAX_ANSWER + " bytes",
              null);
        }
      }
    }
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + " " + e.getMessage();
  }
}
