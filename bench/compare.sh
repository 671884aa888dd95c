#!/usr/bin/env bash
# Whole-command benchmark: palisade against Checkov 3.3.30 on the same inputs, in one run.
#   - 500 copies of an insecure Pod (one file each): median wall time of each tool, and the ratio;
#   - a 50 MB synthetic multi-document manifest: palisade's throughput on 1 and 2 threads;
#   - peak memory (max RSS) on that file, against the file's size.
# Needs the oracles (../shared/tools/oracles.sh installs them) and hyperfine (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
ORACLES=${ORACLES:-/opt/palisade-oracles}
[ -f "$ORACLES/env.sh" ] || bash ../shared/tools/oracles.sh
. "$ORACLES/env.sh"
command -v hyperfine >/dev/null || apt-get install -y -q hyperfine >/dev/null

cargo build --release -q -p palisade
P=$PWD/target/release/palisade
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen.py pods "$work/pods" 500
python3 bench/gen.py big "$work/big.yaml" 50

echo "== 500 insecure Pods"
hyperfine -N -i --warmup 2 --runs 20 --export-json "$work/palisade.json" "$P scan --format json -o /dev/null $work/pods"
hyperfine -i --runs 3 --export-json "$work/checkov.json" \
  "checkov -d $work/pods --framework kubernetes --quiet --compact -o json > /dev/null"

echo "== 50 MB manifest"
hyperfine -N -i --warmup 1 --runs 10 --export-json "$work/big.json" \
  "$P scan -j 1 --format json -o /dev/null $work/big.yaml" \
  "$P scan -j 2 --format json -o /dev/null $work/big.yaml"
rss1=$( { /usr/bin/time -f %M "$P" scan -j 1 --format json -o /dev/null "$work/big.yaml" >/dev/null || true; } 2>&1 | tail -1)
rss2=$( { /usr/bin/time -f %M "$P" scan -j 2 --format json -o /dev/null "$work/big.yaml" >/dev/null || true; } 2>&1 | tail -1)

python3 - "$work" "$rss1" "$rss2" <<'PY'
import json, os, sys
work, rss1, rss2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
med = lambda f, i=0: json.load(open(os.path.join(work, f)))["results"][i]["median"]
p, c = med("palisade.json"), med("checkov.json")
size = os.path.getsize(os.path.join(work, "big.yaml")) / 1e6
j1, j2 = med("big.json", 0), med("big.json", 1)
print(f"500 pods: palisade {p*1000:.1f} ms, checkov {c:.2f} s -> {c/p:.0f}x faster")
print(f"{size:.1f} MB manifest: 1 thread {j1:.2f} s = {size/j1:.1f} MB/s; 2 threads {j2:.2f} s = {size/j2:.1f} MB/s")
print(f"peak RSS: 1 thread {rss1/1024:.0f} MB, 2 threads {rss2/1024:.0f} MB = {rss2*1024/1e6/size:.2f}x the file")
PY
