#!/usr/bin/env bash
# The full test suite on a fresh machine: install, build, bring up a Docker Engine (reused if reachable),
# run unit tests and real-engine tests, and print one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f package-lock.json ]; then npm ci --no-fund --no-audit; else npm install --no-fund --no-audit; fi
npm run build
# Tests are type-checked too (expectTypeOf checks run), and the import rules between layers hold (docs/ARCHITECTURE.md).
npm run check
bash scripts/engine-up.sh
# Debian images with and without sshd, and the OpenSSH clients, for the ssh tests (built once per machine).
bash scripts/test-images.sh
# A real three-node Docker Swarm (each node a dockerd in its own network namespace) and a registry its nodes pull
# from, for the Swarm tests: reused when healthy, repaired when half-dead (scripts/swarm-down.sh removes it).
bash scripts/swarm-up.sh
# zsh and fish, for the shell-completion tests (bash is there already).
bash scripts/shells-up.sh

status=0
if [ $# -gt 0 ]; then
  # Files or options given (`npm test -- test/engine/gpu.test.ts`): one run of what was asked.
  results=$(mktemp)
  npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
  node scripts/summarize-tests.mjs "$results" || status=1
  rm -f "$results"
  exit $status
fi

# The whole suite in two lanes side by side, each one file at a time (vitest.config.ts): the Swarm tests on the
# testbed's own dockerds, and the rest on the shared engine. They share no engine, GPU or port (host ports come from
# test/support/free-port.ts's locks), and most of their time is spent waiting on the engines. The Swarm lane's output
# is kept aside and shown after the other's, so neither is interleaved.
main_results=$(mktemp); swarm_results=$(mktemp); swarm_log=$(mktemp)
trap 'rm -f "$main_results" "$swarm_results" "$swarm_log"' EXIT
npx vitest run --project swarm --reporter=default --reporter=json --outputFile.json="$swarm_results" >"$swarm_log" 2>&1 &
swarm_pid=$!
npx vitest run --project main --reporter=default --reporter=json --outputFile.json="$main_results" || status=$?
swarm_status=0
wait "$swarm_pid" || swarm_status=$?
echo; echo "── the Swarm lane (ran beside the above) ──"
cat "$swarm_log"
[ "$swarm_status" -eq 0 ] || status=$swarm_status
node scripts/summarize-tests.mjs "$main_results" "$swarm_results" || status=1
exit $status
