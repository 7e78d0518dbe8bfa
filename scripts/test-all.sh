#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what the tests need, then runs
# `npx projen test:all` (build with unit tests, lint, API.md and package, then the
# end-to-end tests through the real projen CLI).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

npm ci --no-audit --no-fund
npx projen test:all
