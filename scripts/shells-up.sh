#!/usr/bin/env bash
# The shells the completion tests load envctl's scripts in (bash is there already): Debian's zsh and fish, installed
# with apt-get once per machine when missing.
set -euo pipefail

log() { printf 'shells-up: %s\n' "$*" >&2; }
# shellcheck source=apt-install-missing.sh
. "$(dirname "$0")/apt-install-missing.sh"

missing=()
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
apt_install_missing ${missing[@]+"${missing[@]}"}
