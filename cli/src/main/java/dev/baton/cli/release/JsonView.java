package dev.baton.cli.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.release.ReleaseProgress;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * For scripts: one compact JSON object (the {@code progress} record) per line, written whenever it
 * changed; the last line is the final progress, with its {@code outcome}.
 */
final class JsonView implements WatchView {
  // The same mapper Temporal uses for payloads, so the JSON matches what the Web UI shows.
  static final ObjectMapper MAPPER =
      JacksonJsonPayloadConverter.newDefaultObjectMapper()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final PrintWriter out;
  private String shown;

  JsonView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void show(ReleaseProgress progress) {
    String line;
    try {
      line = MAPPER.writeValueAsString(progress);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    if (!line.equals(shown)) {
      out.println(line);
      out.flush();
      shown = line;
    }
  }

  @Override
  public void end(ReleaseProgress progress) {
    show(progress);
  }
}
