# shellcheck shell=bash
# Functions behind `scripts/env pg-up|pg-down|pg-reseed`: one PostgreSQL 15 cluster per site on
# 127.0.0.1. Site "primary" starts as the primary; site "secondary" is a streaming replica made
# by `pg_basebackup -R`. Sourced by lib/env.sh (which defines log, die, wait_until, SITES...).
#
# State, under $BATON_ENV_DIR/pg:
#   password            the password of database users app and replicator (root, mode 600)
#   pgpass              the same, as a libpq password file for pg_basebackup and the replicas'
#                       primary_conninfo (owned by postgres, mode 600)
#   <site>/data         the cluster (owned by postgres); <site>/data.new while being made
#   <site>/run          its unix socket; <site>/postgres.log its log
# Ports: primary 5532, secondary 5533 (BATON_PG_PORT_PRIMARY / BATON_PG_PORT_SECONDARY).
# Port, listen address and socket dir are given on the postgres command line, not in
# postgresql.conf, because pg_basebackup copies postgresql.conf from site to site.
#
# Database "app", user "app" (login, pg_monitor, and the grants baton needs to fence, reload and
# promote without being a superuser; see pg_ensure_roles), user "replicator" (replication only).

PG_BIN="${BATON_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DIR="$BATON_ENV_DIR/pg"
PG_PASSWORD_FILE="$PG_DIR/password"
PG_PASSFILE="$PG_DIR/pgpass"

pg_port() {
  case "$1" in
    primary) echo "${BATON_PG_PORT_PRIMARY:-5532}" ;;
    secondary) echo "${BATON_PG_PORT_SECONDARY:-5533}" ;;
    *) die "unknown site: $1 (known: ${SITES[*]})" ;;
  esac
}
pg_site_dir() { echo "$PG_DIR/$1"; }
pg_data() { echo "$PG_DIR/$1/data"; }
pg_sock() { echo "$PG_DIR/$1/run"; }

# Postgres refuses to run as root: everything that touches a cluster runs as the postgres user
# (setpriv rather than runuser: no PAM session, a tenth of the time; from a dir it may enter).
as_pg() { (cd / && exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"); }
pg_ctl_() { as_pg "$PG_BIN/pg_ctl" "$@"; }

# psql_site SITE SQL: one query as the postgres superuser over the site's unix socket.
psql_site() {
  timeout 10 setpriv --reuid=postgres --regid=postgres --init-groups -- "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$(pg_sock "$1")" -p "$(pg_port "$1")" \
    -d postgres -c "$2"
}
pg_answers() { psql_site "$1" "SELECT 1" >/dev/null 2>&1; }
pg_in_recovery() { [[ $(psql_site "$1" "SELECT pg_is_in_recovery()" 2>/dev/null) == t ]]; }
pg_streaming() {
  [[ $(psql_site "$1" "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null) == streaming ]]
}

pg_ensure_installed() {
  [[ -x $PG_BIN/initdb ]] && command -v psql >/dev/null && return 0
  log "installing: postgresql"
  # Keep apt from starting Debian's own cluster on port 5432.
  local policy=/usr/sbin/policy-rc.d added_policy=0 ok=1
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
  fi
  apt-get update -q || ok=0
  ((ok)) && { DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql || ok=0; }
  if ((added_policy)); then rm -f "$policy"; fi
  ((ok)) || die "apt-get install postgresql failed"
  [[ -x $PG_BIN/initdb ]] || die "$PG_BIN/initdb not found (set BATON_PG_BIN to PostgreSQL 15's bin dir)"
}

# ---------------------------------------------------------------------------------------------
# Processes. A postgres process is ours when its working directory is under the site's dir
# (the postmaster and every backend chdir to the data dir; their command lines do not name it).

pg_leftover_pids() {
  local prefix pid cwds=()
  prefix="$(pg_site_dir "$1")/"
  for pid in $(pgrep -x postgres || true); do cwds+=("/proc/$pid/cwd"); done
  ((${#cwds[@]})) || return 0
  # One find for all of them (a readlink per process is slow on a busy machine).
  find "${cwds[@]}" -maxdepth 0 -lname "$prefix*" 2>/dev/null | cut -d/ -f3 || true
}

pg_postmaster_pid() {
  local pid
  pid=$(head -n1 "$(pg_data "$1")/postmaster.pid" 2>/dev/null | tr -dc '0-9') || return 1
  [[ -n $pid ]] && ! pid_gone "$pid" && pg_leftover_pids "$1" | grep -x "$pid" >/dev/null && echo "$pid"
}

# pg_stop SITE: a fast shutdown (sessions are disconnected, nothing committed is lost), then
# whatever is left of an earlier, killed run; afterwards no process of ours uses the site's dir.
pg_stop() {
  local site=$1 pid pids
  pids=$(pg_leftover_pids "$site" | tr '\n' ' ')
  if [[ -n ${pids// /} ]] && pid=$(pg_postmaster_pid "$site"); then
    if ! pg_ctl_ stop -D "$(pg_data "$site")" -m fast -w -t 30 >/dev/null 2>&1; then
      log "postgres $site (pid $pid): fast shutdown failed; stopping it by signal"
      stop_pid "$pid" "postgres $site" 20
    fi
    pids=$(pg_leftover_pids "$site" | tr '\n' ' ')
  fi
  if [[ -n ${pids// /} ]]; then
    log "postgres $site: stopping leftover processes: $pids"
    # shellcheck disable=SC2086
    stop_pids "leftover postgres" 20 $pids
  fi
  # No process of ours is left: their lock files are stale. (A SIGKILLed postmaster can linger
  # as a zombie for a while, and postgres takes a zombie's pid in a lock file for a live owner.)
  rm -f "$(pg_data "$site")/postmaster.pid" "$(pg_sock "$site")"/.s.PGSQL.*
}

# pg_start SITE: starts the site's cluster (or reuses a running one) and waits until it answers.
pg_start() {
  local site=$1 data port sock
  data=$(pg_data "$site") port=$(pg_port "$site") sock=$(pg_sock "$site")
  if pg_postmaster_pid "$site" >/dev/null && pg_answers "$site"; then
    return 0
  fi
  pg_stop "$site" # a postmaster that does not answer, or leftovers of a killed one
  mkdir -p "$sock"
  chown postgres:postgres "$sock"
  # -c on the command line overrides postgresql.conf (copied from the other site by basebackup).
  if ! pg_ctl_ start -D "$data" -l "$(pg_site_dir "$site")/postgres.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$sock" >/dev/null; then
    tail -n 15 "$(pg_site_dir "$site")/postgres.log" >&2 || true
    die "postgres $site did not start on 127.0.0.1:$port (see $(pg_site_dir "$site")/postgres.log)"
  fi
  wait_until 30 "postgres $site to accept queries" pg_answers "$site" ||
    die "postgres $site does not answer on port $port"
}

# ---------------------------------------------------------------------------------------------
# Making clusters.

pg_password() { cat "$PG_PASSWORD_FILE"; }

pg_ensure_password() {
  if [[ ! -s $PG_PASSWORD_FILE ]]; then
    # Clusters made with a lost password are useless to baton: start over.
    local site
    for site in "${SITES[@]}"; do
      [[ -e $(pg_data "$site") ]] && { pg_stop "$site"; rm -rf "$(pg_site_dir "$site")"; }
    done
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$PG_PASSWORD_FILE.tmp")
    mv "$PG_PASSWORD_FILE.tmp" "$PG_PASSWORD_FILE"
  fi
  chmod 600 "$PG_PASSWORD_FILE"
  (umask 077 && echo "127.0.0.1:*:*:replicator:$(pg_password)" >"$PG_PASSFILE.tmp")
  chown postgres:postgres "$PG_PASSFILE.tmp"
  mv "$PG_PASSFILE.tmp" "$PG_PASSFILE"
}

# A new primary cluster for SITE: initdb into data.new, configure, rename (so a half-made
# cluster is never mistaken for a finished one).
pg_init_primary() {
  local site=$1 dir new
  dir=$(pg_site_dir "$site") new="$(pg_data "$site").new"
  rm -rf "$new"
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  # --no-sync: a throw-away test cluster; the running server still fsyncs as usual.
  as_pg "$PG_BIN/initdb" -D "$new" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >/dev/null ||
    die "initdb for postgres $site failed"
  cat >>"$new/postgresql.conf" <<'EOF'

# --- baton local environment (scripts/lib/pg.sh); port, listen_addresses and
# unix_socket_directories are given on the command line, per site.
wal_level = replica
hot_standby = on
max_wal_senders = 10
wal_keep_size = 256MB
max_connections = 50
shared_buffers = 32MB
password_encryption = scram-sha-256
wal_sender_timeout = 10s
wal_receiver_status_interval = 1s
# A throw-away local environment: no fsync (survives kill -9 of postgres, not a power cut),
# so a new replica starts in a fraction of a second instead of fsyncing every file first.
fsync = off
EOF
  # Loopback only; the replication user only for replication.
  cat >"$new/pg_hba.conf" <<'EOF'
# TYPE  DATABASE     USER        ADDRESS        METHOD
local   all          postgres                   peer
host    replication  replicator  127.0.0.1/32   scram-sha-256
host    all          all         127.0.0.1/32   scram-sha-256
EOF
  chown postgres:postgres "$new/pg_hba.conf"
  mv "$new" "$(pg_data "$site")"
}

# Users and database, idempotent; run on the primary at every up (a run killed after initdb
# gets them on the next up). Replicas get them through WAL.
pg_ensure_roles() {
  local site=$1 pw
  pw=$(pg_password)
  # psql -v would interpolate :'pw' only when reading from stdin; the password never appears
  # on a command line (ps).
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -v pw="$pw" -h "$(pg_sock "$site")" -p "$(pg_port "$site")" \
    -d postgres >/dev/null <<'EOF'
SET client_min_messages = warning;
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app') AS missing_app \gset
\if :missing_app
  CREATE ROLE app LOGIN;
\endif
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'replicator') AS missing_rep \gset
\if :missing_rep
  CREATE ROLE replicator LOGIN REPLICATION;
\endif
ALTER ROLE app PASSWORD :'pw';
ALTER ROLE replicator PASSWORD :'pw';
SELECT NOT EXISTS (SELECT FROM pg_database WHERE datname = 'app') AS missing_db \gset
\if :missing_db
  CREATE DATABASE app OWNER app;
\endif
-- What baton needs, short of superuser: read replication state (pg_monitor), end other
-- sessions (pg_signal_backend), fence (ALTER SYSTEM on one parameter + reload) and promote.
GRANT pg_monitor, pg_signal_backend TO app;
-- (Function privileges belong to one database: granted in app, the database baton connects to.)
GRANT ALTER SYSTEM ON PARAMETER default_transaction_read_only TO app;
\connect app
GRANT EXECUTE ON FUNCTION pg_reload_conf() TO app;
GRANT EXECUTE ON FUNCTION pg_promote(boolean, integer) TO app;
EOF
}

# pg_basebackup_into SITE FROM_PORT: replaces SITE's data dir with a fresh replica of the
# cluster listening on 127.0.0.1:FROM_PORT. SITE must be stopped.
pg_basebackup_into() {
  local site=$1 from_port=$2 dir new
  dir=$(pg_site_dir "$site") new="$(pg_data "$site").new"
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  rm -rf "$new"
  # -c fast: do not wait for a spread checkpoint; -R: standby.signal + primary_conninfo (which
  # names the passfile, not the password).
  if ! as_pg env PGPASSFILE="$PG_PASSFILE" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$from_port" \
    -U replicator -w -D "$new" -R -X stream -c fast --no-sync \
    -d "application_name=$site" 2>"$dir/basebackup.log"; then
    cat "$dir/basebackup.log" >&2
    rm -rf "$new"
    die "pg_basebackup of 127.0.0.1:$from_port into $site failed"
  fi
  rm -rf "$(pg_data "$site")"
  mv "$new" "$(pg_data "$site")"
}

pg_primary_site() {
  local site
  for site in "${SITES[@]}"; do
    pg_answers "$site" && ! pg_in_recovery "$site" && { echo "$site"; return 0; }
  done
  return 1
}

pg_role() {
  local row
  row=$(psql_site "$1" "SELECT pg_is_in_recovery(), COALESCE((SELECT status FROM pg_stat_wal_receiver), '-'),
                               current_setting('default_transaction_read_only')" 2>/dev/null) ||
    { echo "not running"; return 0; }
  case "$row" in
    t\|streaming\|*) echo "replica, streaming" ;;
    t\|*) echo "replica, NOT streaming" ;;
    f\|*\|on) echo "primary, fenced (read-only)" ;;
    *) echo "primary" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Subcommands.

pg_up() {
  need_root
  pg_ensure_installed
  if [[ -e $BATON_ENV_DIR && ! -e $ENV_MARKER && -n $(ls -A "$BATON_ENV_DIR") ]]; then
    die "$BATON_ENV_DIR exists and is not a baton environment; set BATON_ENV_DIR elsewhere"
  fi
  mkdir -p "$PG_DIR"
  touch "$ENV_MARKER"
  chmod 755 "$BATON_ENV_DIR" "$PG_DIR" # the postgres user must reach its dirs
  pg_ensure_password

  # Start every finished cluster, whatever role it has now (roles move on switchover).
  local site missing=()
  for site in "${SITES[@]}"; do
    rm -rf "$(pg_data "$site").new"
    if [[ -s $(pg_data "$site")/PG_VERSION ]]; then
      pg_start "$site"
    else
      missing+=("$site")
    fi
  done
  local primary
  if ! primary=$(pg_primary_site); then
    # Nothing to copy from: a fresh environment (or one whose primary was lost) starts over.
    primary=${SITES[0]}
    ((${#missing[@]} == ${#SITES[@]})) || log "no site's database is a primary: making a fresh pair"
    for site in "${SITES[@]}"; do pg_stop "$site"; done
    rm -rf "$(pg_data "$primary")"
    pg_init_primary "$primary"
    pg_start "$primary"
    missing=()
    for site in "${SITES[@]}"; do [[ $site == "$primary" ]] || missing+=("$site"); done
  fi
  pg_ensure_roles "$primary"
  for site in "${missing[@]}"; do
    pg_stop "$site"
    pg_basebackup_into "$site" "$(pg_port "$primary")"
    pg_start "$site"
  done
  for site in "${SITES[@]}"; do
    [[ $site == "$primary" ]] && continue
    pg_in_recovery "$site" || { log "postgres $site: also a primary (not re-seeded after a failover?)"; continue; }
    wait_until 30 "postgres $site to stream from $primary" pg_streaming "$site" ||
      die "postgres $site does not stream from $primary (see $(pg_site_dir "$site")/postgres.log)"
  done
}

pg_down() {
  need_root
  if [[ -e $BATON_ENV_DIR && ! -e $ENV_MARKER ]]; then
    [[ -z $(ls -A "$BATON_ENV_DIR" 2>/dev/null) ]] && { rmdir "$BATON_ENV_DIR"; return 0; }
    die "$BATON_ENV_DIR is not a baton environment (no $ENV_MARKER); not touching it"
  fi
  pg_stop_all
  rm -rf "$PG_DIR"
  # Nothing else of the environment here (only pg-up ran): remove the state dir too.
  if [[ -d $BATON_ENV_DIR && $(ls -A "$BATON_ENV_DIR") == "$(basename "$ENV_MARKER")" ]]; then
    rm -rf "$BATON_ENV_DIR"
  fi
  log "postgres down; $PG_DIR removed"
}

pg_stop_all() {
  local site pids=()
  # Both at once; each waits for its own shutdown.
  for site in "${SITES[@]}"; do
    [[ -d $(pg_site_dir "$site") ]] || continue
    pg_stop "$site" &
    pids+=($!)
  done
  local pid
  for pid in "${pids[@]}"; do wait "$pid" || true; done
}

# pg_reseed [SITE [PRIMARY_SITE]]: SITE becomes a fresh streaming replica of PRIMARY_SITE.
# Defaults come from BATON_SITE / BATON_PRIMARY_SITE, the variables baton's reseed activity
# sets, so one reseedCommand serves both sites.
pg_reseed() {
  need_root
  local site=${1:-${BATON_SITE:-}} primary=${2:-${BATON_PRIMARY_SITE:-}} t0
  [[ -n $site && -n $primary ]] || die "usage: scripts/env pg-reseed SITE PRIMARY_SITE (or set BATON_SITE and BATON_PRIMARY_SITE)"
  [[ $site != "$primary" ]] || die "cannot re-seed $site from itself"
  pg_port "$site" >/dev/null && pg_port "$primary" >/dev/null
  [[ -s $PG_PASSWORD_FILE ]] || die "no environment at $PG_DIR (run scripts/env pg-up first)"
  pg_answers "$primary" || die "postgres $primary is not running on port $(pg_port "$primary")"
  ! pg_in_recovery "$primary" || die "postgres $primary is a replica, not a primary; re-seed from the primary"
  t0=$(now_ms)
  pg_stop "$site"
  pg_basebackup_into "$site" "$(pg_port "$primary")"
  pg_start "$site"
  wait_until 30 "postgres $site to stream from $primary" pg_streaming "$site" ||
    die "postgres $site does not stream from $primary after the re-seed"
  log "postgres $site: re-seeded from $primary in $(since "$t0"); streaming"
}

pg_status() {
  local site ok=0 role
  for site in "${SITES[@]}"; do
    role=$(pg_role "$site")
    printf 'postgres %-9s %s  127.0.0.1:%s\n' "$site" "$role" "$(pg_port "$site")"
    [[ $role == "not running" ]] && ok=3
  done
  return $ok
}

pg_up_summary() {
  local site
  for site in "${SITES[@]}"; do
    printf '  postgres %-9s 127.0.0.1:%s  db app, user app  (%s)\n' "$site" "$(pg_port "$site")" "$(pg_role "$site")"
  done
  printf '  postgres password %s\n' "$PG_PASSWORD_FILE"
}
