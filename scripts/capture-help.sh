#!/bin/bash
# Captures the real docker CLI's help output (offline, no daemon needed) as golden files for lib/cli help tests.
#   lib/cli/testdata/help/<path>.txt       `docker <path> --help` with stdin not a terminal (flag usages wrapped at 79)
#   lib/cli/testdata/help-wide/<path>.txt  the same under a 4000-column pseudo-terminal (no wrapping: the flag tables' source)
# Usage: scripts/capture-help.sh   (needs docker CLI 28.2.2 and script(1))
set -euo pipefail
cd "$(dirname "$0")/.."
dir=lib/cli/testdata/help
wide=lib/cli/testdata/help-wide
mkdir -p "$dir" "$wide"
export HOME=/root DOCKER_CONFIG= 
unset DOCKER_CONFIG DOCKER_HOST DOCKER_CONTEXT
docker --version | grep -q '^Docker version 28.2.2,' || { echo "need docker CLI 28.2.2" >&2; exit 1; }
grep -v '^#' "$dir/commands.txt" | while IFS= read -r path; do
  [ "$path" = "-" ] && path=""
  name=${path// /-}; name=${name:-docker}
  # shellcheck disable=SC2086
  docker $path --help </dev/null >"$dir/$name.txt" 2>/dev/null || true
  script -qec "stty cols 4000 rows 50; docker $path --help 2>/dev/null" /dev/null </dev/null 2>/dev/null | tr -d '\r' >"$wide/$name.txt" || true
done
echo "captured $(ls "$dir"/*.txt | wc -l) help files"
# A few pages at other terminal widths, under a pseudo-terminal (help/tty-<cols>-<path>.txt; the root page is bold there).
for cols in 60 120; do
  for path in "" "container run" "image ls" "build" "ps"; do
    name=${path// /-}; name=${name:-docker}
    script -qec "stty cols $cols rows 50; docker $path --help 2>/dev/null" /dev/null </dev/null 2>/dev/null | tr -d '\r' >"$dir/tty-$cols-$name.txt" || true
  done
done
