#!/usr/bin/env bash
# Everything `npm test` (no argument) or `npm run demo` (argument `demo`: only the tools the demo runs) need on a
# fresh machine: system tools, node modules, a build. Each step is skipped when its result is already present, so
# repeated runs cost seconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-}" in
  demo) bash scripts/setup-tools.sh demo ;;
  "") bash scripts/setup-tools.sh ;;
  *) echo "[prepare] error: unknown argument '$1'; use demo, or nothing for everything the tests need" >&2; exit 1 ;;
esac

# npm ci when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[prepare] installing node modules (npm ci)"
  npm ci --no-audit --no-fund
fi

echo "[prepare] compiling TypeScript into a clean dist/"
rm -rf dist
npx tsc -p tsconfig.json
