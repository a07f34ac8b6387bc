#!/usr/bin/env bash
# `npm run bench:swarm`: build envctl, bring up (or reuse) the Swarm testbed (scripts/swarm-up.sh, root), then run the
# Swarm bench; extra arguments go to bench/swarm-bench.mjs (e.g. --quick, --tools stack, --services 20).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent || echo "swarm-bench: the build reported errors; benchmarking the bundle it produced" >&2
bash scripts/swarm-up.sh >/dev/null
exec node bench/swarm-bench.mjs "$@"
