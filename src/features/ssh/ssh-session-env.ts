// ssh sessions see the container's environment (the spec's `environment:` and the image's ENV, a conda PATH say), as
// `docker exec` does: sshd starts every session with a clean one, so the sshd starter hands it over at each start.
import { SSHD_CONFIG } from '../../fields/ssh/ssh-settings.js';

/** Where the starter writes the values: memory (/dev/shm) when it is a tmpfs, else /run; never the image or a label. */
const ENV_FILES = ['/dev/shm/envctl-ssh-session.env', '/run/envctl-sshd-session.env'];

export const PROFILE_SCRIPT_TEXT = `# envctl (ssh:): an ssh login shell gets the container's environment back, as \`docker exec\` has it.
# Written by envctl; replaced at the next recreate. The values are written at each container start, in memory.
if [ -n "$SSH_CONNECTION" ]; then
  for envctl_f in ${ENV_FILES.join(' ')}; do
    if [ -r "$envctl_f" ]; then . "$envctl_f"; break; fi
  done
  unset envctl_f
fi
`;

/** `\${` for the shell text below (a raw template cannot write it). */
const ESCAPED_EXPANSION = '\\${';

/**
 * Shell for the sshd starter (runs as root with the container's environment): writes the variables as `export` lines
 * for login shells, and `$cfg` — sshd's config plus one `SetEnv` line — for every session (commands, sftp, VS Code).
 * Left out: what sshd sets per session (HOME, USER, SHELL, TERM …), and values with a newline (SetEnv cannot hold
 * them). Reads `ssh_user` (who must be able to read the export file); sets `cfg` to the config sshd is to use.
 */
export const WRITE_SESSION_ENV = String.raw`shm=$(awk '$2 == "/dev/shm" && $3 == "tmpfs" { print "y"; exit }' /proc/mounts 2>/dev/null)
if [ -n "$shm" ] && [ -w /dev/shm ]; then envfile=${ENV_FILES[0]}; else envfile=${ENV_FILES[1]}; fi
rm -f ${ENV_FILES[0]} ${ENV_FILES[1]}
cfg=$(printf '%s' "$envfile" | sed 's/-session\.env$/-sshd_config/')
( umask 077; : >"$envfile.tmp"; : >"$cfg" )
setenv=
for n in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' | sort -u); do
  case $n in HOME|HOSTNAME|PWD|OLDPWD|SHLVL|_|USER|LOGNAME|SHELL|TERM|MAIL|SSH_*) continue ;; esac
  eval "[ \"${ESCAPED_EXPANSION}$n+set}\" = set ]" || continue
  eval "v=\$$n"
  case $v in *'
'*) continue ;; esac
  printf "export %s='%s'\n" "$n" "$(printf '%s' "$v" | sed "s/'/'\\\\''/g")" >>"$envfile.tmp"
  case $v in *'"'*|*'\'*) ;; *) setenv="$setenv \"$n=$v\"" ;; esac
done
chown "$ssh_user" "$envfile.tmp" 2>/dev/null
chmod 0400 "$envfile.tmp" && mv -f "$envfile.tmp" "$envfile"
{ cat ${SSHD_CONFIG}; [ -n "$setenv" ] && printf 'SetEnv%s\n' "$setenv"; } >"$cfg"
`;
