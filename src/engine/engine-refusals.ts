// Engine refusals that deserve their own sentence: no GPU support (no NVIDIA hook or runtime), a ulimit the host
// cannot grant. Used by engine-errors (any engine call) and by the GPU support check before apply.
import { EnvctlError } from '../errors/envctl-error.js';

const NO_GPU_MESSAGE = 'this engine has no NVIDIA GPU support: install nvidia-container-toolkit and restart Docker';
const NO_GPU_HINT =
  'on the GPU server: install nvidia-container-toolkit, run `nvidia-ctk runtime configure --runtime=docker` and restart ' +
  'Docker; on a machine without GPUs, remove `gpus` and `runtime: nvidia` from the spec';

/** `resources` ("env:alice") lead the message when known. */
export function noGpuRuntimeError(resources: string[], detail: string, cause?: unknown): EnvctlError {
  const who = resources.length > 0 ? `${resources.join(', ')}: ` : '';
  return new EnvctlError('no-gpu-runtime', `${who}${NO_GPU_MESSAGE} (${detail}); nothing was changed`, { hint: NO_GPU_HINT, cause });
}

/** The engine's words when a container asks for GPUs it cannot give (at start) or for a runtime nvidia it lacks. */
function isNoGpuMessage(message: string): boolean {
  return /could not select device driver|unknown or invalid runtime name: nvidia|unknown runtime specified nvidia/i.test(message);
}

/** Linux RLIMIT_* numbers, as runc reports them ("error setting rlimit type 8"). */
const RLIMIT_NAMES = ['cpu', 'fsize', 'data', 'stack', 'core', 'rss', 'nproc', 'nofile', 'memlock', 'as', 'locks', 'sigpending', 'msgqueue', 'nice', 'rtprio', 'rttime'];

/** null unless the message is runc refusing a ulimit; otherwise the ulimit's name (e.g. "memlock"). */
function refusedUlimit(message: string): string | null {
  const m = /error setting rlimit type (\d+)/i.exec(message);
  return m ? (RLIMIT_NAMES[Number(m[1])] ?? `type ${m[1]}`) : null;
}

/** The error for an engine message that is one of these refusals; null for any other message. */
export function refusalError(message: string, prefix: string, cause: unknown): EnvctlError | null {
  if (isNoGpuMessage(message)) {
    return new EnvctlError('no-gpu-runtime', `${prefix}${NO_GPU_MESSAGE} (${message})`, { hint: NO_GPU_HINT, cause });
  }
  const ulimit = refusedUlimit(message);
  if (ulimit !== null) {
    return new EnvctlError(
      'engine',
      `${prefix}the host does not let Docker grant ulimit \`${ulimit}\` (the engine said: operation not permitted)`,
      {
        hint: `lower ulimits.${ulimit} in the spec below the host's limit for dockerd (see \`cat /proc/$(pidof dockerd)/limits\`), or raise it (Limit${ulimit.toUpperCase()}= in dockerd's systemd unit)`,
        cause,
      },
    );
  }
  return null;
}
