#!/usr/bin/env bash
# Converts each reference example, written once in Pulumi YAML (examples/reference/<Name>.yaml), into TypeScript,
# Python and Go with Pulumi's own converters, as `pulumi convert --from yaml` does: pulumi-yaml's converter to PCL
# (acr-helm-examples), then the program generators of the CLI's pulumi/pkg (acr-helm-gen -programs). Writes
# examples/reference/<Name>/ (or under the directory given as the first argument); builds both tools when needed.
#   npm run generate:examples
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly OUT="${1:-examples/reference}"

bash scripts/setup-tools.sh example-gen sdk-gen >&2
stage="$(mktemp -d)"
trap 'rm -rf "${stage}"' EXIT
.tools/bin/acr-helm-examples -schema provider/schema.json -package kubernetes=.tools/schemas/kubernetes.json \
  -in examples/reference -out "${stage}/pcl" >&2
.tools/bin/acr-helm-gen -schema provider/schema.json -package kubernetes=.tools/schemas/kubernetes.json \
  -programs "${stage}/pcl" -out "${stage}/programs" >&2
mkdir -p "${OUT}"
for converted in "${stage}"/programs/*/; do
  name="$(basename "${converted}")"
  rm -rf "${OUT:?}/${name}"
  cp -r "${converted}" "${OUT}/${name}"
done
