#!/usr/bin/env bash
# Reading the layers alone (no catalogers) against reading them with catalogers, on the Debian
# test image as a docker-archive (issue 5: the full inventory within 1.5× of decompression).
# Usage: bench/image/decompress-vs-inventory.sh [IMAGE_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-${PALISADE_TEST_IMAGE:-target/test-image}}
runs=${2:-5}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q --release -p palisade-image --example inventory
bin=$CARGO_TARGET_DIR/release/examples/inventory
for form in "docker-archive:$dir/image.docker.tar" "oci:$dir/oci:debian-test"; do
  for mode in none all; do
    best=
    for _ in $(seq "$runs"); do
      s=$(date +%s.%N); "$bin" "$form" "$mode" >/dev/null; e=$(date +%s.%N)
      t=$(echo "$e - $s" | bc); if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    printf '%-60s %-5s best of %s: %.3f s\n' "$form" "$mode" "$runs" "$best"
  done
done
