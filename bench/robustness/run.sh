#!/usr/bin/env bash
# Runs `docket process --json` over a corpus of malformed, encrypted and odd files and checks
# that every file ends processed or failed with an error code and message, that nothing
# crashed or hung, and that the database still opens afterwards.
# Usage: bench/robustness/run.sh DOCKET_BINARY CORPUS_DIR
set -euo pipefail
docket=$1 corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"
files=$(find "$corpus" -type f -iname '*.pdf' | wc -l)
start=$(date +%s.%N)
set +e
timeout 1200 "$docket" process --json --db "$work/robust.sqlite" --data "$work/data" "$corpus" \
  >"$work/out.jsonl" 2>"$work/err.log"
rc=$?
set -e
end=$(date +%s.%N)
if [[ $rc -ne 0 && $rc -ne 1 ]]; then
  echo "robustness: docket exited with $rc (crash or hang)"; tail -20 "$work/err.log"; exit 1
fi
python3 - "$work/out.jsonl" "$files" "$work/robust.sqlite" "$start" "$end" <<'PY'
import json, sqlite3, sys, collections
out, files, db, start, end = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
rows = [json.loads(l) for l in open(out) if l.strip()]
status = collections.Counter(r["status"] for r in rows)
codes = collections.Counter((r.get("error") or {}).get("code") for r in rows if r["status"] == "failed")
bad = [r["file"] for r in rows if r["status"] == "failed" and not ((r.get("error") or {}).get("code") and r["error"].get("message"))]
pdfs = sum(1 for r in rows if r["file"].lower().endswith(".pdf"))
con = sqlite3.connect(db)
n = con.execute("select count(*) from documents").fetchone()[0]
ok = con.execute("pragma integrity_check").fetchone()[0]
print(f"robustness: {len(rows)} results for {files} PDFs in {end-start:.1f} s; statuses {dict(status)}")
print(f"robustness: failure codes {dict(codes)}")
print(f"robustness: database has {n} documents, integrity {ok}")
if pdfs < files or bad or ok != "ok":
    print(f"robustness: FAILED (missing results: {files-pdfs}, failures without code/message: {bad[:5]})")
    sys.exit(1)
print("robustness: passed")
PY
