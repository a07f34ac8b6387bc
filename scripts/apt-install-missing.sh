# Sourced by the setup scripts: `apt_install_missing PKG…` installs the given Debian packages with apt-get (as root),
# once, quietly; callers decide which are missing. Needs a `log` function.
# shellcheck shell=bash
apt_install_missing() {
  [ $# -gt 0 ] || return 0
  [ "$(id -u)" = 0 ] || { log "need root to install: $*"; exit 1; }
  log "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}

# `apt_install_missing_unstarted PKG…`: the same, but keeps the packages from starting their services at install
# (docker-registry would start a registry listening on every interface).
apt_install_missing_unstarted() {
  [ $# -gt 0 ] || return 0
  if [ -e /usr/sbin/policy-rc.d ]; then apt_install_missing "$@"; return; fi
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  local status=0
  (apt_install_missing "$@") || status=$?
  rm -f /usr/sbin/policy-rc.d
  return $status
}
