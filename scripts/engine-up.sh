#!/usr/bin/env bash
# Reuse a reachable Docker Engine or (as root on Debian) install and start one; then make the local images
# that examples and tests use (no registry is reachable, so nothing is pulled).
set -euo pipefail

log() { printf 'engine-up: %s\n' "$*" >&2; }
# shellcheck source=apt-install-missing.sh
. "$(dirname "$0")/apt-install-missing.sh"
STATE_DIR=${ENVCTL_ENGINE_DIR:-/var/lib/envctl-engine}
SOCK_WAIT=${ENVCTL_ENGINE_WAIT:-60}

engine_reachable() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
  apt_install_missing ${missing[@]+"${missing[@]}"}
}

# GPU support without a GPU: dockerd accepts --gpus when an executable named nvidia-container-runtime-hook is on
# its PATH at start, and `runtime: nvidia` works when daemon.json names a runtime nvidia (here pointing at runc).
prepare_gpu_standin() {
  mkdir -p "$STATE_DIR/bin"
  printf '#!/bin/sh\n# stand-in for the NVIDIA hook on machines without a GPU (tests only)\nexit 0\n' \
    >"$STATE_DIR/bin/nvidia-container-runtime-hook"
  chmod +x "$STATE_DIR/bin/nvidia-container-runtime-hook"
  mkdir -p /etc/docker
  if [ ! -s /etc/docker/daemon.json ]; then
    printf '{\n  "runtimes": { "nvidia": { "path": "runc" } }\n}\n' >/etc/docker/daemon.json
  elif ! grep -q '"nvidia"' /etc/docker/daemon.json; then
    log "/etc/docker/daemon.json exists without an nvidia runtime; leaving it as it is"
  fi
}

start_dockerd() {
  [ "$(id -u)" = 0 ] || { log "no engine reachable and not root: start Docker, or set DOCKER_HOST"; exit 1; }
  prepare_gpu_standin
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
  log "starting dockerd (log: $STATE_DIR/dockerd.log)"
  PATH="$STATE_DIR/bin:$PATH" nohup setsid dockerd >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 "$SOCK_WAIT"); do
    engine_reachable && return 0
    sleep 1
  done
  log "dockerd did not answer within ${SOCK_WAIT}s; last lines of its log:"
  tail -20 "$STATE_DIR/dockerd.log" >&2
  exit 1
}

# envctl/busybox:local — FROM scratch + static busybox; its default command idles and exits at once on SIGTERM,
# so stops are fast.
make_busybox_image() {
  local tag=envctl/busybox:local
  if docker image inspect "$tag" >/dev/null 2>&1; then return 0; fi
  local bb; bb=$(command -v busybox || true)
  [ -n "$bb" ] && file -L "$bb" 2>/dev/null | grep -q 'dynamically' && bb=""
  [ -x /bin/busybox ] && bb=/bin/busybox
  local root; root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/www" "$root/etc"
  cp "$bb" "$root/bin/busybox"
  for app in $("$root/bin/busybox" --list); do [ "$app" = busybox ] || ln -sf busybox "$root/bin/$app"; done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  echo '<h1>hello from envctl</h1>' >"$root/www/index.html"
  chmod 1777 "$root/tmp"
  log "building $tag"
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/bin' \
    --change 'CMD ["sh","-c","trap \"exit 0\" TERM INT; while :; do sleep 1 & wait $!; done"]' \
    - "$tag" >/dev/null
  rm -rf "$root"
}

ensure_packages
if engine_reachable; then
  log "reusing the engine at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
else
  start_dockerd
fi
make_busybox_image
log "ready: $(docker version --format 'Docker Engine {{.Server.Version}} (API {{.Server.APIVersion}})')"
