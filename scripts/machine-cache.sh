# shellcheck shell=bash disable=SC2034
# Sourced by the scripts that cache builds per machine, outside the clone (a fresh clone reuses them):
# sets `cache` and defines `require_tools WHY TOOL...`.
if [ "$(id -u)" = 0 ]; then cache=/var/cache/py-streamlit-devstack; else cache="${XDG_CACHE_HOME:-$HOME/.cache}/py-streamlit-devstack"; fi

# Stops with a message naming the first missing tool and what it is needed for.
require_tools() {
  local why="$1"
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed: $why" >&2; exit 1; }
  done
}
