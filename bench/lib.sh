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

# The bench module's classpath for `java -cp`: its classes, then the jars they run with (its pom
# writes them to bench/target/classpath on every build). The load generator (dev.baton.load.LoadMain)
# and the drivers run from it, not from the production jar. Like ./baton for the CLI, it builds the
# module first when that file is missing or older than a source bench is built from, so a test
# that runs a script right after the reactor's build starts no Maven of its own.
bench_classpath() {
  local file="$root/bench/target/classpath"
  if [ ! -f "$file" ] || [ -n "$(find "$root/pom.xml" "$root/workflows" "$root/activities" \
      "$root/bench" -path '*/target' -prune -o \( -name '*.java' -o -name pom.xml \
      -o -path '*/src/main/resources/*' \) -newer "$file" -print -quit)" ]; then
    echo "building the bench module (mvn package)..." >&2
    (cd "$root" && mvn -q -B -pl bench -am -DskipTests package) >&2 || return 1
  fi
  echo "$root/bench/target/classes:$(cat "$file")"
}

# Raw samples: results_open NAME COLUMNS... starts bench/results/NAME-<UTC time>.csv (a header of
# the columns, then the commit, the date and the machine); record VALUES... appends a row with the
# one-minute load average at that moment. The README's tables are printed from these files.
# BENCH_RESULTS_DIR puts them elsewhere (a test's run must not become the README's figures).
results_open() {
  local name=$1 dir="${BENCH_RESULTS_DIR:-$root/bench/results}"; shift
  mkdir -p "$dir"
  results_csv="$dir/$name-$(date -u +%Y%m%dT%H%M%SZ).csv"
  {
    printf '# %s commit=%s%s date=%s cpus=%s\n' "$name" "$(git -C "$root" rev-parse --short HEAD)" \
      "$(git -C "$root" diff --quiet HEAD -- . ':!bench/results' || echo +dirty)" \
      "$(date -u +%FT%TZ)" "$(nproc)"
    (IFS=,; echo "$*,load1")
  } >"$results_csv"
}
record() { (IFS=,; echo "$*,$(cut -d' ' -f1 /proc/loadavg)") >>"$results_csv"; }
now_ms() { date +%s%3N; }

# Starts the environment and baton dev (stopped again on exit), then puts v1 on both sites.
bench_start() {
  dev_pid=""
  # shellcheck source=scripts/lib/env-lock.sh
  source "$root/scripts/lib/env-lock.sh"
  env_lock
  # baton dev's log outlives the environment, for a look at what the workers did.
  # A benchmark's own bench_cleanup (if it defines one) runs first.
  trap 'declare -F bench_cleanup >/dev/null && bench_cleanup; [ -n "$dev_pid" ] && kill "$dev_pid" 2>/dev/null; wait 2>/dev/null; cp "$state/bench-dev.log" /tmp/baton-bench-dev.log 2>/dev/null; kill "$(cut -d" " -f3 cli/target/baton-daemon 2>/dev/null)" 2>/dev/null; scripts/env down >/dev/null 2>&1 || true' EXIT
  scripts/env up >/dev/null
  baton --version >/dev/null
  rm -f "$state/bench-dev.ready"
  "$root/baton" dev --port "${BATON_TEMPORAL_ADDRESS##*:}" --ready-file "$state/bench-dev.ready" \
    >"$state/bench-dev.log" 2>&1 &  # $! is the JVM
  dev_pid=$!
  until [ -e "$state/bench-dev.ready" ]; do
    kill -0 "$dev_pid" || { cat "$state/bench-dev.log"; exit 1; }
    sleep 0.2
  done
  baton deploy --site primary --version v1 >/dev/null
  baton deploy --site secondary --version v1 >/dev/null
}

active_site() { curl -s http://127.0.0.1:8080/version | sed 's/.*site=//'; }
other() { [ "$1" = primary ] && echo secondary || echo primary; }
upstream_of() { [ "$1" = primary ] && echo 127.0.0.1:3000 || echo 127.0.0.1:3001; }

# json_holds EXPR: whether the Python expression EXPR holds for the JSON on stdin, read as `j`
# (e.g. `baton monitor status --output json | json_holds 'j["activeHealth"] == "HEALTHY"'`):
# the scripts read the CLI's machine output as JSON, never its layout.
json_holds() {
  python3 -c 'import json, sys; j = json.load(sys.stdin); sys.exit(0 if eval(sys.argv[1]) else 1)' "$1"
}
# json_value EXPR: prints the value of EXPR for the JSON on stdin (None prints as "null").
json_value() {
  python3 -c 'import json, re, sys; j = json.load(sys.stdin); v = eval(sys.argv[1]); print("null" if v is None else v)' "$1"
}

# await_progress EXPR: waits until EXPR (json_holds) holds for the release's progress; fails if
# the release ends first. E.g. await_progress 'j["waitingFor"] == "switch"'.
await_progress() {
  local json
  while :; do
    json=$(baton release status --output json)
    json_holds "$1" <<<"$json" && return 0
    json_holds 'j["outcome"] is None' <<<"$json" || { baton release status; return 1; }
    sleep "${BENCH_POLL:-0.2}"
  done
}

# When the Nth line of baton dev's log with TEXT was logged (the router logs the start of each
# move: "router moving traffic to SITE ", "router shifting 10% of traffic to SITE"), in epoch ms.
log_time_ms() {
  local clock
  clock=$(grep -F "$1" "$state/bench-dev.log" | sed -n "${2}p" | cut -d' ' -f1)
  [ -n "$clock" ] || { echo "no line $2 with '$1' in baton dev's log" >&2; return 1; }
  python3 -c '
import datetime, sys
now = datetime.datetime.now()
h, m, s = sys.argv[1].split(":")
t = now.replace(hour=int(h), minute=int(m), second=int(float(s)), microsecond=int(round(float(s) % 1 * 1e6)))
if t > now:  # logged before midnight
    t -= datetime.timedelta(days=1)
print(int(t.timestamp() * 1000))' "$clock"
}
