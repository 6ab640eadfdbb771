package dev.baton.database;

/**
 * What a site's database is right now. Reported, not thrown: a database that does not answer is an
 * answer too (the failover logic asks exactly this).
 *
 * @param reachable baton could connect and query it
 * @param inRecovery it is a replica (or still replaying after a crash)
 * @param fenced {@code default_transaction_read_only} is on: new transactions cannot write
 * @param lsn WAL position: flushed on a primary, replayed on a replica; null when unreachable
 * @param detail one line for people, e.g. {@code "primary, fenced, at 0/3000148"}
 */
public record DatabaseRoleResult(
    boolean reachable, boolean inRecovery, boolean fenced, String lsn, String detail) {}
