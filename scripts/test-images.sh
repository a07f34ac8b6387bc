#!/usr/bin/env bash
# Builds the local Debian images the ssh tests use (no registry is reachable, so nothing is pulled), each once per
# machine (cached by tag), and installs the ssh clients the tests drive:
#   envctl/debian-sshd:local    debootstrap minbase bookworm + openssh-server (sshd present in the image)
#   envctl/debian-nosshd:local  debootstrap minbase bookworm, without sshd (for `ssh.install: auto`)
set -euo pipefail

log() { printf 'test-images: %s\n' "$*" >&2; }
# shellcheck source=apt-install-missing.sh
. "$(dirname "$0")/apt-install-missing.sh"
MIRROR=${ENVCTL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
SSHD_TAG=envctl/debian-sshd:local
NOSSHD_TAG=envctl/debian-nosshd:local
CACHE=${ENVCTL_DEBOOTSTRAP_CACHE:-/var/cache/envctl-debootstrap}

ensure_packages() {
  local missing=()
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
  command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
  command -v sshpass >/dev/null 2>&1 || missing+=(sshpass)
  apt_install_missing ${missing[@]+"${missing[@]}"}
}

# debootstrap into a temp folder, then `docker import` it; the .deb cache is shared so the second image is quicker.
# The default command idles and exits at once on SIGTERM (a bare `sleep` as PID 1 would make every stop take 10s).
build_image() {
  local tag=$1 include=$2
  if docker image inspect "$tag" >/dev/null 2>&1; then return 0; fi
  [ "$(id -u)" = 0 ] || { log "need root to debootstrap $tag"; exit 1; }
  local root; root=$(mktemp -d /tmp/envctl-debootstrap.XXXXXX)
  mkdir -p "$CACHE"
  local started=$SECONDS
  log "building $tag with debootstrap (one time per machine)"
  local args=(--variant=minbase --cache-dir="$CACHE")
  [ -n "$include" ] && args+=(--include="$include")
  if ! debootstrap "${args[@]}" "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1; then
    log "debootstrap failed; last lines of $root.log:"
    tail -20 "$root.log" >&2
    rm -rf "$root"
    exit 1
  fi
  # apt lists are large and stale by the time the image runs; `install: auto` runs apt-get update anyway.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh","-c","trap \"exit 0\" TERM INT; while :; do sleep 1 & wait $!; done"]' \
    - "$tag" >/dev/null
  rm -rf "$root" "$root.log"
  log "built $tag in $((SECONDS - started))s"
}

ensure_packages
build_image "$SSHD_TAG" openssh-server
build_image "$NOSSHD_TAG" ""
log "ready: $SSHD_TAG, $NOSSHD_TAG"
