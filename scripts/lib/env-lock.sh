# shellcheck shell=bash
# env_lock: take the local environment's lock for the rest of this shell's life. The environment
# (fixed ports, one state dir) is one shared resource: the demo, the benchmarks and the
# real-environment tests (EnvLock.java) each hold this lock while they use it, so a second run
# waits for the first instead of tearing its engines and databases down under it. scripts/env
# itself never locks: its callers do.
env_lock() {
  local file="${BATON_ENV_DIR:-/tmp/baton-env}.lock"
  exec {BATON_ENV_LOCK_FD}>>"$file"
  if ! flock -n "$BATON_ENV_LOCK_FD"; then
    printf '[env] waiting for %s: another run is using the local environment\n' "$file" >&2
    flock "$BATON_ENV_LOCK_FD"
  fi
}
