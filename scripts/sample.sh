#!/usr/bin/env bash
# Generates a sample project from this checkout into DIR (build, npm pack, the real
# `projen new --from <tarball>`), then runs it on this machine: lock (and commit the
# lock), install, test, and serve on http://localhost:8501 until Ctrl-C. --no-serve
# stops after the tests. The sample uses this machine's Python, so Pipenv can lock and
# install it here; a project made with plain `projen new` gets the newest default.
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

host_python=$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
echo "==> projen new --from $tarball --python-version $host_python (this machine's Python)"
mkdir -p "$target"
cd "$target"
# CI=true would make projen use `npm ci`, which needs a lock file a new project does not have.
env -u CI npx --yes "projen@$projen_version" new --from "$tarball" --python-version "$host_python"

# Pipenv locks, uv installs what it locked: the versions the generated Dockerfile pins
path_hint=""
for tool in pipenv uv; do
  command -v "$tool" >/dev/null && continue
  # the version the install task's preflight checks for (the Dockerfile's and CI's too)
  version=$(node -p "Object.values(require('./.projen/tasks.json').tasks).flatMap((task) => task.steps ?? []).map((step) => step.execArgs ?? []).find((args) => args[0] === 'devstack-preflight' && args[1] === 'tool' && args[2] === process.argv[1])[3]" "$tool")
  pin="$tool==$version"
  user_bin="$(python3 -m site --user-base)/bin"
  if [ ! -x "$user_bin/$tool" ]; then
    echo "==> $tool is not installed here: python3 -m pip install --user $pin"
    python3 -m pip install --quiet --user "$pin"
  fi
  # pip --user puts them in $user_bin, which a new shell often does not have on its PATH
  case ":$PATH:" in *":$user_bin:"*) ;; *) export PATH="$user_bin:$PATH" ;; esac
  path_hint="Pipenv and uv are in $user_bin, which is not on your PATH: in a new shell, run  export PATH=\"$user_bin:\$PATH\"  (add that line to ~/.bashrc or ~/.profile to keep it) before npx projen dev/test/lock/install."
done

echo "==> npx projen lock / install / test"
npx projen lock
if git rev-parse --verify --quiet HEAD >/dev/null; then
  git add Pipfile.lock
  git commit --quiet -m "chore: lock Python dependencies (Pipfile.lock)"
  echo "==> committed Pipfile.lock"
else
  echo "!!! projen new made no git commit here (is git's user.name/user.email set?): commit Pipfile.lock yourself." >&2
fi
npx projen install
npx projen test
[ -z "$path_hint" ] || echo "==> $path_hint"

if $serve; then
  echo "==> npx projen dev (Ctrl-C to stop)"
  exec npx projen dev
fi
echo "==> done: $target"
