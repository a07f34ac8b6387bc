#!/usr/bin/env bash
# The main job on a fresh machine: install envctl, bring up a Docker Engine if none, apply the quickstart, show status.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f package-lock.json ]; then npm ci --no-fund --no-audit; else npm install --no-fund --no-audit; fi
bash scripts/engine-up.sh
node bin/envctl.js -f examples/quickstart.yaml apply --yes
node bin/envctl.js -f examples/quickstart.yaml status
