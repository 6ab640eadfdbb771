package dev.baton.signature;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one line of an allowed-signers file the way OpenSSH's sshsig.c does. */
final class AllowedSignersLine {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  private final int number;
  private final String text;
  private int pos;

  private AllowedSignersLine(int number, String text) {
    this.number = number;
    this.text = text;
  }

  /** The line's entry, or empty for a blank or comment line. */
  static Optional<AllowedSigners.Entry> parse(int number, String line) {
    String text = line.strip(); // also drops the \r of a CRLF file
    if (text.isEmpty() || text.startsWith("#")) {
      return Optional.empty();
    }
    return Optional.of(new AllowedSignersLine(number, text).entry());
  }

  private AllowedSigners.Entry entry() {
    List<String> principals = patterns(principalsField(), "principal");
    skipBlanks();
    List<String> namespaces = null;
    Instant after = null;
    Instant before = null;
    String word = text.substring(pos).split("[ \t]", 2)[0];
    // OpenSSH tells options from the key by trying to read a key first; a key type never holds
    // '=' or ',' and cert-authority is the one flag option, so this asks the same question.
    if (word.contains("=") || word.contains(",") || word.equalsIgnoreCase("cert-authority")) {
      while (true) {
        if (startsOption("cert-authority")) {
          throw problem(
              "cert-authority is not supported: baton verifies plain keys, not certificates");
        } else if (startsOption("namespaces=")) {
          if (namespaces != null) {
            throw problem("multiple \"namespaces\" clauses");
          }
          namespaces = patterns(quoted("namespaces"), "namespace");
        } else if (startsOption("valid-after=")) {
          if (after != null) {
            throw problem("multiple \"valid-after\" clauses");
          }
          after = time(quoted("valid-after"), "valid-after");
        } else if (startsOption("valid-before=")) {
          if (before != null) {
            throw problem("multiple \"valid-before\" clauses");
          }
          before = time(quoted("valid-before"), "valid-before");
        } else {
          throw problem("unknown option " + SignatureProblem.quote(optionWord()));
        }
        if (pos == text.length() || text.charAt(pos) == ' ' || text.charAt(pos) == '\t') {
          break;
        }
        if (text.charAt(pos) != ',') {
          throw problem("unexpected " + SignatureProblem.quote(optionWord()) + " after an option");
        }
        pos++;
      }
      if (after != null && before != null && !before.isAfter(after)) {
        throw problem("\"valid-before\" time is not after \"valid-after\"");
      }
      skipBlanks();
    }
    if (pos == text.length()) {
      throw problem("missing key");
    }
    SshPublicKey key;
    try {
      key = SshPublicKey.parse(text.substring(pos));
    } catch (SignatureProblem e) {
      throw problem(e.getMessage());
    }
    // No namespaces option: any namespace, which the pattern "*" says.
    namespaces = namespaces == null ? List.of("*") : namespaces;
    return new AllowedSigners.Entry(
        number,
        principals,
        key,
        namespaces,
        Optional.ofNullable(after),
        Optional.ofNullable(before));
  }

  /** The first field: up to a blank, or the whole of a leading double-quoted string. */
  private String principalsField() {
    if (text.charAt(0) == '"') {
      int close = text.indexOf('"', 1);
      if (close < 0) {
        throw problem("principals: missing end quote");
      }
      pos = close + 1;
      if (pos < text.length() && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
        throw problem("principals: text right after the closing quote");
      }
      return text.substring(1, close);
    }
    pos = 0;
    while (pos < text.length() && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
      if (text.charAt(pos++) == '"') {
        throw problem("principals: a quote may only surround the whole list");
      }
    }
    return text.substring(0, pos);
  }

  private List<String> patterns(String list, String what) {
    List<String> out = new ArrayList<>();
    for (String pattern : list.split(",", -1)) {
      if (pattern.isEmpty()) {
        throw problem("empty " + what + " in " + SignatureProblem.quote(list));
      }
      if (pattern.startsWith("!")) {
        throw problem(
            "negated " + what + " " + SignatureProblem.quote(pattern) + " is not supported");
      }
      out.add(pattern);
    }
    return out;
  }

  private boolean startsOption(String name) {
    if (text.regionMatches(true, pos, name, 0, name.length())) {
      pos += name.length();
      return true;
    }
    return false;
  }

  /** A double-quoted option value; {@code \"} stands for a quote, as in OpenSSH's opt_dequote. */
  private String quoted(String option) {
    if (pos == text.length() || text.charAt(pos) != '"') {
      throw problem(option + ": missing start quote");
    }
    StringBuilder value = new StringBuilder();
    int i = pos + 1;
    while (i < text.length() && text.charAt(i) != '"') {
      if (text.charAt(i) == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        i++;
      }
      value.append(text.charAt(i++));
    }
    if (i == text.length()) {
      throw problem(option + ": missing end quote");
    }
    pos = i + 1;
    return value.toString();
  }

  /** YYYYMMDD[HHMM[SS]], optionally ending in Z or UTC; read as UTC either way. */
  private Instant time(String value, String option) {
    String digits = value.replaceFirst("(?i)(Z|UTC)$", "");
    String invalid = "invalid \"" + option + "\" time " + SignatureProblem.quote(value);
    if (!digits.matches("[0-9]{8}([0-9]{4}([0-9]{2})?)?")) {
      throw problem(invalid + ": expected YYYYMMDD[HHMM[SS]][Z]");
    }
    try {
      String full = (digits + "000000").substring(0, 14);
      return LocalDateTime.parse(full, TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw problem(invalid + ": no such date or time");
    }
  }

  private void skipBlanks() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  /** The option at the cursor, for a message: up to its value, the next option or the key. */
  private String optionWord() {
    int end = pos;
    while (end < text.length() && " \t,=".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return text.substring(pos, end);
  }

  private SignatureProblem problem(String message) {
    return new SignatureProblem("allowed signers line " + number + ": " + message);
  }
}
