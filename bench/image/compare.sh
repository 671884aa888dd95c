#!/usr/bin/env bash
# `palisade sbom` against Syft on the Debian test image as a docker-archive, and against the time
# palisade's own reader takes just to stream and decompress the layers (issue 5: ≥ 10× faster
# than Syft, within 1.5× of reading the layers). Medians of RUNS runs, peak RSS the largest seen.
# Usage: bench/image/compare.sh [IMAGE_DIR] [RUNS]   (syft 1.18.1 on PATH or $SYFT)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-${PALISADE_TEST_IMAGE:-target/test-image}}
runs=${2:-5}
archive="docker-archive:$dir/image.docker.tar"
syft=${SYFT:-syft}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target} SYFT_CHECK_FOR_APP_UPDATE=false
cargo build -q --release -p palisade -p palisade-image --example inventory
bin=$CARGO_TARGET_DIR/release
stats=$(mktemp)
trap 'rm -f "$stats"' EXIT

# measure NAME KEY CMD...: median seconds (kept in $t_KEY) and peak RSS over the runs.
measure() {
  local name=$1 key=$2; shift 2
  local times=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$stats" -f '%e %M' "$@" >/dev/null 2>&1
    out=$(tail -1 "$stats")
    times+=("${out% *}"); rss=${out#* }; [ "$rss" -gt "$peak" ] && peak=$rss
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-34s median %6.2f s   peak RSS %7.1f MB\n' "$name" "$median" "$(echo "$peak / 1024" | bc -l)"
  eval "t_$key=$median"
}
echo "image: $archive ($(du -h "$dir/image.docker.tar" | cut -f1)), $runs runs each"
measure "palisade: read the layers only" layers "$bin/examples/inventory" "$archive" none
measure "palisade sbom (cyclonedx-json)" sbom "$bin/palisade" sbom "$archive" --format cyclonedx-json
measure "syft scan (cyclonedx-json)" syft "$syft" scan "$archive" -q -o cyclonedx-json
printf 'palisade sbom / reading the layers: %.2f×   syft / palisade sbom: %.1f×\n' \
  "$(echo "$t_sbom / $t_layers" | bc -l)" "$(echo "$t_syft / $t_sbom" | bc -l)"
