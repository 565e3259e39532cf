#!/usr/bin/env bash
# Installs the tools the integration and end-to-end tests run against, reusing whatever is already
# present at the pinned version:
#   - Debian packages: docker-registry, skopeo, etcd-server, apache2-utils (htpasswd), git, openssl
#   - Helm v3, built from its Go module into .tools/bin/helm
#   - kube-apiserver, built from the Go module in scripts/kube-apiserver into .tools/bin/kube-apiserver
#
# Usage: scripts/setup-tools.sh [packages] [helm] [kube-apiserver]   (no argument = all three)
# Non-interactive (safe with CI=true and no stdin). Installing packages needs root.
set -euo pipefail

readonly HELM_VERSION="v3.22.0"
readonly APT_PACKAGES=(docker-registry skopeo etcd-server apache2-utils git openssl)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_ROOT
readonly TOOLS_BIN="${REPO_ROOT}/.tools/bin"
readonly KUBE_MODULE_DIR="${REPO_ROOT}/scripts/kube-apiserver"

log() { printf '[setup-tools] %s\n' "$*"; }
fail() { printf '[setup-tools] error: %s\n' "$*" >&2; exit 1; }

seconds_since() { echo $(( $(date +%s) - $1 )); }

require_go() {
  command -v go >/dev/null 2>&1 || fail "'go' is not on PATH; install Go 1.26 or newer (https://go.dev/dl/)"
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

# Version of the main module a Go binary was built from, e.g. "v3.22.0" (empty if unreadable).
go_binary_module_version() {
  local binary="$1" module="$2"
  go version -m "${binary}" 2>/dev/null | awk -v m="${module}" '$1 == "mod" && $2 == m { print $3 }'
}

install_helm() {
  local binary="${TOOLS_BIN}/helm" found start
  if [[ -x "${binary}" ]]; then
    found="$(go_binary_module_version "${binary}" helm.sh/helm/v3)"
    if [[ "${found}" == "${HELM_VERSION}" ]]; then
      log "helm ${HELM_VERSION}: present at ${binary}, skipping"
      return
    fi
    log "helm at ${binary} is '${found:-unknown}', want ${HELM_VERSION}: rebuilding"
  fi
  log "building helm ${HELM_VERSION} (go install helm.sh/helm/v3/cmd/helm@${HELM_VERSION})"
  start="$(date +%s)"
  # Same version stamp as Helm's release builds; without it `helm version` reports only "v3.22".
  GOBIN="${TOOLS_BIN}" go install -ldflags "-X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}" \
    "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}" </dev/null
  log "helm built in $(seconds_since "${start}")s: $("${binary}" version --short)"
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
  echo "${flags# }"
}

install_kube_apiserver() {
  local binary="${TOOLS_BIN}/kube-apiserver" version found start
  version="$(kube_version)"
  [[ -n "${version}" ]] || fail "cannot read the k8s.io/kubernetes version from ${KUBE_MODULE_DIR}/go.mod"
  if [[ -x "${binary}" ]]; then
    found="$("${binary}" --version 2>/dev/null | awk '{ print $2 }' || true)"
    if [[ "${found}" == "${version}" ]]; then
      log "kube-apiserver ${version}: present at ${binary}, skipping"
      return
    fi
    log "kube-apiserver at ${binary} is '${found:-unknown}', want ${version}: rebuilding"
  fi
  log "building kube-apiserver ${version} from ${KUBE_MODULE_DIR} (takes several minutes on a cold cache)"
  start="$(date +%s)"
  (cd "${KUBE_MODULE_DIR}" &&
    go build -mod=readonly -ldflags "$(kube_ldflags "${version}")" -o "${binary}" \
      k8s.io/kubernetes/cmd/kube-apiserver </dev/null)
  log "kube-apiserver built in $(seconds_since "${start}")s: $("${binary}" --version)"
}

main() {
  local targets=("$@")
  [[ ${#targets[@]} -gt 0 ]] || targets=(packages helm kube-apiserver)
  mkdir -p "${TOOLS_BIN}"
  local target
  for target in "${targets[@]}"; do
    case "${target}" in
      packages) install_packages ;;
      helm) require_go; install_helm ;;
      kube-apiserver) require_go; install_kube_apiserver ;;
      *) fail "unknown target '${target}'; use any of: packages helm kube-apiserver" ;;
    esac
  done
  log "done; tools in ${TOOLS_BIN}"
}

main "$@"
