#!/usr/bin/env bash
# Secret detection, palisade against detect-secrets, in one run on the labelled corpus of gen.py
# (1,600 mixed files, every SEC detector planted four times, ~2,100 hard decoys):
#   - recall and false positives of both tools (score.py);
#   - wall time of both over the whole corpus (hyperfine), and the ratio;
#   - the secret scanner's own throughput per core, in CPU time, on the corpus and on this
#     repository's text (the palisade-secrets `scan` example with --repeat).
# detect-secrets: DETECT_SECRETS=/path/to/detect-secrets, else the one on PATH (1.5.0 is the
# reference; the oracles' env.sh provides one). hyperfine: /usr/bin/hyperfine or PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
if [ -z "${DETECT_SECRETS:-}" ]; then
  [ -f /opt/palisade-oracles/env.sh ] && . /opt/palisade-oracles/env.sh
  DETECT_SECRETS=$(command -v detect-secrets)
fi
HYPERFINE=$(command -v hyperfine || echo /usr/bin/hyperfine)
echo "detect-secrets $("$DETECT_SECRETS" --version), $("$HYPERFINE" --version), $(nproc) cores"

cargo build --release -q -p palisade
cargo build --release -q -p palisade-secrets --example scan
P=$ROOT/target/release/palisade
S=$ROOT/target/release/examples/scan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/secrets/gen.py "$work/corpus"
C=$work/corpus

echo "== detection (a label is found when the tool reports its file and line)"
# Exit code 1 means findings: expected.
(cd "$C" && "$P" scan --quiet --format json -o "$work/palisade.json" . || [ $? -eq 1 ])
(cd "$C" && "$DETECT_SECRETS" scan --all-files . > "$work/ds.json")
python3 bench/secrets/score.py "$C" --palisade "$work/palisade.json" --detect-secrets "$work/ds.json"

echo "== time over the corpus"
"$HYPERFINE" -N -i --warmup 2 --runs 20 --export-json "$work/palisade-time.json" \
  "$P scan --quiet --format json -o /dev/null $C" \
  "$P scan --quiet -j 1 --format json -o /dev/null $C"
# From inside the corpus: run from a git checkout, detect-secrets leaves out files outside it.
"$HYPERFINE" -i --warmup 1 --runs 3 --export-json "$work/ds-time.json" \
  "cd $C && $DETECT_SECRETS scan --all-files . > /dev/null"
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
med = lambda f, i=0: json.load(open(os.path.join(work, f)))["results"][i]["median"]
p, p1, d = med("palisade-time.json"), med("palisade-time.json", 1), med("ds-time.json")
print(f"palisade scan {p * 1000:.0f} ms ({p1 * 1000:.0f} ms on one thread), "
      f"detect-secrets {d:.2f} s -> {d / p:.0f}x faster ({d / p1:.0f}x on one thread)")
PY

echo "== secret scanner throughput per core (CPU time)"
"$S" --repeat 20 "$C" 2>&1 | sed 's/^/corpus:    /'
"$S" --repeat 20 crates/palisade crates/palisade-core crates/palisade-rules crates/palisade-yaml examples bench 2>&1 \
  | sed 's/^/workspace: /'
