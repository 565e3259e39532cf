#!/usr/bin/env bash
# Writes the Node.js, Python and Go SDKs of the acr-helm package from provider/schema.json into sdk/ (or into the
# directory given as the first argument), with acr-helm-gen; builds the generator first when needed.
#   npm run generate:sdk
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly OUT="${1:-sdk}"

bash scripts/setup-tools.sh sdk-gen >&2
.tools/bin/acr-helm-gen -schema provider/schema.json -out "${OUT}" -package kubernetes=.tools/schemas/kubernetes.json

# Pulumi's Node.js code generator adds a static `exists` to every custom resource, which calls
# `pulumi.runtime.existsResource`: that exists only in @pulumi/pulumi releases that need Node.js 22. The SDK depends
# on @pulumi/pulumi 3.248.0, the newest that runs on Node.js 20 (as this package does), so `exists` is left out.
for file in "${OUT}"/nodejs/*.ts; do
  perl -0pi -e 's/    \/\*\*\n     \* Check whether an existing \w+ resource with the given ID exists\.\n(?:     \*.*\n)*?     \*\/\n    public static exists\(.*\n.*\n    \}\n\n//g' "${file}"
done
if grep -rq "existsResource" "${OUT}/nodejs"; then
  echo "generate-sdk: pulumi.runtime.existsResource is still called in ${OUT}/nodejs; update the filter above" >&2
  exit 1
fi
