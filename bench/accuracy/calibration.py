#!/usr/bin/env python3
"""Reliability tables of the local engine's confidences on a labelled set.

Usage: calibration.py --labels LABELS.jsonl --scorer score_extraction.py RESULTS.jsonl

For document types and for fields, bins the reported confidence and prints, per bin, how
many predictions fell in it and how many were right (with the scorer's comparison rules),
and the expected calibration error.
"""
import argparse
from devset import half_of, labels, load_results, load_scorer, result_for

BINS = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01]


def table(title, pairs):
    print(f"\n{title}: {len(pairs)} predictions")
    print(f"{'confidence':>14} {'n':>5} {'right':>6} {'acc%':>6} {'mean conf':>10}")
    ece = 0.0
    for lo, hi in zip(BINS, BINS[1:]):
        inbin = [(c, ok) for c, ok in pairs if lo <= c < hi]
        if not inbin:
            continue
        right = sum(ok for _, ok in inbin)
        mean = sum(c for c, _ in inbin) / len(inbin)
        acc = right / len(inbin)
        ece += len(inbin) / len(pairs) * abs(acc - mean)
        print(f"  [{lo:.2f},{min(hi, 1.0):.2f}) {len(inbin):5d} {right:6d} {100 * acc:6.1f} {mean:10.3f}")
    print(f"  expected calibration error: {ece:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", required=True)
    ap.add_argument("--scorer", required=True)
    ap.add_argument("--half", choices=["even", "odd"], help="one fixed half of the documents")
    ap.add_argument("results")
    a = ap.parse_args()
    scorer = load_scorer(a.scorer)
    results = load_results(a.results)
    types, fields = [], []
    for lab in labels(a.labels):
        r = result_for(results, lab)
        if not r or (a.half and half_of(lab["file"]) != a.half):
            continue
        if lab.get("document_type"):
            types.append((r.get("type_confidence", 0.0), r.get("document_type") == lab["document_type"]))
        # A label "a|b" is one fact: the engine's most confident answer among a and b counts,
        # right when any of them is right (as the scorer judges it).
        for key, want in lab["fields"].items():
            filled = []
            for k in key.split("|"):
                f = (r.get("fields") or {}).get(k)
                if isinstance(f, dict) and f.get("value"):
                    filled.append((f.get("confidence", 0.0), scorer.same(k, want, f.get("value"))))
            if filled:
                fields.append((max(c for c, _ in filled), any(ok for _, ok in filled)))
    table("document type", types)
    table("fields (every labelled field the engine filled)", fields)


if __name__ == "__main__":
    main()
