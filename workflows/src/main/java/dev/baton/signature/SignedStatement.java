package dev.baton.signature;

import dev.baton.rules.CallerText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What an operator signs: one decision about one workflow. The signature covers {@link
 * #canonicalBytes()}, never this record's JSON, so the bytes below are the wire contract between
 * the signer (the CLI, or a person running {@code ssh-keygen -Y sign -n baton}) and the verifier.
 *
 * <p>Format, version 1: UTF-8 text of exactly nine lines, each ending in LF ({@code \n}, also the
 * last), with no other whitespace:
 *
 * <pre>
 * baton-statement-v1
 * action="approve"
 * workflowId="release-shop-42"
 * runId=""
 * step=""
 * name="alice"
 * comment="looks good"
 * time="2026-05-01T10:20:30Z"
 * nonce="3f1c9a"
 * </pre>
 *
 * The fields come in that fixed order. Each value is written as a JSON string literal: in double
 * quotes, with {@code "} as {@code \"}, {@code \} as {@code \\}, every character below U+0020 and
 * U+007F as <code>&#92;u00xx</code>, and an unpaired UTF-16 surrogate as <code>&#92;uxxxx</code>
 * (hex digits in lower case); every other character is itself, UTF-8 encoded. So a value can never
 * hold a line break or a bare quote, and no comment can forge another field. {@code time} is
 * ISO-8601 in UTC to the second ({@link DateTimeFormatter#ISO_INSTANT} of a whole second).
 *
 * @param action what is decided: approve, reject, start, rollback, failover, monitor-approve, ...
 * @param workflowId the workflow the decision is for
 * @param runId that workflow's run, or empty for whichever run is current
 * @param step the step or gate decided on, or empty
 * @param name who decides: the principal looked up in the allowed-signers file
 * @param comment free text, possibly empty
 * @param time when the operator signed; truncated to whole seconds
 * @param nonce a value the signer picked afresh, so that no two statements are the same
 */
public record SignedStatement(
    String action,
    String workflowId,
    String runId,
    String step,
    String name,
    String comment,
    Instant time,
    String nonce) {

  /** The first line; a future format changes it, so old signatures never read as new ones. */
  public static final String VERSION_LINE = "baton-statement-v1";

  public SignedStatement {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(nonce, "nonce");
    // Missing optional fields (as in JSON typed into the Temporal Web UI) mean empty.
    runId = runId == null ? "" : runId;
    step = step == null ? "" : step;
    comment = comment == null ? "" : comment;
    time = time.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The bytes that are signed, in the format described above. */
  public byte[] canonicalBytes() {
    StringBuilder out = new StringBuilder(VERSION_LINE).append('\n');
    field(out, "action", action);
    field(out, "workflowId", workflowId);
    field(out, "runId", runId);
    field(out, "step", step);
    field(out, "name", name);
    field(out, "comment", comment);
    field(out, "time", DateTimeFormatter.ISO_INSTANT.format(time));
    field(out, "nonce", nonce);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder out, String key, String value) {
    out.append(key).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || unpairedSurrogate(value, i)) {
        // Unpaired surrogates would otherwise all become '?' in UTF-8: two different
        // statements must never give the same bytes.
        out.append(CallerText.unicodeEscape(c));
      } else {
        out.append(c);
      }
    }
    out.append("\"\n");
  }

  private static boolean unpairedSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
    }
    return false;
  }
}
