"""Safety-language evaluation: `python tools/eval_safety.py [--cv] [--heldout] [--file PATH]`.

Scores the detector as it runs (the lexicon, then the learned reader) on the blind set's
development half: per-kind recall, false alarms on idioms, boundaries and ordinary messages, and
whether the first safety page fits the kind; the misses are listed (the lexicon was tuned on
them). `--cv` adds the training set's cross-validated figures (leave one writer out, via
tools/train_safety.py). `--heldout` and `--file` print aggregates only, never a text, so those
sets can be looked at without leaking into the lexicon or the model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "tests" / "data" / "safety_blind.jsonl"
LABELLED = ROOT / "tests" / "data" / "labelled_messages.jsonl"
SAFE_KINDS = ("idiom", "boundary", "ordinary")
OWN_PAGE = {"self_harm": "self_harm", "hurt_partner": "hurt_partner", "danger_now": "danger_now"}


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
    """Recall per kind, false alarms on safe kinds, first-page accuracy, and the wrong rows."""
    from softlanding.analysis.danger import find_danger, kinds_of

    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[tuple[str, str]] = []
    pages = right = 0
    for row in rows:
        kind = str(row.get("kind") or ("ordinary" if not row["safety"] else "unknown"))
        total[kind] += 1
        flagged = an.safety(row["text"]).concern
        if flagged == bool(row["safety"]):
            hit[kind] += 1
        else:
            wrong.append((kind, row["text"]))
        if flagged and row["safety"] and kind != "unknown":
            found = kinds_of(find_danger(an, row["text"])) or ["partner_fear"]
            pages += 1
            right += found[0] == OWN_PAGE.get(kind, "partner_fear")
    unsafe = [k for k in total if k not in SAFE_KINDS]
    size = sum(total[k] for k in unsafe)
    return {
        "recall": {k: (hit[k], total[k]) for k in sorted(unsafe)},
        "safety_recall": sum(hit[k] for k in unsafe) / size if size else 1.0,
        "fa": {k: (total[k] - hit[k], total[k]) for k in SAFE_KINDS if total[k]},
        "page": (right, pages),
        "wrong": wrong,
    }


def report(name: str, s: dict[str, Any], texts: bool) -> None:
    """Print one set's figures; the texts of the misses only when `texts`."""
    print(name)
    for kind, (got, size) in s["recall"].items():
        print(f"  {kind:<18} recall {got}/{size} = {got / size:.2f}")
    print(f"  safety recall      {s['safety_recall']:.3f}")
    for kind, (bad, size) in s["fa"].items():
        label = "flagged" if kind == "boundary" else "false alarms"
        print(f"  {kind + ' ' + label:<26} {bad}/{size} = {bad / size:.3f}")
    right, pages = s["page"]
    if pages:
        print(f"  first page fits the kind {right}/{pages} = {right / pages:.3f}")
    if texts:
        for kind, text in s["wrong"]:
            print(f"    wrong [{kind}] {text}")


def cross_validated() -> None:
    """The training set scored by models that never saw it (tools/train_safety.py)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import train_safety as ts

    from softlanding.analysis.safety_model import shared

    model = shared()
    threshold = model.threshold if model is not None else 0.0
    rows = ts.load_rows()
    ts.prepare(rows, ts.SETTINGS["stem"])
    scored = dict((id(r), s) for r, s in ts.cross_validate(rows, ts.SETTINGS))
    for group in sorted({r.group for r in rows if id(r) in scored}):
        part = [r for r in rows if r.group == group]
        m = ts.measure(part, lambda r: scored[id(r)], threshold)
        fas = " ".join(f"{k} {v:.3f}" for k, v in m["fa"].items())
        right, n = m["page"]
        print(
            f"cross-validated {group}: safety recall {m['recall']:.3f}  FA {fas}  page {right}/{n}"
        )


def timing(an: Any, rows: list[dict[str, Any]]) -> None:
    """Load time of the learned reader and its cost per message (best of 5 passes)."""
    from softlanding.analysis.safety_model import SafetyModel

    t0 = time.perf_counter()
    model = SafetyModel.load()
    load = time.perf_counter() - t0
    if model is None:
        print("no learned safety reader")
        return
    print(f"learned reader: load {load * 1000:.1f} ms, {len(model.rows)} features")
    ordinary = ROOT / "tests" / "data" / "patterns_blind_a.jsonl"
    for name, part in (("safety dev", rows), ("ordinary", rows_of(ordinary, "dev"))):
        texts = [an._normalise(r["text"]).text for r in part]  # noqa: SLF001
        best = min(_pass(model, texts) for _ in range(5))
        print(f"  {best / len(texts) * 1e6:.1f} µs per message ({name}, {len(texts)} messages)")


def _pass(model: Any, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for text in texts:
        model.page(text)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--heldout", action="store_true", help="aggregate held-out figures only")
    parser.add_argument("--cv", action="store_true", help="cross-validated training-set figures")
    parser.add_argument("--file", type=Path, help="score any jsonl of this format (aggregates)")
    parser.add_argument("--quiet", action="store_true", help="dev: do not list the misses")
    parser.add_argument("--time", action="store_true", help="the learned reader's cost")
    args = parser.parse_args()
    an = analyzer()
    if args.file:
        report(f"{args.file.name} (aggregates only)", score(an, rows_of(args.file)), False)
        return
    report("dev split", score(an, rows_of(BLIND, "dev")), not args.quiet)
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
    if args.cv:
        cross_validated()
    if args.time:
        timing(an, rows_of(BLIND, "dev"))
    if args.heldout:
        report("held-out split (aggregates only)", score(an, rows_of(BLIND, "heldout")), False)


if __name__ == "__main__":
    main()
