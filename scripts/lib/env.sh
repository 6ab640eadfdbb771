# shellcheck shell=bash
# Functions behind scripts/env: the local two-site environment (two Docker engines, nginx or
# haproxy as the router (BATON_ROUTER), a local git repo of the demo app), all on 127.0.0.1 and
# under one state dir.
# Sourced by scripts/env, which sets `set -euo pipefail`.

BATON_ENV_DIR="${BATON_ENV_DIR:-/tmp/baton-env}"
SITES=(primary secondary)
ENGINE_EXTRA_ARGS=()    # more dockerd arguments, for engine-up's own engines (TLS, tcp://)
ROUTER_PORT=8080
ENV_MARKER="$BATON_ENV_DIR/.baton-env"    # proves the dir is ours before `down` deletes it
BASE_IMAGE="baton-base:1"
PACKAGES=(docker.io docker-compose busybox-static nginx-light haproxy postgresql git curl prometheus docker-registry)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
APP_SRC="$REPO_ROOT/examples/shop/app"

log() { printf '[env] %s\n' "$*" >&2; }
die() { printf '[env] error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
since() { local ms=$(($(now_ms) - $1)); printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)); }

# Per-site paths.
site_dir() { echo "$BATON_ENV_DIR/$1"; }
site_sock() { echo "$BATON_ENV_DIR/$1/docker.sock"; }
site_api_port() { case "$1" in primary) echo 3000 ;; secondary) echo 3001 ;; esac; }
dock() { local site=$1; shift; docker -H "unix://$(site_sock "$site")" "$@"; }

ROUTER_DIR="$BATON_ENV_DIR/router"
NGINX_CONF="$ROUTER_DIR/nginx.conf"
UPSTREAM_FILE="$ROUTER_DIR/upstream.conf"
NGINX_PID="$ROUTER_DIR/nginx.pid"
# BATON_ROUTER=haproxy runs haproxy instead of nginx on the same port (see router_up).
BATON_ROUTER="${BATON_ROUTER:-nginx}"
HAPROXY_CONF="$ROUTER_DIR/haproxy.cfg"
HAPROXY_PID="$ROUTER_DIR/haproxy.pid"
HAPROXY_SOCK="$ROUTER_DIR/haproxy.sock"
HAPROXY_STATE="$ROUTER_DIR/haproxy.state"
GIT_DIR_ROOT="$BATON_ENV_DIR/git"
GIT_REPO="$GIT_DIR_ROOT/shop.git"
CHECKOUTS="$BATON_ENV_DIR/checkouts"

# wait_until SECONDS WHAT CMD...: poll CMD every 0.1s until it succeeds; fail after SECONDS.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local deadline=$(($(now_ms) + seconds * 1000))
  until "$@" >/dev/null 2>&1; do
    if (($(now_ms) > deadline)); then
      log "gave up after ${seconds}s waiting for: $what"
      return 1
    fi
    sleep 0.1
  done
}

# ---------------------------------------------------------------------------------------------
# Processes. Everything is found by pid file, and a pid only counts as ours when its command
# line names this state dir (pids get reused; a stale pid file must not make us kill a stranger).

pid_from() { [[ -s $1 ]] && tr -dc '0-9' <"$1"; }
pid_is_ours() {
  local pid=$1 prefix=${2:-$BATON_ENV_DIR/}
  [[ -n $pid && -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$prefix"
}
# Orphaned nginx workers (their master was SIGKILLed) name no path, but hold our logs open.
pid_has_file_under() {
  local f
  for f in /proc/"$1"/fd/*; do
    [[ $(readlink "$f" 2>/dev/null) == "$2"* ]] && return 0
  done
  return 1
}
pid_gone() { [[ ! -e /proc/$1 ]] || [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]; }

# stop_pids WHAT SECONDS PID...: SIGTERM to all at once, wait for them to exit, SIGKILL the rest.
stop_pids() {
  local what=$1 seconds=$2; shift 2
  (($#)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  local pid
  for pid in "$@"; do
    if ! wait_until "$seconds" "$what (pid $pid) to exit" pid_gone "$pid"; then
      log "$what (pid $pid) ignored SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_until 10 "$what (pid $pid) to die" pid_gone "$pid" || true
    fi
  done
}
stop_pid() { stop_pids "$2" "$3" "$1"; }

# Processes of ours that outlived their parents (a dockerd that was SIGKILLed leaves its
# containerd, the shims and the containers' processes running): dockerd/containerd/shims/nginx/haproxy
# whose command line names the state dir, plus all their descendants (container processes and
# nginx workers do not name it).
leftover_pids() {
  local prefix=${1:-$BATON_ENV_DIR/} roots=() d pid comm
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    { read -r comm <"$d/comm"; } 2>/dev/null || continue
    case "$comm" in
      dockerd | containerd | containerd-shim*) pid_is_ours "$pid" "$prefix" && roots+=("$pid") ;;
      nginx) { pid_is_ours "$pid" "$prefix" || pid_has_file_under "$pid" "$prefix"; } && roots+=("$pid") ;;
      haproxy) pid_is_ours "$pid" "$prefix" && roots+=("$pid") ;;
    esac
  done
  ((${#roots[@]})) || return 0
  # Walk the parent->child table breadth-first from the roots.
  ps -e -o pid=,ppid= | awk -v roots="${roots[*]}" '
    { kids[$2] = kids[$2] " " $1 }
    END {
      n = split(roots, queue, " ")
      for (i = 1; i <= n; i++) {
        print queue[i]
        m = split(kids[queue[i]], k, " ")
        for (j = 1; j <= m; j++) queue[++n] = k[j]
      }
    }' | sort -u
}

kill_leftovers() {
  local pids
  pids=$(leftover_pids "${1:-}" | tr '\n' ' ')
  [[ -z ${pids// /} ]] && return 0
  log "stopping leftover processes: $pids"
  # shellcheck disable=SC2086
  stop_pids "leftover process" 10 $pids
}

# Mount points strictly under the state dir, deepest first (dockerd bind-mounts its data root
# on itself and leaves exec-root/netns/default mounted even after a clean shutdown).
our_mounts() {
  awk -v dir="$BATON_ENV_DIR/" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r
}
unmount_all() {
  local m
  for m in $(our_mounts); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
  done
}

# ---------------------------------------------------------------------------------------------
# Prerequisites.

need_root() { [[ $(id -u) == 0 ]] || die "run as root (it starts dockerd and the router)"; }

missing_packages() {
  local installed p
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "installed" { print $1 }' || true)
  for p in "${PACKAGES[@]}"; do
    grep -qx "$p" <<<"$installed" || echo "$p"
  done
}

ensure_packages() {
  local missing
  missing=$(missing_packages | tr '\n' ' ')
  if [[ -n ${missing// /} ]]; then
    log "installing: $missing"
    # The environment runs its own dockerd, nginx and haproxy: keep apt from starting the system
    # ones (a system nginx or haproxy would take port 80, a system dockerd /var/run/docker.sock).
    local policy=/usr/sbin/policy-rc.d added_policy=0
    if [[ ! -e $policy ]]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
    fi
    local ok=1
    apt-get update -q || ok=0
    ((ok)) && { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${PACKAGES[@]}" || ok=0; }
    if ((added_policy)); then rm -f "$policy"; fi
    ((ok)) || die "apt-get update/install failed"
  fi
  local c
  for c in dockerd containerd runc docker-init docker docker-compose busybox nginx haproxy git curl docker-registry; do
    command -v "$c" >/dev/null || die "command not found: $c (package install incomplete?)"
  done
}

# ---------------------------------------------------------------------------------------------
# Docker engines, one per site.

engine_api_version() {
  timeout 5 docker -H "unix://$(site_sock "$1")" version --format '{{.Server.APIVersion}}' 2>/dev/null
}
engine_answers() { engine_api_version "$1" >/dev/null; }

# Clears what a dead engine left behind so a new one can start on the same dirs. Its
# containers stay: the new engine restores them and restarts those with a restart policy, as
# after a machine reboot (for a clean slate: `down`, then `up`).
engine_clear_stale() {
  local site=$1 dir pid
  dir=$(site_dir "$site")
  pid=$(pid_from "$dir/docker.pid") || true
  if pid_is_ours "$pid"; then
    # Running but not answering (checked by the caller): give it a moment, it may be starting.
    if wait_until 20 "engine $site (pid $pid) to answer" engine_answers "$site"; then
      return 0
    fi
    log "engine $site (pid $pid) does not answer; restarting it"
    stop_pid "$pid" "engine $site" 20
  fi
  # A SIGKILLed dockerd leaves its containers' shims and processes running (holding the
  # site's ports) and a containerd.pid that dockerd trusts on start: if that pid still
  # exists (a zombie, or reused) dockerd waits for a containerd that never answers.
  kill_leftovers "$dir/"
  rm -f "$dir/docker.pid" "$dir/docker.sock" "$dir/exec/containerd/containerd.pid"
  # Its mounts (container root file systems, the data root's bind mount, netns/default) are
  # made again by the new engine; stacking them on stale ones only makes `down` harder.
  local m
  for m in $(our_mounts | grep -F "$dir/" || true); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

# Launches dockerd for a site in the background (returns at once; engine_wait waits).
engine_launch() {
  local site=$1 driver=$2 dir
  dir=$(site_dir "$site")
  mkdir -p "$dir/data" "$dir/exec"
  # An empty config file: never pick up /etc/docker/daemon.json (its "hosts" would clash with -H).
  [[ -f $dir/daemon.json ]] || echo '{}' >"$dir/daemon.json"
  # The log is appended across runs; remember where this run's lines start.
  stat -c %s "$dir/dockerd.log" 2>/dev/null >"$dir/dockerd.log-offset" || echo 0 >"$dir/dockerd.log-offset"
  # setsid + closed stdin/out: the engine outlives this script and holds none of its pipes.
  # Own containerd namespaces so the two engines stay apart even if they ever share a containerd.
  setsid dockerd \
    --config-file "$dir/daemon.json" \
    --data-root "$dir/data" \
    --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" \
    -H "unix://$dir/docker.sock" \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    --storage-driver="$driver" \
    --containerd-namespace "baton-$site" \
    --containerd-plugins-namespace "baton-$site-plugins" \
    --log-opt max-size=10m \
    "${ENGINE_EXTRA_ARGS[@]}" \
    </dev/null >>"$dir/dockerd.log" 2>&1 &
  echo $! >"$dir/dockerd.launch-pid"
}

# Waits until the engine answers; fails early (with the log's tail) when dockerd died.
engine_wait() {
  local site=$1 dir pid deadline
  dir=$(site_dir "$site")
  pid=$(cat "$dir/dockerd.launch-pid")
  deadline=$(($(now_ms) + 60000))
  until engine_answers "$site"; do
    if pid_gone "$pid"; then
      log "engine $site exited while starting; last lines of $dir/dockerd.log:"
      tail -n 15 "$dir/dockerd.log" >&2
      return 1
    fi
    (($(now_ms) < deadline)) || { log "engine $site did not answer within 60s"; return 1; }
    sleep 0.1
  done
}

# Starts (or reuses) both engines, in parallel since each takes about a second.
engines_up() {
  local site started=()
  for site in "${SITES[@]}"; do
    if engine_answers "$site"; then
      log "engine $site: already running, reused"
      continue
    fi
    engine_clear_stale "$site"
    engine_answers "$site" && continue
    engine_launch "$site" "${BATON_STORAGE_DRIVER:-overlay2}"
    started+=("$site")
  done
  for site in "${started[@]}"; do
    if ! engine_wait "$site"; then
      # overlay2 needs kernel support for overlayfs on the data root's file system; vfs always
      # works (slow, copies every layer). Fall back only when overlay2 is what failed.
      local dir; dir=$(site_dir "$site")
      if [[ -z ${BATON_STORAGE_DRIVER:-} ]] &&
        tail -c +"$(($(cat "$dir/dockerd.log-offset") + 1))" "$dir/dockerd.log" | grep -qi 'overlay'; then
        log "engine $site: overlay2 failed here; retrying with --storage-driver=vfs"
        engine_clear_stale "$site"
        engine_launch "$site" vfs
        engine_wait "$site" || die "engine $site did not start (see $(site_dir "$site")/dockerd.log)"
      else
        die "engine $site did not start (see $(site_dir "$site")/dockerd.log)"
      fi
    fi
    log "engine $site: started (API $(engine_api_version "$site"))"
  done
}

# One engine of its own for a test (e.g. Docker over TLS), under $BATON_ENV_DIR/NAME like a
# site's: vfs storage (nothing is built on it, and it works on any file system), the usual
# arguments plus DOCKERD_ARGS, e.g. --tlsverify ... -H tcp://127.0.0.1:PORT.
engine_up_one() {
  local name=$1; shift
  need_root
  ENGINE_EXTRA_ARGS=("$@")
  engine_clear_stale "$name"
  engine_launch "$name" vfs
  engine_wait "$name" || die "engine $name did not start (see $(site_dir "$name")/dockerd.log)"
  log "engine $name: started (API $(engine_api_version "$name"))"
}

# Stops what engine_up_one started and everything it left (containerd, shims, mounts).
engine_down_one() {
  local name=$1 dir pid m
  need_root
  dir=$(site_dir "$name")
  pid=$(pid_from "$dir/docker.pid") || true
  if pid_is_ours "$pid" "$dir/"; then stop_pid "$pid" "engine $name" 30; fi
  kill_leftovers "$dir/"
  for m in $(our_mounts | grep -F "$dir/" || true); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
  done
}

# ---------------------------------------------------------------------------------------------
# Base image: busybox-static as a root file system, imported offline (no registry here).

base_rootfs() {
  local rootfs="$BATON_ENV_DIR/base/rootfs" busybox
  if [[ ! -e $rootfs/.complete ]]; then
    busybox=$(dpkg -L busybox-static | grep -E '/bin/busybox$' | head -n1)
    [[ -x $busybox ]] || die "busybox-static's binary not found"
    # Built aside and renamed, so an interrupted run never leaves a half-made rootfs.
    local tmp="$rootfs.tmp"
    rm -rf "$tmp" "$rootfs"
    mkdir -p "$tmp"/{bin,etc,root,tmp}
    cp "$busybox" "$tmp/bin/busybox"
    # Inside a chroot so every applet link points at /bin/busybox as the container sees it.
    chroot "$tmp" /bin/busybox --install -s /bin
    base_add_psql "$tmp"
    chmod 1777 "$tmp/tmp"
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$tmp/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$tmp/etc/group"
    mv "$tmp" "$rootfs"
    touch "$rootfs/.complete"
  fi
  echo "$rootfs"
}

# psql from the host's PostgreSQL 15 client, with exactly the shared libraries ldd names (and the
# loader), at the paths ldd names: the shop's migrations and its /cgi-bin/orders use it. Offline.
base_add_psql() {
  local root=$1 psql="$PG_BIN/psql" lib
  [[ -x $psql ]] || die "$psql not found (postgresql is one of PACKAGES)"
  cp -L "$psql" "$root/bin/psql"
  for lib in $(ldd "$psql" | grep -oE '/[^ ]+\.so[^ ]*' | sort -u); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

# Imports the base image into each engine that lacks it (both at once).
base_image_up() {
  local site rootfs="" pids=() sites=()
  for site in "${SITES[@]}"; do
    dock "$site" image inspect "$BASE_IMAGE" >/dev/null 2>&1 && continue
    [[ -n $rootfs ]] || rootfs=$(base_rootfs)
    # Sorted names and fixed owners/times: the same busybox gives the same image every time.
    tar -C "$rootfs" --exclude ./.complete --sort=name --mtime=@0 --owner=0 --group=0 \
      --numeric-owner -c . | dock "$site" import --change 'CMD ["sh"]' - "$BASE_IMAGE" >/dev/null &
    pids+=($!)
    sites+=("$site")
  done
  local i
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || die "engine ${sites[$i]}: could not import $BASE_IMAGE"
    log "engine ${sites[$i]}: imported $BASE_IMAGE"
  done
}

# ---------------------------------------------------------------------------------------------
# Router: nginx on 127.0.0.1:8080, not the system's nginx.
#
# Upstream file format (the only file baton rewrites, atomically: temp file in the same dir,
# then rename; then `nginx -t -c NGINX_CONF` and `nginx -s reload -c NGINX_CONF`):
#   $BATON_ENV_DIR/router/upstream.conf holds exactly one line, e.g.
#     server 127.0.0.1:3000;
#   and nginx.conf includes it inside `upstream shop_active { include ...; keepalive 16; }`.
# nginx.conf uses absolute paths only, so `-c` alone is enough for -t and -s reload.
# A reload is complete only when every worker from before it has exited: until then an old
# worker may still accept a connection and answer from the old site, even after a new worker
# has already answered from the new one (seen here, about 1 request in 600 right after a
# switch). So verify a switch with several answers in a row, or wait for the old workers.

write_nginx_conf() {
  local tmp="$NGINX_CONF.tmp"
  cat >"$tmp" <<EOF
# baton's local router, written by scripts/env up (re-running up rewrites this file).
#
# 127.0.0.1:$ROUTER_PORT proxies everything to upstream shop_active. Its one server line lives in
#   $UPSTREAM_FILE
# which holds exactly one line, "server 127.0.0.1:PORT;" (3000 = primary, 3001 = secondary).
# baton switches traffic by replacing that file atomically (write a temp file, rename), then
#   nginx -t -c $NGINX_CONF
#   nginx -s reload -c $NGINX_CONF
# No proxy_next_upstream: a request never silently falls over to another site; baton verifies
# each switch through this front door itself.

worker_processes 1;
pid $NGINX_PID;
error_log $ROUTER_DIR/error.log notice;

events {
    worker_connections 1024;
}

http {
    # baton's format: \$msec and \$status first (router.accessLog in baton.yml; drills count
    # request errors from it, see docs/routers.md), then whatever helps people.
    log_format baton '\$msec \$status \$upstream_addr rt=\$request_time'
                     ' urt=\$upstream_response_time "\$request"';
    access_log $ROUTER_DIR/access.log baton;

    client_body_temp_path $ROUTER_DIR/tmp/body;
    proxy_temp_path       $ROUTER_DIR/tmp/proxy;
    fastcgi_temp_path     $ROUTER_DIR/tmp/fastcgi;
    uwsgi_temp_path       $ROUTER_DIR/tmp/uwsgi;
    scgi_temp_path        $ROUTER_DIR/tmp/scgi;

    keepalive_timeout  65s;
    keepalive_requests 10000;

    upstream shop_active {
        include $UPSTREAM_FILE;
        keepalive 16;
    }

    server {
        listen 127.0.0.1:$ROUTER_PORT;

        # nginx itself, without touching any site (scripts/env waits on it).
        location = /_router/health {
            access_log off;
            default_type text/plain;
            return 200 "ok\n";
        }

        location / {
            proxy_pass http://shop_active;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_next_upstream off;
            # busybox httpd listens with a backlog of 9: when this two-CPU machine is busy,
            # SYNs are dropped and retried after 1 s and 3 s. Waiting for those beats a 504.
            proxy_connect_timeout 10s;
            proxy_read_timeout 30s;
            # Which site answered, for people and for switch verification.
            add_header X-Baton-Upstream \$upstream_addr always;
        }
    }
}
EOF
  mv "$tmp" "$NGINX_CONF"
}

nginx_pid() { local pid; pid=$(pid_from "$NGINX_PID") && pid_is_ours "$pid" && echo "$pid"; }
nginx_workers() { local pid; pid=$(nginx_pid) && ps --ppid "$pid" -o pid= | tr -d ' '; }
router_answers() { curl -fsS --max-time 2 "http://127.0.0.1:$ROUTER_PORT/_router/health" >/dev/null; }
current_upstream() { sed -n 's/^[[:space:]]*server[[:space:]]\{1,\}\([^;[:space:]]*\).*/\1/p' "$UPSTREAM_FILE" 2>/dev/null | head -n1; }

nginx_up() {
  mkdir -p "$ROUTER_DIR/tmp"
  chmod 755 "$BATON_ENV_DIR" "$ROUTER_DIR"   # nginx workers (nobody) must reach the temp dirs
  # Keep the current target on a re-run: only a fresh environment starts at the primary site.
  if [[ ! -s $UPSTREAM_FILE ]]; then
    echo "server 127.0.0.1:$(site_api_port primary);" >"$UPSTREAM_FILE.tmp"
    mv "$UPSTREAM_FILE.tmp" "$UPSTREAM_FILE"
  fi
  write_nginx_conf
  nginx -t -q -c "$NGINX_CONF" || die "nginx rejects $NGINX_CONF"
  local pid
  if pid=$(nginx_pid); then
    # (nginx -s prints a "signal process started" notice on stderr even when all is well)
    nginx -s reload -c "$NGINX_CONF" 2>/dev/null || die "nginx -s reload failed"
    log "nginx: already running (pid $pid), reloaded"
  else
    # An nginx of ours without a valid pid file (or orphaned workers) would hold the port.
    kill_leftovers "$ROUTER_DIR/"
    rm -f "$NGINX_PID"
    nginx -c "$NGINX_CONF" -e "$ROUTER_DIR/error.log" </dev/null >/dev/null 2>&1 ||
      { tail -n 5 "$ROUTER_DIR/error.log" >&2; die "nginx did not start (is 127.0.0.1:$ROUTER_PORT taken?)"; }
  fi
  wait_until 10 "nginx on 127.0.0.1:$ROUTER_PORT" router_answers || die "nginx does not answer"
}

# The router BATON_ROUTER names; the other one, if an earlier run started it, is stopped first:
# both listen on 127.0.0.1:$ROUTER_PORT.
router_up() {
  case "$BATON_ROUTER" in
    nginx) haproxy_down; nginx_up ;;
    haproxy) nginx_down; haproxy_up ;;
    *) die "BATON_ROUTER must be nginx or haproxy, not '$BATON_ROUTER'" ;;
  esac
}

nginx_down() {
  local pid
  if pid=$(nginx_pid); then
    stop_pid "$pid" "nginx" 10
  fi
}

# Stops the router that runs (BATON_ROUTER's when none does) and starts it again, keeping its
# files: for tests that prove a restarted router keeps the target (haproxy loads its state file).
router_restart() {
  if haproxy_pid >/dev/null; then
    BATON_ROUTER=haproxy
  elif nginx_pid >/dev/null; then
    BATON_ROUTER=nginx
  fi
  nginx_down
  haproxy_down
  router_up
}

router_summary() {
  if [[ $BATON_ROUTER == haproxy ]]; then
    printf '  router            http://127.0.0.1:%s/  -> %s   (haproxy, config %s)\n' \
      "$ROUTER_PORT" "$(haproxy_current_upstream)" "$HAPROXY_CONF"
    printf '  admin socket      %s  (backend shop; servers primary, secondary)\n' "$HAPROXY_SOCK"
    printf '  server state      %s\n' "$HAPROXY_STATE"
  else
    printf '  router            http://127.0.0.1:%s/  -> %s   (config %s)\n' \
      "$ROUTER_PORT" "$(current_upstream)" "$NGINX_CONF"
    printf '  upstream file     %s\n' "$UPSTREAM_FILE"
  fi
}

# ---------------------------------------------------------------------------------------------
# Git: a bare repo of examples/shop/app with tags v1, v2 (v2 changes only apps/*/VERSION) and
# v3-faulty (a v2 whose api fails a share of its requests, see apps/api/start.sh).
# Fixed author, committer and dates, so every run gives the same commit ids.

git_fixed() {
  GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
    GIT_AUTHOR_NAME="baton env" GIT_AUTHOR_EMAIL="env@baton.invalid" \
    GIT_COMMITTER_NAME="baton env" GIT_COMMITTER_EMAIL="env@baton.invalid" \
    git "$@"
}

git_commit_version() {
  local work=$1 version=$2 date=$3 f
  for f in "$work"/apps/*/VERSION; do echo "$version" >"$f"; done
  git_fixed -C "$work" add -A
  GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git_fixed -C "$work" commit -q -m "shop $version"
  git_fixed -C "$work" tag "$version"
}

git_repo_up() {
  [[ -d $APP_SRC ]] || die "demo app source not found: $APP_SRC"
  mkdir -p "$GIT_DIR_ROOT" "$CHECKOUTS"
  local work="$GIT_DIR_ROOT/work" new="$GIT_REPO.new"
  rm -rf "$work" "$new"
  mkdir -p "$work"
  cp -a "$APP_SRC/." "$work/"
  git_fixed -C "$work" init -q -b main
  # v2 changes the schema: its migration is not in v1.
  local v2_migration=apps/api/migrations/002_order_note.sql
  mv "$work/$v2_migration" "$GIT_DIR_ROOT/002.sql"
  git_commit_version "$work" v1 "2024-01-01T00:00:00Z"
  mv "$GIT_DIR_ROOT/002.sql" "$work/$v2_migration"
  git_commit_version "$work" v2 "2024-01-02T00:00:00Z"
  # v3-faulty: a v2 whose api answers 25% of GET / with 500 (apps/api/start.sh): it passes
  # health checks and smoke tests, and only a bake judged by real traffic catches it.
  echo 25 >"$work/apps/api/FAULTS"
  git_commit_version "$work" v3-faulty "2024-01-03T00:00:00Z"
  git_fixed clone -q --bare --no-local "$work" "$new"
  rm -rf "$GIT_REPO" "$work"
  mv "$new" "$GIT_REPO"
}

git_tags() { git --git-dir="$GIT_REPO" tag 2>/dev/null | tr '\n' ' ' | sed 's/ $//'; }

# shellcheck source-path=SCRIPTDIR source=haproxy.sh
source "$REPO_ROOT/scripts/lib/haproxy.sh"
# shellcheck source-path=SCRIPTDIR source=pg.sh
source "$REPO_ROOT/scripts/lib/pg.sh"
# shellcheck source-path=SCRIPTDIR source=registry.sh
source "$REPO_ROOT/scripts/lib/registry.sh"

# ---------------------------------------------------------------------------------------------
# Subcommands.

env_up() {
  need_root
  ensure_packages
  if [[ -e $BATON_ENV_DIR && ! -e $ENV_MARKER && -n $(ls -A "$BATON_ENV_DIR") ]]; then
    die "$BATON_ENV_DIR exists and is not a baton environment; set BATON_ENV_DIR elsewhere"
  fi
  mkdir -p "$BATON_ENV_DIR"
  touch "$ENV_MARKER"
  images_restore

  local t0 t
  t0=$(now_ms)
  t=$(now_ms); engines_up; local t_engines; t_engines=$(since "$t")
  t=$(now_ms); base_image_up; local t_base; t_base=$(since "$t")
  t=$(now_ms); router_up; local t_router; t_router=$(since "$t")
  t=$(now_ms); git_repo_up; local t_git; t_git=$(since "$t")
  t=$(now_ms); pg_up; local t_pg; t_pg=$(since "$t")
  t=$(now_ms); registry_up; local t_registry; t_registry=$(since "$t")

  cat <<EOF
baton environment up in $(since "$t0") (engines $t_engines, base image $t_base, $BATON_ROUTER $t_router, git $t_git, postgres $t_pg, registry $t_registry)
  state dir         $BATON_ENV_DIR
  engine primary    unix://$(site_sock primary)    (API $(engine_api_version primary))
  engine secondary  unix://$(site_sock secondary)  (API $(engine_api_version secondary))
$(router_summary)
  git               $GIT_REPO  (tags: $(git_tags))
  checkouts         $CHECKOUTS/<site>
  registry          http://$REGISTRY_ADDR/  (images.mode registry; data $REGISTRY_DIR/data)
EOF
  pg_up_summary
}

env_status() {
  local ok=0 site v pid
  for site in "${SITES[@]}"; do
    if v=$(engine_api_version "$site"); then
      printf 'engine %-9s running  API %s  unix://%s\n' "$site" "$v" "$(site_sock "$site")"
    else
      printf 'engine %-9s not running\n' "$site"; ok=3
    fi
  done
  if pid=$(nginx_pid) && router_answers; then
    printf 'nginx            running  pid %s  http://127.0.0.1:%s/  upstream %s\n' "$pid" "$ROUTER_PORT" "$(current_upstream)"
  elif pid=$(haproxy_pid) && router_answers; then
    printf 'haproxy          running  pid %s  http://127.0.0.1:%s/  upstream %s\n' "$pid" "$ROUTER_PORT" "$(haproxy_current_upstream)"
  else
    printf 'router           not running\n'; ok=3
  fi
  if [[ -n $(git_tags) ]]; then
    printf 'git repo         %s  tags: %s\n' "$GIT_REPO" "$(git_tags)"
  else
    printf 'git repo         missing\n'; ok=3
  fi
  pg_status || ok=3
  registry_status || ok=3
  return $ok
}

# Image cache: `down --keep-images` keeps each engine's data root (its images and build cache; no
# containers, no volumes) beside the state dir, and the next `up` starts the engines on it. The
# test classes each bring the environment up and down, and would otherwise build the demo's
# images from nothing every time. A plain `down` removes the cache too.
IMAGE_CACHE="$BATON_ENV_DIR.image-cache"

images_keep() { # once the engines stopped and nothing is mounted
  local site data
  rm -rf --one-file-system "$IMAGE_CACHE"
  mkdir -p "$IMAGE_CACHE"
  for site in "${SITES[@]}"; do
    data=$(site_dir "$site")/data
    [[ -d $data ]] || continue
    # Only a data root without containers: one created after the removal above (a worker's
    # compose still running) would start with the next up, before the files it mounts exist,
    # and Docker would create them as directories. Its images are built again instead.
    if [[ -n $(ls -A "$data/containers" 2>/dev/null) ]]; then
      log "engine $site: a container was created during the down; its images are not kept"
      continue
    fi
    mv "$data" "$IMAGE_CACHE/$site"
  done
  log "images kept in $IMAGE_CACHE for the next up"
}

images_restore() { # before the engines start
  local site
  [[ -d $IMAGE_CACHE ]] || return 0
  for site in "${SITES[@]}"; do
    if [[ -d $IMAGE_CACHE/$site && ! -e $(site_dir "$site")/data ]]; then
      mkdir -p "$(site_dir "$site")"
      mv "$IMAGE_CACHE/$site" "$(site_dir "$site")/data"
    fi
  done
  rm -rf --one-file-system "$IMAGE_CACHE"
}

env_down() {
  local keep=""
  case "${1:-}" in
    "") ;;
    --keep-images) keep=1 ;;
    *) die "down: unknown option '$1' (only --keep-images)" ;;
  esac
  need_root
  if [[ -e $BATON_ENV_DIR && ! -e $ENV_MARKER ]]; then
    [[ -z $(ls -A "$BATON_ENV_DIR" 2>/dev/null) ]] && { rmdir "$BATON_ENV_DIR"; return 0; }
    die "$BATON_ENV_DIR is not a baton environment (no $ENV_MARKER); not touching it"
  fi
  local site pid ids engines=()
  for site in "${SITES[@]}"; do
    if engine_answers "$site"; then
      ids=$(dock "$site" ps -aq)
      # shellcheck disable=SC2086
      [[ -z $ids ]] || dock "$site" rm -f $ids >/dev/null || log "engine $site: could not remove containers"
      [[ -z $keep ]] || dock "$site" volume prune -f >/dev/null || log "engine $site: could not remove volumes"
    fi
    pid=$(pid_from "$(site_dir "$site")/docker.pid") || true
    if pid_is_ours "$pid"; then engines+=("$pid"); fi
  done
  pg_stop_all
  registry_down
  # Both engines at once: each takes about a second to shut down.
  stop_pids "engine" 30 "${engines[@]}"
  nginx_down
  haproxy_down
  kill_leftovers
  unmount_all
  if [[ -n $(our_mounts) ]]; then
    die "still mounted under $BATON_ENV_DIR: $(our_mounts | tr '\n' ' ')"
  fi
  if [[ -n $keep ]]; then images_keep; else rm -rf --one-file-system "$IMAGE_CACHE"; fi
  rm -rf --one-file-system "$BATON_ENV_DIR"
  log "environment down; $BATON_ENV_DIR removed"
}

# site_outage SITE [--with-database]: kill SITE's containers (and its database) at once.
site_outage() {
  local site=${1:-} with_db=${2:-}
  [[ $site == primary || $site == secondary ]] || die "outage: site must be primary or secondary, not '$site'"
  local ids
  ids=$(dock "$site" ps -q)
  [[ -z $ids ]] || dock "$site" kill $ids >/dev/null
  log "$site: killed $(echo "$ids" | grep -c . || true) container(s)"
  if [[ $with_db == --with-database ]]; then
    pg_ctl_ stop -D "$(pg_data "$site")" -m immediate -w -t 30 >/dev/null
    log "$site: database stopped (immediate)"
  elif [[ -n $with_db ]]; then
    die "outage: unknown option '$with_db' (only --with-database)"
  fi
}
