#!/usr/bin/env bash
# Generates a sample project from this checkout into DIR (build, npm pack, the real
# `projen new --from <tarball>`), then runs it: lock, install, test, and serve on
# http://localhost:8501 until Ctrl-C. --no-serve stops after the tests.
set -euo pipefail

usage="usage: bash scripts/sample.sh DIR [--no-serve]"
target=${1:?$usage}
serve=true
[ "${2:-}" = "--no-serve" ] && serve=false

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
projen_version=$(node -p "require('$root/package.json').devDependencies.projen")

if [ -e "$target" ] && [ -n "$(ls -A "$target")" ]; then
  echo "error: $target is not empty; give a new or empty folder." >&2
  exit 1
fi

echo "==> building and packing py-streamlit-devstack from $root"
cd "$root"
[ -d node_modules ] || npm ci --no-audit --no-fund
npx projen compile >/dev/null
mkdir -p .tmp
tarball="$root/.tmp/$(npm pack --silent --pack-destination .tmp | tail -n 1)"

echo "==> projen new --from $tarball"
mkdir -p "$target"
cd "$target"
# CI=true would make projen use `npm ci`, which needs a lock file a new project does not have.
env -u CI npx --yes "projen@$projen_version" new --from "$tarball"

if ! command -v pipenv >/dev/null; then
  pipenv_version=$(grep -o 'pipenv==[0-9][0-9.]*' Dockerfile | head -n 1)
  echo "==> Pipenv is not installed here: python3 -m pip install --user $pipenv_version"
  python3 -m pip install --quiet --user "$pipenv_version"
  export PATH="$(python3 -m site --user-base)/bin:$PATH"
fi

echo "==> npx projen lock / install / test"
npx projen lock
npx projen install
npx projen test

if $serve; then
  echo "==> npx projen dev (Ctrl-C to stop)"
  exec npx projen dev
fi
echo "==> done: $target"
