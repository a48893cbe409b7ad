#!/usr/bin/env bash
# Whole-pipeline throughput of `docket process` over a folder (default: the dev set's
# text-layer ad-buy PDFs), on a fresh database: pages per second, documents per second, and
# the per-stage time from the JSON lines.
# Usage: bench/pipeline/run.sh DOCKET_BINARY [FOLDER] [JOBS]
set -euo pipefail
docket=$1
folder=${2:-$(dirname "$0")/../../../shared/data/dev/adbuy}
jobs=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
start=$(date +%s.%N)
"$docket" process --json --jobs "$jobs" --db "$work/bench.sqlite" --data "$work/data" "$folder" \
  >"$work/out.jsonl" || true
end=$(date +%s.%N)
python3 - "$work/out.jsonl" "$start" "$end" "$jobs" <<'PY'
import json, sys, statistics
out, start, end, jobs = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = [json.loads(l) for l in open(out) if l.strip()]
pages = sum(r.get("pages") or 0 for r in rows)
wall = end - start
stages = {}
for r in rows:
    for k, v in (r.get("timings_ms") or {}).items():
        stages.setdefault(k, []).append(v)
print(f"pipeline: {len(rows)} documents, {pages} pages in {wall:.2f} s with --jobs {jobs}")
print(f"pipeline: {pages / wall:.1f} pages/s, {len(rows) / wall:.2f} documents/s (wall, incl. start-up)")
for k in ("ingest", "ocr", "classify", "extract", "validate", "total"):
    if k in stages:
        v = stages[k]
        print(f"  {k:9} sum {sum(v)/1000:7.2f} s  median {statistics.median(v):7.1f} ms  max {max(v):7.0f} ms")
failed = [r["file"] for r in rows if r["status"] == "failed"]
print(f"pipeline: failed {len(failed)}")
PY
