#!/usr/bin/env bash
# Peak memory on a big image (issue 5: ≤ 100 MB whatever the image size): generates a
# docker-archive whose one layer decompresses to about SIZE_MB (default 1024) of files, with a
# dpkg database and /app files among them, then reads it under /usr/bin/time -v: the layers
# alone (palisade-image's `inventory` example with no catalogers), and `palisade sbom`.
# Usage: bench/image/big-layer.sh [SIZE_MB] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-1024}
work=$(realpath -m "${2:-target/bench-image}")
mkdir -p "$work"
archive=$work/big-$size.docker.tar
if [ ! -f "$archive" ]; then
  python3 - "$size" "$work" "$archive" <<'PY'
import gzip, hashlib, io, json, os, random, sys, tarfile
size_mb, work, archive = int(sys.argv[1]), sys.argv[2], sys.argv[3]
layer = os.path.join(work, "layer.tar.gz")
rng = random.Random(5)
# Half-compressible content: random words, so gzip works as on real binaries and text.
words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randint(2, 12))) for _ in range(4096)]
def make(n):
    out = bytearray()
    while len(out) < n:
        out += b" ".join(rng.choice(words) for _ in range(64)) + os.urandom(48)
    return bytes(out[:n])
# Four distinct 8 MiB bodies, each file a fresh random head on one of them (fast to generate;
# gzip's 32 KiB window cannot see the repetition).
bodies = [make(8 << 20) for _ in range(4)]
def blob(n):
    return (os.urandom(4096) + rng.choice(bodies))[:n]
raw = hashlib.sha256()
class Tee(io.RawIOBase):
    def __init__(self, f): self.f = f
    def write(self, b): raw.update(b); self.f.write(b); return len(b)
with open(layer, "wb") as out:
    gz = gzip.GzipFile(fileobj=out, mode="wb", compresslevel=1, mtime=0)
    tee = Tee(gz)
    with tarfile.open(fileobj=tee, mode="w|", format=tarfile.GNU_FORMAT) as t:
        def add(name, data):
            info = tarfile.TarInfo(name); info.size = len(data); info.mode = 0o644
            t.addfile(info, io.BytesIO(data))
        status = b"".join(b"Package: pkg%d\nStatus: install ok installed\nVersion: 1.%d-1\nArchitecture: amd64\n\n" % (i, i) for i in range(300))
        add("var/lib/dpkg/status", status)
        add("etc/os-release", b"ID=debian\nVERSION_ID=12\n")
        chunk = 8 << 20
        total = size_mb << 20
        i = 0
        while total > 0:
            n = min(chunk, total)
            add("usr/share/big/file%04d.bin" % i, blob(n)); total -= n; i += 1
        add("app/Cargo.lock", b"version = 3\n")
    gz.close()
digest = hashlib.sha256(open(layer, "rb").read()).hexdigest() if os.path.getsize(layer) < 1 else None
h = hashlib.sha256()
with open(layer, "rb") as f:
    for b in iter(lambda: f.read(1 << 20), b""): h.update(b)
digest = h.hexdigest()
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + raw.hexdigest()]}}).encode()
cdig = hashlib.sha256(config).hexdigest()
manifest = json.dumps([{"Config": "blobs/sha256/" + cdig, "RepoTags": ["big:1"], "Layers": ["blobs/sha256/" + digest]}]).encode()
with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT) as t:
    def add(name, data):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
    add("blobs/sha256/" + cdig, config)
    t.add(layer, "blobs/sha256/" + digest)
    add("manifest.json", manifest)
os.remove(layer)
PY
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q --release -p palisade -p palisade-image --example inventory
bin=$CARGO_TARGET_DIR/release
ls -l "$archive"
run() { # run NAME CMD...
  local name=$1; shift
  /usr/bin/time -v "$@" 2>"$work/time.$name" >"$work/out.$name"
  printf '%-14s %s s, peak RSS %s kB\n' "$name" \
    "$(grep 'Elapsed (wall' "$work/time.$name" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$work/time.$name" | awk '{print $NF}')"
}
run layers-only "$bin/examples/inventory" "docker-archive:$archive" none
run sbom "$bin/palisade" sbom "docker-archive:$archive" --format cyclonedx-json
