#!/usr/bin/env bash
# Runs the container tests (builds, the app in chromium, the dev container) RUNS times in a
# row while other processes keep every core busy, and stops at the first failure. It shows
# that the tests wait on readiness signals, not on timings that only hold on an idle machine.
#
#   bash scripts/e2e-under-load.sh [RUNS] [PATTERN]
#     RUNS: default 3; PATTERN: the test files, default container-stack (for example
#     'kubernetes|generated-ci' for the replicas, failover and generated-CI tests).
#     Needs what scripts/test-all.sh installs.
set -euo pipefail
runs=${1:-3}
pattern=${2:-container-stack}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

npx projen compile >/dev/null
cores=$(nproc)
burners=()
for _ in $(seq "$cores"); do
  ( while :; do :; done ) &
  burners+=("$!")
done
trap 'kill "${burners[@]}" 2>/dev/null || true' EXIT

for run in $(seq "$runs"); do
  echo "==> run $run of $runs, with $cores busy-loop processes keeping all $cores cores busy"
  started=$(date +%s)
  npx jest --runInBand --coverage=false --testPathIgnorePatterns=/node_modules/ \
    --roots='<rootDir>/test/e2e' --testPathPatterns "$pattern"
  echo "==> run $run passed in $(( $(date +%s) - started )) s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "==> $runs of $runs runs passed under load"
