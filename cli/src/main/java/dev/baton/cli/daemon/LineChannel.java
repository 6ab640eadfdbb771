package dev.baton.cli.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and standard error of one daemon call on one connection: each complete line is
 * sent as soon as it is printed, tagged with its stream, so the wrapper can print them to the right
 * place and in order. A last line without a line break is sent when its writer closes.
 */
final class LineChannel {
  private final OutputStream out;

  LineChannel(OutputStream out) {
    this.out = out;
  }

  Writer writer(char tag) {
    return new Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] chars, int off, int len) {
        for (int i = off; i < off + len; i++) {
          if (chars[i] == '\n') {
            send(tag, line);
            line.setLength(0);
          } else {
            line.append(chars[i]);
          }
        }
      }

      @Override
      public void flush() {
        // Lines go out whole; a partial one waits for its end or for close().
      }

      @Override
      public void close() {
        if (line.length() > 0) {
          send(tag, line);
          line.setLength(0);
        }
      }
    };
  }

  void exit(int code) throws IOException {
    synchronized (out) {
      out.write(("x " + code + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void send(char tag, CharSequence text) {
    synchronized (out) {
      try {
        out.write((tag + " " + text + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("the caller went away", e);
      }
    }
  }
}
