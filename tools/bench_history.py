"""Benchmark (run by hand): 10,000 sessions — import, `history` first page, full JSON export.

    python tools/bench_history.py [--sessions N] [--runs R]

Everything happens in a temporary SOFTLANDING_HOME; your own sessions are never touched.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from softlanding.models import iso  # noqa: E402
from softlanding.report.export import export_markdown  # noqa: E402
from softlanding.report.insights import summarise  # noqa: E402
from softlanding.store import archive, importer  # noqa: E402
from softlanding.store.sessions import Store  # noqa: E402

WORDS = ["let down", "stung", "worried", "frustrated", "lonely", "unappreciated", "rejected"]
NEEDS = ["connection", "respect", "rest", "reassurance", "help", "space"]
TAGS = ["money", "chores", "family", "time together", "work", "parenting"]


def synthetic(count: int, seed: int = 7) -> dict[str, Any]:
    """A JSON export of `count` full solo sessions, about 30 answers each, over three years."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    sessions = []
    for n in range(count):
        began = start + timedelta(minutes=n * 157 + rng.randrange(120))
        stamp = iso(began)
        answers = [
            _answer(step, field, value) | {"saved_at": stamp} for step, field, value in _values(rng)
        ]
        sessions.append(
            {
                "id": f"bench{n:011d}",
                "kind": "solo",
                "status": "completed",
                "started_at": stamp,
                "updated_at": stamp,
                "ended_at": stamp,
                "current_step": "summary",
                "partners": {"A": "You"},
                "tags": rng.sample(TAGS, 2),
                "answers": answers,
            }
        )
    return {"format": "softlanding-export", "version": 1, "sessions": sessions}


def _answer(step: str, name: str, value: Any) -> dict[str, Any]:
    return {"partner": "A", "step": step, "field": name, "value": value, "private": False}


def _values(rng: random.Random) -> list[tuple[str, str, Any]]:
    long_text = "I kept thinking about the evening and what was said about it. " * 3
    return [
        ("pause", "calm_before", rng.randrange(0, 6)),
        ("pause", "flooded", False),
        ("pause", "choice", "breathe"),
        ("pause", "pattern", "box"),
        ("pause", "calm_after", rng.randrange(4, 11)),
        ("name", "family", "hurt"),
        ("name", "word", rng.choice(WORDS)),
        ("name", "under", "fear"),
        ("name", "need", rng.choice(NEEDS)),
        ("name", "intensity", rng.randrange(11)),
        ("name", "own_words", long_text),
        ("reframe", "thought", "I'm having the thought that " + long_text),
        ("reframe", "partner_said", "You never listen to me"),
        ("reframe", "wish", "a wish to be heard"),
        ("reframe", "cycle", "pursue_withdraw"),
        ("reframe", "kindness_self", "May I be gentle with myself"),
        ("reframe", "kindness_partner", "May you feel at ease"),
        ("respond", "feeling", "lonely"),
        ("respond", "situation", "the evenings"),
        ("respond", "need", "time together"),
        ("respond", "draft", long_text),
        ("respond", "final", long_text),
        ("respond", "repair_used", ["I feel"]),
        ("respond", "form", "startup"),
        ("summary", "completed", True),
    ]


def cli(home: Path, *args: str) -> float:
    """Seconds for one cold `softlanding ...` process."""
    env = {**os.environ, "SOFTLANDING_HOME": str(home)}
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "softlanding", *args], env=env, capture_output=True, text=True
    )
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"softlanding {' '.join(args)} failed:\n{done.stderr}")
    return took


def best(runs: int, fn: Any) -> tuple[float, float]:
    times = [fn() for _ in range(runs)]
    return min(times), statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="softlanding-bench-") as tmp:
        report(Path(tmp), args.sessions, args.runs)
    return 0


def report(tmp: Path, count: int, runs: int) -> None:
    first, second = tmp / "first", tmp / "second"
    document = synthetic(count)
    answers = sum(len(s["answers"]) for s in document["sessions"])
    with Store.open(first / "data" / "softlanding.db") as store:
        importer.import_json(store, document)  # the 10,000 sessions to measure against
    for home in (first, second):
        cli(home, "history", "--limit", "1")  # compiles the pack once per home, as a first run does
    exported = tmp / "all.json"
    export_s = cli(first, "export", "--format", "json", "-o", str(exported))
    import_s = cli(second, "import", str(exported))
    history = best(runs, lambda: cli(second, "history"))
    floor = best(runs, lambda: _python("import rich.console"))
    with Store.open(second / "data" / "softlanding.db", readonly=True) as store:
        page = best(runs, lambda: _timed(lambda: archive.history_page(store, 100, offset=9_900)))
        facts = _timed(lambda: summarise(archive.pattern_facts(store), datetime.now(UTC)))
        markdown = _timed(lambda: export_markdown(store))
    size = exported.stat().st_size / 1e6
    print(f"softlanding history benchmark: {count:,} sessions, {answers:,} answers")
    print(f"  import {count:,} sessions (cold CLI, one transaction)    {import_s:6.2f} s")
    print(f"  full JSON export (cold CLI, {size:.1f} MB file)          {export_s:6.2f} s")
    print(f"  history, first page (cold CLI)  best {history[0]:.3f} s, median {history[1]:.3f} s")
    print(
        f"    vs python -c 'import rich.console'  best {floor[0]:.3f} s  "
        f"(ratio {history[0] / floor[0]:.2f}x)"
    )
    print(f"  TUI page 100 of 100 (query only)      best {page[0] * 1000:6.1f} ms")
    print(f"  patterns over all time (count only)        {facts:6.2f} s")
    print(f"  Markdown export of everything (in-process)  {markdown:6.2f} s")


def _python(code: str) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - began


def _timed(fn: Any) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


if __name__ == "__main__":
    raise SystemExit(main())
