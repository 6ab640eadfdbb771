package dev.baton.cli.daemon;

import dev.baton.cli.Baton;
import dev.baton.cli.BatonContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One call to the {@link CliDaemon}, in a format bash can write and read with {@code /dev/tcp}
 * alone (the wrapper must not need another program):
 *
 * <ul>
 *   <li>request: NUL-terminated fields {@code baton-daemon-1}, the token, the working directory,
 *       the number of arguments, the arguments, then the caller's environment as {@code KEY=VALUE}
 *       fields (what {@code env -0} prints), then an empty field;
 *   <li>answer: lines {@code "o TEXT"} (standard output) and {@code "e TEXT"} (standard error), in
 *       the order they were printed, then {@code "x CODE"}, the exit code.
 * </ul>
 *
 * The command runs as it would in a JVM of its own: its own environment, working directory and
 * baton.yml, read anew for each call.
 */
final class DaemonCall {
  static final String MAGIC = "baton-daemon-1";

  /** Far more than any command line and environment; a bigger request is not from the wrapper. */
  private static final int MAX_REQUEST = 1 << 20;

  private DaemonCall() {}

  /**
   * @param requestTimeout how long the request may take to arrive: a client that connects and
   *     stalls is cut off instead of holding a thread for ever
   */
  static void answer(Socket socket, String token, Duration requestTimeout) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      socket.setSoTimeout((int) requestTimeout.toMillis());
      Fields fields = new Fields(in);
      if (!MAGIC.equals(fields.next()) || !sameToken(token, fields.next())) {
        return; // not the wrapper: say nothing
      }
      Path cwd = Path.of(fields.next());
      int argc = Integer.parseInt(fields.next());
      String[] args = new String[argc];
      for (int i = 0; i < argc; i++) {
        args[i] = fields.next();
      }
      Map<String, String> env = new HashMap<>();
      for (String entry = fields.next(); !entry.isEmpty(); entry = fields.next()) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
      socket.setSoTimeout(0); // the request is in; the command may take its time
      LineChannel channel = new LineChannel(out);
      int code;
      try (PrintWriter stdout = new PrintWriter(channel.writer('o'));
          PrintWriter stderr = new PrintWriter(channel.writer('e'))) {
        code = Baton.run(BatonContext.of(env, cwd), stdout, stderr, args);
      }
      channel.exit(code);
    } catch (IOException | RuntimeException e) {
      // The wrapper saw the connection close without an exit code and says so.
    }
  }

  private static boolean sameToken(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads NUL-terminated UTF-8 fields. */
  private static final class Fields {
    private final InputStream in;
    private int read;

    Fields(InputStream in) {
      this.in = in;
    }

    String next() throws IOException {
      ByteArrayOutputStream field = new ByteArrayOutputStream();
      for (int b = in.read(); b != 0; b = in.read()) {
        if (b < 0 || ++read > MAX_REQUEST) {
          throw new IOException("the request ended early or is too large");
        }
        field.write(b);
      }
      return field.toString(StandardCharsets.UTF_8);
    }
  }
}
