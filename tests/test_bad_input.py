"""Bad input: prompts packs that are odd, hostile or not files at all, and odd typed text —
each a one-line, located message (exit 1, no traceback), or simply working."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region

from softlanding.pack import loader as prompts
from softlanding.pack.loader import PackError, load_pack

pytestmark = pytest.mark.usefixtures("warm_pack_cache")
as_root = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def check(path: Path, *before: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """`softlanding [OPTIONS] prompts check PATH` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "softlanding", *before, "prompts", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def one_located_line(result: subprocess.CompletedProcess[str], path: Path) -> str:
    """The single problem line, after checking exit 1 and no traceback."""
    seen = result.stdout + result.stderr
    assert result.returncode == 1, seen
    assert "Traceback" not in seen
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0] == "The prompts pack has a problem:", seen
    assert len(lines) == 2 and lines[1].startswith(f"{path}"), seen
    return lines[1]


def problem(tmp_path: Path, content: bytes | str, words: str = "") -> prompts.PackProblem:
    """The first problem mentioning `words` (any, if none does)."""
    pack = tmp_path / "mine.yaml"
    pack.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(PackError) as info:
        load_pack(pack)
    found = info.value.problems
    assert found
    return next((p for p in found if words.lower() in str(p).lower()), found[0])


# --- files that still load ---------------------------------------------------------------------

USER_TEXT = "tags: [walks, dishes]\ntext:\n  home:\n    start: Begin here\n"


def test_crlf_line_endings_load(tmp_path: Path) -> None:
    pack = tmp_path / "windows.yaml"
    pack.write_bytes(USER_TEXT.replace("\n", "\r\n").encode())
    result = check(pack)
    assert result.returncode == 0 and "looks good" in result.stdout


def test_utf8_bom_loads(tmp_path: Path) -> None:
    pack = tmp_path / "bom.yaml"
    pack.write_bytes(b"\xef\xbb\xbf" + USER_TEXT.encode())
    loaded = load_pack(pack)
    assert list(loaded.tags) == ["walks", "dishes"]
    assert loaded.text.home.start == "Begin here"


def test_quoted_tag_and_str_tag_still_make_text(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("tags: [!!str 12:30, '12:30', ! yes]\n")
    assert list(load_pack(pack).tags) == ["12:30", "12:30", "yes"]


ARABIC = "ابدأ الآن"  # "start now", right to left
HEBREW = "נשימה"  # "breath"
EMOJI = "🌱 together 👩‍❤️‍👨"  # a zero-width-joiner sequence in the middle
ZERO_WIDTH = "calm\u200bly"  # a zero-width space inside a word


def drawn(widget: Any) -> str:
    width, height = widget.size
    return "\n".join(s.text for s in widget.render_lines(Region(0, 0, width, height)))


async def test_right_to_left_zero_width_and_emoji_load_and_render(
    tmp_path: Path, store: Any
) -> None:
    from softlanding.app import SoftlandingApp
    from softlanding.screens.home import HomeScreen

    pack_file = tmp_path / "world.yaml"
    pack_file.write_text(
        "text:\n  home:\n"
        f"    start: '{ARABIC}'\n"
        f"    together: '{EMOJI}'\n"
        f"    history: '{HEBREW} {ZERO_WIDTH}'\n"
        f"    greeting: '{ARABIC} — {EMOJI}'\n",
        encoding="utf-8",
    )
    view = prompts.load_view(pack_file)  # validated, then drawn below
    store.set_setting("first_run_seen", True)
    app = SoftlandingApp(view, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        menu = drawn(app.screen.query_one("#menu"))
        assert ARABIC in menu and HEBREW in menu and "🌱 together" in menu
        assert ARABIC in drawn(app.screen.query_one("#greeting"))
        await pilot.press("down", "down", "down", "up")  # moving over them redraws them
        await pilot.resize_terminal(41, 12)
        await pilot.pause()
        assert "🌱" in drawn(app.screen.query_one("#menu"))


# --- paths that are not a prompts file ---------------------------------------------------------


def test_path_is_a_folder(tmp_path: Path) -> None:
    line = one_located_line(check(tmp_path), tmp_path)
    assert "folder" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs only")
def test_path_is_a_fifo_and_nothing_waits_on_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "not an ordinary file" in one_located_line(check(fifo, timeout=20), fifo)
    # The app and the commands that read the pack give up on it too, rather than wait forever.
    begun = time.monotonic()
    app = subprocess.run(
        [sys.executable, "-m", "softlanding", "--prompts", str(fifo)],
        capture_output=True,
        text=True,
        timeout=20,
        stdin=subprocess.DEVNULL,
    )
    assert app.returncode == 1 and "not an ordinary file" in app.stderr
    assert "Traceback" not in app.stderr and time.monotonic() - begun < 20


def test_path_is_a_symlink_loop(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.symlink_to(two)
    two.symlink_to(one)
    assert "round in a circle" in one_located_line(check(one), one)


def test_path_is_a_link_to_nothing(tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "deleted.yaml")
    assert "leads nowhere" in one_located_line(check(link), link)


def test_path_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert "no prompts file" in one_located_line(check(missing), missing)


@pytest.mark.skipif(as_root, reason="root reads any file")
def test_path_is_unreadable(tmp_path: Path) -> None:
    pack = tmp_path / "locked.yaml"
    pack.write_text("tags: [a]\n")
    pack.chmod(0o000)
    try:
        assert "not allowed to read" in one_located_line(check(pack), pack)
    finally:
        pack.chmod(0o600)


def test_path_is_unreadable_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as the test above, for root too: reading is refused as for another user's file."""
    pack = tmp_path / "locked.yaml"
    pack.write_text("tags: [a]\n")

    def refused(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(PackError) as info:
        load_pack(pack)
    assert "not allowed to read" in str(info.value)


# --- contents that are not a pack --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("# only a comment\n", None, "empty"),
        ("tags:\n\t- a\n", 2, "tab"),
        ('tags: ["open\n', 2, "quote"),
        ("tags: [a]\ntext: \x00\n", 2, "NUL"),
        ("tags:\n  - a\n  - b\x07c\n", 3, "control character"),
        ("tags: [!!int nope]\n", 1, "tag"),
        ("tags: [!!timestamp nope]\n", 1, "tag"),
        ("tags: [!!bool maybe]\n", 1, "tag"),
        ("tags: [!!float nope]\n", 1, "tag"),
        ("tags:\n  - " + "9" * 5000 + "\n", 2, "number is far too long"),
        ("tags: " + "[" * 3000 + "]" * 3000 + "\n", 1, "not valid YAML"),
        ("1: a\nnull: b\ntrue: c\n", 1, "not a section"),
        ("steps: 12\n", 1, "not a section"),
        ("tags: 42\n", 1, "should be a list"),
        ("break_guidance:\n  min_minutes: 12:30\n", 2, "whole number"),
        ("text:\n  home:\n    start: '   '\n", 3, "empty"),
        ("text:\n  home:\n    start: " + "x" * 2100 + "\n", 3, "too long"),
        ("- tags\n- text\n", 1, "top of the file"),
        ("just words\n", 1, "top of the file"),
    ],
)
def test_bad_contents_get_a_located_plain_problem(
    tmp_path: Path, content: str, line: int | None, words: str
) -> None:
    found = problem(tmp_path, content, words)
    assert found.line == line, found
    assert words.lower() in str(found).lower(), found


def test_ten_thousand_tags_are_refused(tmp_path: Path) -> None:
    found = problem(tmp_path, "tags:\n" + "".join(f"  - t{i}\n" for i in range(10_000)))
    assert "at most" in found.message


def test_cli_gives_no_traceback_for_junk_bytes(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(bytes(range(256)) * 8)
    line = one_located_line(check(junk), junk)
    assert "UTF-8" in line or "control character" in line


# --- odd typed text ----------------------------------------------------------------------------


ODD_WORDS = " ".join(
    [
        "تأخرنا مرة أخرى",  # right to left
        "late again 😤🫠 👩‍👩‍👧",  # emoji and a zero-width-joiner family
        "bell\x07 escape\x1b[31m red\x1b[0m tab\tnul\x00 end",  # control characters
        "a\u202eb\u200f c\u2066",  # bidi overrides and marks
    ]
)


async def test_odd_typed_words_are_saved_exactly_and_drawn(make_app: Any, store: Any) -> None:
    words = ODD_WORDS
    from textual import events
    from textual.widgets import Input

    from softlanding.screens.reframe import ReframeScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        sid = app.session_id
        await app.switch_screen(app.step_screen("reframe"))
        await pilot.pause()
        box = app.screen.query_one("#thought-input", Input)
        assert app.focused is box
        app.post_message(events.Paste(words))
        await pilot.pause()
        drawn(box)  # drawing the box with these characters must not fail
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        after = drawn(app.screen.query_one("#thought-after"))
        assert after.strip()
    saved = store.load(sid).get("reframe", "thought")
    assert saved == " ".join(words.split())  # a paste keeps every character; runs of space close


async def test_control_characters_in_the_break_time_box_are_just_not_a_time(
    make_app: Any, store: Any
) -> None:
    from textual.widgets import Input, Static

    from softlanding.screens.pause.break_ import BreakScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        await app.push_screen(BreakScreen(app.context("pause")))
        await pilot.press("enter")  # the suggested length
        await pilot.pause()
        box = app.screen.query_one("#time", Input)
        box.value = "\x1b[2J\x07 21:61 🕘"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert str(app.screen.query_one("#problem", Static).render()).strip()
    record = store.load(app.session_id or "")
    assert record is None or record.get("pause", "return_at") is None
