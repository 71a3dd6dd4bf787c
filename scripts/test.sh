#!/usr/bin/env bash
# The one test command (npm test): typecheck and unit tests in plain Node, then a production
# build, the .vsix, provisioning (cached) and the e2e layers in a real VS Code (code-server):
# mocha inside the extension host, Chromium driving the workbench, `npm start` itself, and the
# real Claude Code and Codex CLI as clients of the headless gateway.
# Runs every layer it can, fails if anything failed, and ends with the plain line
# "N passed, N failed" (tests of all layers; a failed non-test step counts as one failure).
# SWITCHBOARD_SKIP_E2E=1 stops after the unit tests and the mutation step, SWITCHBOARD_SKIP_MUTATION=1
# skips the mutation step (each says so; neither is used by CI);
# --e2e-only (npm run test:e2e) skips typecheck and unit tests.
set -uo pipefail
cd "$(dirname "$0")/.."
LOGS=out/test-logs
mkdir -p "$LOGS"
passed=0
failed=0
broken=()

# Adds the mocha-style "N passing / N failing" counts of a log to the totals.
count() {
  local p f
  p=$(grep -Eo '^ +[0-9]+ passing' "$1" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo '^ +[0-9]+ failing' "$1" | tail -1 | grep -Eo '[0-9]+' || true)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  [ -n "$p$f" ]
}

# step NAME KIND COMMAND...: KIND is "tests" (counted from its output) or "step".
step() {
  local name=$1 kind=$2 start rc
  shift 2
  start=$(date +%s)
  echo "== $name"
  "$@" 2>&1 | tee "$LOGS/$name.log"
  rc=${PIPESTATUS[0]}
  local had_counts=1
  if [ "$kind" = tests ]; then count "$LOGS/$name.log" || had_counts=0; fi
  if [ "$rc" -ne 0 ]; then
    broken+=("$name")
    # A layer that crashed before reporting, or a failed build step, still counts as a failure.
    if [ "$kind" = step ] || [ "$had_counts" = 0 ] || ! grep -Eq '^ +[1-9][0-9]* failing' "$LOGS/$name.log"; then failed=$((failed + 1)); fi
  fi
  echo "== $name: $([ "$rc" -eq 0 ] && echo ok || echo "FAILED (exit $rc)") in $(($(date +%s) - start))s"
  return "$rc"
}

E2E_ONLY=""
[ "${1:-}" = --e2e-only ] && E2E_ONLY=1

if [ -n "$E2E_ONLY" ]; then
  echo "== typecheck, lint, format, unit and mutation SKIPPED (--e2e-only)"
else
  step typecheck step npx tsc -p . --noEmit
  # The layer rules (eslint.config.mjs): a forbidden import between layers fails here.
  step lint step npx eslint --max-warnings 0 src test scripts tools
  # Formatting is Prettier's (.prettierrc.json), never a review topic: `npm run format` fixes it.
  step format step npm run --silent format:check
  step unit tests npm run --silent test:unit
  # Mutation testing of the core files this change touches (see scripts/mutation/run.sh): a score
  # below 90% fails.
  if [ "${SWITCHBOARD_SKIP_MUTATION:-}" = 1 ]; then
    echo "== mutation SKIPPED (SWITCHBOARD_SKIP_MUTATION=1)"
  else
    step mutation step bash scripts/mutation/run.sh --changed
  fi
fi

if [ "${SWITCHBOARD_SKIP_E2E:-}" = 1 ]; then
  echo "== e2e layers SKIPPED (SWITCHBOARD_SKIP_E2E=1)"
else
  e2e_start=$(date +%s)
  # Screenshots of an earlier run (its FAILED-* shots especially) would mislead whoever looks next.
  rm -rf artifacts/ui
  if step build step node esbuild.js --production &&
    step package step npx tsx scripts/e2e-package.ts &&
    step provision step bash scripts/provision.sh; then
    step exthost tests npx tsx scripts/e2e-guard.ts --label exthost --timeout-s "${SWITCHBOARD_EXTHOST_TIMEOUT_S:-240}" -- npx tsx scripts/e2e-exthost.ts
    # The UI layer includes the screenshot set (three themes, two widths): several minutes on a busy machine.
    step ui tests npx tsx scripts/e2e-guard.ts --label ui --timeout-s "${SWITCHBOARD_UI_TIMEOUT_S:-1200}" -- npx mocha --config test/e2e/ui/mocharc.json
    # The README's `npm start`, run as a user runs it, loaded in Chromium and stopped with Ctrl-C.
    step start tests npx tsx scripts/e2e-guard.ts --label start --timeout-s "${SWITCHBOARD_START_TIMEOUT_S:-300}" -- npx mocha --config test/e2e/start/mocharc.json
  else
    echo "== e2e layers not run: ${broken[*]} failed"
  fi
  # Real Claude Code and Codex CLI through the headless gateway. They need no build or editor,
  # only their own cached install (about 760 MB, so a step of its own: see provision.sh --clients).
  if step provision-clients step bash scripts/provision.sh --clients; then
    step clients tests npx tsx scripts/e2e-guard.ts --label clients --timeout-s "${SWITCHBOARD_CLIENTS_TIMEOUT_S:-600}" -- npx mocha --config test/e2e/clients/mocharc.json
  fi
  echo "== e2e part took $(($(date +%s) - e2e_start))s (screenshots and logs in artifacts/)"
fi

if ((${#broken[@]})); then echo "FAILED: ${broken[*]}"; fi
echo "$passed passed, $failed failed"
((${#broken[@]} == 0))
