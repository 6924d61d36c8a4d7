"""`reflect --jsonl` shares large batches with a forked copy: the answers are the same, in order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from softlanding.scripts import reflect_pool

ROOT = Path(__file__).resolve().parents[1]


def _read(line: str) -> tuple[str, bool]:
    return line.upper() + "\n", "x" in line


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> reflect_pool.Pool:
    monkeypatch.setattr(reflect_pool, "_idle_core", lambda: True)
    monkeypatch.setattr(reflect_pool, "WARM_LINES", 0)
    return reflect_pool.Pool(_read)


def test_a_large_batch_is_shared_and_answered_in_order(pool: reflect_pool.Pool) -> None:
    lines = [f"line {i} x" if i % 3 else f"line {i}" for i in range(200)]
    try:
        assert pool.answer(lines) == [_read(line) for line in lines]
        assert pool._pid  # a copy was forked
        assert pool.answer(lines[:5]) == [_read(line) for line in lines[:5]]  # small: here
        assert pool.answer(lines[::-1]) == [_read(line) for line in lines[::-1]]
    finally:
        pool.close()
    assert pool._pid == 0


def test_a_failing_copy_means_reading_here(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def read(line: str) -> tuple[str, bool]:
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        return _read(line)

    monkeypatch.setattr(reflect_pool, "_idle_core", lambda: True)
    monkeypatch.setattr(reflect_pool, "WARM_LINES", 0)
    pool = reflect_pool.Pool(read)
    lines = [f"m {i}" for i in range(100)]
    try:
        assert pool.answer(lines) == [_read(line) for line in lines]
        assert pool.answer(lines) == [_read(line) for line in lines]  # no copy any more
    finally:
        pool.close()


def test_the_copy_waits_for_a_first_stretch_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reflect_pool, "_idle_core", lambda: True)
    monkeypatch.setattr(reflect_pool, "WARM_LINES", 150)
    pool = reflect_pool.Pool(_read)
    lines = [f"m {i}" for i in range(100)]
    try:
        assert pool.answer(lines) == [_read(line) for line in lines]
        assert pool._pid == 0
        assert pool.answer(lines) == [_read(line) for line in lines]
        assert pool._pid == 0  # 200 read here, but this batch began before 150
        assert pool.answer(lines) == [_read(line) for line in lines]
        assert pool._pid
    finally:
        pool.close()


def test_no_copy_on_a_busy_or_single_core_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reflect_pool, "_idle_core", lambda: False)
    pool = reflect_pool.Pool(_read)
    lines = [f"m {i}" for i in range(100)]
    assert pool.answer(lines) == [_read(line) for line in lines]
    assert pool._pid == 0


def test_jsonl_over_a_large_batch_matches_one_line_at_a_time(tmp_path: Path) -> None:
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.loader import load_data

    lines = []
    for raw in (ROOT / "tests" / "data" / "patterns_train.jsonl").read_text("utf-8").splitlines():
        if raw.strip() and len(lines) < 300:
            lines.append(" ".join(json.loads(raw)["text"].split()))
    env = {**os.environ, "SOFTLANDING_HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    env.pop("SOFTLANDING_PROMPTS", None)
    done = subprocess.run(
        [sys.executable, "-m", "softlanding", "reflect", "--jsonl"],
        input=("\n".join(lines) + "\n").encode("utf-8"),
        env=env,
        capture_output=True,
        check=True,
    )
    data = load_data()
    analyzer, resources = Analyzer.from_pack(data), data["safety"]["resources"]
    expected = [analyzer.analyze(line).to_json(resources) for line in lines]
    assert [json.loads(out) for out in done.stdout.decode("utf-8").splitlines()] == expected
