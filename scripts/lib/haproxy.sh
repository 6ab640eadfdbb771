# shellcheck shell=bash
# The router as haproxy (BATON_ROUTER=haproxy scripts/env up), on 127.0.0.1:$ROUTER_PORT like
# nginx, with the same answers: /_router/health, X-Baton-Upstream naming the site's host:port, and
# the access log in baton's format. Sourced by env.sh; uses its paths and helpers.
#
# Both sites are servers of backend "shop" (3000 = primary, 3001 = secondary). baton moves traffic
# with the runtime API on $HAPROXY_SOCK ("set server shop/secondary state ready; set server
# shop/primary state maint", weights for a shift), never a reload, and after every change writes
# `show servers state` to $HAPROXY_STATE (temp file, rename), which haproxy loads when it starts:
# a restarted haproxy keeps the target. A fresh environment starts at the primary site: the
# secondary is "disabled" in the config until baton makes it ready.
#
# haproxy runs in the foreground (-db) with its stdout, where "log stdout" writes the access log,
# appended to $ROUTER_DIR/access.log: no syslog daemon needed. setsid detaches it from the caller.

haproxy_pid() { local pid; pid=$(pid_from "$HAPROXY_PID") && pid_is_ours "$pid" && echo "$pid"; }

# The host:port that answers through the front door now (what baton's verification reads too).
haproxy_current_upstream() {
  curl -s --max-time 2 -o /dev/null -D - "http://127.0.0.1:$ROUTER_PORT/version" 2>/dev/null |
    sed -n 's/^[Xx]-[Bb]aton-[Uu]pstream: *\([^[:space:]]*\).*/\1/p'
}

write_haproxy_conf() {
  local tmp="$HAPROXY_CONF.tmp"
  cat >"$tmp" <<CFG
# baton's local router as haproxy, written by BATON_ROUTER=haproxy scripts/env up.
#
# 127.0.0.1:$ROUTER_PORT sends every request to backend shop, whose servers are the sites. Each
# request of a keep-alive connection is balanced on its own (HTTP mode, no prefer-last-server),
# so a server in maint gets no new request, even on a client connection it served before.
# baton moves traffic through the admin socket $HAPROXY_SOCK (no reload) and
# writes $HAPROXY_STATE after each change; haproxy loads it at start.
# No "option redispatch" or retries to another server: a request never silently falls over to
# the other site; baton verifies each switch through this front door itself.

global
    stats socket $HAPROXY_SOCK mode 600 level admin
    server-state-file $HAPROXY_STATE
    # The access log: written to stdout, which scripts/env appends to $ROUTER_DIR/access.log.
    log stdout format raw local0

defaults
    mode http
    log global
    load-server-state-from-file global
    # busybox httpd listens with a backlog of 9: when this two-CPU machine is busy, SYNs are
    # dropped and retried after 1 s and 3 s. Waiting for those beats a 503 (as nginx does).
    timeout connect 10s
    timeout client 65s
    timeout server 30s
    timeout http-keep-alive 65s

frontend front
    bind 127.0.0.1:$ROUTER_PORT
    # baton's format, as nginx's: time (%Ts.%ms), status, the server's host:port, then Ta= the
    # request's total time in ms (router.accessLog; drills count request errors from it).
    log-format "%Ts.%ms %ST %si:%sp Ta=%Ta \"%HM %HU\""
    # haproxy itself, without touching any site (scripts/env waits on it).
    http-request set-log-level silent if { path /_router/health }
    http-request return status 200 content-type text/plain string "ok" if { path /_router/health }
    default_backend shop

backend shop
    balance roundrobin
    # Which site answered, for people and for switch verification.
    http-response set-header X-Baton-Upstream "%si:%sp"
    server primary 127.0.0.1:$(site_api_port primary) weight 200
    server secondary 127.0.0.1:$(site_api_port secondary) weight 200 disabled
CFG
  mv "$tmp" "$HAPROXY_CONF"
}

haproxy_up() {
  mkdir -p "$ROUTER_DIR"
  write_haproxy_conf
  haproxy -c -q -f "$HAPROXY_CONF" || die "haproxy rejects $HAPROXY_CONF"
  local pid
  if pid=$(haproxy_pid); then
    log "haproxy: already running (pid $pid)"
  else
    # A haproxy of ours without a valid pid file would hold the port.
    kill_leftovers "$ROUTER_DIR/"
    rm -f "$HAPROXY_PID" "$HAPROXY_SOCK"
    setsid haproxy -db -f "$HAPROXY_CONF" </dev/null >>"$ROUTER_DIR/access.log" 2>>"$ROUTER_DIR/error.log" &
    echo $! >"$HAPROXY_PID"
  fi
  wait_until 10 "haproxy on 127.0.0.1:$ROUTER_PORT" router_answers ||
    { tail -n 5 "$ROUTER_DIR/error.log" >&2; die "haproxy does not answer (is 127.0.0.1:$ROUTER_PORT taken?)"; }
}

haproxy_down() {
  local pid
  if pid=$(haproxy_pid); then
    stop_pid "$pid" "haproxy" 10
  fi
  rm -f "$HAPROXY_PID" "$HAPROXY_SOCK"
}
