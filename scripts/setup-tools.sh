#!/usr/bin/env bash
# Installs the tools the tests and the demo run against, reusing whatever is already present:
#   packages            Debian packages: docker-registry, skopeo, etcd-server, apache2-utils (htpasswd), git, openssl, gnupg
#   helm                Helm v3, built from its Go module, linked as .tools/bin/helm
#   helm4               Helm v4, built from its Go module, linked as .tools/bin/helm4
#   cosign              Sigstore's cosign, built from its Go module
#   fulcio              fulcio-loopback: Sigstore's Fulcio certificate authority on 127.0.0.1 only, built from
#                       scripts/fulcio-loopback over Fulcio's Go packages (the keyless signing test runs it)
#   timestamp-authority timestamp-server-loopback: Sigstore's RFC 3161 timestamp authority on 127.0.0.1 only, built
#                       from scripts/timestamp-server-loopback over its Go packages (the keyless test's signed timestamps)
#   kubernetes          kube-apiserver, kube-controller-manager and kube-scheduler, built from the Go module in
#                       scripts/kubernetes
#   kwok                KWOK (sigs.k8s.io/kwok): simulated nodes and pods for the local cluster, built from its Go module
#   pulumi              the Pulumi CLI with a Node.js language host and the dynamic-provider host script; an
#                       official `pulumi` on PATH is used instead when it has its Node.js language host beside it
#   kubernetes-provider the Pulumi Kubernetes provider plugin, registered in the tool cache's PULUMI_HOME
#   pulumi-yaml         the Pulumi YAML language host, built from its own Go module (it pins an older pulumi/pkg)
#   chart-corpus        the Go modules whose charts the Helm parity test reads (test/fixtures/chart-corpus/modules.tsv),
#                       downloaded into the Go module cache
#   example-gen         acr-helm-examples, which converts the reference examples from YAML to TypeScript, Python and Go
#                       (scripts/generate-examples.sh), built from scripts/example-gen
#   sdk-gen             acr-helm-gen, which writes the SDKs from provider/schema.json (scripts/generate-sdk.sh), built
#                       from scripts/pulumi-engine, and the Kubernetes provider's schema it resolves references with
#   notation-verify     notation-verify, which checks Notary Project signatures with the Notary Project's own Go library
#                       (notation-go), built from scripts/notation-verify
#   flux-source-controller
#                       Flux's source-controller, built from its Go module: its OCIRepository verifies our charts'
#                       signatures (test/e2e/flux-source-verification.test.ts)
#
# Built tools live outside the clone, in a cache keyed by version (default ~/.cache/pulumi-acr-helm, or
# $ACR_HELM_TOOLS_CACHE), so fresh clones and CI reuse them; .tools/bin in the clone holds links to them.
#
# Usage: scripts/setup-tools.sh [target ...]   (no argument = all targets; `demo` = all but TEST_ONLY_TARGETS)
# Non-interactive (safe with CI=true and no stdin). Installing packages needs root.
set -euo pipefail

readonly HELM_VERSION="v3.22.0"
readonly HELM4_VERSION="v4.3.1"
readonly COSIGN_VERSION="v3.1.3"
# The Fulcio and timestamp-authority releases scripts/fulcio-loopback and scripts/timestamp-server-loopback require.
readonly FULCIO_VERSION="v1.8.8"
# The newest release whose go.mod accepts Go 1.26 (v2.1.4 and later require Go 1.27).
readonly TIMESTAMP_AUTHORITY_VERSION="v2.1.3"
readonly KWOK_VERSION="v0.7.0"
# The newest release whose whole module graph the Go module proxy serves: v1.9.4 to v1.9.6 need
# github.com/fluxcd/pkg/artifact v0.18.2 or v0.18.3, and v1.10.x (Go 1.27) also github.com/fluxcd/pkg/apis/crypto,
# which the proxy answers with 403 "This module version is not available".
readonly FLUX_SOURCE_CONTROLLER_VERSION="v1.9.3"
readonly PULUMI_YAML_VERSION="v1.25.0"
readonly PULUMI_VERSION="v3.274.1"
readonly PULUMI_LDFLAGS="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PULUMI_VERSION}"
# Only this pseudo-version of the provider module is served by the Go module proxy.
readonly KUBERNETES_PROVIDER_MODULE="github.com/pulumi/pulumi-kubernetes/provider/v4"
readonly KUBERNETES_PROVIDER_MODULE_VERSION="v4.0.0-20260115033456-f47bc2d6f199"
# The provider's go.mod points its SDK at ../sdk, which the module zip lacks; this release stands in for it
# (the newest whose own requirements keep github.com/pulumi/pulumi at the provider's v3.215.0).
readonly KUBERNETES_SDK_VERSION="v4.25.0"
readonly APT_PACKAGES=(docker-registry skopeo etcd-server apache2-utils git openssl gnupg)
readonly ALL_TARGETS=(packages helm helm4 cosign fulcio timestamp-authority kubernetes kwok pulumi kubernetes-provider pulumi-yaml chart-corpus sdk-gen example-gen notation-verify flux-source-controller)
# Targets only the tests use; `npm run demo` (scripts/prepare.sh demo) builds every other one.
# test/structure/demoTools.test.ts fails when the demo's code starts running a tool one of these builds.
readonly TEST_ONLY_TARGETS=(helm helm4 cosign fulcio timestamp-authority chart-corpus sdk-gen example-gen notation-verify flux-source-controller)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_ROOT
readonly TOOLS_BIN="${REPO_ROOT}/.tools/bin"
readonly TOOLS_CACHE="${ACR_HELM_TOOLS_CACHE:-${XDG_CACHE_HOME:-${HOME}/.cache}/pulumi-acr-helm}"
readonly PULUMI_HOME_DIR="${TOOLS_CACHE}/pulumi-home"
readonly KUBE_MODULE_DIR="${REPO_ROOT}/scripts/kubernetes"
readonly ENGINE_MODULE_DIR="${REPO_ROOT}/scripts/pulumi-engine"
readonly EXAMPLE_GEN_MODULE_DIR="${REPO_ROOT}/scripts/example-gen"
readonly NOTATION_VERIFY_MODULE_DIR="${REPO_ROOT}/scripts/notation-verify"
readonly FULCIO_MODULE_DIR="${REPO_ROOT}/scripts/fulcio-loopback"
readonly TIMESTAMP_AUTHORITY_MODULE_DIR="${REPO_ROOT}/scripts/timestamp-server-loopback"

log() { printf '[setup-tools] %s\n' "$*"; }
fail() { printf '[setup-tools] error: %s\n' "$*" >&2; exit 1; }

seconds_since() { echo $(( $(date +%s) - $1 )); }

require_go() {
  command -v go >/dev/null 2>&1 || fail "'go' is not on PATH; install Go 1.26 or newer (https://go.dev/dl/)"
}

# Points .tools/bin/<name> at a binary in the cache.
link_tool() {
  local target="$1" name="${2:-$(basename "$1")}"
  ln -sfn "${target}" "${TOOLS_BIN}/${name}"
}

install_packages() {
  local missing=() pkg status
  for pkg in "${APT_PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "${pkg}" 2>/dev/null || true)"
    if [[ "${status}" == "install ok installed" ]]; then
      log "package ${pkg}: installed ($(dpkg-query -W -f='${Version}' "${pkg}")), skipping"
    else
      missing+=("${pkg}")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return
  fi
  [[ "$(id -u)" -eq 0 ]] || fail "packages missing (${missing[*]}); re-run as root to install them with apt-get"
  log "installing packages: ${missing[*]} (apt-get update first)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update </dev/null
  apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
}

# Builds a Go module's command <name> at a version into <cache>/<name>/<version>, once, and links it:
#   go_install_tool <name> <version> <package> <ldflags> <link name> [<arguments that print its version>...]
go_install_tool() {
  local name="$1" version="$2" package="$3" ldflags="$4" link="$5" dir start
  shift 5
  dir="${TOOLS_CACHE}/${name}/${version}"
  if [[ -x "${dir}/${name}" ]]; then
    log "${name} ${version}: present in ${dir}, skipping"
  else
    log "building ${name} ${version} (go install ${package}@${version})"
    start="$(date +%s)"
    rm -rf "${dir}.partial" && mkdir -p "${dir}.partial"
    GOBIN="${dir}.partial" go install -ldflags "${ldflags}" "${package}@${version}" </dev/null
    mv "${dir}.partial" "${dir}"
    log "${name} built in $(seconds_since "${start}")s${*:+: $("${dir}/${name}" "$@")}"
  fi
  link_tool "${dir}/${name}" "${link}"
}

# go_build_in_module <module dir> <ldflags> <output> <package>: <output> appears only once the build succeeded.
go_build_in_module() {
  local module_dir="$1" ldflags="$2" output="$3" package="$4"
  (cd "${module_dir}" && go build -mod=readonly -trimpath -ldflags "${ldflags}" -o "${output}.partial" "${package}" </dev/null)
  mv "${output}.partial" "${output}"
}

# Helm of one major: install_helm <version> <link name>. The version stamp is the one Helm's release builds
# carry; without it `helm version` reports only the major.minor.
install_helm() {
  local version="$1" link="$2" major
  major="${version%%.*}"
  go_install_tool helm "${version}" "helm.sh/helm/${major}/cmd/helm" \
    "-s -w -X helm.sh/helm/${major}/internal/version.version=${version}" "${link}" version --short
}

# Its own module graph: pulumi-yaml pins pulumi/pkg v3.206.0, whose plugin host API differs from the CLI's.
install_pulumi_yaml() {
  local official
  if [[ -z "${ACR_HELM_BUILD_PULUMI:-}" ]] && official="$(official_pulumi)" && [[ -x "$(dirname "${official}")/pulumi-language-yaml" ]]; then
    log "pulumi-language-yaml: using the one beside the official CLI in $(dirname "${official}")"
    link_tool "$(dirname "${official}")/pulumi-language-yaml"
    return
  fi
  go_install_tool pulumi-language-yaml "${PULUMI_YAML_VERSION}" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
    "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=${PULUMI_YAML_VERSION}" pulumi-language-yaml
  # Pulumi runs with ambient plugins ignored: it finds language hosts beside its own binary.
  local cli="${TOOLS_CACHE}/pulumi/${PULUMI_VERSION}"
  [[ -d "${cli}" ]] && ln -sfn "${TOOLS_CACHE}/pulumi-language-yaml/${PULUMI_YAML_VERSION}/pulumi-language-yaml" "${cli}/pulumi-language-yaml"
  return 0
}

install_cosign() {
  go_install_tool cosign "${COSIGN_VERSION}" github.com/sigstore/cosign/v3/cmd/cosign \
    "-s -w -X sigs.k8s.io/release-utils/version.gitVersion=${COSIGN_VERSION}" cosign
}

# A command of this repository over an upstream release, in a module of its own that requires that release:
#   install_loopback_server <name> <module dir> <upstream module> <version>
# Rebuilt whenever the module's sources change. Upstream's own servers open listeners on every interface (metrics);
# these build the same servers from its packages with every listener on 127.0.0.1.
install_loopback_server() {
  local name="$1" module_dir="$2" module="$3" version="$4" required sources dir start
  required="$(cd "${module_dir}" && go list -m -f '{{.Version}}' "${module}")"
  [[ "${required}" == "${version}" ]] ||
    fail "${module_dir}/go.mod requires ${module} ${required}, not ${version}; update one of them"
  sources="$(cd "${module_dir}" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)"
  dir="${TOOLS_CACHE}/${name}/${sources}"
  if [[ -x "${dir}/${name}" ]]; then
    log "${name} (${module} ${version}): up to date in ${dir}, skipping"
  else
    log "building ${name} from ${module_dir} over ${module} ${version}"
    start="$(date +%s)"
    mkdir -p "${dir}"
    go_build_in_module "${module_dir}" "-s -w" "${dir}/${name}" .
    log "${name} built in $(seconds_since "${start}")s"
  fi
  link_tool "${dir}/${name}"
}

install_fulcio() {
  install_loopback_server fulcio-loopback "${FULCIO_MODULE_DIR}" github.com/sigstore/fulcio "${FULCIO_VERSION}"
}

install_timestamp_authority() {
  install_loopback_server timestamp-server-loopback "${TIMESTAMP_AUTHORITY_MODULE_DIR}" \
    github.com/sigstore/timestamp-authority/v2 "${TIMESTAMP_AUTHORITY_VERSION}"
}

# Simulated nodes and pods for the local cluster: no kubelet, no container runtime, no images.
install_kwok() {
  go_install_tool kwok "${KWOK_VERSION}" sigs.k8s.io/kwok/cmd/kwok \
    "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}" kwok --version
}

# The parity test reads real charts straight from the Go module cache; nothing is copied into the repository.
install_chart_corpus() {
  local list="${REPO_ROOT}/test/fixtures/chart-corpus/modules.tsv" module version rest
  while IFS=$'\t' read -r module version rest; do
    [[ -z "${module}" || "${module}" == \#* ]] && continue
    if [[ -d "$(go env GOMODCACHE)/$(echo "${module}" | sed -E 's/([A-Z])/!\L\1/g')@${version}" ]]; then
      log "chart corpus ${module}@${version}: in the Go module cache, skipping"
    else
      log "chart corpus: go mod download ${module}@${version}"
      (cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download "${module}@${version}" </dev/null)
    fi
  done <"${list}"
}

kube_version() {
  awk '$1 == "require" && $2 == "k8s.io/kubernetes" { print $3 } $1 == "k8s.io/kubernetes" { print $2 }' \
    "${KUBE_MODULE_DIR}/go.mod" | head -n 1
}

# The /version endpoint (which Helm reads for kubeVersion checks) reports what these variables hold;
# without them a module build reports v0.0.0-master.
kube_ldflags() {
  local version="$1" minor
  minor="$(echo "${version}" | cut -d. -f2)"
  local pkg flags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X ${pkg}.gitVersion=${version} -X ${pkg}.gitMajor=1 -X ${pkg}.gitMinor=${minor}"
    flags+=" -X ${pkg}.gitTreeState=clean"
  done
  echo "-s -w ${flags# }"
}

install_kubernetes() {
  local version dir command start
  version="$(kube_version)"
  [[ -n "${version}" ]] || fail "cannot read the k8s.io/kubernetes version from ${KUBE_MODULE_DIR}/go.mod"
  dir="${TOOLS_CACHE}/kubernetes/${version}"
  mkdir -p "${dir}"
  for command in kube-apiserver kube-controller-manager kube-scheduler; do
    if [[ -x "${dir}/${command}" ]]; then
      log "${command} ${version}: present in ${dir}, skipping"
    else
      log "building ${command} ${version} from ${KUBE_MODULE_DIR} (several minutes on a cold Go cache)"
      start="$(date +%s)"
      go_build_in_module "${KUBE_MODULE_DIR}" "$(kube_ldflags "${version}")" "${dir}/${command}" "k8s.io/kubernetes/cmd/${command}"
      log "${command} built in $(seconds_since "${start}")s: $("${dir}/${command}" --version)"
    fi
    link_tool "${dir}/${command}"
  done
}

# An official Pulumi CLI on PATH, usable when its Node.js language host sits beside it.
official_pulumi() {
  local found
  found="$(command -v pulumi 2>/dev/null || true)"
  [[ -n "${found}" ]] || return 1
  found="$(readlink -f "${found}")"
  [[ "${found}" != "${TOOLS_CACHE}"/* && -x "$(dirname "${found}")/pulumi-language-nodejs" ]] || return 1
  echo "${found}"
}

install_pulumi() {
  local official
  if [[ -z "${ACR_HELM_BUILD_PULUMI:-}" ]] && official="$(official_pulumi)"; then
    log "pulumi: using the official CLI at ${official} ($("${official}" version))"
    link_tool "${official}" pulumi
    return
  fi
  local dir="${TOOLS_CACHE}/pulumi/${PULUMI_VERSION}" start
  mkdir -p "${dir}"
  if [[ -x "${dir}/pulumi" ]]; then
    log "pulumi ${PULUMI_VERSION}: present in ${dir}, skipping"
  else
    log "building the Pulumi CLI ${PULUMI_VERSION} from ${ENGINE_MODULE_DIR} (about 7 minutes and 2.3 GB of memory)"
    start="$(date +%s)"
    go_build_in_module "${ENGINE_MODULE_DIR}" "${PULUMI_LDFLAGS}" "${dir}/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    log "pulumi built in $(seconds_since "${start}")s: $("${dir}/pulumi" version)"
  fi
  install_language_host "${dir}"
  install_dynamic_provider_host "${dir}"
  link_tool "${dir}/pulumi"
}

# The language host is this repository's own code: rebuilt whenever its sources change.
install_language_host() {
  local dir="$1" stamp sources start
  sources="$(cd "${ENGINE_MODULE_DIR}" && cat go.mod go.sum cmd/pulumi-language-nodejs/*.go | sha256sum | cut -c1-16)"
  stamp="${dir}/pulumi-language-nodejs.sources"
  if [[ -x "${dir}/pulumi-language-nodejs" && "$(cat "${stamp}" 2>/dev/null)" == "${sources}" ]]; then
    log "pulumi-language-nodejs: up to date in ${dir}, skipping"
    return
  fi
  log "building pulumi-language-nodejs from ${ENGINE_MODULE_DIR}/cmd/pulumi-language-nodejs"
  start="$(date +%s)"
  go_build_in_module "${ENGINE_MODULE_DIR}" "${PULUMI_LDFLAGS}" "${dir}/pulumi-language-nodejs" ./cmd/pulumi-language-nodejs
  echo "${sources}" >"${stamp}"
  log "pulumi-language-nodejs built in $(seconds_since "${start}")s"
}

# The engine runs dynamic providers through this script, which @pulumi/pulumi's SDK module ships.
install_dynamic_provider_host() {
  local dir="$1" sdk_dir
  [[ -x "${dir}/pulumi-resource-pulumi-nodejs" ]] && return
  sdk_dir="$(cd "${ENGINE_MODULE_DIR}" && go mod download -json "github.com/pulumi/pulumi/sdk/v3@${PULUMI_VERSION}" |
    awk -F'"' '$2 == "Dir" { print $4 }')"
  [[ -f "${sdk_dir}/nodejs/dist/pulumi-resource-pulumi-nodejs" ]] ||
    fail "pulumi-resource-pulumi-nodejs not found in ${sdk_dir}/nodejs/dist"
  install -m 0755 "${sdk_dir}/nodejs/dist/pulumi-resource-pulumi-nodejs" "${dir}/pulumi-resource-pulumi-nodejs"
  log "pulumi-resource-pulumi-nodejs copied from ${sdk_dir}/nodejs/dist"
}

# Version of @pulumi/kubernetes in package-lock.json: the plugin version its SDK asks the engine for.
kubernetes_plugin_version() {
  node -e 'const lock = require(process.argv[1]); process.stdout.write(lock.packages["node_modules/@pulumi/kubernetes"].version)' \
    "${REPO_ROOT}/package-lock.json"
}

install_kubernetes_provider() {
  local version dir plugin_dir start
  version="$(kubernetes_plugin_version)"
  dir="${TOOLS_CACHE}/pulumi-kubernetes/${KUBERNETES_PROVIDER_MODULE_VERSION}-as-${version}"
  plugin_dir="${PULUMI_HOME_DIR}/plugins/resource-kubernetes-v${version}"
  if [[ -x "${dir}/pulumi-resource-kubernetes" ]]; then
    log "pulumi-resource-kubernetes ${version}: present in ${dir}, skipping the build"
  else
    log "building pulumi-resource-kubernetes from ${KUBERNETES_PROVIDER_MODULE}@${KUBERNETES_PROVIDER_MODULE_VERSION}" \
      "(about 7 minutes and 4.8 GB of memory)"
    start="$(date +%s)"
    build_kubernetes_provider "${version}" "${dir}"
    log "pulumi-resource-kubernetes built in $(seconds_since "${start}")s"
  fi
  if [[ ! -x "${plugin_dir}/pulumi-resource-kubernetes" ]]; then
    [[ -x "${TOOLS_BIN}/pulumi" ]] || install_pulumi
    PULUMI_HOME="${PULUMI_HOME_DIR}" PULUMI_SKIP_UPDATE_CHECK=true \
      "${TOOLS_BIN}/pulumi" plugin install resource kubernetes "v${version}" --file "${dir}/pulumi-resource-kubernetes" </dev/null
    log "registered kubernetes v${version} in ${PULUMI_HOME_DIR}"
  fi
}

# The module zip lacks the two embedded JSON files and the SDK folder its go.mod replaces; a writable copy gets
# both: the files from the module's own generate.go, the SDK from its published release.
build_kubernetes_provider() {
  local version="$1" dir="$2" module_dir src
  module_dir="$(cd "${ENGINE_MODULE_DIR}" && go mod download -json \
    "${KUBERNETES_PROVIDER_MODULE}@${KUBERNETES_PROVIDER_MODULE_VERSION}" | awk -F'"' '$2 == "Dir" { print $4 }')"
  src="$(mktemp -d)"
  cp -r "${module_dir}/." "${src}" && chmod -R u+w "${src}"
  rm -rf "${dir}.partial" && mkdir -p "${dir}.partial"
  (cd "${src}" &&
    go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4 \
      -require="github.com/pulumi/pulumi-kubernetes/sdk/v4@${KUBERNETES_SDK_VERSION}" &&
    (cd cmd/pulumi-resource-kubernetes && VERSION="${version}" GOFLAGS=-mod=mod go run generate.go </dev/null) &&
    GOFLAGS=-mod=mod go build -trimpath \
      -ldflags "-s -w -X ${KUBERNETES_PROVIDER_MODULE}/pkg/version.Version=${version}" \
      -o "${dir}.partial/pulumi-resource-kubernetes" ./cmd/pulumi-resource-kubernetes </dev/null)
  rm -rf "${src}"
  rm -rf "${dir}" && mv "${dir}.partial" "${dir}"
}

# The example converter is this repository's own code, in a module of its own (pulumi-yaml's converter needs the
# pulumi/pkg it pins): rebuilt whenever its sources change.
install_example_gen() {
  local sources dir start
  sources="$(cd "${EXAMPLE_GEN_MODULE_DIR}" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)"
  dir="${TOOLS_CACHE}/acr-helm-examples/${sources}"
  if [[ -x "${dir}/acr-helm-examples" ]]; then
    log "acr-helm-examples: up to date in ${dir}, skipping"
  else
    log "building acr-helm-examples from ${EXAMPLE_GEN_MODULE_DIR} (about a minute on a warm Go cache)"
    start="$(date +%s)"
    mkdir -p "${dir}"
    go_build_in_module "${EXAMPLE_GEN_MODULE_DIR}" "-s -w" "${dir}/acr-helm-examples" .
    log "acr-helm-examples built in $(seconds_since "${start}")s"
  fi
  link_tool "${dir}/acr-helm-examples"
}

# The Notation verifier is this repository's own code over notation-go: rebuilt whenever its sources change.
install_notation_verify() {
  local sources dir start
  sources="$(cd "${NOTATION_VERIFY_MODULE_DIR}" && cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)"
  dir="${TOOLS_CACHE}/notation-verify/${sources}"
  if [[ -x "${dir}/notation-verify" ]]; then
    log "notation-verify: up to date in ${dir}, skipping"
  else
    log "building notation-verify from ${NOTATION_VERIFY_MODULE_DIR}"
    start="$(date +%s)"
    mkdir -p "${dir}"
    go_build_in_module "${NOTATION_VERIFY_MODULE_DIR}" "-s -w" "${dir}/notation-verify" .
    log "notation-verify built in $(seconds_since "${start}")s"
  fi
  link_tool "${dir}/notation-verify"
}

# `go install module@version` refuses modules whose go.mod has replace directives, and this one points its API
# module at ./api, a nested module the zip leaves out: a writable copy builds against the published API module of
# the same version instead (its other replace, of go-digest, applies as usual in a main module).
install_flux_source_controller() {
  local version="${FLUX_SOURCE_CONTROLLER_VERSION}" name=flux-source-controller dir module_dir src start
  dir="${TOOLS_CACHE}/${name}/${version}"
  if [[ -x "${dir}/${name}" ]]; then
    log "${name} ${version}: present in ${dir}, skipping"
  else
    log "building ${name} ${version} from github.com/fluxcd/source-controller (about 4 minutes and 1.9 GB of memory)"
    start="$(date +%s)"
    module_dir="$(cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json \
      "github.com/fluxcd/source-controller@${version}" </dev/null | awk -F'"' '$2 == "Dir" { print $4 }')"
    [[ -f "${module_dir}/main.go" ]] || fail "github.com/fluxcd/source-controller@${version} has no main.go"
    src="$(mktemp -d)"
    cp -r "${module_dir}/." "${src}" && chmod -R u+w "${src}"
    rm -rf "${dir}.partial" && mkdir -p "${dir}.partial"
    (cd "${src}" &&
      go mod edit -dropreplace=github.com/fluxcd/source-controller/api \
        -require="github.com/fluxcd/source-controller/api@${version}" &&
      GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "${dir}.partial/${name}" . </dev/null)
    rm -rf "${src}"
    rm -rf "${dir}" && mv "${dir}.partial" "${dir}"
    log "${name} built in $(seconds_since "${start}")s"
  fi
  link_tool "${dir}/${name}"
}

# The SDK generator is this repository's own code: rebuilt whenever its sources change. The Kubernetes schema that
# provider/schema.json refers to is the one the provider plugin embeds: its module's cmd/pulumi-resource-kubernetes/
# schema.json (the plugin only stamps its version into it), read from the Go module cache, so no plugin has to run.
install_sdk_gen() {
  local sources dir start module_dir
  sources="$(cd "${ENGINE_MODULE_DIR}" && cat go.mod go.sum cmd/acr-helm-gen/*.go | sha256sum | cut -c1-16)"
  dir="${TOOLS_CACHE}/acr-helm-gen/${sources}"
  if [[ -x "${dir}/acr-helm-gen" ]]; then
    log "acr-helm-gen: up to date in ${dir}, skipping"
  else
    log "building acr-helm-gen from ${ENGINE_MODULE_DIR}/cmd/acr-helm-gen (about a minute on a warm Go cache)"
    start="$(date +%s)"
    mkdir -p "${dir}"
    go_build_in_module "${ENGINE_MODULE_DIR}" "-s -w" "${dir}/acr-helm-gen" ./cmd/acr-helm-gen
    log "acr-helm-gen built in $(seconds_since "${start}")s"
  fi
  link_tool "${dir}/acr-helm-gen"
  module_dir="$(cd "${ENGINE_MODULE_DIR}" && go mod download -json \
    "${KUBERNETES_PROVIDER_MODULE}@${KUBERNETES_PROVIDER_MODULE_VERSION}" | awk -F'"' '$2 == "Dir" { print $4 }')"
  [[ -f "${module_dir}/cmd/pulumi-resource-kubernetes/schema.json" ]] ||
    fail "schema.json not found in ${module_dir}/cmd/pulumi-resource-kubernetes"
  mkdir -p "${REPO_ROOT}/.tools/schemas"
  ln -sfn "${module_dir}/cmd/pulumi-resource-kubernetes/schema.json" "${REPO_ROOT}/.tools/schemas/kubernetes.json"
}

# ALL_TARGETS in order, without TEST_ONLY_TARGETS.
demo_targets() {
  local target
  for target in "${ALL_TARGETS[@]}"; do
    [[ " ${TEST_ONLY_TARGETS[*]} " == *" ${target} "* ]] || printf '%s\n' "${target}"
  done
}

main() {
  local targets=("$@")
  [[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")
  if [[ "${targets[*]}" == "demo" ]]; then
    mapfile -t targets < <(demo_targets)
    log "targets the demo needs: ${targets[*]}"
  fi
  mkdir -p "${TOOLS_BIN}" "${TOOLS_CACHE}" "${PULUMI_HOME_DIR}"
  ln -sfn "${PULUMI_HOME_DIR}" "${REPO_ROOT}/.tools/pulumi-home"
  local target
  for target in "${targets[@]}"; do
    case "${target}" in
      packages) install_packages ;;
      helm) require_go; install_helm "${HELM_VERSION}" helm ;;
      helm4) require_go; install_helm "${HELM4_VERSION}" helm4 ;;
      cosign) require_go; install_cosign ;;
      fulcio) require_go; install_fulcio ;;
      timestamp-authority) require_go; install_timestamp_authority ;;
      kubernetes) require_go; install_kubernetes ;;
      kwok) require_go; install_kwok ;;
      pulumi) require_go; install_pulumi ;;
      kubernetes-provider) require_go; install_kubernetes_provider ;;
      pulumi-yaml) require_go; install_pulumi_yaml ;;
      chart-corpus) require_go; install_chart_corpus ;;
      sdk-gen) require_go; install_sdk_gen ;;
      example-gen) require_go; install_example_gen ;;
      notation-verify) require_go; install_notation_verify ;;
      flux-source-controller) require_go; install_flux_source_controller ;;
      *) fail "unknown target '${target}'; use any of: ${ALL_TARGETS[*]}, or demo alone" ;;
    esac
  done
  log "done; tools linked in ${TOOLS_BIN}, built into ${TOOLS_CACHE}"
}

main "$@"
