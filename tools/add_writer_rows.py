"""Add a blind writer's rows to the training sets: `python tools/add_writer_rows.py FILE...`.

Each file holds one writer's rows (tests/data's row shapes; see the writers' brief). Rows are
checked (fields, kinds, labels), and left out when their text, folded (case, spaces,
punctuation), is already in any labelled set, training, held-out or sealed: a chance twin of a
held-out message would leak it into training. Safety rows go to safety_train.jsonl, pattern rows
to patterns_train.jsonl. Prints counts only (never a held-out text).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAFETY_KINDS = {
    "threat", "violence", "partner_fear", "sexual_coercion", "coercive_control", "stalking",
    "gaslighting", "self_harm", "hurt_partner", "danger_now",
}  # fmt: skip
SAFE_KINDS = {"idiom", "boundary", "ordinary"}
PATTERNS = {"criticism", "contempt", "defensiveness", "stonewalling"}


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def known_texts() -> set[str]:
    out: set[str] = set()
    for path in [*DATA.glob("*.jsonl"), *DATA.glob("sealed/*.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(fold(json.loads(line)["text"]))
    return out


def problem(row: dict[str, Any]) -> str | None:
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        return "no text"
    if not isinstance(row.get("writer"), str) or not row["writer"]:
        return "no writer"
    if "patterns" in row:
        pats = row["patterns"]
        if not isinstance(pats, list) or not set(pats) <= PATTERNS or row.get("safety"):
            return "bad patterns"
        return None
    kind, danger = row.get("kind"), row.get("safety")
    if danger is True and kind in SAFETY_KINDS and row.get("boundary") is False:
        return None
    if danger is False and kind in SAFE_KINDS and row.get("boundary") == (kind == "boundary"):
        return None
    return "bad safety labels"


def main(files: list[str]) -> int:
    seen = known_texts()
    added: dict[str, list[str]] = {"safety_train.jsonl": [], "patterns_train.jsonl": []}
    for name in files:
        rows = [json.loads(x) for x in Path(name).read_text(encoding="utf-8").splitlines() if x]
        why: Counter[str] = Counter()
        for row in rows:
            bad = problem(row)
            if bad is None and fold(row["text"]) in seen:
                bad = "text already in a labelled set"
            if bad is not None:
                why[bad] += 1
                continue
            seen.add(fold(row["text"]))
            target = "patterns_train.jsonl" if "patterns" in row else "safety_train.jsonl"
            added[target].append(json.dumps(row, ensure_ascii=False))
        print(f"{name}: {len(rows)} rows, left out: {dict(why) or 'none'}")
    for target, lines in added.items():
        if lines:
            with (DATA / target).open("a", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
            print(f"added {len(lines)} rows to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
