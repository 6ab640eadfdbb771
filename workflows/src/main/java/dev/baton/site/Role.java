package dev.baton.site;

/** A site's role. Roles move between sites; site ids never change. */
public enum Role {
  ACTIVE,
  STANDBY
}
