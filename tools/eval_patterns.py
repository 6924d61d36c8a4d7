"""Score the analyzer's four patterns: `tools/eval_patterns.py [--cv] [--heldout] [--file PATH]`.

Per pattern precision/recall/F1, macro-F1 and the clean false-alarm rate for the old set, the blind
sets' dev half and the training set (all three trained on, so these are not fair tests). `--cv`
adds cross-validated figures from tools/train_patterns.py (each source scored by a model trained
without it). `--heldout` adds the blind sets' held-out half and `--file` scores any jsonl of the
same format: aggregates only, their texts are never printed, so nobody tunes against them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
KINDS = ("criticism", "contempt", "defensiveness", "stonewalling")


def rows_of(name: str, split: str | None = None) -> list[dict[str, Any]]:
    path = DATA / name
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split is None or r.get("split") == split]


def sets(heldout: bool) -> dict[str, list[dict[str, Any]]]:
    blind = ("patterns_blind_a.jsonl", "patterns_blind_b.jsonl")
    out = {
        "old set": rows_of("labelled_messages.jsonl"),
        "blind dev": [r for b in blind for r in rows_of(b, "dev")],
    }
    train = DATA / "patterns_train.jsonl"
    if train.is_file():
        out["training set"] = [r for r in rows_of(train.name) if r.get("split") != "heldout"]
    if heldout:
        out["blind heldout"] = [r for b in blind for r in rows_of(b, "heldout")]
    return out


def score(analyze: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    counts = {k: [0, 0, 0] for k in KINDS}  # tp, fp, fn
    clean = alarms = 0
    misses: list[tuple[str, str, list[str], list[str]]] = []
    for row in rows:
        got = {f.kind for f in analyze(row["text"]).patterns}
        want = set(row["patterns"])
        for kind in KINDS:
            if kind in got and kind in want:
                counts[kind][0] += 1
            elif kind in got:
                counts[kind][1] += 1
            elif kind in want:
                counts[kind][2] += 1
        clean += not want
        alarms += not want and bool(got)
        if got != want:
            misses.append((row["text"], row.get("note", ""), sorted(want), sorted(got)))
    per = {k: prf(*c) for k, c in counts.items()}
    return {
        "per": per,
        "macro": sum(p[2] for p in per.values()) / len(KINDS),
        "fa": alarms / max(clean, 1),
        "size": (len(rows), clean),
        "misses": misses,
    }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, s: dict[str, Any], show: bool) -> None:
    print(f"{name}: {s['size'][0]} messages, {s['size'][1]} clean")
    for kind, (p, r, f) in s["per"].items():
        print(f"  {kind:<14} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(f"  macro-F1 {s['macro']:.3f}   clean false alarms {s['fa']:.3f}")
    if show:
        for text, note, want, got in s["misses"]:
            print(f"    want {want} got {got}: {text!r}  [{note}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--heldout", action="store_true", help="also score the held-out half")
    parser.add_argument("--misses", action="store_true", help="list dev/old-set disagreements")
    parser.add_argument("--cv", action="store_true", help="cross-validated figures (slow)")
    parser.add_argument("--file", type=Path, help="score any jsonl of this format (aggregates)")
    args = parser.parse_args()
    os.environ["SOFTLANDING_HOME"] = tempfile.mkdtemp(prefix="sl-eval-")
    os.environ.pop("SOFTLANDING_PROMPTS", None)
    sys.path.insert(0, str(ROOT / "src"))
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.loader import load_data

    analyzer = Analyzer.from_pack(load_data())
    if args.file:
        path = args.file
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        report(f"{path.name} (aggregates only)", score(analyzer.analyze, rows), False)
        return 0
    for name, rows in sets(args.heldout).items():
        report(name, score(analyzer.analyze, rows), args.misses and name != "blind heldout")
    if args.cv:
        sys.path.insert(0, str(ROOT / "tools"))
        import train_patterns

        train_patterns.cross_validate_sources()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
