#!/usr/bin/env python3
"""Scores secret scanners against the labels of a corpus written by gen.py.

    python3 bench/secrets/score.py CORPUS --palisade FINDINGS.json [--detect-secrets RESULTS.json]
        [--misses N]

FINDINGS.json is `palisade scan --format json` output (or JSON lines with path/line/rule from the
palisade-secrets `scan` example); RESULTS.json is `detect-secrets scan --all-files` output. A label
counts as found when the tool reports anything on its (file, line); palisade is also scored on
naming the right rule. A false positive is a reported (file, line) that holds no planted secret;
those on decoy lines are broken down by decoy kind.
"""

import argparse
import collections
import json
import os


def norm(path, corpus):
    path = path.replace("\\", "/")
    root = os.path.abspath(corpus).replace("\\", "/").rstrip("/") + "/"
    if os.path.isabs(path) and path.startswith(root):
        path = path[len(root):]
    while path.startswith("./"):
        path = path[2:]
    return path


# Rules of palisade's other engines that report a credential (a SEC finding on their line is left
# out for them): they count as finding it.
CREDENTIAL_RULES = {"K8S301", "K8S302", "K8S305", "DC016", "DR016"}


def palisade_hits(path, corpus):
    text = open(path, encoding="utf-8").read().strip()
    hits = collections.defaultdict(set)
    if text.startswith("{") and '"schema"' in text[:200]:
        for f in json.loads(text)["findings"]:
            if f["rule"].startswith("SEC") or f["rule"] in CREDENTIAL_RULES:
                hits[(norm(f["location"]["path"], corpus), f["location"]["line"])].add(f["rule"])
    else:
        for line in text.splitlines():
            f = json.loads(line)
            hits[(norm(f["path"], corpus), f["line"])].add(f["rule"])
    return hits


def detect_secrets_hits(path, corpus):
    hits = collections.defaultdict(set)
    for filename, results in json.load(open(path))["results"].items():
        for r in results:
            hits[(norm(filename, corpus), r["line_number"])].add(r["type"])
    return hits


def score(name, hits, labels, misses, by_rule=False):
    secrets = {(l["file"], l["line"]): l["kind"] for l in labels["secrets"]}
    decoys = {(l["file"], l["line"]): l["what"] for l in labels["decoys"]}
    found = [k for k in secrets if k in hits]
    right = [k for k in secrets if hits.get(k, set()) & {secrets[k], *CREDENTIAL_RULES}] if by_rule else []
    fp = [k for k in hits if k not in secrets]
    fp_decoys = collections.Counter(decoys[k] for k in fp if k in decoys)
    kinds = collections.defaultdict(lambda: [0, 0])
    for k, kind in secrets.items():
        kinds[kind][1] += 1
        kinds[kind][0] += k in hits
    covered = sum(1 for f, t in kinds.values() if f == t)
    print(f"{name}:")
    print(f"  recall      {len(found)}/{len(secrets)} = {100 * len(found) / len(secrets):.1f} %"
          f"  ({covered}/{len(kinds)} kinds always found)")
    if by_rule:
        print(f"  right rule  {len(right)}/{len(secrets)} = {100 * len(right) / len(secrets):.1f} %")
    print(f"  false pos.  {len(fp)} lines ({sum(fp_decoys.values())} on the {len(decoys)} decoys"
          + (": " + ", ".join(f"{w} {n}" for w, n in fp_decoys.most_common()) if fp_decoys else "") + ")")
    if misses:
        missed = [(secrets[k], k) for k in secrets if k not in hits]
        for kind, k in sorted(missed)[:misses]:
            print(f"    missed {kind} {k[0]}:{k[1]}")
        for k in sorted(fp)[:misses]:
            print(f"    false  {sorted(hits[k])} {k[0]}:{k[1]} ({decoys.get(k, 'no decoy')})")
    return len(found), len(fp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--palisade")
    ap.add_argument("--detect-secrets")
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args()
    labels = json.load(open(os.path.join(args.corpus, "labels.json")))
    if args.palisade:
        score("palisade", palisade_hits(args.palisade, args.corpus), labels, args.misses, by_rule=True)
    if args.detect_secrets:
        score("detect-secrets", detect_secrets_hits(args.detect_secrets, args.corpus), labels, args.misses)


if __name__ == "__main__":
    main()
