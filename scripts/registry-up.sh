#!/usr/bin/env bash
# Reuse a local image registry on 127.0.0.1:5000 or (as root on Debian) install Debian's docker-registry and start it,
# for the tests of pull_policy (a real pull and a real push; no public registry is reachable). Loopback only.
set -euo pipefail

log() { printf 'registry-up: %s\n' "$*" >&2; }
# shellcheck source=apt-install-missing.sh
. "$(dirname "$0")/apt-install-missing.sh"
# shellcheck source=start-registry.sh
. "$(dirname "$0")/start-registry.sh"
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

start_registry "$ADDR" "$STATE_DIR" || exit 1
log "ready"
