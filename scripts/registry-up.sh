#!/usr/bin/env bash
# Reuse a local image registry on 127.0.0.1:5000 or (as root on Debian) install Debian's docker-registry and start it,
# for the tests of pull_policy (a real pull and a real push; no public registry is reachable). Loopback only.
set -euo pipefail

log() { printf 'registry-up: %s\n' "$*" >&2; }
# shellcheck source=apt-install-missing.sh
. "$(dirname "$0")/apt-install-missing.sh"
STATE_DIR=${ENVCTL_ENGINE_DIR:-/var/lib/envctl-engine}
ADDR=127.0.0.1:5000

reachable() { curl -fsS -o /dev/null --max-time 2 "http://$ADDR/v2/"; }

if reachable; then
  log "reusing the registry at $ADDR"
  exit 0
fi
missing=()
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
apt_install_missing_unstarted ${missing[@]+"${missing[@]}"}
reachable && { log "the package started a registry at $ADDR"; exit 0; }

mkdir -p "$STATE_DIR/registry"
cat >"$STATE_DIR/registry.yml" <<YAML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $STATE_DIR/registry }
  delete: { enabled: true }
http: { addr: $ADDR }
YAML
log "starting docker-registry on $ADDR (log: $STATE_DIR/registry.log)"
nohup setsid docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 </dev/null &
for _ in $(seq 1 30); do
  reachable && { log "ready"; exit 0; }
  sleep 1
done
log "the registry did not answer within 30s; last lines of its log:"
tail -20 "$STATE_DIR/registry.log" >&2
exit 1
