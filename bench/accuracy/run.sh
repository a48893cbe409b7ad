#!/bin/sh
# Accuracy and speed of the real pipeline on the development set:
#   bench/accuracy/run.sh DOCKET_BINARY [extra `docket process` options, e.g. --engine local]
# Runs `docket process --json` over ../shared/data/dev with a fresh database and home folder,
# then prints the scorer's per-field and type accuracy and the calibration tables.
here=$(cd "$(dirname "$0")" && pwd)
shared="$here/../../../shared"
docket=${1:?path to the docket binary}
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/docket-accuracy.XXXXXX")
start=$(date +%s.%N)
HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
XDG_CACHE_HOME="$work/home/cache" QT_QPA_PLATFORM=offscreen \
    "$docket" process --json --db "$work/dev.sqlite" "$@" "$shared/data/dev" \
    >"$work/out.jsonl" 2>"$work/stderr.log"
rc=$?
end=$(date +%s.%N)
python3 - "$work/out.jsonl" "$start" "$end" <<'PY'
import json, sys
docs = pages = failed = 0
for line in open(sys.argv[1]):
    if line.startswith("{"):
        r = json.loads(line)
        docs += 1
        pages += r.get("pages") or 0
        failed += r.get("status") == "failed"
secs = float(sys.argv[3]) - float(sys.argv[2])
print(f"{docs} documents, {pages} pages, {failed} failed in {secs:.1f} s "
      f"({pages / secs if secs else 0:.1f} pages/s, OCR included)")
PY
python3 "$shared/tools/score_extraction.py" --labels "$shared/data/dev/labels.jsonl" "$work/out.jsonl"
python3 "$here/calibration.py" --labels "$shared/data/dev/labels.jsonl" \
    --scorer "$shared/tools/score_extraction.py" "$work/out.jsonl"
echo "docket exit code $rc; output in $work"
