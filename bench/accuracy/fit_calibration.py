#!/usr/bin/env python3
"""Fits the local engine's per-role confidence maps (Platt scaling on the logit) from a run.

Usage: fit_calibration.py --labels LABELS.jsonl --scorer score_extraction.py RESULTS.jsonl

A role is (text layer | ocr, field kind). For every labelled field the engine filled, the
reported confidence x and whether the value is right; per role it fits
p = 1 / (1 + exp(-(a * logit(x) + b))) by maximum likelihood and prints a and b, and the
expected calibration error on the other half of the documents (the halves of errors.py) when
fitted on one half, to show what the fit is worth on documents it has not seen.
"""
import argparse, math, collections
from devset import half_of, labels, load_results, load_scorer, result_for

KINDS = {"total_amount": "amount", "subtotal": "amount", "tax_amount": "amount",
         "gross_amount": "amount", "invoice_date": "date", "receipt_date": "date",
         "due_date": "date", "invoice_number": "identifier", "purchase_order": "identifier",
         "order_number": "identifier", "contract_number": "identifier",
         "receipt_number": "identifier", "seller_name": "name", "seller_address": "address",
         "currency": "currency"}


def logit(x):
    x = min(max(x, 1e-3), 1 - 1e-3)
    return math.log(x / (1 - x))


SHIFT_ONLY = False


def fit(pairs):
    a, b = 1.0, 0.0
    for _ in range(3000):
        ga = gb = 0.0
        for x, y in pairs:
            p = 1 / (1 + math.exp(-(a * logit(x) + b)))
            ga += (p - y) * logit(x)
            gb += p - y
        if not SHIFT_ONLY:
            a -= 0.5 * ga / len(pairs)
        b -= 0.5 * gb / len(pairs)
    return a, b


def ece(pairs, bins=(0, .3, .5, .6, .7, .8, .85, .9, .95, 1.01)):
    e = 0.0
    for lo, hi in zip(bins, bins[1:]):
        inb = [(p, y) for p, y in pairs if lo <= p < hi]
        if inb:
            e += len(inb) / len(pairs) * abs(sum(y for _, y in inb) / len(inb) - sum(p for p, _ in inb) / len(inb))
    return e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", required=True)
    ap.add_argument("--scorer", required=True)
    ap.add_argument("--shift-only", action="store_true", help="fit b alone (a = 1)")
    ap.add_argument("results")
    a = ap.parse_args()
    global SHIFT_ONLY
    SHIFT_ONLY = a.shift_only
    scorer = load_scorer(a.scorer)
    res = load_results(a.results)
    data = collections.defaultdict(lambda: {"even": [], "odd": []})
    for lab in labels(a.labels):
        r = result_for(res, lab)
        half = half_of(lab["file"])
        for key, want in lab["fields"].items():
            filled = []
            for k in key.split("|"):
                f = (r.get("fields") or {}).get(k)
                if isinstance(f, dict) and f.get("value"):
                    filled.append((f["confidence"], scorer.same(k, want, f["value"]), k, f.get("source")))
            if not filled:
                continue
            # Alternatives ("a|b"): the most confident one, right when any is (as calibration.py).
            c, _, k, src = max(filled)
            ok = any(o for _, o, _, _ in filled)
            if c >= 0.965:  # fixed by rule (sums that agree), not fitted
                continue
            data[(src, KINDS.get(k, "other"))][half].append((c, ok))
    for role, halves in sorted(data.items()):
        allp = halves["even"] + halves["odd"]
        if len(allp) < 8:
            print(role, len(allp), "too few")
            continue
        fa, fb = fit(allp)
        cross = []
        for train, test in (("even", "odd"), ("odd", "even")):
            if len(halves[train]) >= 4 and halves[test]:
                ta, tb = fit(halves[train])
                cross += [(1 / (1 + math.exp(-(ta * logit(x) + tb))), y) for x, y in halves[test]]
        print(f"{role}: n={len(allp)} acc={sum(y for _, y in allp) / len(allp):.3f} "
              f"a={fa:.3f} b={fb:.3f} ece_before={ece(allp):.3f} "
              f"ece_cross={ece(cross) if cross else float('nan'):.3f}")


if __name__ == "__main__":
    main()
