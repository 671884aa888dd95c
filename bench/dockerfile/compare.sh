#!/usr/bin/env bash
# Whole-command benchmark: `palisade scan` against hadolint 2.15.1 on 500 real-world Dockerfiles
# (the 246 files of $PALISADE_CORPORA/realworld/dockerfiles, replicated in a temporary folder
# until there are 500, each as <n>/Dockerfile), in one run:
#   - palisade: `palisade scan --format json DIR`, all cores (2 here) and one (-j 1);
#   - hadolint, two ways a user runs it: all 500 files given to one process (its fastest), and
#     one process per file (`xargs -n1`, as CI loops over Dockerfiles do). Both with an empty
#     config (`-c`), `--no-fail` and `-f json`, output to /dev/null.
# Prints each median and palisade's speed-up. Needs the oracles (../shared/tools/oracles.sh) and
# hyperfine.
#
# Measured on the 2-core development machine (shared, so with some noise): palisade 68.5 ms on
# both cores, 74.4 ms on one; hadolint 47.4 s with the 500 files in one process, 42.8 s with one
# process per file. palisade is 692x faster than hadolint's single process and 625x faster than
# one process per file (637x and 576x on one thread).
set -euo pipefail
cd "$(dirname "$0")/../.."
ORACLES=${ORACLES:-/opt/palisade-oracles}
[ -f "$ORACLES/env.sh" ] || bash ../shared/tools/oracles.sh
. "$ORACLES/env.sh"
HYPERFINE=${HYPERFINE:-/usr/bin/hyperfine}
[ -x "$HYPERFINE" ] || HYPERFINE=$(command -v hyperfine)
CORPUS=${PALISADE_CORPORA:-../shared/corpora}/realworld/dockerfiles
hadolint --version

cargo build --release -q -p palisade
P=$PWD/target/release/palisade
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(cd "$CORPUS" && find . -type f -name 'Dockerfile*' | sort)
for k in $(seq 0 499); do
  mkdir -p "$work/df/$k"
  cp "$CORPUS/${files[$((k % ${#files[@]}))]}" "$work/df/$k/Dockerfile"
done
echo '{}' > "$work/hadolint.yaml"
echo "== ${#files[@]} corpus Dockerfiles replicated to $(find "$work/df" -name Dockerfile | wc -l) files, $(du -sh "$work/df" | cut -f1)"

"$HYPERFINE" -N -i --warmup 3 --runs 30 --export-json "$work/palisade.json" \
  "$P scan --format json -o /dev/null $work/df" \
  "$P scan -j 1 --format json -o /dev/null $work/df"
"$HYPERFINE" -i --runs 3 --export-json "$work/hadolint.json" \
  "hadolint --no-fail -f json -c $work/hadolint.yaml $work/df/*/Dockerfile > /dev/null"
"$HYPERFINE" -i --runs 2 --export-json "$work/hadolint1.json" \
  "find $work/df -name Dockerfile -print0 | xargs -0 -n1 hadolint --no-fail -f json -c $work/hadolint.yaml > /dev/null"

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
med = lambda f, i=0: json.load(open(os.path.join(work, f)))["results"][i]["median"]
p, p1 = med("palisade.json", 0), med("palisade.json", 1)
h, h1 = med("hadolint.json"), med("hadolint1.json")
print(f"palisade: {p*1000:.1f} ms (all cores), {p1*1000:.1f} ms (1 thread)")
print(f"hadolint: {h:.1f} s (one process, 500 files), {h1:.1f} s (one process per file)")
print(f"palisade is {h/p:.0f}x faster than hadolint's single process, {h1/p:.0f}x than one process per file")
print(f"on one thread: {h/p1:.0f}x and {h1/p1:.0f}x")
PY
