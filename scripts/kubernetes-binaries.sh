#!/usr/bin/env bash
# Prints the folder of the Kubernetes binaries the cluster tests run (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet, kube-proxy and a kubectl of the same
# version), building them first from the Go module proxy when this machine has not got them:
# about 16 minutes on 2 cores with a cold Go cache, reported on stderr. They are cached per
# machine, outside the clone, so a fresh clone reuses them.
#   bin="$(bash scripts/kubernetes-binaries.sh)"
# `go install k8s.io/kubernetes/cmd/...@vX` is refused (the module replaces its staging
# modules with local folders), so a module of our own requires k8s.io/kubernetes and replaces
# each staging module with its published version (k8s.io/api v0.34.4 for v1.34.4, ...).
set -euo pipefail
version=1.34.4
components=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

# shellcheck source=machine-cache.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/machine-cache.sh"
require_tools "Go builds the Kubernetes binaries (https://go.dev/dl/; Debian: apt-get install golang)" go
home="$cache/kubernetes-v${version}-$(go env GOOS)-$(go env GOARCH)"

if [ ! -f "$home/.installed" ]; then
  started=$(date +%s)
  echo "==> Kubernetes v${version} from the Go module proxy (once per machine) into $home" >&2
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  cd "$scratch"
  go mod init devstack-kubernetes-build >/dev/null 2>&1
  go mod download "k8s.io/kubernetes@v${version}"
  modfile="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/v${version}.mod"
  # the staging modules: `k8s.io/X => ./staging/src/k8s.io/X` in the kubernetes module's replace block
  mapfile -t staging < <(grep -oE 'k8s\.io/[A-Za-z0-9._-]+ => \./staging/' "$modfile" | cut -d' ' -f1 | sort -u)
  [ "${#staging[@]}" -gt 0 ] || { echo "no staging modules found in $modfile" >&2; exit 1; }
  go mod edit -require="k8s.io/kubernetes@v${version}"
  for module in "${staging[@]}"; do go mod edit -replace="${module}=${module}@v0.${version#*.}"; done
  rm -rf "$home" && mkdir -p "$home/bin"
  for component in "${components[@]}"; do
    component_started=$(date +%s)
    CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
      -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v${version}" \
      -o "$home/bin/$component" "k8s.io/kubernetes/cmd/$component"
    echo "    $component: $(( $(date +%s) - component_started )) s" >&2
  done
  "$home/bin/kubectl" version --client >/dev/null
  touch "$home/.installed"
  echo "==> Kubernetes v${version} built in $(( $(date +%s) - started )) s (${#staging[@]} staging modules replaced)" >&2
fi
echo "$home/bin"
