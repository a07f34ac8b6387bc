#!/usr/bin/env bash
# `npm run build`: type-check and emit with tsc (dist/, used by gen:schema and the bundle's validator generation),
# then bundle the CLI with esbuild (dist/bundle/, what bin/envctl.js runs). Like tsc alone, the output is written even
# when there are type errors, and the exit status still reports them.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx tsc -p tsconfig.json || status=$?
node scripts/build-bundle.mjs || status=$?
exit $status
