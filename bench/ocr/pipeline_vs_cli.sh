#!/bin/sh
# Whole-pipeline wall time on scanned receipts against the tesseract command-line tool on the
# same images, in one run:
#   bench/ocr/pipeline_vs_cli.sh DOCKET_BINARY [FOLDER] [LIMIT]
# docket: `docket process --json` (fresh database; ingest, OCR, classify, extract, validate,
# review, store). tesseract: `tesseract IMG stdout` with default settings, two processes at a
# time (both cores, like docket), then one at a time. Prints the times and the ratios.
here=$(cd "$(dirname "$0")" && pwd)
docket=${1:?path to the docket binary}
folder=${2:-$here/../../../shared/data/dev/receipts}
limit=${3:-100}
work=$(mktemp -d "${TMPDIR:-/tmp}/docket-ocrspeed.XXXXXX")
mkdir -p "$work/in"
ls "$folder" | grep -iE '\.(jpe?g|png|tiff?)$' | sort | head -n "$limit" | while read -r f; do
    ln -s "$folder/$f" "$work/in/$f"
done
n=$(ls "$work/in" | wc -l)
now() { date +%s.%N; }
t0=$(now)
HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
XDG_CACHE_HOME="$work/home/cache" QT_QPA_PLATFORM=offscreen \
    "$docket" process --json --db "$work/db.sqlite" "$work/in" >"$work/out.jsonl" 2>/dev/null
t1=$(now)
ls "$work/in"/* | xargs -P 2 -I{} sh -c 'tesseract "$1" stdout >/dev/null 2>&1' _ {}
t2=$(now)
ls "$work/in"/* | xargs -P 1 -I{} sh -c 'tesseract "$1" stdout >/dev/null 2>&1' _ {}
t3=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" "$n" "$(grep -c '^{' "$work/out.jsonl")" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5])
n, done = int(sys.argv[5]), int(sys.argv[6])
d, p2, p1 = t1 - t0, t2 - t1, t3 - t2
print(f"{n} images ({done} results): docket process {d:.1f} s, tesseract CLI x2 parallel {p2:.1f} s, "
      f"sequential {p1:.1f} s")
print(f"ratio docket / CLI (2 in parallel): {d / p2:.2f}; docket / CLI (sequential): {d / p1:.2f}")
PY
rm -rf "$work"
