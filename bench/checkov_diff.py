#!/usr/bin/env python3
"""Differential comparison of palisade with Checkov on a folder of manifests.

For every Checkov check id (``CKV_K8S_nn``) that some palisade rule lists as an
alias, this script asks both tools, per Kubernetes object, whether the check
fails, and prints one agreement table per check id (both fail / only Checkov /
only palisade / both pass) followed by the list of disagreements.

Usage (from the repository root, after ``cargo build --release``)::

    source /opt/palisade-oracles/env.sh      # puts checkov on PATH
    bench/checkov_diff.py [DIR] [--palisade BIN] [--checkov BIN] [--only CKV_K8S_nn,...]

DIR defaults to ``$PALISADE_CORPORA/realworld/k8s-manifests``. The palisade
binary defaults to ``$CARGO_TARGET_DIR/release/palisade`` (else
``target/release/palisade``). Helm chart templates (``helm-chart/templates``,
and any file palisade reports as skipped) are left out of both sides, since
palisade does not scan unrendered templates.

Objects are matched on (file relative to DIR, kind, namespace, name); Checkov
names an object ``Kind.namespace.name`` and uses ``default`` for a missing
namespace, so palisade's missing namespace is read as ``default`` too. A
palisade failure on an object Checkov did not evaluate for that check is
counted as "only palisade" and flagged ``(not evaluated by Checkov)`` in the
listing. Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

SKIP_PATH = "helm-chart/templates"
SEVERITY = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"]


def run_json(cmd, env=None):
    """Run cmd, return its standard output parsed as JSON (exit status ignored:
    both tools exit non-zero when they find something)."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        sys.exit("could not parse the JSON output of: " + " ".join(cmd))


def rel(path, root):
    path = path if os.path.isabs(path) else os.path.join(root, path.lstrip("/"))
    return os.path.relpath(os.path.realpath(path), root)


def palisade_aliases(palisade):
    """(CKV id -> sorted codes of the rules that list it as an alias,
    rule code -> CKV ids its findings stand for).

    A report keeps one finding per (object, field, concern), the most severe:
    K8S018 (seccomp Unconfined) hides K8S017 (not RuntimeDefault) on the same
    field, K8S210 (`latest` tag) hides K8S211 (no digest). So a finding of any
    rule sharing a concern with an aliased rule counts as a failure of the alias.
    """
    rules = run_json([palisade, "rules", "--format", "json"])
    by_alias = defaultdict(set)
    by_concern = defaultdict(list)
    for rule in rules:
        by_concern[rule.get("concern", rule["code"])].append(rule)
        for alias in rule.get("aliases", []):
            if alias.startswith("CKV"):
                by_alias[alias].add(rule["code"])

    def rank(rule):  # the order in which a report keeps findings: most severe, then lowest code
        return (-SEVERITY.index(rule["severity"]), rule["code"])

    stands_for = {}
    for rule in rules:
        ids = set()
        for other in by_concern[rule.get("concern", rule["code"])]:
            if other is rule or rank(rule) < rank(other):
                ids.update(a for a in other.get("aliases", []) if a.startswith("CKV"))
        stands_for[rule["code"]] = ids
    return {k: sorted(v) for k, v in by_alias.items()}, stands_for


def palisade_failures(palisade, root, stands_for):
    """(CKV id -> set of object keys that fail), set of skipped files."""
    report = run_json([palisade, "scan", "--quiet", "--format", "json", root])
    fails = defaultdict(set)
    for f in report["findings"]:
        loc = f["location"]
        obj = loc.get("object") or {}
        key = (
            rel(loc["path"], root),
            obj.get("kind"),
            obj.get("namespace") or "default",
            obj.get("name"),
        )
        ids = {a for a in f.get("aliases", []) if a.startswith("CKV")}
        for cid in ids | stands_for.get(f["rule"], set()):
            fails[cid].add(key)
    skipped = {rel(s["path"], root) for s in report.get("skipped", [])}
    return fails, skipped


def checkov_results(checkov, root):
    """CKV id -> {object key: failed?}."""
    env = dict(os.environ, BC_SKIP_MAPPING="TRUE")
    cmd = [checkov, "-d", root, "--framework", "kubernetes", "-o", "json", "--compact"]
    cmd += ["--skip-path", SKIP_PATH]
    data = run_json(cmd, env=env)
    reports = data if isinstance(data, list) else [data]
    out = defaultdict(dict)
    for report in reports:
        if report.get("check_type") != "kubernetes":
            continue
        results = report.get("results", {})
        for status, failed in (("passed_checks", False), ("failed_checks", True)):
            for c in results.get(status, []):
                kind, ns, name = (c["resource"].split(".", 2) + ["", ""])[:3]
                key = (rel(c.get("file_abs_path") or c["file_path"], root), kind, ns, name)
                # An object failing any evaluation of the check fails it.
                out[c["check_id"]][key] = out[c["check_id"]].get(key, False) or failed
    return out


def ckv_order(check_id):
    prefix, _, num = check_id.rpartition("_")
    return (prefix, int(num) if num.isdigit() else 0)


def main():
    default_dir = os.path.join(os.environ.get("PALISADE_CORPORA", "."), "realworld/k8s-manifests")
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=default_dir)
    ap.add_argument("--palisade", default=os.path.join(target, "release", "palisade"))
    ap.add_argument("--checkov", default="checkov")
    ap.add_argument("--only", help="comma-separated check ids to report")
    args = ap.parse_args()
    root = os.path.realpath(args.dir)

    aliases, stands_for = palisade_aliases(args.palisade)
    pal, skipped = palisade_failures(args.palisade, root, stands_for)
    ckv = checkov_results(args.checkov, root)

    ids = sorted(aliases, key=ckv_order)
    if args.only:
        wanted = set(args.only.split(","))
        ids = [i for i in ids if i in wanted]

    header = f"{'check':<12} {'palisade':<16} {'both fail':>9} {'only ckv':>9} {'only pal':>9} {'both pass':>9} {'agree':>7}"
    print(header)
    print("-" * len(header))
    disagreements = []
    totals = [0, 0, 0, 0]
    for cid in ids:
        ck = {k: v for k, v in ckv.get(cid, {}).items() if k[0] not in skipped}
        pf = {k for k in pal.get(cid, set()) if k[0] not in skipped}
        both = only_c = only_p = neither = 0
        for key in sorted(set(ck) | pf, key=lambda k: tuple(str(x) for x in k)):
            c_fail, p_fail = ck.get(key, False), key in pf
            if c_fail and p_fail:
                both += 1
            elif c_fail:
                only_c += 1
                disagreements.append((cid, "only Checkov", key, ""))
            elif p_fail:
                only_p += 1
                note = "" if key in ck else " (not evaluated by Checkov)"
                disagreements.append((cid, "only palisade", key, note))
            else:
                neither += 1
        n = both + only_c + only_p + neither
        for i, v in enumerate((both, only_c, only_p, neither)):
            totals[i] += v
        agree = f"{100.0 * (both + neither) / n:.1f}%" if n else "-"
        codes = ",".join(aliases[cid])
        print(f"{cid:<12} {codes:<16} {both:>9} {only_c:>9} {only_p:>9} {neither:>9} {agree:>7}")
    n = sum(totals)
    agree = f"{100.0 * (totals[0] + totals[3]) / n:.1f}%" if n else "-"
    print("-" * len(header))
    print(f"{'total':<12} {'':<16} {totals[0]:>9} {totals[1]:>9} {totals[2]:>9} {totals[3]:>9} {agree:>7}")

    if disagreements:
        print(f"\n{len(disagreements)} disagreements:")
        for cid, side, (path, kind, ns, name), note in disagreements:
            print(f"  {cid:<12} {side:<14} {path}  {kind}/{ns}/{name}{note}")


if __name__ == "__main__":
    main()
