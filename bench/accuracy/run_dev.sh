#!/bin/sh
# Development accuracy run of the local engine without the ingest layer:
#   bench/accuracy/run_dev.sh BUILD_DIR [OUT.jsonl]
# Words come from pdftotext -bbox-layout / tesseract (cached under the temp folder).
set -e
here=$(cd "$(dirname "$0")" && pwd)
shared="$here/../../../shared"
build=${1:?build folder}
out=${2:-${TMPDIR:-/tmp}/docket_accuracy_dev.jsonl}
"$build/bench/accuracy/bench_agents" --data "$shared/data/dev" --out "$out"
python3 "$shared/tools/score_extraction.py" --labels "$shared/data/dev/labels.jsonl" "$out"
python3 "$here/calibration.py" --labels "$shared/data/dev/labels.jsonl" \
    --scorer "$shared/tools/score_extraction.py" "$out"
