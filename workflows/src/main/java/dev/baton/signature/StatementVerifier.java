package dev.baton.signature;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that an operator signed a {@link SignedStatement} with a key the allowed-signers file
 * lists for the statement's name. Pure and deterministic, so it can run in a Temporal Update
 * validator: the same inputs give the same answer on every worker and every replay.
 */
public final class StatementVerifier {
  /** The SSHSIG namespace of baton statements: {@code ssh-keygen -Y sign -n baton}. */
  public static final String NAMESPACE = "baton";

  /**
   * A signature that passed every check.
   *
   * @param name the statement's name, the principal the key is listed for
   * @param fingerprint the signing key's {@code SHA256:} fingerprint
   * @param keyType the signing key's type, e.g. {@code ssh-ed25519}
   */
  public record Verified(String name, String fingerprint, String keyType) {}

  private StatementVerifier() {}

  /**
   * Verifies {@code armoredSignature} over {@code statement.canonicalBytes()}. Checks in order,
   * each failure a {@link SignatureProblem} for the operator: the signature is readable, it is in
   * namespace {@value #NAMESPACE}, it matches the statement, its key is listed in {@code signers},
   * listed for {@code statement.name()}, allowed namespace {@value #NAMESPACE} there, and valid at
   * {@code statement.time()}. The file is consulted only once the signature itself holds, so a
   * message about the file never answers for a forged signature.
   */
  public static Verified verify(
      SignedStatement statement, String armoredSignature, AllowedSigners signers) {
    SshSignature signature = SshSignature.parse(armoredSignature);
    SshPublicKey key = signature.publicKey();
    String keyText = key.type() + " key " + key.fingerprint();
    if (!signature.namespace().equals(NAMESPACE)) {
      throw new SignatureProblem(
          "the signature is for namespace "
              + SignatureProblem.quote(signature.namespace())
              + ", not \""
              + NAMESPACE
              + "\": sign with ssh-keygen -Y sign -n "
              + NAMESPACE);
    }
    if (!signature.verifies(statement.canonicalBytes(), NAMESPACE)) {
      throw new SignatureProblem(
          "the signature by "
              + keyText
              + " does not match this statement: it was changed after"
              + " signing, or the signature was made for a different statement");
    }
    String name = SignatureProblem.quote(statement.name());
    List<AllowedSigners.Entry> forKey = signers.entriesFor(key);
    if (forKey.isEmpty()) {
      throw new SignatureProblem(keyText + " is not in the allowed signers");
    }
    List<AllowedSigners.Entry> forName =
        forKey.stream().filter(entry -> entry.listsPrincipal(statement.name())).toList();
    if (forName.isEmpty()) {
      String listed =
          signers.principalsFor(key).stream()
              .map(SignatureProblem::quote)
              .collect(Collectors.joining(", "));
      throw new SignatureProblem(
          keyText + " is listed in the allowed signers for " + listed + ", not for " + name);
    }
    List<AllowedSigners.Entry> forNamespace =
        forName.stream().filter(entry -> entry.allowsNamespace(NAMESPACE)).toList();
    if (forNamespace.isEmpty()) {
      throw new SignatureProblem(
          keyText
              + " is listed for "
              + name
              + " only for namespaces "
              + quoted(forName.get(0).namespaces())
              + ", not \""
              + NAMESPACE
              + "\""
              + " (allowed signers line "
              + forName.get(0).line()
              + ")");
    }
    Instant at = statement.time();
    if (forNamespace.stream().noneMatch(entry -> entry.validAt(at))) {
      AllowedSigners.Entry entry = forNamespace.get(0);
      String window =
          Stream.of(
                  entry.validAfter().map(after -> "from " + format(after)),
                  entry.validBefore().map(before -> "until " + format(before)))
              .flatMap(Optional::stream)
              .collect(Collectors.joining(" "));
      throw new SignatureProblem(
          keyText
              + " for "
              + name
              + " is not valid at "
              + format(at)
              + ": it is valid "
              + window
              + " (allowed signers line "
              + entry.line()
              + ")");
    }
    return new Verified(statement.name(), key.fingerprint(), key.type());
  }

  private static String quoted(List<String> values) {
    return values.stream().map(SignatureProblem::quote).collect(Collectors.joining(","));
  }

  private static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
