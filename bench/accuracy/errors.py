#!/usr/bin/env python3
"""Per-field errors of a `docket process --json` run against a labels file.

Usage: errors.py --labels LABELS.jsonl --scorer score_extraction.py RESULTS.jsonl
                 [--field NAME] [--source SRC] [--half even|odd]

Prints one line per wrong (or missing) labelled field: file, field, wanted, got, confidence,
and a summary per source. --half splits the documents by the parity of a hash of the file
name (a fixed split for develop-on-one-half, check-on-the-other).
"""
import argparse, collections
from pathlib import Path
from devset import half_of, labels, load_results, load_scorer, result_for


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", required=True)
    ap.add_argument("--scorer", required=True)
    ap.add_argument("--field")
    ap.add_argument("--source")
    ap.add_argument("--half", choices=["even", "odd"])
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    ap.add_argument("results")
    a = ap.parse_args()
    scorer = load_scorer(a.scorer)
    results = load_results(a.results)
    per = collections.defaultdict(lambda: [0, 0])
    types = collections.defaultdict(lambda: [0, 0])
    for lab in labels(a.labels):
        src = lab["file"].split("/")[0]
        if a.source and src != a.source:
            continue
        if a.half and half_of(lab["file"]) != a.half:
            continue
        r = result_for(results, lab)
        if lab.get("document_type"):
            types[src][1] += 1
            types[src][0] += r.get("document_type") == lab["document_type"]
            if r.get("document_type") != lab["document_type"] and not a.quiet:
                print(f"TYPE {lab['file']}: want {lab['document_type']} got {r.get('document_type')}"
                      f" ({r.get('type_confidence')})")
        for key, want in lab["fields"].items():
            name = key.split("|")[0]
            got = []
            ok = False
            for k in key.split("|"):
                f = (r.get("fields") or {}).get(k)
                if isinstance(f, dict) and f.get("value"):
                    got.append((k, f.get("value"), f.get("confidence"), f.get("raw")))
                    ok = ok or scorer.same(k, want, f.get("value"))
            per[(src, name)][1] += 1
            per[(src, name)][0] += ok
            if not ok and not a.quiet and (not a.field or a.field == name):
                g = "; ".join(f"{k}={v!r} ({c:.2f}) raw={raw!r}" for k, v, c, raw in got) or "-"
                print(f"{lab['file']:45.45} {name:15} want={want!r:40} got {g}")
    print()
    for (src, name), (c, n) in sorted(per.items()):
        print(f"{src:10} {name:16} {c:4d}/{n:<4d} {100.0 * c / n:6.1f}%")
    for src in sorted({s for s, _ in per}):
        c = sum(v[0] for (s, _), v in per.items() if s == src)
        n = sum(v[1] for (s, _), v in per.items() if s == src)
        print(f"{src:10} {'ALL':16} {c:4d}/{n:<4d} {100.0 * c / n:6.1f}%")
    for src, (c, n) in sorted(types.items()):
        print(f"{src:10} {'TYPE':16} {c:4d}/{n:<4d} {100.0 * c / n:6.1f}%")


if __name__ == "__main__":
    main()
