// The local image engine tests use: built by scripts/engine-up.sh, never pulled (no registry is reachable).
export const TEST_IMAGE = 'envctl/busybox:local';

/** A command for the test image that idles and exits at once on SIGTERM, so stops are fast. */
export const IDLE_COMMAND = ['sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 1 & wait $!; done'];
