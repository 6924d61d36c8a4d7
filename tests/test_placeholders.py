"""Pack placeholders: each label may fill in only its own plain `{name}`s; `prompts check` says
where one is wrong, and at run time nothing in pack text is ever evaluated or crashes a screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from softlanding.pack import loader as prompts
from softlanding.pack.fill import Label, fill, placeholder_problem
from softlanding.pack.labels import TextSection

TYPO_PACK = 'text:\n  together:\n    goes_first: "{nmae} goes first"\n'
HOSTILE = "{path.absolute.__globals__[os].environ[SOFTLANDING_CANARY]}"


def check(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOFTLANDING_CANARY": "canary-value-4711"}
    return subprocess.run(
        [sys.executable, "-m", "softlanding", "prompts", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def test_a_typo_in_a_placeholder_is_a_located_plain_error(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(TYPO_PACK)
    result = check(pack)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "looks good" not in result.stdout
    line = result.stdout.splitlines()[1].strip()
    assert line == (
        f"{pack}, line 3: text → together → goes_first: uses {{nmae}}, which this text cannot "
        "fill in; it can use {name}."
    )


def test_attribute_and_index_access_is_refused_and_never_run(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(f'text:\n  history_export:\n    exported: "{HOSTILE}"\n')
    result = check(pack)
    assert result.returncode == 1
    assert "canary-value-4711" not in result.stdout + result.stderr
    assert "line 3: text → history_export → exported" in result.stdout


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{name!r} goes first", "only a plain name"),
        ("{name:>{width}} goes first", "on its own"),
        ("{0} goes first", "only a plain name"),
        ("{name.__class__} goes first", "only a plain name"),
        ("{} goes first", "only a plain name"),
        ("{name goes first", "on its own"),
        ("name} goes first", "on its own"),
    ],
)
def test_every_kind_of_bad_brace_is_refused(text: str, words: str) -> None:
    assert words in (placeholder_problem(text, ["name"]) or "")


def test_a_label_that_fills_in_nothing_refuses_braces(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text('text:\n  home:\n    start: "Start {now}"\n')
    with pytest.raises(prompts.PackError) as info:
        prompts.load_pack(pack)
    (found,) = info.value.problems
    assert (found.line, found.field) == (3, "text → home → start")
    assert found.message == "uses {now}, but this text fills in no names; remove the braces."


def test_an_unknown_label_is_a_typo_not_silence(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text('text:\n  home:\n    strat: "Start now"\n')
    with pytest.raises(prompts.PackError) as info:
        prompts.load_pack(pack)
    assert info.value.problems[0].field == "text → home → strat"


def test_every_shipped_label_is_modelled() -> None:
    import yaml

    shipped = yaml.safe_load(prompts.paths.shipped_prompts_path().read_text())["text"]
    modelled = {
        info.alias or name: {
            field.alias or label for label, field in info.annotation.model_fields.items()
        }
        for name, info in TextSection.model_fields.items()
    }
    assert modelled == {block: set(labels) for block, labels in shipped.items()}


def test_fill_substitutes_known_names_only_and_evaluates_nothing() -> None:
    assert fill("{name} goes first", name="Ann") == "Ann goes first"
    assert fill("{nmae} goes first", name="Ann") == "{nmae} goes first"
    assert fill(HOSTILE, path=Path("/tmp")) == HOSTILE
    assert fill("{name}", name="{other}", other="x") == "{other}"  # values are never re-read
    assert Label("{nmae} and {name}").format(name="Ann") == "{nmae} and Ann"


async def test_together_shows_an_unfilled_placeholder_instead_of_crashing(
    store: Any, monkeypatch: pytest.MonkeyPatch, compiled_pack: Path
) -> None:
    """Even text that skipped the check (say, an old compiled copy) is only ever filled in."""
    from softlanding.app import SoftlandingApp

    data = json.loads(compiled_pack.read_text(encoding="utf-8"))
    data["text"]["together"]["goes_first"] = "{nmae} goes first " + HOSTILE
    monkeypatch.setattr(prompts, "load_data", lambda explicit=None, building=None: data)
    store.set_setting("first_run_seen", True)
    app = SoftlandingApp(prompts.load_view(), store, start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Ann", "enter", *"Sam", "enter")
        await pilot.pause()
        shown = [str(o.prompt) for o in app.screen.query_one("#order", OptionList).options]
    assert shown[0] == "{nmae} goes first " + HOSTILE


def test_together_with_a_typo_pack_says_where_and_never_starts_broken(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(TYPO_PACK)
    result = subprocess.run(
        [sys.executable, "-m", "softlanding", "together"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "SOFTLANDING_PROMPTS": str(pack)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{pack}, line 3: text → together → goes_first: uses {{nmae}}" in result.stderr
