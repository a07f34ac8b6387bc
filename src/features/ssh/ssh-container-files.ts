// The files envctl puts into a container for ssh: the entrypoint wrapper, the sshd starter, a key-only sshd_config
// and the authorized keys — all root-owned under /etc/envctl/ssh, so sshd's StrictModes accepts them.
import type { TarEntry } from '../../engine/tar-entries.js';
import {
  SSH_AUTHORIZED_KEYS_DIR,
  SSH_DIR,
  SSH_ENTRYPOINT,
  SSH_HOSTKEYS_DIR,
  SSH_START_SCRIPT,
  SSHD_BINARIES,
  SSHD_CONFIG,
  SSH_PROFILE_SCRIPT,
  type SshConfig,
} from '../../fields/ssh/ssh-settings.js';
import { PROFILE_SCRIPT_TEXT, WRITE_SESSION_ENV } from './ssh-session-env.js';

/** Runs first at every container start (and so after `docker restart` and restart policies), then becomes the image's process. */
const ENTRYPOINT_SCRIPT = `#!/bin/sh
# envctl (ssh:): starts a key-only sshd, then runs the image's own entrypoint and command as this process.
# Written by envctl; replaced at the next recreate. Edit envctl.yaml, not this file.
# No sshd can be running yet at container start, so a pid file left from before a restart is stale.
rm -f /run/envctl-sshd.pid
${SSH_START_SCRIPT} || true
# Then who the container's own process runs as ('' = root) and whether to set HOME for that user (as the engine
# does for a container whose user is given and whose environment has no HOME): sshd needed root, the process may not.
run_as=$1
set_home=$2
shift 2
[ -z "$run_as" ] && exec "$@"
u=\${run_as%%:*}
case "$run_as" in *:*) g=\${run_as#*:} ;; *) g= ;; esac
line=$(awk -F: -v u="$u" '$1 == u || $3 == u { print; exit }' /etc/passwd 2>/dev/null)
[ -z "$g" ] && g=$(printf '%s' "$line" | cut -d: -f4)
[ -z "$g" ] && g=$u
if [ -n "$set_home" ]; then
  home=$(printf '%s' "$line" | cut -d: -f6)
  export HOME="\${home:-/}"
fi
# Supplementary groups from /etc/group when the user has a passwd entry, as the engine gives them.
if [ -n "$line" ]; then groups=--init-groups; else groups=--clear-groups; fi
exec setpriv --reuid="$u" --regid="$g" $groups -- "$@"
`;

/** `user`: who logs in (checked against a user-name pattern at normalize, so safe in single quotes). */
const startSshdScript = (user: string): string => `#!/bin/sh
# envctl (ssh:): starts the key-only sshd; run by ${SSH_ENTRYPOINT} at every start, and by envctl after it installs sshd.
sshd=
for c in ${SSHD_BINARIES.join(' ')}; do [ -x "$c" ] && { sshd=$c; break; }; done
if [ -z "$sshd" ]; then echo "envctl: no sshd in this container; ssh is not available" >&2; exit 0; fi
if [ -f /run/envctl-sshd.pid ] && kill -0 "$(cat /run/envctl-sshd.pid)" 2>/dev/null; then exit 0; fi
mkdir -p /run/sshd && chmod 0755 /run/sshd
key=${SSH_HOSTKEYS_DIR}/ssh_host_ed25519_key
if [ ! -s "$key" ]; then
  # First start with an empty host key volume: the key made now is kept for every later container of this environment.
  rm -f "$key" "$key.pub"
  ssh-keygen -q -t ed25519 -N '' -C envctl-host-key -f "$key" </dev/null || { echo "envctl: could not make an ssh host key" >&2; exit 0; }
fi
ssh_user='${user}'
${WRITE_SESSION_ENV}# sshd before 8.7 does not know KbdInteractiveAuthentication (ChallengeResponseAuthentication no says the same there);
# before 7.8 not SetEnv (login shells still get the environment from ${SSH_PROFILE_SCRIPT}).
for drop in '^KbdInteractiveAuthentication' '^SetEnv'; do
  "$sshd" -t -f "$cfg" >/dev/null 2>&1 && break
  ( umask 077; grep -v "$drop" "$cfg" >"$cfg.tmp" ) && mv -f "$cfg.tmp" "$cfg"
done
"$sshd" -f "$cfg" -E /run/envctl-sshd.log || echo "envctl: sshd did not start; see /run/envctl-sshd.log" >&2
`;

const SSHD_CONFIG_TEXT = `# Written by envctl for \`ssh:\` in envctl.yaml: keys only. Replaced at the next recreate.
Port 22
HostKey ${SSH_HOSTKEYS_DIR}/ssh_host_ed25519_key
PidFile /run/envctl-sshd.pid
AuthorizedKeysFile ${SSH_AUTHORIZED_KEYS_DIR}/%u
PubkeyAuthentication yes
PasswordAuthentication no
PermitEmptyPasswords no
KbdInteractiveAuthentication no
ChallengeResponseAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding yes
X11Forwarding no
PrintMotd no
Subsystem sftp internal-sftp
`;

/** What goes into the container at `/` (no entry for /etc itself, so the image's /etc keeps its owner and mode). */
export function sshFiles(ssh: SshConfig): TarEntry[] {
  const root = { uid: 0, gid: 0 };
  const rel = (p: string) => p.replace(/^\//, '');
  return [
    { path: rel('/etc/envctl'), type: 'dir', mode: 0o755, ...root },
    { path: rel(SSH_DIR), type: 'dir', mode: 0o755, ...root },
    { path: rel(SSH_ENTRYPOINT), type: 'file', mode: 0o755, ...root, content: ENTRYPOINT_SCRIPT },
    { path: rel(SSH_START_SCRIPT), type: 'file', mode: 0o755, ...root, content: startSshdScript(ssh.user) },
    { path: rel(SSHD_CONFIG), type: 'file', mode: 0o644, ...root, content: SSHD_CONFIG_TEXT },
    { path: rel(SSH_PROFILE_SCRIPT), type: 'file', mode: 0o644, ...root, content: PROFILE_SCRIPT_TEXT },
    { path: rel(SSH_AUTHORIZED_KEYS_DIR), type: 'dir', mode: 0o755, ...root },
    {
      path: rel(`${SSH_AUTHORIZED_KEYS_DIR}/${ssh.user}`),
      type: 'file',
      mode: 0o644,
      ...root,
      content: `${ssh.authorizedKeys.join('\n')}\n`,
    },
  ];
}
