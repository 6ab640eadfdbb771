package dev.baton.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void userInfoOfAnyUrlIsMaskedAndTheRestKept() {
    assertThat(
            Redaction.apply(
                "git clone -- https://deploy:ghp_abc123@git.example.test/shop/app.git /srv/shop"))
        .isEqualTo("git clone -- https://***@git.example.test/shop/app.git /srv/shop");
    assertThat(Redaction.apply("fatal: unable to access 'http://tok@127.0.0.1:9/x.git/'"))
        .isEqualTo("fatal: unable to access 'http://***@127.0.0.1:9/x.git/'");
    // An unencoded @ in the password: everything up to the last @ before the host goes.
    assertThat(Redaction.apply("ssh://u:p@ss@host/repo")).isEqualTo("ssh://***@host/repo");
    // An @ after the host is no user info, nor is scp-like git syntax.
    assertThat(Redaction.apply("https://host/team@example/x and git@host:repo"))
        .isEqualTo("https://host/team@example/x and git@host:repo");
  }

  @Test
  void aSecretValueReadIsMaskedWhereverItAppearsButAShortOneIsNot() {
    Redaction.secret("s3cr3t-webhook-token\n");
    Redaction.secret("abc");

    assertThat(Redaction.apply("POST with s3cr3t-webhook-token failed; abc"))
        .isEqualTo("POST with *** failed; abc");
  }

  @Test
  void eachLineOfAMultiLineSecretIsMaskedOnItsOwn() {
    Redaction.secret("k1 first-key-line\nk0 second-key-line");

    assertThat(Redaction.apply("saw k0 second-key-line")).isEqualTo("saw ***");
  }

  @Test
  void anExcerptKeepsTheEndWithinTheBoundAndSaysHowMuchWasCut() {
    String log = "x".repeat(5000) + "\nERROR at the end https://u:pw@h/";

    String excerpt = Redaction.excerpt(log, 100);

    String marker = "[" + (Redaction.apply(log).length() - 100) + " characters cut]…";
    assertThat(excerpt).startsWith(marker).endsWith("ERROR at the end https://***@h/");
    assertThat(excerpt).hasSize(marker.length() + 100);
    assertThat(Redaction.excerpt("short", 100)).isEqualTo("short");
  }
}
