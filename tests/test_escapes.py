"""No saved, typed or imported word drives the terminal: controls are shown, never sent."""

from __future__ import annotations

import io
import json
import sys

import pytest

from softlanding.cli import main
from softlanding.store.sessions import Store
from softlanding.textsafe import visible

# A clipboard write (OSC 52), a title change, a screen clear, and a C1 control sequence.
HOSTILE = "A\x1b]52;c;aGVsbG8=\x07B\x1b]0;x\x07C\x1b[2JD\x9b31mE\rF"
RAW = ("\x1b", "\x07", "\x9b", "\r")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def no_raw(text: str) -> None:
    for ch in RAW:
        at = text.find(ch)
        assert at < 0, f"raw {ch!r} reaches the terminal: {text[max(0, at - 40) : at + 40]!r}"


def test_visible_keeps_length_newlines_tabs_and_emoji() -> None:
    family = "👩\u200d👩\u200d👧 ok\u200c"
    assert visible(family + "\n\tx") == family + "\n\tx"
    shown = visible(HOSTILE)
    assert len(shown) == len(HOSTILE) and "␛]52;c;" in shown
    no_raw(shown)


@pytest.fixture
def hostile_session() -> str:
    with Store.open() as store:
        sid = store.create_session("solo", tags=["money"])
        store.save_answers(sid, "name", {"intensity": 7, "own_words": HOSTILE})
        store.save_answers(sid, "reframe", {"thought": HOSTILE, "partner_said": HOSTILE})
        store.finish(sid, "completed")
    return sid


@pytest.mark.parametrize(
    "command",
    [["show", "{sid}"], ["export"], ["reflect"], ["history"], ["reflect", HOSTILE]],
)
def test_human_readable_output_shows_controls(hostile_session, capsys, monkeypatch, command):
    monkeypatch.setattr(sys, "stdin", Terminal())  # `reflect` alone: the debrief, not stdin
    args = [part.replace("{sid}", hostile_session) for part in command]
    assert main(args) == 0
    out = capsys.readouterr().out
    no_raw(out)
    if command[0] != "history":
        assert "␛" in out and "aGVsbG8=" in out  # made visible, not dropped


def test_markdown_export_file_holds_no_control(hostile_session, capsys, tmp_path) -> None:
    target = tmp_path / "out.md"
    assert main(["export", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    no_raw(text)
    assert "␛" in text and "␇" in text  # made visible, not dropped


def test_json_stays_exact(hostile_session, capsys) -> None:
    assert main(["show", hostile_session, "--json"]) == 0
    assert HOSTILE in strings(json.loads(capsys.readouterr().out))
    assert main(["export", "--format", "json"]) == 0
    assert HOSTILE in strings(json.loads(capsys.readouterr().out))
    assert main(["reflect", "--json", HOSTILE]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == HOSTILE


def strings(item: object) -> list[str]:
    if isinstance(item, dict):
        return [s for value in item.values() for s in strings(value)]
    if isinstance(item, list):
        return [s for value in item for s in strings(value)]
    return [item] if isinstance(item, str) else []


async def test_the_session_view_shows_controls_never_sends_them(make_app, store) -> None:
    from softlanding.screens.history.session_view import SessionScreen
    from softlanding.screens.together.reveal import as_table

    sid = store.create_session("solo", tags=["money"])
    store.save_answers(sid, "reframe", {"thought": HOSTILE, "partner_said": HOSTILE})
    store.finish(sid, "completed")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(SessionScreen(app.library, sid))
        await pilot.pause()
        drawn = app.export_screenshot()  # every cell of the screen, as it was painted
        no_raw(drawn)
        assert "␛" in drawn
    no_raw(as_table([("said", HOSTILE)]).plain)  # the reveal and the closing screens


def test_a_bidirectional_override_cannot_reorder_what_is_shown() -> None:
    """A name or tag holding U+202E printed the rest of the line backwards in show and history;
    letters of right-to-left scripts stay as they are."""
    from softlanding.textsafe import visible

    assert visible("Sam\u202eevil") == "Sam\ufffdevil"
    assert visible("a\u2066b\u2069c") == "a\ufffdb\ufffdc"
    assert visible("שלום مرحبا") == "שלום مرحبا"
