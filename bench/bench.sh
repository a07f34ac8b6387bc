#!/usr/bin/env bash
# `npm run bench`: build envctl, reach an engine (scripts/engine-up.sh), install what envctl is compared with
# (bench/setup.sh), then run the benchmark; extra arguments go to bench/run-bench.mjs (e.g. --quick, --sizes 1,20).
set -euo pipefail
cd "$(dirname "$0")/.."
# Type errors (someone's work in progress) still produce a bundle; the bench measures what was built.
npm run build --silent || echo "bench: the build reported errors; benchmarking the bundle it produced" >&2
bash scripts/engine-up.sh
bash bench/setup.sh
exec node bench/run-bench.mjs "$@"
