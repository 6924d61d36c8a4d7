"""Pack words are plain text: `prompts check` refuses style tags and escape codes, located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from softlanding import paths
from softlanding.pack.loader import PackError, load_pack
from softlanding.screens.safety import SafetyScreen
from softlanding.textsafe import pack_text_problem

SHIPPED = paths.shipped_prompts_path()
HOSTILE = ["[/]Help", "Get [b]help[/b]", "[@click=app.quit]Help", "Help\x1b]0;x\x07", "Help\x9b2J"]


def problems(tmp_path: Path, document: dict[str, Any]) -> list[Any]:
    pack = tmp_path / "mine.yaml"
    pack.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(pack)
    return info.value.problems


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_safety_line_a_pack_adds_fails_the_check(tmp_path: Path, title: str) -> None:
    # A user pack can only add to the safety core (its title is never replaced): what it adds
    # is checked like every other text.
    found = problems(tmp_path, {"safety": {"lines": [title]}})
    assert found and all(p.field.startswith("safety") for p in found), found
    assert any("styling" in p.message or "escape code" in p.message for p in found), found


@pytest.mark.parametrize("label", HOSTILE)
def test_any_label_is_checked_the_same_way(tmp_path: Path, label: str) -> None:
    found = problems(tmp_path, {"text": {"home": {"start": label}}})
    assert [p.field for p in found] == ["text → home → start"], found
    assert found[0].line == 3


def test_round_brackets_and_emoji_stay_allowed(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("text:\n  home:\n    start: 'Begin (1) 👩‍👩‍👧 a] \\b'\n", encoding="utf-8")
    assert load_pack(pack).text.home.start == "Begin (1) 👩‍👩‍👧 a] \\b"


@pytest.mark.parametrize("title", HOSTILE)
async def test_a_pack_past_the_check_still_opens_the_safety_page(
    make_app: Any, store: Any, title: str
) -> None:
    app = make_app()
    for field in ("title", "leave"):  # as if a planted cache skipped the check
        object.__setattr__(app.pack.safety, field, title)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # "I'm not safe"
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        drawn = str(app.screen.query_one("#title").render())
        assert drawn.startswith("Help") or drawn.startswith(title[:4])
        assert "\x1b" not in drawn


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]\\/ @#$=.-_*!%\t()b1é👩\u200d", max_size=12))
def test_words_the_check_allows_are_never_read_as_markup(words: str) -> None:
    if pack_text_problem(words) is None:
        drawn = Content.from_markup(words)  # what a Static with markup on would show
        assert drawn.plain == words and not drawn.spans
