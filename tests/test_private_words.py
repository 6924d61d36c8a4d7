"""A partner's unshared words: driven through a real together session with keys, then looked
for in every reader and in the database bytes. Alex seals with a passphrase, Sam does not,
and neither shares anything at the reveal."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from history_seed import open_history
from softlanding.cli import main
from softlanding.report.insights import summarise
from softlanding.store import archive, seal
from softlanding.store.seal import Keyring
from test_safety_together import each_answers_the_round
from test_together import (
    begin,
    both_calm,
    drive_to_reveal,
    note,
    pass_to,
    reframe,
    say,
    screen_text,
    speak,
)

ALEX_PASS = "alexpass2026"
ALEX_WORDS = ("ALEXOWNWORDS", "ALEXNOTE", "ALEXTHOUGHT", "ALEXSAID")
SAM_WORDS = ("SAMOWNWORDS", "SAMNOTE", "SAMTHOUGHT", "SAMSAID")


class Terminal:
    def isatty(self) -> bool:
        return True


async def session_sharing_nothing(pilot: Any) -> dict[str, str]:
    """A whole together session; returns the feeling words each named (never revealed)."""
    app = pilot.app
    await begin(pilot)
    await both_calm(pilot, alex=ALEX_PASS)
    await pilot.press("s", "enter")
    await pilot.pause()
    await pass_to(pilot, "Alex")
    await note(pilot, "ALEXNOTE")
    await pilot.press("enter", "down", "enter")
    await say(pilot, "ALEXOWNWORDS")
    await pilot.press("enter", "down", "enter", "7", "enter")
    await pilot.pause()
    await pass_to(pilot, "Sam")
    await pilot.press("down", "down", "down", "enter", "enter")
    await say(pilot, "SAMOWNWORDS")
    await pilot.press("enter", "4", "enter")
    await pilot.pause()
    words = {slot: app.session.answers.get("name", slot)["word"] for slot in ("A", "B")}
    for name in ("Alex", "Sam"):
        await pass_to(pilot, name)
        await pilot.press("ctrl+n")  # share nothing
        await pilot.pause()
    shown = screen_text(app)
    assert all(w not in shown for w in (*ALEX_WORDS, *SAM_WORDS, *words.values()))
    await note(pilot, "SAMNOTE", other_writer=True)
    await pilot.press("enter")
    await pilot.pause()
    await pass_to(pilot, "Alex")
    await reframe(pilot, "ALEXTHOUGHT nobody helps", "ALEXSAID you never listen")
    await pass_to(pilot, "Sam")
    await reframe(pilot, "SAMTHOUGHT I am alone", "SAMSAID you are late")
    await finish_aloud(pilot)
    return words


async def finish_aloud(pilot: Any) -> None:
    """The said-aloud part and the closing, shortest way."""
    await pass_to(pilot, "Alex has the floor")
    await speak(pilot, "the dishes")
    await say(pilot, "you mean the dishes")
    await pilot.press("enter")
    await say(pilot, "")
    await say(pilot, "it makes sense")
    await say(pilot, "ECHOONE")
    await pass_to(pilot, "now Sam has the floor")
    await speak(pilot, "bedtime")
    await say(pilot, "you mean bedtime")
    await pilot.press("enter")
    await say(pilot, "")
    await say(pilot, "it matters")
    await say(pilot, "ECHOTWO")
    await say(pilot, "")
    await say(pilot, "")
    await pilot.press("down", "enter")  # no follow-up talk
    await pilot.pause()
    await each_answers_the_round(pilot)
    await pilot.press("enter")  # Finish
    await pilot.pause()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def file_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm") if Path(f"{path}{s}").exists()
    )


async def test_unshared_words_reach_no_reader_no_byte_and_open_only_for_their_owner(
    make_app: Any, store: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        words = await session_sharing_nothing(pilot)
        sid = store.latest_session().id
        # the TUI readers: the history list and the session view, as anyone at the keyboard
        await open_history(pilot)
        listed = screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        viewed = screen_text(app)
    secrets = (*ALEX_WORDS, *SAM_WORDS)
    for text in (listed, viewed):
        assert not any(s in text for s in secrets) and words["A"] not in text
    assert "Some words are not shown" in viewed

    readers = {
        "history": cli(capsys, "history", "--json")[1],
        "show": cli(capsys, "show", sid)[1],
        "show json": cli(capsys, "show", sid, "--json")[1],
        "export md": cli(capsys, "export")[1],
        "export json": cli(capsys, "export", "--format", "json")[1],
    }
    monkeypatch.setattr(sys, "stdin", Terminal())
    readers["debrief"] = cli(capsys, "reflect", "--json")[1]
    facts = archive.pattern_facts(store)
    readers["patterns"] = repr(summarise(facts, archive.now_utc()))
    for name, text in readers.items():
        # a feeling word ("down") can turn up by chance inside sealed bytes written as base64
        plain = re.sub(r"[A-Za-z0-9+/]{24,}={0,2}", "", text)
        for secret in (*secrets, *words.values()):
            assert secret not in plain, (name, secret)
        assert not any(s in text for s in secrets)
    assert archive.history_page(store, 5)[0].feelings == ()

    # on disk: Sam's words are gone, Alex's are there only sealed
    data = file_bytes(store.path)
    assert not any(s.encode() in data for s in secrets)
    stored = store.load(sid)
    alex_own = {k: v for k, v in stored.answers.items() if k[0] == "A" and k in stored.private}
    assert alex_own and all(seal.is_sealed(v) for v in alex_own.values())
    assert not any(k[0] == "B" for k in stored.private)

    # Alex's passphrase opens Alex's words and only those; another passphrase opens nothing
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "not alex's")
    code, text = cli(capsys, "show", sid, "--open")
    assert code == 1 and "does not open anything" in text and "ALEXOWNWORDS" not in text
    monkeypatch.setattr("getpass.getpass", lambda prompt="": ALEX_PASS)
    code, text = cli(capsys, "show", sid, "--open")
    assert code == 0 and "ALEXOWNWORDS" in text and "ALEXNOTE" in text
    assert not any(s in text for s in SAM_WORDS)
    code, text = cli(capsys, "export", "--format", "md", "--open")
    assert "ALEXTHOUGHT" in text and "SAMTHOUGHT" not in text


def test_opening_a_pairs_session_derives_each_key_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The slow step (Argon2id, ~0.03-0.09 s) runs once per partner's salt, never per answer, so
    a pair's forty answers open as fast as two; scripts/bench and the KDF note give the times."""
    salts = [seal.new_salt(), seal.new_salt()]
    keys = [seal.derive(ALEX_PASS, salt) for salt in salts]
    boxes = [seal.seal_with_key(keys[n % 2], salts[n % 2], f"answer {n}") for n in range(40)]
    derived: list[bytes] = []
    real = seal.derive

    def counted(passphrase: str, salt: bytes) -> bytes:
        derived.append(salt)
        return real(passphrase, salt)

    monkeypatch.setattr(seal, "derive", counted)
    keyring = Keyring(passphrases=[ALEX_PASS])
    opened = [keyring.open(box) for box in boxes]
    assert all(ok for ok, _ in opened) and opened[3][1] == "answer 3"
    assert sorted(derived) == sorted(salts)


def test_a_wrong_passphrase_opens_nothing() -> None:
    salt = seal.new_salt()
    box = seal.seal_with_key(seal.derive(ALEX_PASS, salt), salt, "ALEXOWNWORDS")
    assert "ALEXOWNWORDS" not in json.dumps(box)
    assert Keyring(passphrases=["alexpass2025"]).open(box) == (False, None)
    tampered = dict(box, box=box["box"][:-4] + "AAA=")
    assert Keyring(passphrases=[ALEX_PASS]).open(tampered) == (False, None)


async def test_the_sharing_checklist_starts_unticked_and_ticks_with_a_shape(
    make_app: Any, store: Any
) -> None:
    from softlanding.widgets.checklist import Checklist

    app = make_app(start="together")
    async with app.run_test(size=(80, 24)) as pilot:
        await drive_to_reveal(pilot)
        await pass_to(pilot, "Alex")
        checklist = app.screen.query_one(Checklist)
        lines = [checklist.render_line(y).text for y in range(checklist.option_count)]
        assert checklist.selected == [] and not any("✓" in line for line in lines)
        await pilot.press("enter")  # tick the first
        await pilot.pause()
        first, second = (checklist.render_line(y).text for y in (0, 1))
        assert checklist.selected and "✓" in first and "✓" not in second
