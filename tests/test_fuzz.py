"""Generated junk thrown at the pack loader and the analyzer: a plain PackError or an answer,
never another exception, never a hang."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from softlanding import paths
from softlanding.pack import loader as prompts
from softlanding.pack import yaml_reader as pack_yaml
from softlanding.pack.loader import PackError
from softlanding.pack.yaml_reader import YamlProblem

pytestmark = pytest.mark.usefixtures("warm_pack_cache")

# The autouse fixtures (a temp home, the network guard) are safe to share between examples.
FUZZ = settings(
    database=None,  # nothing written into the repository
    deadline=2000,  # ms for one example; a hang or a blow-up fails instead of stalling the run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEWER = settings(FUZZ, max_examples=50)  # each example dumps, writes and validates a file
YAML_BITS = [
    *"&*!|>:-?[]{},#%@`'\"\t\n\r ",
    *("\x00", "\ufeff", "\u2028", "\x85", "\x07", "<<", "!!", "! ", "!!str ", "!!int "),
    *("!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!python/name:os.system ", "9" * 4400),
]


@pytest.fixture
def junk_file(tmp_path: Path) -> Path:
    return tmp_path / "junk.yaml"


def parse_or_problem(path: Path) -> None:
    try:
        pack_yaml.parse(path)
    except YamlProblem as exc:
        assert str(exc).startswith(str(path))


@FUZZ
@given(st.text(max_size=400))
def test_any_text_parses_or_is_a_located_problem(junk_file: Path, text: str) -> None:
    junk_file.write_text(text, encoding="utf-8", newline="")
    parse_or_problem(junk_file)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_are_a_located_problem(junk_file: Path, data: bytes) -> None:
    junk_file.write_bytes(data)
    parse_or_problem(junk_file)


@FUZZ
@given(st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=4), max_size=120).map("".join))
def test_yaml_punctuation_soup_parses_or_is_a_problem(junk_file: Path, text: str) -> None:
    junk_file.write_text(text, encoding="utf-8", newline="")
    parse_or_problem(junk_file)


# --- YAML-shaped junk through the whole loader (merge, schema, line numbers) -------------------


def _field_names() -> list[str]:
    """Every section and field name the schema knows, so junk reaches deep into validation."""
    from pydantic import BaseModel

    from softlanding.pack.schema import Pack

    names: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
            for arg in _types_in(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    walk(arg)

    walk(Pack)
    return sorted(names)


def _types_in(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _types_in(arg)


KEYS = st.sampled_from(_field_names()) | st.text(max_size=8) | st.integers() | st.none()
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["no", "yes", "on", "12:30", "1.10", "~", "", "  ", "{feeling}", "{x}"])
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=40,
)


@pytest.fixture
def small_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped pack without its large lexicon, so one validation takes ~1 ms, not ~1 s."""
    shipped = pack_yaml.parse(paths.shipped_prompts_path()).data
    shipped.pop("analysis", None)
    trimmed = tmp_path / "shipped.yaml"
    trimmed.write_text(yaml.safe_dump(shipped, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(paths, "shipped_prompts_path", lambda: trimmed)


def load_or_pack_error(path: Path) -> None:
    try:
        prompts.load_pack(path)
    except PackError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert isinstance(problem.line, int | None)
            str(problem)


@FEWER
@given(st.dictionaries(KEYS, TREES, max_size=6))
def test_yaml_shaped_junk_through_the_loader(
    small_shipped: None, junk_file: Path, tree: dict[Any, Any]
) -> None:
    junk_file.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    load_or_pack_error(junk_file)


@FEWER
@given(
    st.dictionaries(KEYS, TREES, max_size=4),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(YAML_BITS)), max_size=6),
)
def test_mangled_yaml_through_the_loader(
    small_shipped: None, junk_file: Path, tree: dict[Any, Any], cuts: list[tuple[int, str]]
) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    for at, bit in cuts:
        at %= len(text) + 1
        text = text[:at] + bit + text[at:]
    junk_file.write_text(text, encoding="utf-8", newline="")
    load_or_pack_error(junk_file)


# --- the analyzer --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def analyzer() -> Any:
    from softlanding.analysis.analyzer import Analyzer

    return Analyzer.from_pack(prompts.load_data())


# Words that trip the analyzer's rules, so generated messages reach its deeper paths.
TRIGGERS = [
    *("you", "always", "never", "whatever", "I'm done", "stupid", "idiot", "sorry", "but"),
    *("hurt", "afraid", "scared", "kill", "hit", "hurt myself", "watch my phone", "control"),
    *("I feel like you", "I need", "I wish we could", "just", "fine", "seriously", "obviously"),
    *("as usual", "ok sure", "oh great", "wow", "not my fault", "you too"),
]
MESSAGES = st.lists(
    st.sampled_from(TRIGGERS) | st.text(max_size=6) | st.sampled_from(list(".,!?…'’\"\n -—🙃")),
    max_size=120,
).map(" ".join)


def check_findings(text: str, findings: list[Any]) -> None:
    for found in findings:
        assert 0 <= found.start <= found.end <= len(text)
        assert text[found.start : found.end] == found.match  # the documented promise


@FUZZ
@given(MESSAGES | st.text(max_size=300))
def test_analyzer_reads_any_message(analyzer: Any, text: str) -> None:
    result = analyzer.analyze(text)
    check_findings(text, result.patterns)
    json.dumps(result.to_json([]))
    check_findings(text, analyzer.hints(text))
    assert isinstance(analyzer.safety(text).concern, bool)
    assert analyzer.bid(text) is None or isinstance(analyzer.bid(text), str)
    assert isinstance(analyzer.is_thought_not_feeling(text), bool)


LONG_MESSAGES = {
    "always-x400": "you always " * 400,
    "letters": "a" * 20_000,
    "bangs": "!" * 20_000,
    "spaces": " " * 20_000,
    "very-x3000": "you " + "very " * 3000 + "never listen",
    "feel-like-x500": "I feel like you " * 500,
    "newlines": "\n" * 10_000,
    "emoji": "🙃" * 10_000,
    "dotted-I": "İ" * 5000 + " always",  # lower-casing changes the length of some letters
    "sharp-s": "ß" * 5000 + " never",
    "accents": "\u0301" * 5000 + "whatever",
}


@pytest.mark.parametrize("text", LONG_MESSAGES.values(), ids=LONG_MESSAGES.keys())
def test_analyzer_on_long_and_repetitive_messages_stays_quick(analyzer: Any, text: str) -> None:
    begun = time.monotonic()
    result = analyzer.analyze(text)
    check_findings(text, result.patterns)
    analyzer.hints(text + " ")
    analyzer.safety(text)
    analyzer.bid(text)
    assert time.monotonic() - begun < 5  # roughly linear: ~5 ms per 2,000 characters here
