#!/usr/bin/env bash
# Prints the folder that holds the cluster's other daemons for the cluster tests, unpacked from
# Debian's packages without installing them (etcd, containerd with runc and the CNI plugins),
# and the pause image built from the Kubernetes module's own source: `root/usr/bin/etcd`,
# `root/usr/bin/containerd`, `root/usr/sbin/runc`, `root/usr/lib/cni/*`, and `pause/rootfs.tar` (the pause image's only
# file, for `podman import`, whose `podman save` archive containerd's `ctr images import` takes).
# Cached per machine, outside the clone; the first run on a machine is reported on stderr.
#   root="$(bash scripts/cluster-packages.sh)"
# It needs apt-get (Debian's mirror), dpkg-deb, gcc and Go (for the module's pause.c).
set -euo pipefail
kubernetes=1.34.4
# Debian 12's versions, as its mirror serves them (a new point release moves them: update here)
packages=(etcd-server=3.4.23-4+b4 containerd=1.6.20~ds1-1+deb12u3 runc=1.1.5+ds1-1+deb12u1 containernetworking-plugins=1.1.1+ds1-3+b5)

# shellcheck source=machine-cache.sh source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/machine-cache.sh"
require_tools "the cluster tests need it to unpack Debian's packages and build the pause image" apt-get dpkg-deb gcc go tar
key="$(printf '%s\n' "${packages[@]}" "kubernetes=$kubernetes" | sha256sum | cut -c1-12)"
home="$cache/cluster-packages-$key"

if [ ! -f "$home/.installed" ]; then
  started=$(date +%s)
  echo "==> the cluster's daemons from Debian's packages and the pause image (once per machine) into $home" >&2
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  (cd "$scratch" && apt-get download -q "${packages[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
  for package in "${packages[@]}"; do
    deb=$(ls "$scratch"/"${package%%=*}"_*.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || { echo "apt-get download ${package} left no .deb: is Debian's mirror reachable, and is that version still served?" >&2; exit 1; }
    dpkg-deb -x "$deb" "$scratch/root"
  done
  # the pause container: the module's own pause.c, static, as the only file of an image
  source="$(cd "$scratch" && go mod download -json "k8s.io/kubernetes@v${kubernetes}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  mkdir -p "$scratch/pause/rootfs"
  gcc -Os -static -DVERSION="v${kubernetes}" -o "$scratch/pause/rootfs/pause" "$source/build/pause/linux/pause.c"
  tar -C "$scratch/pause/rootfs" -cf "$scratch/pause/rootfs.tar" pause
  # whole or not at all: a run killed midway leaves no folder that looks installed
  rm -rf "$home" "$home.partial" && mkdir -p "$home.partial"
  mv "$scratch/root" "$scratch/pause" "$home.partial/"
  touch "$home.partial/.installed"
  mv "$home.partial" "$home"
  echo "    done in $(( $(date +%s) - started )) s" >&2
fi
echo "$home"
