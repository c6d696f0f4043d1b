#!/usr/bin/env bash
# Installs, starts and stops the real services the integration tests use, on 127.0.0.1 only:
#   PostgreSQL 15, Redis 7, OpenStack Swift with its S3 API (+ memcached), and an OpenID provider (npm oidc-provider).
# It also installs what tests start themselves: Prometheus and promtool (the Ops tests), a container registry and umoci (the
# image test), and Prism (npm @stoplight/prism-cli: serves the trimmed OpenAPI definitions of the contract tests).
# Kafka needs no server: the tests start librdkafka's built-in mock cluster in-process.
#
#   bash eng/services.sh install   apt-get and npm (idempotent)
#   bash eng/services.sh start     install, then start what is not running (idempotent); writes $AIP_SERVICES_HOME/env.sh
#   bash eng/services.sh env       print the connection settings as shell exports
#   bash eng/services.sh status    show what runs
#   bash eng/services.sh stop      stop exactly what this script started (PID files only)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${AIP_SERVICES_HOME:-/tmp/aiplatform-services}"
PG_PORT="${AIP_PG_PORT:-55432}"
REDIS_PORT="${AIP_REDIS_PORT:-56379}"
MEMCACHED_PORT="${AIP_MEMCACHED_PORT:-51211}"
SWIFT_PORT="${AIP_SWIFT_PORT:-58081}"
OIDC_PORT="${AIP_OIDC_PORT:-58080}"

mkdir -p "$HOME_DIR"; chmod 755 "$HOME_DIR"
log() { printf '[services] %s\n' "$*"; }
alive() { [ -f "$1" ] && kill -0 "$(head -1 "$1")" 2>/dev/null; }
wait_for() { # wait_for <seconds> <command...>
  local end=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do [ "$(date +%s)" -ge "$end" ] && return 1; sleep 0.1; done
}
stop_pidfile() { # stop_pidfile <file> <name>
  local f="$1" pid
  [ -f "$f" ] || return 0
  pid="$(head -1 "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ] && break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != Z ]; then kill -9 "$pid" 2>/dev/null || true; fi
    log "$2 stopped"
  fi
  rm -f "$f"
}

install() {
  export DEBIAN_FRONTEND=noninteractive
  local pkgs="postgresql redis-server memcached curl swift swift-proxy swift-account swift-container swift-object
    prometheus docker-registry umoci"
  if ! dpkg -s $pkgs >/dev/null 2>&1; then
    log "installing $pkgs"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
  fi
  local oidc="$HOME_DIR/oidc-server"
  mkdir -p "$oidc"
  cp "$ROOT/eng/oidc-server/package.json" "$ROOT/eng/oidc-server/package-lock.json" "$ROOT/eng/oidc-server/server.mjs" "$oidc/"
  if ! cmp -s "$oidc/package-lock.json" "$oidc/node_modules/.installed-lock.json" 2>/dev/null; then
    (cd "$oidc" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$oidc/package-lock.json" "$oidc/node_modules/.installed-lock.json"
  fi
  local tools="$HOME_DIR/npm-tools"
  mkdir -p "$tools"
  cp "$ROOT/eng/npm-tools/package.json" "$ROOT/eng/npm-tools/package-lock.json" "$tools/"
  if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.installed-lock.json" 2>/dev/null; then
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$tools/package-lock.json" "$tools/node_modules/.installed-lock.json"
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

start_postgres() {
  local D="$HOME_DIR/pg" bin; bin="$(pg_bin)"
  if [ -f "$D/data/postmaster.pid" ] && kill -0 "$(head -1 "$D/data/postmaster.pid")" 2>/dev/null; then log "postgres already running"; return; fi
  mkdir -p "$D"; chown postgres:postgres "$D"
  [ -f "$D/data/PG_VERSION" ] || su postgres -c "$bin/initdb -D $D/data -U postgres --auth=trust -E UTF8 >$D/initdb.log 2>&1"
  su postgres -c "$bin/pg_ctl -D $D/data -l $D/pg.log -w -o '-p $PG_PORT -k $D -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200' start >/dev/null"
  log "postgres ready on 127.0.0.1:$PG_PORT"
}
stop_postgres() {
  local D="$HOME_DIR/pg" bin; bin="$(pg_bin)"
  if [ -f "$D/data/postmaster.pid" ]; then su postgres -c "$bin/pg_ctl -D $D/data -m fast -w stop >/dev/null" && log "postgres stopped"; fi
}

start_redis() {
  local D="$HOME_DIR/redis" f="$HOME_DIR/redis/redis.pid"; mkdir -p "$D"
  if alive "$f"; then log "redis already running"; return; fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$D" \
    --daemonize yes --pidfile "$f" --logfile "$D/redis.log"
  wait_for 20 sh -c "redis-cli -p $REDIS_PORT ping | grep -q PONG"
  log "redis ready on 127.0.0.1:$REDIS_PORT"
}

swift_config() {
  local S="$HOME_DIR/swift"
  [ -f "$S/etc/object.ring.gz" ] && return 0
  mkdir -p "$S/etc" "$S/srv/d1" "$S/run"
  printf '[swift-hash]\nswift_hash_path_suffix = aiplatform-test\nswift_hash_path_prefix = aiplatform-test\n[storage-policy:0]\nname = Policy-0\ndefault = yes\n' >"$S/etc/swift.conf"
  local spec n p
  for spec in account:56012 container:56011 object:56010; do
    n=${spec%%:*}; p=${spec##*:}
    cat >"$S/etc/$n-server.conf" <<CONF
[DEFAULT]
swift_dir = $S/etc
devices = $S/srv
mount_check = false
bind_ip = 127.0.0.1
bind_port = $p
workers = 0
user = root
disable_fallocate = true

[pipeline:main]
pipeline = $n-server

[app:$n-server]
use = egg:swift#$n
CONF
    swift-ring-builder "$S/etc/$n.builder" create 10 1 1 >/dev/null
    swift-ring-builder "$S/etc/$n.builder" add "r1z1-127.0.0.1:$p/d1" 100 >/dev/null
    swift-ring-builder "$S/etc/$n.builder" rebalance >/dev/null || true
  done
  cat >"$S/etc/proxy-server.conf" <<CONF
[DEFAULT]
swift_dir = $S/etc
bind_ip = 127.0.0.1
bind_port = $SWIFT_PORT
workers = 0
user = root

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl s3api tempauth copy slo dlo versioned_writes proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:s3api]
use = egg:swift#s3api
location = us-east-1
dns_compliant_bucket_names = false
s3_acl = false

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
CONF
}

start_swift() {
  local S="$HOME_DIR/swift" svc
  swift_config
  if ! alive "$S/run/memcached.pid"; then
    nohup memcached -u nobody -l 127.0.0.1 -p "$MEMCACHED_PORT" -m 64 </dev/null >"$S/run/memcached.log" 2>&1 &
    echo $! >"$S/run/memcached.pid"
  fi
  for svc in account container object proxy; do
    alive "$S/run/$svc.pid" && continue
    nohup "swift-$svc-server" "$S/etc/$svc-server.conf" </dev/null >"$S/run/$svc.log" 2>&1 &
    echo $! >"$S/run/$svc.pid"
  done
  wait_for 60 curl -sf "http://127.0.0.1:$SWIFT_PORT/healthcheck" || { tail -20 "$S/run/proxy.log"; return 1; }
  wait_for 30 bash -c "for p in 56010 56011 56012; do (exec 3<>/dev/tcp/127.0.0.1/\$p) 2>/dev/null || exit 1; done"
  log "swift s3 api ready on 127.0.0.1:$SWIFT_PORT"
}
stop_swift() {
  local S="$HOME_DIR/swift" svc
  for svc in proxy object container account memcached; do stop_pidfile "$S/run/$svc.pid" "swift-$svc"; done
}

start_oidc() {
  local D="$HOME_DIR/oidc" f="$HOME_DIR/oidc/pid"; mkdir -p "$D"
  if alive "$f"; then log "oidc provider already running"; return; fi
  (cd "$HOME_DIR/oidc-server" || exit 1
   OIDC_PORT="$OIDC_PORT" nohup node server.mjs </dev/null >"$D/server.log" 2>&1 &
   echo $! >"$f")
  wait_for 30 curl -sf "http://127.0.0.1:$OIDC_PORT/health" || { cat "$D/server.log"; return 1; }
  log "oidc provider ready, issuer http://127.0.0.1:$OIDC_PORT/realms/sdk-test"
}

env_out() {
  cat <<ENV
export AIP_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export AIP_REDIS="127.0.0.1:$REDIS_PORT"
export AIP_S3_ENDPOINT="127.0.0.1:$SWIFT_PORT" AIP_S3_ACCESS_KEY="test:tester" AIP_S3_SECRET_KEY="testing"
export AIP_PRISM="$HOME_DIR/npm-tools/node_modules/.bin/prism" SCARF_ANALYTICS=false
export AIP_PROMETHEUS="$(command -v prometheus)" AIP_PROMTOOL="$(command -v promtool)"
export AIP_OIDC_ISSUER="http://127.0.0.1:$OIDC_PORT/realms/sdk-test" AIP_OIDC_CLIENT_ID="sdk-client" AIP_OIDC_CLIENT_SECRET="sdk-secret" AIP_OIDC_AUDIENCE="sdk-api"
ENV
}

status() {
  local f
  for f in "$HOME_DIR"/redis/redis.pid "$HOME_DIR"/oidc/pid "$HOME_DIR"/swift/run/*.pid "$HOME_DIR"/pg/data/postmaster.pid; do
    [ -f "$f" ] || continue
    if kill -0 "$(head -1 "$f")" 2>/dev/null; then echo "up   $f"; else echo "down $f"; fi
  done
}

case "${1:-}" in
  install) install ;;
  start)
    install
    start_postgres; start_redis; start_swift; start_oidc
    env_out >"$HOME_DIR/env.sh"
    log "connection settings: source $HOME_DIR/env.sh" ;;
  stop)
    stop_pidfile "$HOME_DIR/oidc/pid" oidc
    stop_swift
    stop_pidfile "$HOME_DIR/redis/redis.pid" redis
    stop_postgres ;;
  env) env_out ;;
  status) status ;;
  *) echo "usage: $0 install|start|stop|env|status" >&2; exit 2 ;;
esac
