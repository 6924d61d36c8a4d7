"""Start-up and responsiveness benchmark, run by hand: `.venv/bin/python tools/bench.py`.

Every figure is a ratio against a floor measured in the same run, alternating A/B, medians:
- `softlanding --help` and `softlanding reflect "…"` cold start vs `import rich.console`;
- time to first screen of `softlanding` in a real pseudo-terminal vs a minimal Textual app;
- `reflect` on the first run after install (no compiled pack yet) vs `import rich.console`;
- `reflect --jsonl` throughput in lines per second over ~20,000 generated messages (sentences of
  the labelled sets recombined, so lines repeat as rarely as real ones), beside VADER's
  `polarity_scores` on the same lines when `vaderSentiment` can be imported (the optional
  `bench` extra: `pip install -e '.[bench]'`);
- the analyzer's time per keystroke on a 2,000-character draft;
- how many flagged messages of the blind sets' development halves get a rewrite of their own.

Cold starts are timed as wall time and as CPU time (user + system of the child): on a busy machine
the CPU ratio is the steadier of the two. Every ratio is the median of alternating pairs.

`--only reflect` skips the full-screen measures.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import random
import re
import resource
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from fcntl import ioctl
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
MIN_APP = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("minimal-ready")
Minimal().run()
"""


SHIP_COMPILED = """
import json
from softlanding import paths
from softlanding.pack import fast_copy
from softlanding.pack.loader import SHIPPED_COMPILED, compiled_shipped
target = paths.shipped_prompts_path().with_name(SHIPPED_COMPILED)
data = compiled_shipped()
target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
target.with_name(fast_copy.FILE_NAME).write_bytes(fast_copy.dumps(data))
from softlanding.analysis import regex_cache
from softlanding.scripts.reflect import shipped_regexes
target.with_name(regex_cache.FILE_NAME).write_bytes(shipped_regexes(data))
"""


CPU: dict[int, float] = {}  # id of a run function -> CPU seconds of its last run


def timed_run(cmd: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall


def first_screen(cmd: list[str], env: dict[str, str], marker: bytes, timeout: float = 20) -> float:
    """Seconds from spawn until `marker` is drawn in an 80×24 pseudo-terminal."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += chunk
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        os.kill(pid, signal.SIGTERM)
        _drain(fd)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


def _drain(fd: int) -> None:
    end = time.perf_counter() + 3
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return


def paired(
    label_a: str, run_a: Callable[[], float], label_b: str, run_b: Callable[[], float], runs: int
) -> None:
    a_times, b_times, ratios, cpu_ratios = [], [], [], []
    run_a(), run_b()  # warm the file cache and the compiled pack
    for _ in range(runs):
        a = run_a()
        a_cpu = CPU.get(0, 0.0)
        b = run_b()
        b_cpu = CPU.get(0, 0.0)
        a_times.append(a)
        b_times.append(b)
        ratios.append(b / a)
        if a_cpu > 0:
            cpu_ratios.append(b_cpu / a_cpu)
    for label, times in ((label_a, a_times), (label_b, b_times)):
        median, best = statistics.median(times) * 1000, min(times) * 1000
        print(f"  {label:<44} {median:7.1f} ms (best {best:.1f})")
    print(f"  ratio, wall (median of pairs)                {statistics.median(ratios):7.2f}×")
    if cpu_ratios:
        print(
            f"  ratio, CPU time (median of pairs)            {statistics.median(cpu_ratios):7.2f}×"
        )


def analyzer_per_keystroke() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.loader import load_data

    analyzer = Analyzer.from_pack(load_data())
    base = (
        "I feel hurt about the dishes, and honestly you never listen to me, whatever. "
        "I need us to talk about this calmly when we both can. "
    )
    draft = (base * (2000 // len(base) + 1))[:2000]
    samples = []
    for i in range(300):
        text = draft[: 1700 + i]
        start = time.perf_counter()
        analyzer.hints(text)
        samples.append(time.perf_counter() - start)
    samples.sort()
    print(
        f"  analyzer hints(), ~2,000 chars: median {statistics.median(samples) * 1000:.2f} ms, "
        f"p95 {samples[int(len(samples) * 0.95)] * 1000:.2f} ms"
    )


def sample_lines(count: int, seed: int = 14) -> list[str]:
    """`count` realistic messages: one to three sentences of the labelled sets' messages, drawn
    at random (seeded) and joined, some in lower case; lines seldom repeat, as in real use."""
    sentences: list[str] = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = " ".join(json.loads(line)["text"].split())
                sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    pick = random.Random(seed)
    out = []
    for _ in range(count):
        line = " ".join(pick.choice(sentences) for _ in range(pick.choice((1, 1, 2, 3))))
        out.append(line.lower() if pick.random() < 0.3 else line)
    return out


def throughput(env: dict[str, str], count: int) -> None:
    """`reflect --jsonl` over `count` lines, start-up included, and VADER on the same lines."""
    lines = sample_lines(count)
    print(f"  {count:,} generated lines, {len(set(lines)):,} distinct")
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    cmd = [*_command(), "reflect", "--jsonl"]
    subprocess.run(cmd, input=b"warm\n", env=env, capture_output=True, check=True)
    start = time.perf_counter()
    done = subprocess.run(cmd, input=payload, env=env, capture_output=True, check=True)
    elapsed = time.perf_counter() - start
    assert done.stdout.count(b"\n") == count
    print(f"  softlanding reflect --jsonl (start-up included) {count / elapsed:9,.0f} lines/s")
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print(
            "  VADER: vaderSentiment is not installed (skipped); to measure beside it: "
            "pip install -e '.[bench]'"
        )
        return
    start = time.perf_counter()
    vader = SentimentIntensityAnalyzer()
    for line in lines:
        json.dumps(vader.polarity_scores(line))
    elapsed = time.perf_counter() - start
    print(f"  VADER polarity_scores, same lines (in process) {count / elapsed:9,.0f} lines/s")


def distinct_rewrites() -> None:
    """Flagged messages of the blind sets' development halves, and how many rewrites differ."""
    sys.path.insert(0, str(ROOT / "src"))
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.loader import load_data

    analyzer = Analyzer.from_pack(load_data())
    said = []
    for name in ("patterns_blind_a.jsonl", "patterns_blind_b.jsonl"):
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if row.get("split") == "dev":
                found = analyzer.analyze(row["text"])
                if found.patterns and found.rewrite:
                    said.append(found.rewrite)
    share = len(set(said)) / max(1, len(said))
    print(f"  {len(said)} flagged, {len(set(said))} distinct rewrites: {share:.0%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--only", choices=("all", "reflect"), default="all")
    parser.add_argument("--lines", type=int, default=20_000)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="softlanding-bench-")
    env = {**_home_env(home), "TERM": "xterm-256color"}
    # Measure as installed software runs: with compiled bytecode, like a pip/pipx install.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], env=env, check=True)
    # ... and with the compiled pack beside the shipped one (JSON and marshal) and its regexes'
    # opcodes, as the wheel carries them (removed
    # afterwards: in the repository the pack is compiled per user, as the tests expect).
    subprocess.run([PY, "-c", SHIP_COMPILED], env=env, check=True)
    try:
        return measure(args, env, home)
    finally:
        (ROOT / "data" / "prompts.compiled.json").unlink(missing_ok=True)
        (ROOT / "data" / "prompts.compiled.marshal").unlink(missing_ok=True)
        (ROOT / "data" / "regexes.marshal").unlink(missing_ok=True)


def _home_env(home: str) -> dict[str, str]:
    """The environment of a user whose home is `home`: files found as a user's are (by the XDG
    rules, on Linux), not through SOFTLANDING_HOME, which skips that look-up."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.pop("SOFTLANDING_HOME", None)
    return {**env, "HOME": home}


def _command() -> list[str]:
    """`softlanding` as users start it: the console script beside this Python when installed."""
    script = Path(PY).with_name("softlanding")
    return [str(script)] if script.is_file() else [PY, "-m", "softlanding"]


def measure(args: argparse.Namespace, env: dict[str, str], home: str) -> int:
    subprocess.run(
        [
            PY,
            "-c",
            "from softlanding.store.sessions import Store\n"
            "s = Store.open(); s.set_setting('first_run_seen', True)",
        ],
        env=env,
        check=True,
    )
    print(f"python {sys.version.split()[0]}, {args.runs} paired runs, HOME={home}")
    print(f"command: {' '.join(_command())}")

    print("\n1. `softlanding --help` cold start")
    floor = [PY, "-c", "import rich.console"]
    paired(
        "python -c 'import rich.console'",
        lambda: timed_run(floor, env),
        "softlanding --help",
        lambda: timed_run([*_command(), "--help"], env),
        args.runs,
    )

    print('\n2. `softlanding reflect "..."` cold start')
    reflect = [*_command(), "reflect", "you never listen to me, whatever"]
    paired(
        "python -c 'import rich.console'",
        lambda: timed_run(floor, env),
        "softlanding reflect '…'",
        lambda: timed_run(reflect, env),
        args.runs,
    )

    print("\n3. `softlanding reflect` on the first run after install (no compiled pack yet)")

    def first_run() -> float:
        fresh = {**env, **_home_env(tempfile.mkdtemp(prefix="softlanding-first-"))}
        return timed_run(reflect, fresh)

    paired(
        "python -c 'import rich.console'",
        lambda: timed_run(floor, env),
        "softlanding reflect '…' (first run)",
        first_run,
        max(5, args.runs // 3),
    )

    print("\n4. throughput")
    throughput(env, args.lines)

    print("\n5. typing in Respond")
    analyzer_per_keystroke()

    print("\n6. rewrites (blind sets, development halves)")
    distinct_rewrites()
    if args.only == "reflect":
        return 0

    print("\n7. time to first screen in an 80×24 pseudo-terminal")
    minimal = [PY, "-c", MIN_APP]
    app = _command()
    paired(
        "minimal Textual app",
        lambda: first_screen(minimal, env, b"minimal-ready"),
        "softlanding (home, real pack and database)",
        lambda: first_screen(app, env, b"Start now"),
        max(5, args.runs // 2),
    )
    return 0


# --- screens opening (the flow's measure; run: tools/bench.py --only screens) -------------------


def screen_open_times(runs: int = 15) -> None:
    """Home → Pause until the new screen is drawn, beside a bare screen push and the pause with
    every stage built at once (as before its stages were built when shown); medians in ms.

    In process, at 80×24, with the real pack; the three are alternated, so a busy machine slows
    them alike.
    """
    import asyncio

    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("SOFTLANDING_HOME", tempfile.mkdtemp(prefix="softlanding-screens-"))
    from textual.app import ComposeResult
    from textual.screen import Screen
    from textual.widgets import ContentSwitcher, Footer, Static

    from softlanding.app import SoftlandingApp
    from softlanding.pack.loader import load_view
    from softlanding.screens.pause.pause import PauseScreen
    from softlanding.store.sessions import Store

    class Bare(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Static("a bare screen")
            yield Footer()

    class EveryStage(PauseScreen):
        async def on_mount(self) -> None:  # before the first paint, as when composed at once
            stages = self.query_one("#stages", ContentSwitcher)
            await stages.mount_all([self._build("flooded"), self._build("choose")])

    def opened(app: SoftlandingApp, kind: str) -> Screen[None]:
        if kind == "bare":
            return Bare()
        app.start_session("solo")
        screen = app.make_screen(app.session.first())
        return EveryStage(screen.ctx) if kind == "every" else screen  # type: ignore[attr-defined]

    async def measure_all() -> dict[str, list[float]]:
        times: dict[str, list[float]] = {"bare": [], "pause": [], "every": []}
        with Store.open() as store:
            store.set_setting("first_run_seen", True)
            app = SoftlandingApp(load_view(), store)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause(0.3)
                for _ in range(runs):
                    for kind, found in times.items():
                        start = time.perf_counter()
                        app.push_screen(opened(app, kind))
                        await pilot.pause()
                        found.append(time.perf_counter() - start)
                        app.pop_screen()
                        app.session.leave()
                        await pilot.pause(0.05)
        return times

    times = asyncio.run(measure_all())
    for kind, label in (
        ("bare", "bare screen push (Static + Footer)"),
        ("pause", "Home → Pause, later stages built when shown"),
        ("every", "Home → Pause, every stage built at once"),
    ):
        print(f"  {label:<46} {statistics.median(times[kind]) * 1000:7.1f} ms")


if __name__ == "__main__":
    if sys.argv[1:3] == ["--only", "screens"]:
        screen_open_times()
        raise SystemExit(0)
    raise SystemExit(main())
