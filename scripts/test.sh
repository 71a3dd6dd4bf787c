#!/usr/bin/env bash
# The one test command (npm test): typecheck, unit tests in plain Node, then the e2e layers.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npx tsc -p . --noEmit
echo "== unit tests"; npx mocha
