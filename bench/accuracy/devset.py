"""Shared helpers of the accuracy scripts: the scorer module, results by hash and name, and
the fixed split of the development documents into two halves."""
import hashlib, importlib.util, json
from pathlib import Path


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("scorer", path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def load_results(path):
    """`docket process --json` lines by sha256 and by file base name."""
    results = {}
    for line in open(path):
        if line.startswith("{"):
            r = json.loads(line)
            results[r.get("sha256")] = r
            results[Path(r.get("file", "")).name] = r
    return results


def result_for(results, label):
    return results.get(label["sha256"]) or results.get(Path(label["file"]).name) or {}


def labels(path):
    return [json.loads(l) for l in open(path) if l.strip()]


def half_of(file_name):
    """'even' or 'odd': a fixed split by a hash of the file's base name."""
    return "even" if hashlib.sha1(Path(file_name).name.encode()).digest()[0] % 2 == 0 else "odd"
