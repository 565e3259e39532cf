#!/usr/bin/env bash
# Everything `npm test` and `npm run demo` need on a fresh machine: system tools, node modules, a build.
# Each step is skipped when its result is already present, so repeated runs cost seconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup-tools.sh

# npm ci when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[prepare] installing node modules (npm ci)"
  npm ci --no-audit --no-fund
fi

echo "[prepare] compiling TypeScript into a clean dist/"
rm -rf dist
npx tsc -p tsconfig.json
