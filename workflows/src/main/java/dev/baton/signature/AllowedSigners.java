package dev.baton.signature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An allowed-signers file, the format of {@code ssh-keygen -Y verify -f} and git's {@code
 * gpg.ssh.allowedSignersFile} (see ALLOWED SIGNERS in ssh-keygen(1)): one key per line,
 *
 * <pre>
 * principals [options] keytype base64-key [comment]
 * </pre>
 *
 * where principals is a comma-separated list of names or {@code *}/{@code ?} patterns (quoted if it
 * holds spaces) and options are {@code namespaces="a,b"}, {@code
 * valid-after="YYYYMMDD[HHMM[SS]][Z]"} and {@code valid-before=...}. Blank lines and {@code #}
 * comments are ignored.
 *
 * <p>Differences from OpenSSH, each refused with a message rather than read differently: {@code
 * cert-authority} lines and certificate or FIDO (sk-*) keys, and negated ({@code !}) patterns. A
 * time without {@code Z} is read as UTC, not the machine's local time, so that every worker
 * replaying a workflow reads the same instant; write the {@code Z} to make that explicit.
 *
 * <p>Pure and deterministic, for use inside a Temporal workflow.
 */
public final class AllowedSigners {

  /**
   * One line of the file.
   *
   * @param line the 1-based line number, for messages
   * @param principals the names or patterns, in file order
   * @param key the signer's key
   * @param namespaces the namespace patterns the key may sign in; {@code ["*"]} when the line has
   *     no {@code namespaces} option (any namespace)
   * @param validAfter the key is not valid before this instant (inclusive), if given
   * @param validBefore the key is not valid after this instant (inclusive), if given
   */
  public record Entry(
      int line,
      List<String> principals,
      SshPublicKey key,
      List<String> namespaces,
      Optional<Instant> validAfter,
      Optional<Instant> validBefore) {

    public Entry {
      principals = List.copyOf(principals);
      namespaces = List.copyOf(namespaces);
    }

    /** Whether {@code principal} is one of this line's names or matches one of its patterns. */
    public boolean listsPrincipal(String principal) {
      return principals.stream().anyMatch(pattern -> globMatches(principal, pattern));
    }

    public boolean allowsNamespace(String namespace) {
      return namespaces.stream().anyMatch(pattern -> globMatches(namespace, pattern));
    }

    /** As OpenSSH: valid from valid-after to valid-before, both ends included. */
    public boolean validAt(Instant at) {
      return validAfter.map(after -> !at.isBefore(after)).orElse(true)
          && validBefore.map(before -> !at.isAfter(before)).orElse(true);
    }
  }

  private final List<Entry> entries;

  private AllowedSigners(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses the file's text. A line that cannot be read fails the whole file with a {@link
   * SignatureProblem} naming its line number: a file half understood would silently drop signers.
   */
  public static AllowedSigners parse(String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      AllowedSignersLine.parse(i + 1, lines[i]).ifPresent(entries::add);
    }
    return new AllowedSigners(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The lines listing {@code key}, whatever their principals, in file order. */
  public List<Entry> entriesFor(SshPublicKey key) {
    return entries.stream().filter(entry -> entry.key().equals(key)).toList();
  }

  /**
   * The first line, in file order as OpenSSH reads it, that lets {@code key} sign as {@code
   * principal} in {@code namespace} at {@code at}.
   */
  public Optional<Entry> find(String principal, SshPublicKey key, String namespace, Instant at) {
    return entriesFor(key).stream()
        .filter(entry -> entry.listsPrincipal(principal))
        .filter(entry -> entry.allowsNamespace(namespace))
        .filter(entry -> entry.validAt(at))
        .findFirst();
  }

  /** The principals (names or patterns) listed for {@code key}, in file order, each once. */
  public List<String> principalsFor(SshPublicKey key) {
    Set<String> principals = new LinkedHashSet<>();
    entriesFor(key).forEach(entry -> principals.addAll(entry.principals()));
    return List.copyOf(principals);
  }

  /**
   * OpenSSH's match_pattern: {@code *} matches any run of characters, {@code ?} any one, the rest
   * itself, case-sensitively. Iterative with one backtrack point, so no pattern is slow.
   */
  static boolean globMatches(String text, String pattern) {
    int t = 0;
    int p = 0;
    int starP = -1;
    int starT = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        t++;
        p++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
