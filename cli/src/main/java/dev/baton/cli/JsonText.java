package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/** {@code --output json} of the commands that print a report (status, sites, history). */
public final class JsonText {
  /**
   * The mapper Temporal uses for payloads, so the JSON matches what the Web UI shows; indented,
   * with dates as ISO text. Shared: building one costs more than a call's whole rendering.
   */
  private static final ObjectMapper MAPPER =
      JacksonJsonPayloadConverter.newDefaultObjectMapper()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonText() {}

  public static String of(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * True for {@code --output json}, false for text; anything else is bad input, refused before a
   * connection is made.
   */
  public static boolean wanted(String output) {
    if (!output.equals("text") && !output.equals("json")) {
      throw new BatonCliException(
          ExitCodes.BAD_INPUT, "--output must be text or json, not '" + output + "'");
    }
    return output.equals("json");
  }
}
