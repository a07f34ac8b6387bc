# Sourced by the setup scripts: `apt_install_missing PKG…` installs the given Debian packages with apt-get (as root),
# once, quietly; callers decide which are missing. Needs a `log` function.
apt_install_missing() {
  [ $# -gt 0 ] || return 0
  [ "$(id -u)" = 0 ] || { log "need root to install: $*"; exit 1; }
  log "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}
