"""Benchmark (run by hand): cost as the history grows, at 10,000 and 100,000 sessions.

    python tools/bench_history.py [--sizes 10000 100000] [--runs R] [--src PATH]

For each size: the first run after install (no compiled pack), `history`, `reflect --save`, the
TUI's first screen (Home) in a pseudo-terminal, a full JSON export and its import (time and peak
memory); then `show` of one session with 200,000 answers. Every repeated figure is printed as
min / median / max. Everything happens in temporary SOFTLANDING_HOMEs; your sessions are never
touched. `--src` measures another checkout's `src` (e.g. main, for before/after figures).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["let down", "stung", "worried", "frustrated", "lonely", "unappreciated", "rejected"]
NEEDS = ["connection", "respect", "rest", "reassurance", "help", "space"]
TAGS = ["money", "chores", "family", "time together", "work", "parenting"]
LONG = "I kept thinking about the evening and what was said about it. " * 3


def values(rng: random.Random, began: datetime) -> list[tuple[str, str, Any]]:
    """About 25 answers of a full solo session, as the TUI saves them."""
    back = began + timedelta(minutes=30)
    return [
        ("pause", "calm_before", rng.randrange(0, 6)),
        ("pause", "flooded", True),
        ("pause", "choice", "break"),
        ("pause", "break_minutes", 30),
        ("pause", "return_at", back.isoformat(timespec="seconds")),
        ("pause", "returned_at", back.isoformat(timespec="seconds")),
        ("pause", "calm_after", rng.randrange(4, 11)),
        ("name", "family", "hurt"),
        ("name", "word", rng.choice(WORDS)),
        ("name", "under", "fear"),
        ("name", "need", rng.choice(NEEDS)),
        ("name", "intensity", rng.randrange(11)),
        ("name", "own_words", LONG),
        ("reframe", "thought", "I'm having the thought that " + LONG),
        ("reframe", "partner_said", "You never listen to me"),
        ("reframe", "wish", "a wish to be heard"),
        ("reframe", "cycle", "pursue_withdraw"),
        ("respond", "feeling", "lonely"),
        ("respond", "need", "time together"),
        ("respond", "draft", LONG),
        ("respond", "final", LONG),
        ("respond", "repair_used", ["I feel"]),
        ("summary", "completed", True),
    ]


def build(home: Path, count: int, seed: int = 7) -> None:
    """`count` sessions written straight into a fresh store (as years of use would leave them)."""
    import json

    from softlanding.store.sessions import Store

    rng = random.Random(seed)
    # Three years up to yesterday, however many sessions: no session lies in the future.
    end = datetime.now(UTC) - timedelta(days=1)
    gap = timedelta(days=3 * 365) / count
    start = end - gap * count
    os.environ["SOFTLANDING_HOME"] = str(home)
    with Store.open(home / "data" / "softlanding.db") as store:
        store.set_setting("first_run_seen", True)
        for first in range(0, count, 5000):
            sessions, partners, tags, answers = [], [], [], []
            for n in range(first, min(count, first + 5000)):
                began = start + gap * n + timedelta(seconds=rng.randrange(60))
                stamp, sid = began.isoformat(timespec="seconds"), f"bench{n:011d}"
                sessions.append((sid, stamp, stamp, stamp))
                partners.append((sid,))
                tags.extend((sid, t) for t in rng.sample(TAGS, 2))
                answers.extend(
                    (sid, step, name, json.dumps(v), stamp) for step, name, v in values(rng, began)
                )
            with store._write() as db:
                db.executemany(
                    "INSERT INTO sessions (id, kind, status, started_at, updated_at, ended_at, "
                    "current_step) VALUES (?, 'solo', 'completed', ?, ?, ?, 'summary')",
                    sessions,
                )
                db.executemany("INSERT INTO partners VALUES (?, 'A', 'You')", partners)
                db.executemany("INSERT INTO tags VALUES (?, ?)", tags)
                db.executemany(
                    "INSERT INTO answers (session_id, partner, step, field, value, private, "
                    "saved_at) VALUES (?, 'A', ?, ?, ?, 0, ?)",
                    answers,
                )


class Runner:
    """Cold `softlanding` processes against one source tree, with wall time and peak memory."""

    def __init__(self, src: Path) -> None:
        self.src = src

    def env(self, home: Path) -> dict[str, str]:
        env = {**os.environ, "SOFTLANDING_HOME": str(home), "PYTHONPATH": str(self.src)}
        env["TERM"] = "xterm-256color"
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def cli(self, home: Path, *args: str) -> tuple[float, float]:
        """Seconds and peak MiB of one cold `softlanding ...` run (it must succeed)."""
        cmd = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "softlanding", *args]
        began = time.perf_counter()
        done = subprocess.run(cmd, env=self.env(home), capture_output=True, text=True)
        took = time.perf_counter() - began
        if done.returncode != 0:
            raise SystemExit(f"softlanding {' '.join(args)} failed:\n{done.stderr[-2000:]}")
        return took, int(done.stderr.strip().splitlines()[-1]) / 1024


def spread(samples: list[float], unit: float = 1000, fmt: str = "7.0f") -> str:
    lo, mid, hi = min(samples), statistics.median(samples), max(samples)
    return f"min {lo * unit:{fmt}}  median {mid * unit:{fmt}}  max {hi * unit:{fmt}} ms"


def repeat(runs: int, fn: Callable[[], float]) -> list[float]:
    fn()  # warm the file cache
    return [fn() for _ in range(runs)]


def report_size(
    run: Runner, tmp: Path, count: int, runs: int, keep: Path | None, skip_archive: bool
) -> None:
    from bench import MIN_APP, first_screen  # the pseudo-terminal timer of tools/bench.py

    home, fresh = tmp / f"home-{count}", tmp / f"fresh-{count}"
    began = time.perf_counter()
    built = (keep or tmp) / f"built-{count}"
    if not (built / "data" / "softlanding.db").exists():
        build(built, count)
    shutil.copytree(built, home)
    run.cli(home, "history", "--limit", "1")  # an upgrade (new index) is paid once, not measured
    print(f"\n{count:,} sessions (ready in {time.perf_counter() - began:.0f} s)")
    cache = home / "cache"

    def first_run() -> float:
        shutil.rmtree(cache, ignore_errors=True)
        return run.cli(home, "history", "--limit", "1")[0]

    print(f"  first run after install (history) {spread(repeat(runs, first_run))}")
    history = repeat(runs, lambda: run.cli(home, "history")[0])
    print(f"  history, first page (cold)        {spread(history)}")
    save = repeat(runs, lambda: run.cli(home, "reflect", "--save", "you never listen")[0])
    print(f"  reflect --save (cold)             {spread(save)}")
    env = run.env(home)
    floor = repeat(runs, lambda: first_screen([sys.executable, "-c", MIN_APP], env, b"minimal"))
    app = repeat(runs, lambda: first_screen([sys.executable, "-m", "softlanding"], env, b"Start"))
    print(f"  minimal Textual app, first screen {spread(floor)}")
    print(f"  Home, first screen (pty)          {spread(app)}")
    ratio = statistics.median(app) / statistics.median(floor)
    print(f"    ratio of medians                {ratio:.2f}x")
    if skip_archive:
        shutil.rmtree(home, ignore_errors=True)
        return
    exported = tmp / f"all-{count}.json"
    took, peak = run.cli(home, "export", "--format", "json", "-o", str(exported))
    size = exported.stat().st_size / 1e6
    print(f"  JSON export ({size:.0f} MB)            {took:6.2f} s, peak {peak:6.0f} MiB")
    took, peak = run.cli(fresh, "import", str(exported))
    print(f"  import of that file               {took:6.2f} s, peak {peak:6.0f} MiB")
    exported.unlink()
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)


def report_show(run: Runner, tmp: Path, answers: int, runs: int) -> None:
    """`show` of one session holding `answers` answers (a hand-edited or imported giant)."""
    import json

    from softlanding.store.sessions import Store

    home = tmp / "show"
    os.environ["SOFTLANDING_HOME"] = str(home)
    with Store.open(home / "data" / "softlanding.db") as store:
        sid = store.create_session("solo")
        with store._write() as db:
            db.executemany(
                "INSERT INTO answers (session_id, partner, step, field, value, private, saved_at) "
                "VALUES (?, 'A', ?, ?, ?, 0, '2026-01-01T00:00:00+00:00')",
                [(sid, "notes", f"f{n}", json.dumps(f"note {n}")) for n in range(answers)],
            )
    show = repeat(max(1, runs // 2), lambda: run.cli(home, "show", sid[:8])[0])
    print(f"\nshow of one session with {answers:,} answers   {spread(show)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder to measure")
    parser.add_argument("--show-answers", type=int, default=200_000, help="0: skip")
    parser.add_argument("--skip-archive", action="store_true", help="no export/import figures")
    parser.add_argument(
        "--keep", type=Path, help="build the stores here once and reuse them (before/after runs)"
    )
    args = parser.parse_args()
    sys.path[:0] = [str(args.src.resolve()), str(ROOT / "tools")]
    run = Runner(args.src.resolve())
    print(f"softlanding history benchmark: {args.src}, {args.runs} runs per figure")
    with tempfile.TemporaryDirectory(prefix="softlanding-bench-") as tmp:
        for count in args.sizes:
            report_size(run, Path(tmp), count, args.runs, args.keep, args.skip_archive)
        if args.show_answers:
            report_show(run, Path(tmp), args.show_answers, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
