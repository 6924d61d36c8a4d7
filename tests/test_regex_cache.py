"""Regexes kept between runs: built from the kept opcodes they behave exactly as `re.compile`
makes them, a damaged or foreign file is ignored, and the file is read only when it is ours."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.test_prefilter import labelled_texts

from softlanding.analysis import regex_cache, text
from softlanding.analysis.analyzer import Analyzer
from softlanding.pack import loader


@pytest.fixture
def fresh() -> Iterator[None]:
    """An empty cache for the test; whatever the process had is put back after."""
    kept: list[Any] = [regex_cache._known, regex_cache._made, regex_cache._base_keys]
    saved = [d.copy() for d in kept]
    layers = list(regex_cache._layers)
    for d in kept:
        d.clear()
    regex_cache._layers.clear()
    yield
    for d, before in zip(kept, saved, strict=True):
        d.clear()
        d.update(before)
    regex_cache._layers[:] = layers


def forget_files() -> None:
    """As a new process: nothing known, no file read."""
    regex_cache._known.clear()
    regex_cache._base_keys.clear()
    regex_cache._layers.clear()


PATTERNS = [
    r"(?:you (?:never|always) (\w+))(?:(?<!\w)|(?!\w))",
    r"(?P<who>i|we) (?:need|want)\s\w+",
    r"(?i)whatever+[.!]*",
    r"[^\W_]+(?:['’ʼ][^\W_]+)*|[\"“”„]",
]


def test_a_kept_regex_is_built_without_parsing_and_matches_as_re_does(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for p in PATTERNS:
        regex_cache.compile(p)
    saved = regex_cache.dump()
    assert saved is not None
    regex_cache._known.clear()
    regex_cache.load(saved)
    plains = {p: re.compile(p) for p in PATTERNS}

    def refused(*_: Any) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(regex_cache._parser, "parse", refused)
    samples = ["You never LISTEN", "we want this now", "WHATEVERRR!!", "don’t “quote” me"]
    for p in PATTERNS:
        kept, plain = regex_cache.compile(p), plains[p]
        assert (kept.pattern, kept.flags, kept.groups) == (plain.pattern, plain.flags, plain.groups)
        assert kept.groupindex == plain.groupindex
        for s in samples:
            assert [m.span() for m in kept.finditer(s)] == [m.span() for m in plain.finditer(s)]
            assert [m.groups() for m in kept.finditer(s)] == [m.groups() for m in plain.finditer(s)]


def test_a_run_unpacks_only_the_regexes_it_asks_for(fresh: None) -> None:
    for p in PATTERNS:
        regex_cache.compile(p)
    saved = regex_cache.dump()
    assert saved is not None
    forget_files()
    regex_cache.load(saved)
    assert regex_cache._waiting() == len(PATTERNS)
    regex_cache.compile(PATTERNS[1])
    assert list(regex_cache._known) == [(PATTERNS[1], 0)]
    assert regex_cache._waiting() == len(PATTERNS) - 1
    regex_cache.compile(r"\bnew\b")  # a new one: the file is written again, whole
    again = regex_cache.dump()
    assert again is not None
    forget_files()
    regex_cache.load(again)
    assert regex_cache._waiting() == len(PATTERNS) + 1


def test_damaged_or_foreign_files_are_ignored(fresh: None) -> None:
    regex_cache.compile(PATTERNS[0])
    saved = regex_cache.dump()
    assert saved is not None
    forget_files()
    for bad in (b"", b"\x00garbage", saved[: len(saved) // 2], saved.replace(b"3.", b"2.", 1)):
        regex_cache.load(bad)
        assert regex_cache._known == {}
        assert regex_cache._waiting() == 0
    import marshal

    start = marshal.loads(saved)[-1]
    # an entry damaged inside a well-formed file: compiled the ordinary way instead
    regex_cache.load(saved[:start] + b"\x00" * (len(saved) - start))
    assert regex_cache._waiting() == 1
    assert regex_cache.compile(PATTERNS[0]).search("you never listen") is not None
    forget_files()
    # opcodes damaged inside a well-formed entry: compiled the ordinary way instead
    entry = marshal.loads(saved[start:])
    broken = [(p, f, (e[0], b"\xff\xff\xff\xff" * 3, *e[2:])) for p, f, e in entry]
    regex_cache._known.update({(p, f): e for p, f, e in broken})
    damaged = regex_cache.whole_file()
    forget_files()
    regex_cache.load(damaged)
    made = regex_cache.compile(PATTERNS[0])
    assert made.search("you never listen") is not None


def test_the_kept_regexes_change_nothing_on_any_labelled_message(
    data: dict[str, Any], fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = labelled_texts()[::6]  # a sixth of every set: the prefilter test reads them all
    with monkeypatch.context() as plain:
        plain.setattr(regex_cache, "compile", re.compile)
        expected = [Analyzer.from_pack(data).analyze(t) for t in texts]
    first = Analyzer.from_pack(data)
    assert [first.analyze(t) for t in texts] == expected
    saved = regex_cache.dump()
    assert saved is not None
    regex_cache._known.clear()
    regex_cache.load(saved)
    assert regex_cache._waiting() > 100  # unpacked one by one as they are asked for
    kept = Analyzer.from_pack(data)
    assert [kept.analyze(t) for t in texts] == expected
    assert text.regex_cache is regex_cache


def test_the_file_is_read_only_when_it_is_ours_alone(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    target = folder / regex_cache.FILE_NAME
    loader.write_private(target, b"kept")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert loader.read_private(target) == b"kept"
    os.chmod(target, 0o644)
    assert loader.read_private(target) is None
    os.chmod(target, 0o600)
    os.chmod(folder, 0o777)
    assert loader.read_private(target) is None
    os.chmod(folder, 0o700)
    link = folder / "link"
    link.symlink_to(target)
    assert loader.read_private(link) is None


def test_the_first_run_reads_the_regexes_the_wheel_ships(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No private file yet: the opcodes beside the shipped pack are used (a wheel carries them),
    and the private file, once there, comes first."""
    from softlanding import paths
    from softlanding.scripts import reflect

    for p in PATTERNS:
        regex_cache.compile(p)
    shipped = regex_cache.dump()
    assert shipped is not None
    forget_files()
    pack = tmp_path / "wheel" / "prompts.yaml"
    pack.parent.mkdir()
    pack.with_name(regex_cache.FILE_NAME).write_bytes(shipped)
    monkeypatch.setattr(paths, "shipped_prompts_path", lambda: pack)
    target = reflect._kept_regexes()
    assert target is not None and not target.exists()
    assert regex_cache._waiting() == len(PATTERNS)
    assert regex_cache.compile(PATTERNS[0]).search("you never listen") is not None
    regex_cache.compile(r"\bnew\b")
    mine = regex_cache.dump()  # the private file holds only what the wheel's lacks
    assert mine is not None
    loader.write_private(target, mine)
    forget_files()
    reflect._kept_regexes()
    assert regex_cache._waiting() == len(PATTERNS) + 1
    assert [layer.left() for layer in regex_cache._layers] == [1, len(PATTERNS)]  # private first
    loader.write_private(target, b"damaged")  # a damaged private file: the wheel's still serve
    forget_files()
    reflect._kept_regexes()
    assert regex_cache._waiting() == len(PATTERNS)


def test_what_the_wheel_ships_leaves_the_first_reflection_no_pack_regex_to_parse(
    data: dict[str, Any], fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from softlanding.scripts import reflect

    shipped = reflect.shipped_regexes(data)
    forget_files()
    regex_cache._made.clear()
    regex_cache.load(shipped, base=True)

    def refused(*a: Any) -> None:
        raise AssertionError(f"parsed again {a!r}")

    monkeypatch.setattr(regex_cache, "_entry", refused)  # how a pack regex is parsed here
    analyzer = reflect._analyzer(data)
    for message in ("you never listen to me and you're so lazy, whatever", "he hit me"):
        assert analyzer.analyze(message).patterns or analyzer.safety(message).concern
    assert regex_cache._made == {}  # nothing of the pack's left to write
