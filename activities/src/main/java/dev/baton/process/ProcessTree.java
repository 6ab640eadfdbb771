package dev.baton.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes one command started. {@link ProcessRunner} starts every command as the leader of a
 * session of its own ({@code setsid}), so whatever the command forks stays in that session even
 * after its parent exits and it is re-parented: {@link #kill} ends them all, where {@link
 * Process#descendants()} would miss the orphans. A descendant that starts a session of its own (a
 * daemon) has left on purpose and is not touched. Without {@code /proc} (not Linux) only the
 * descendants still attached are found.
 */
final class ProcessTree {
  private static final Path PROC = Path.of("/proc");
  private static final long WAIT_MILLIS = 5_000;

  private ProcessTree() {}

  /**
   * Kills the command and every process of its session, and waits (briefly) until they are gone.
   */
  static void kill(Process leader) {
    List<ProcessHandle> members = new ArrayList<>(members(leader));
    members.add(leader.toHandle());
    members.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline && members.stream().anyMatch(ProcessTree::alive)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The live processes of the session {@code leader} leads (itself excluded). */
  static List<ProcessHandle> members(Process leader) {
    long session = leader.pid();
    if (!Files.isDirectory(PROC)) {
      return leader.descendants().toList();
    }
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> pid != session && sessionOf(pid).orElse(-1L) == session)
          .map(ProcessHandle::of)
          .flatMap(Optional::stream)
          .filter(ProcessTree::alive)
          .toList();
    } catch (IOException e) {
      return leader.descendants().toList();
    }
  }

  /** Alive and not a zombie waiting for a parent that may never reap it. */
  static boolean alive(ProcessHandle process) {
    return process.isAlive() && stat(process.pid()).map(s -> !s[0].equals("Z")).orElse(false);
  }

  private static Optional<Long> sessionOf(long pid) {
    return stat(pid).map(fields -> Long.parseLong(fields[3]));
  }

  /**
   * The fields of /proc/PID/stat after the command name, which may itself hold spaces and
   * parentheses: state, ppid, pgrp, session, …
   */
  private static Optional<String[]> stat(long pid) {
    try {
      String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      return Optional.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }
}
