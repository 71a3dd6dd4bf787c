#!/usr/bin/env bash
# Runs a command with the environment a plain shell would give it, minus what an outer
# `npm run` adds. Needed for nested installs that must see another Node than the one npm
# runs under: npm exports its settings as npm_config_* variables, and a nested npm reads them
# back as its own configuration. The one that breaks code-server is npm_config_user_agent
# ("npm/11 node/v20 …"): the nested npm keeps it, and code-server's postinstall reads the Node
# major version from it, so it sees v20 even when Node 24 runs the install. npm also puts
# node_modules/.bin and its node-gyp-bin first on PATH and sets NODE to its own node binary.
#
# The user's own settings (npm_config_cache, _registry, _proxy, …) are kept: only what npm
# derives for the running process, and the lifecycle variables, are dropped.
#
# Usage: npm-clean-env.sh [VAR=value …] COMMAND [ARG …]
# The VAR=value pairs are set after cleaning (e.g. PATH with Node 24 first, npm_config_nodedir).
set -euo pipefail

unset_args=()
while IFS= read -r name; do
  case "$name" in
    npm_config_user_agent|npm_config_npm_version|npm_config_node_gyp|npm_config_call) unset_args+=(-u "$name") ;;
    npm_config_local_prefix|npm_config_global_prefix|npm_config_prefix) unset_args+=(-u "$name") ;;
    npm_config_*) ;;
    npm_*|NODE|INIT_CWD) unset_args+=(-u "$name") ;;
  esac
done < <(compgen -e)

clean_path=""
IFS=':' read -r -a parts <<<"${PATH:-}"
for dir in "${parts[@]}"; do
  case "$dir" in
    ""|*/node_modules/.bin|*/node-gyp-bin|*/npm-lifecycle/node-gyp-bin) continue ;;
  esac
  clean_path="${clean_path:+$clean_path:}$dir"
done

exec env "${unset_args[@]}" PATH="$clean_path" "$@"
