# shellcheck shell=bash
# The local registry of images.mode registry (sourced by lib/env.sh): Debian's docker-registry
# (distribution 2.8) on 127.0.0.1:5000, no auth, plain HTTP, storage under <state dir>/registry.
# Docker treats registries on 127.0.0.0/8 as insecure by default, so both engines pull from it
# over HTTP without --insecure-registry.

REGISTRY_DIR="$BATON_ENV_DIR/registry"
REGISTRY_PORT=5000
REGISTRY_ADDR="127.0.0.1:$REGISTRY_PORT"
REGISTRY_CONF="$REGISTRY_DIR/config.yml"
REGISTRY_PID="$REGISTRY_DIR/registry.pid"

registry_pid() { local pid; pid=$(pid_from "$REGISTRY_PID") && pid_is_ours "$pid" && echo "$pid"; }
registry_answers() { curl -fsS --max-time 2 "http://$REGISTRY_ADDR/v2/" >/dev/null; }

registry_up() {
  command -v docker-registry >/dev/null || die "command not found: docker-registry (package install incomplete?)"
  mkdir -p "$REGISTRY_DIR/data"
  local pid
  if pid=$(registry_pid) && registry_answers; then
    log "registry: already running (pid $pid) on $REGISTRY_ADDR"
    return 0
  fi
  [[ -z ${pid:-} ]] || stop_pid "$pid" "registry" 10
  cat >"$REGISTRY_CONF" <<CONF
# written by scripts/env
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
CONF
  # Its own session: it outlives this script, as the engines and nginx do.
  setsid docker-registry serve "$REGISTRY_CONF" </dev/null >"$REGISTRY_DIR/registry.log" 2>&1 &
  echo $! >"$REGISTRY_PID"
  wait_until 10 "registry on $REGISTRY_ADDR" registry_answers ||
    { tail -n 5 "$REGISTRY_DIR/registry.log" >&2; die "the registry does not answer (is $REGISTRY_ADDR taken?)"; }
}

registry_status() {
  local pid
  if pid=$(registry_pid) && registry_answers; then
    printf 'registry         running  pid %s  http://%s/  (data %s)\n' "$pid" "$REGISTRY_ADDR" "$REGISTRY_DIR/data"
  else
    printf 'registry         not running\n'
    return 3
  fi
}

registry_down() {
  local pid
  if pid=$(registry_pid); then
    stop_pid "$pid" "registry" 10
  fi
}
