#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what the tests need, then runs
# `npx projen test:all` (build with unit tests, lint, API.md and package, then the
# end-to-end tests: the real projen CLI, and the generated stack built and run with
# podman, Pipenv, Streamlit, chromium and the Dev Containers CLI).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Container engine, stand-in base image builder, browser, load balancer, shellcheck (for actionlint)
# and the Python the test tools run on, from Debian's packages;
# kubectl (Debian's kubernetes-client) for the k8s:* tasks' own tests, unless one is installed;
# for the live cluster (test/e2e/harness/cluster.ts): iptables, iproute2 and openssl, and gcc
# with libc6-dev for its static pause binary (its daemons come from scripts/kubernetes-binaries.sh
# and scripts/cluster-packages.sh, cached per machine).
system_packages=(podman buildah runc debootstrap chromium haproxy shellcheck python3 python3-venv git iptables iproute2 openssl gcc libc6-dev)
command -v kubectl >/dev/null || system_packages+=(kubernetes-client)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg-query --show --showformat='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "!!! missing ${missing[*]}: the container tests will be skipped (run as root on Debian to install them)" >&2
  fi
fi

# This package's own toolchain on a supported Node.js LTS (cached per machine, outside the clone)
PATH="$(bash scripts/node-lts.sh):$PATH"
export PATH
echo "==> Node.js $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund
npx projen test:all
