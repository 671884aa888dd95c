#!/usr/bin/env bash
# Builds palisade's Debian test image for the image tests, cached in OUTDIR:
#   layer 1: debootstrap --variant=minbase bookworm (a real dpkg database, ~88 packages)
#   layer 2: /app — the lockfiles of crates/palisade-image/tests/data/app, a Go binary (Debian's
#            golang-go, a module with a local `replace`d dependency, GOPROXY=off) in /app/bin/gohello,
#            and a Rust binary built with `cargo auditable build` in /app/bin/rusthello
# then an OCI layout (OUTDIR/oci:debian-test), a docker-archive (OUTDIR/image.docker.tar) and an
# oci-archive (OUTDIR/image.oci.tar), and with REGISTRY_PORT a push to 127.0.0.1:PORT/debian-test:1.
# The image build itself is $PALISADE_TOOLS/test-image.sh (default ../shared/tools).
# Usage: scripts/test-image.sh OUTDIR [REGISTRY_PORT]
# PALISADE_TEST_ROOTFS=DIR seeds the rootfs from an existing debootstrap instead of the network.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:?usage: test-image.sh OUTDIR [REGISTRY_PORT]}")
port=${2:-}
tools=${PALISADE_TOOLS:-$here/../shared/tools}
data=$here/crates/palisade-image/tests/data
[ -f "$tools/test-image.sh" ] || { echo "test-image: $tools/test-image.sh not found; set PALISADE_TOOLS" >&2; exit 1; }
mkdir -p "$out"

# Same inputs, same image: skip the rebuild (the push still happens when asked).
stamp=$( (cd "$data" && find app src -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum "$tools/test-image.sh" | cut -d' ' -f1; go version; cargo auditable --version 2>/dev/null || true) | sha256sum | cut -d' ' -f1)
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] && [ -f "$out/image.docker.tar" ] && [ -f "$out/image.oci.tar" ] && [ -f "$out/oci/index.json" ]; then
  echo "test image: cached in $out"
  if [ -n "$port" ]; then
    skopeo copy -q --dest-tls-verify=false "oci:$out/oci:debian-test" "docker://127.0.0.1:$port/debian-test:1"
  fi
  exit 0
fi

if [ ! -f "$out/rootfs/var/lib/dpkg/status" ] && [ -n "${PALISADE_TEST_ROOTFS:-}" ]; then
  rm -rf "$out/rootfs"
  cp -a "$PALISADE_TEST_ROOTFS" "$out/rootfs"
fi

app=$out/app
rm -rf "$app" && mkdir -p "$app/bin"
cp -a "$data/app/." "$app/"

# Go: build info records example.com/greet replaced by ./greet; no module proxy is used.
build=$out/build
rm -rf "$build/gohello" && mkdir -p "$build" && cp -a "$data/src/gohello" "$build/gohello"
(cd "$build/gohello" && GOPROXY=off GOFLAGS=-mod=mod CGO_ENABLED=0 GOCACHE="$build/go-cache" \
  go build -trimpath -o "$app/bin/gohello" .)

# Rust: cargo-auditable embeds the dependency list (itoa, smallvec) in a `.dep-v0` section.
(cd "$data/src/rusthello" && CARGO_TARGET_DIR="$build/rust-target" cargo auditable build --release --locked -q)
cp "$build/rust-target/release/rusthello" "$app/bin/rusthello"

bash "$tools/test-image.sh" "$out" "$app" "$port"
echo "$stamp" >"$out/stamp"
