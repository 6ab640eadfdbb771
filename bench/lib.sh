# shellcheck shell=bash
# Shared by the benchmarks: the local two-site environment with `baton dev` on it, torn down on
# exit. Source it after `set -euo pipefail`; it cds to the repository root.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
state="${BATON_ENV_DIR:-/tmp/baton-env}"
export BATON_CONFIG="$root/examples/shop/baton.yml"
export BATON_TEMPORAL_ADDRESS="127.0.0.1:${BATON_BENCH_PORT:-7239}"
# BENCH_NICE: the benchmark's own CLI calls start a JVM each (2-3 CPU seconds); on a two-CPU
# machine that starves the sites' apps unless the calls yield to them.
baton() { nice -n "${BENCH_NICE:-0}" "$root/baton" "$@"; }
now() { date +%s.%N; }
now_ms() { date +%s%3N; }

# Starts the environment and baton dev (stopped again on exit), then puts v1 on both sites.
bench_start() {
  dev_pid=""
  trap '[ -n "$dev_pid" ] && kill "$dev_pid" 2>/dev/null; wait 2>/dev/null; scripts/env down >/dev/null 2>&1 || true' EXIT
  scripts/env up >/dev/null
  baton --version >/dev/null
  "$root/baton" dev --port "${BATON_TEMPORAL_ADDRESS##*:}" >"$state/bench-dev.log" 2>&1 &  # $! is the JVM
  dev_pid=$!
  until grep -q "Ctrl-C to stop" "$state/bench-dev.log"; do
    kill -0 "$dev_pid" || { cat "$state/bench-dev.log"; exit 1; }
    sleep 0.2
  done
  baton deploy --site primary --version v1 >/dev/null
  baton deploy --site secondary --version v1 >/dev/null
}

active_site() { curl -s http://127.0.0.1:8080/version | sed 's/.*site=//'; }
other() { [ "$1" = primary ] && echo secondary || echo primary; }
upstream_of() { [ "$1" = primary ] && echo 127.0.0.1:3000 || echo 127.0.0.1:3001; }

# Waits until the release's JSON progress matches the extended regex; fails if it ends otherwise.
await_progress() {
  local json
  while :; do
    json=$(baton release status --output json)
    grep -Eq "$1" <<<"$json" && return 0
    grep -q '"outcome" : null' <<<"$json" || { baton release status; return 1; }
    sleep "${BENCH_POLL:-0.2}"
  done
}

# A field of the last release's JSON progress: progress_field STEP startedAt|endedAt -> epoch ms.
step_time_ms() {
  baton release status --output json | python3 -c '
import json, sys, datetime
p = json.load(sys.stdin)
s = next(x for x in p["steps"] if x["step"] == sys.argv[1])
print(int(datetime.datetime.fromisoformat(s[sys.argv[2]].replace("Z", "+00:00")).timestamp() * 1000))' "$1" "$2"
}
