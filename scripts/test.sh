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

results=$(mktemp)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
node scripts/summarize-tests.mjs "$results" || status=1
rm -f "$results"
exit $status
