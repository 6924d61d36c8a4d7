"""Safety-language evaluation on the blind set: `python tools/eval_safety.py [--heldout]`.

Dev split: per-kind recall, idiom and boundary false alarms, and the misses (texts shown, since
the lexicon is tuned on them). Held-out split: aggregate figures only, never a text, so it can be
looked at once without leaking into the lexicon.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "tests" / "data" / "safety_blind.jsonl"
LABELLED = ROOT / "tests" / "data" / "labelled_messages.jsonl"


def rows_of(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split is None or r.get("split") == split]


def analyzer() -> Any:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["SOFTLANDING_HOME"] = tempfile.mkdtemp(prefix="eval-safety-")
    os.environ.pop("SOFTLANDING_PROMPTS", None)
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack import loader

    return Analyzer.from_pack(loader.load_data())


def score(an: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Recall per kind, false alarms on idioms and boundaries, and which rows were wrong."""
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[tuple[str, str]] = []
    for row in rows:
        kind = row["kind"]
        total[kind] += 1
        flagged = an.safety(row["text"]).concern
        if flagged == row["safety"]:
            hit[kind] += 1
        else:
            wrong.append((kind, row["text"]))
    unsafe = [k for k in total if k not in ("idiom", "boundary")]
    caught = sum(hit[k] for k in unsafe)
    size = sum(total[k] for k in unsafe)
    return {
        "recall": {k: (hit[k], total[k]) for k in sorted(unsafe)},
        "safety_recall": caught / size if size else 1.0,
        "idiom_fa": _rate(total["idiom"] - hit["idiom"], total["idiom"]),
        "boundary_fa": _rate(total["boundary"] - hit["boundary"], total["boundary"]),
        "wrong": wrong,
    }


def _rate(bad: int, size: int) -> float:
    return bad / size if size else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--heldout", action="store_true", help="aggregate held-out figures only")
    parser.add_argument("--quiet", action="store_true", help="dev: do not list the misses")
    args = parser.parse_args()
    an = analyzer()
    dev = score(an, rows_of(BLIND, "dev"))
    print("dev split")
    for kind, (got, size) in dev["recall"].items():
        print(f"  {kind:<18} recall {got}/{size} = {got / size:.2f}")
    print(f"  safety recall      {dev['safety_recall']:.3f}")
    print(f"  idiom false alarms {dev['idiom_fa']:.3f}")
    print(f"  boundary flagged   {dev['boundary_fa']:.3f}")
    if not args.quiet:
        for kind, text in dev["wrong"]:
            print(f"    wrong [{kind}] {text}")
    if LABELLED.is_file():
        rows = rows_of(LABELLED)
        unsafe = [r for r in rows if r.get("safety")]
        safe = [r for r in rows if not r.get("safety")]
        caught = sum(an.safety(r["text"]).concern for r in unsafe)
        alarms = sum(an.safety(r["text"]).concern for r in safe)
        print(
            f"labelled_messages: safety recall {caught}/{len(unsafe)}, "
            f"false alarms {alarms}/{len(safe)}"
        )
    if args.heldout:
        held = score(an, rows_of(BLIND, "heldout"))
        print("held-out split (aggregates only)")
        for kind, (got, size) in held["recall"].items():
            print(f"  {kind:<18} recall {got / size:.2f}")
        print(f"  safety recall      {held['safety_recall']:.3f}")
        print(f"  idiom false alarms {held['idiom_fa']:.3f}")
        print(f"  boundary flagged   {held['boundary_fa']:.3f}")


if __name__ == "__main__":
    main()
