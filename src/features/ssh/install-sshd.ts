// Installs openssh-server with the image's own package manager (apt, apk, dnf, yum): one progress line per phase;
// the package manager's own output is kept for the error when it fails.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Lines the script prints to say which phase it is in; everything else is the package manager's. */
const PHASE_MARK = 'envctl-phase: ';

/**
 * One shell script for every distribution. On apt, a policy-rc.d keeps the package from starting Debian's own sshd
 * (password logins, /etc/ssh keys) — envctl starts its own, key-only one right after.
 */
export const INSTALL_SSHD_SCRIPT = `set -e
phase() { echo "${PHASE_MARK}$*"; }
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\\nexit 101\\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  phase apt-get update
  apt-get update
  phase apt-get install openssh-server
  apt-get install -y --no-install-recommends openssh-server
elif command -v apk >/dev/null 2>&1; then
  phase apk add openssh-server
  apk add --no-cache openssh-server openssh-keygen
elif command -v dnf >/dev/null 2>&1; then
  phase dnf install openssh-server
  dnf install -y openssh-server
elif command -v microdnf >/dev/null 2>&1; then
  phase microdnf install openssh-server
  microdnf install -y openssh-server
elif command -v yum >/dev/null 2>&1; then
  phase yum install openssh-server
  yum install -y openssh-server
else
  echo "envctl: no package manager found (apt-get, apk, dnf, microdnf, yum)" >&2
  exit 100
fi
`;

/** The exit code the script uses when the image has no package manager it knows. */
export const NO_PACKAGE_MANAGER = 100;

/** The install's output: phase lines become progress, the rest is kept (the last MAX_LINES) for a failure. */
export interface InstallLog {
  onLine(line: string): void;
  /** The kept output, one line each. */
  text(): string;
  /** The last `n` lines of the package manager's output. */
  tail(n: number): string[];
}

const MAX_LINES = 5000;

export function installLog(progress: (line: string) => void): InstallLog {
  const lines: string[] = [];
  return {
    onLine(line) {
      if (line.startsWith(PHASE_MARK)) progress(`installing openssh-server: ${line.slice(PHASE_MARK.length)}`);
      else lines.push(line);
      if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
    },
    text: () => `${lines.join('\n')}\n`,
    tail: (n) => lines.slice(-n),
  };
}

/** Writes the kept output next to envctl's other temp files; the path, for the error's hint (null if it cannot). */
export function saveInstallLog(log: InstallLog, containerName: string): string | null {
  const path = join(tmpdir(), `envctl-sshd-install-${containerName}.log`);
  try {
    writeFileSync(path, log.text(), { mode: 0o600 });
    return path;
  } catch {
    return null;
  }
}
