// What envctl's ssh writes into a container's own layer: not the user's work, so it is neither drift nor a reason to
// protect the container from a recreate (src/plan/significant-changes.ts ignores these).
import { SSH_DIR, SSH_PROFILE_SCRIPT } from './ssh-settings.js';

/** Globs in the syntax of significant-changes (`/x/**` matches /x too). */
export const SSH_MANAGED_PATHS: readonly string[] = ['/etc/envctl/**', SSH_PROFILE_SCRIPT, '/run/sshd/**', '/run/envctl-sshd*'];

/**
 * Paths an `install: auto` run of the package manager changed, recorded right after the install in the container
 * itself (one per line), so they are told apart from what the user installs later.
 */
export const SSH_INSTALLED_PATHS_FILE = `${SSH_DIR}/installed-paths`;
