#!/usr/bin/env bash
# Writes the Node.js, Python and Go SDKs of the acr-helm package from provider/schema.json into sdk/ (or into the
# directory given as the first argument), with acr-helm-gen; builds the generator first when needed.
#   npm run generate:sdk
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly OUT="${1:-sdk}"

bash scripts/setup-tools.sh sdk-gen >&2
.tools/bin/acr-helm-gen -schema provider/schema.json -out "${OUT}" -package kubernetes=.tools/schemas/kubernetes.json
