// Installs openssh-server with the image's own package manager (apt, apk, dnf, yum), output streamed as progress.

/**
 * One shell script for every distribution. On apt, a policy-rc.d keeps the package from starting Debian's own sshd
 * (password logins, /etc/ssh keys) — envctl starts its own, key-only one right after.
 */
export const INSTALL_SSHD_SCRIPT = `set -e
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\\nexit 101\\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update
  apt-get install -y --no-install-recommends openssh-server
elif command -v apk >/dev/null 2>&1; then
  apk add --no-cache openssh-server openssh-keygen
elif command -v dnf >/dev/null 2>&1; then
  dnf install -y openssh-server
elif command -v microdnf >/dev/null 2>&1; then
  microdnf install -y openssh-server
elif command -v yum >/dev/null 2>&1; then
  yum install -y openssh-server
else
  echo "envctl: no package manager found (apt-get, apk, dnf, microdnf, yum)" >&2
  exit 100
fi
`;

/** The exit code the script uses when the image has no package manager it knows. */
export const NO_PACKAGE_MANAGER = 100;
