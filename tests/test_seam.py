"""The seam between flow and screens: Answers and SessionKeeper without Textual, then the app
keeping its promises through them (a full disk on Summary, a together break for both)."""

from __future__ import annotations

import ast
import errno
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox

from softlanding.flow import breaktime
from softlanding.flow.context import Answers, Settings
from softlanding.flow.session import SessionKeeper
from softlanding.flow.steps import SoloFlow, Turn
from softlanding.flow.together import TogetherFlow
from softlanding.models import iso
from softlanding.screens.pause.break_ import BreakScreen
from softlanding.screens.summary import SummaryScreen
from softlanding.screens.together.pause import TogetherPauseScreen
from softlanding.store.errors import StoreError

FULL = sqlite3.OperationalError("database or disk is full")
FAILURES = {
    "sqlite": FULL,
    "oserror": OSError(errno.ENOSPC, "No space left on device"),
    "store": StoreError("The disk is full, so softlanding cannot save. Free some space."),
}


def fail_with(exc: Exception) -> Any:
    def failing(*args: Any, **kwargs: Any) -> None:
        raise exc

    return failing


@pytest.fixture
def said() -> list[str]:
    return []


# --- Answers: the one door to saved answers ------------------------------------------------------


def test_answers_save_read_back_and_forget_per_seat(store: Any, said: list[str]) -> None:
    answers = Answers(store, said.append)
    sid = store.create_session("together", (("A", "Alex"), ("B", "Sam")))
    answers.open(sid)
    assert answers.save("name", "word", "hurt", seat="A")
    assert answers.save("name", "word", "lonely", seat="B", private=True)
    assert answers.get("name", "A") == {"word": "hurt"}
    assert answers.get("name", "B") == {"word": "lonely"}
    assert answers.partners() == {"A": "Alex", "B": "Sam"}
    assert answers.forget("name", "word", seat="B")
    assert answers.get("name", "B") == {}
    record = store.load(sid)
    assert record.get("name", "word", "A") == "hurt"
    assert record.get("name", "word", "B") is None
    assert said == []


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_answers_turn_every_store_failure_into_plain_words(
    store: Any, said: list[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    answers = Answers(store, said.append)
    answers.open(store.create_session("solo"))
    for method in ("save_answer", "forget_answer", "set_tags", "set_step", "load"):
        monkeypatch.setattr(store, method, fail_with(FAILURES[kind]))
    assert answers.save("summary", "tags", ["home"], seat="A") is False
    assert answers.get("summary", "A") == {"tags": ["home"]}  # kept for this session's screens
    assert answers.forget("summary", "tags", seat="A") is False
    assert answers.set_tags(["home"]) is False
    assert answers.set_step("summary") is False
    assert answers.partners() == {}
    assert len(said) == 5
    assert all("disk is full" in message for message in said), said
    assert not any("Traceback" in message or "errno" in message.lower() for message in said)


def test_answers_without_a_session_save_nothing_and_say_nothing(
    store: Any, said: list[str]
) -> None:
    answers = Answers(store, said.append)
    assert not answers.active
    assert answers.save("pause", "calm_before", 4, seat="A") is False
    assert answers.set_tags(["x"]) is False
    assert answers.get("pause", "A") == {}
    assert said == []


def test_settings_remember_reduced_motion_and_report_a_full_disk(
    store: Any, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store, said.append)
    assert settings.reduced_motion is False
    assert settings.set("reduced_motion", True)
    assert Settings(store, said.append).reduced_motion is True
    monkeypatch.setattr(store, "set_setting", fail_with(FULL))
    assert settings.set("reduced_motion", False) is False
    assert settings.reduced_motion is False  # the screen still goes still for this run
    assert said and "disk is full" in said[0]


# --- SessionKeeper: start, resume, move on, finish ---------------------------------------------


def test_keeper_starts_walks_and_finishes_a_solo_session(store: Any, said: list[str]) -> None:
    keeper = SessionKeeper(store, said.append)
    sid = keeper.start("solo")
    assert sid is not None and keeper.session_id == sid
    assert isinstance(keeper.flow, SoloFlow)
    first = keeper.enter(keeper.first())
    assert first == Turn("pause")
    assert store.load(sid) is None  # nothing answered yet: nothing written
    assert keeper.after("pause", "A") == Turn("name")
    assert keeper.before("pause", "A") is None
    keeper.record("pause", "calm_before", 3)
    assert store.load(sid).current_step == "pause"  # the place is written with the first answer
    keeper.finish("completed")
    assert keeper.session_id is None
    assert keeper.record("pause", "calm_after", 5) is False  # a late autosave starts nothing
    record = store.load(sid)
    assert record.status == "completed"
    assert record.get("pause", "calm_before") == 3 and record.get("pause", "calm_after") is None
    assert said == []


def test_keeper_resumes_a_pair_where_it_stood(store: Any, said: list[str]) -> None:
    sid = store.create_session("together", (("A", "Alex"), ("B", "Sam")))
    store.save_answer(sid, "name", "word", "hurt", "A")
    store.set_step(sid, "name@B")
    keeper = SessionKeeper(store, said.append)
    turn = keeper.resume(sid)
    assert isinstance(keeper.flow, TogetherFlow)
    assert turn is not None and (turn.step, turn.partner, turn.opens) == ("name", "B", "private")
    assert keeper.answers.get("name", "A") == {"word": "hurt"}
    assert keeper.resume("no-such-session") is None


def test_keeper_hands_each_turn_its_seats(store: Any, said: list[str]) -> None:
    keeper = SessionKeeper(store, said.append)
    keeper.start("together", (("A", "Alex"), ("B", "Sam")))
    flooded = {("B", "pause", "flooded"): True}
    shared = keeper.context(TogetherFlow().after("pause", "B", flooded), pack=None, host=None)
    assert (shared.step, shared.seats, shared.mode) == ("together_pause", ("A", "B"), "break")
    private = keeper.context(TogetherFlow().resume("name@B", {}), pack=None, host=None)
    assert (private.seat, private.seats, private.opens) == ("B", ("B",), "private")
    listen = keeper.context(TogetherFlow().after("respond", "A", {}), pack=None, host=None)
    assert listen.seats == ("B", "A")  # B listens to A: both look at this screen
    assert keeper.context(Turn("summary"), pack=None, host=None).seats == ("A",)
    assert shared.answers is keeper.answers  # one door to this session's answers


def test_keeper_on_a_full_disk_carries_on_unsaved(
    store: Any, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = SessionKeeper(store, said.append)
    monkeypatch.setattr(store, "create_session", fail_with(FULL))
    sid = keeper.start("solo")  # written with its first answer, not before
    assert keeper.enter(keeper.first()) == Turn("pause")  # the flow still opens
    assert keeper.record("pause", "calm_before", 3) is False
    monkeypatch.setattr(store, "load", fail_with(FAILURES["oserror"]))
    assert keeper.resume("anything") is None
    assert len(said) == 2 and all("disk is full" in m for m in said)
    monkeypatch.undo()  # the disk has room again: the next answer writes the session
    assert keeper.record("pause", "calm_before", 4) is True
    assert store.load(sid).get("pause", "calm_before") == 4


# --- the app: a full disk while ticking a tag; a break for both through the solo screen ---------


@pytest.mark.parametrize("kind", sorted(FAILURES))
async def test_full_disk_while_ticking_a_tag_is_a_notice_not_a_crash(
    make_app: Any, store: Any, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sid = app.start_session("solo")
        await app.switch_screen(app.step_screen("summary"))
        await pilot.pause()
        monkeypatch.setattr(store, "set_tags", fail_with(FAILURES[kind]))
        monkeypatch.setattr(store, "save_answer", fail_with(FAILURES[kind]))
        await pilot.press("shift+tab", "space")  # tick the last tag
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # still running, still here
        assert app.screen.query(Checkbox).last().value is True
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors and all("disk is full" in m for m in errors), errors
        assert not any("Traceback" in m or "OperationalError" in m for m in errors)
        monkeypatch.undo()
        await pilot.press("space", "space")  # untick, then tick again: the disk is back
        await pilot.pause()
    assert store.load(sid).tags == [app.pack.tags[-1]]


async def test_a_real_full_disk_while_ticking_a_tag(make_app: Any, store: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sid = app.start_session("solo")
        app.session.record("pause", "calm_before", 4)  # the session is written
        await app.switch_screen(app.step_screen("summary"))
        await pilot.pause()
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count={pages}")
        for filler in range(100_000):  # fill even the last free bytes of the capped file
            try:
                store.save_answer(sid, "filler", f"f{filler}", "x")
            except StoreError:
                break
        await pilot.press("shift+tab", "space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query(Checkbox).last().value is True
        assert any("disk is full" in n.message for n in app._notifications)


async def test_a_together_break_records_for_both_through_the_solo_break_screen(
    make_app: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen = datetime(2025, 3, 14, 21, 20).astimezone()
    monkeypatch.setattr(breaktime, "local_now", lambda: frozen)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sid = app.start_session("together", partners=(("A", "Alex"), ("B", "Sam")))
        app.session.record("pause", "flooded", False, seat="A")
        app.session.record("pause", "flooded", True, seat="B")
        app.show_turn(TogetherFlow().after("pause", "B", app.session.answers.saved))
        await pilot.pause()
        assert isinstance(app.screen, TogetherPauseScreen) and app.screen.mode == "break"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is BreakScreen  # the solo screen itself, no pair subclass
        assert app.screen.ctx.seats == ("A", "B")
        await pilot.press("enter", "enter")  # 20 minutes, then the suggested 21:40
        await pilot.pause()
        await pilot.press("c", "c")  # "We're back" early, then "yes, we're calm"
        await pilot.pause()
    record = store.load(sid)
    for slot in ("A", "B"):
        assert record.get("pause", "return_at", slot) == iso(frozen.replace(minute=40))
        assert record.get("pause", "choice", slot) == "break"
        assert record.get("pause", "returned_at", slot)  # the return, for both
    assert record.get("pause", "flooded", "A") is False  # each partner's own answer stays
    assert record.get("pause", "flooded", "B") is True


# --- the house: no import cycles, and nothing propped up by imports inside functions ------------

SRC = Path(__file__).resolve().parents[1] / "src"


def _top_level_imports() -> dict[str, set[str]]:
    """Each softlanding module -> the softlanding modules it imports at module level."""
    modules = {
        ".".join(p.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__"): p
        for p in SRC.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.parse(path.read_text()).body:  # `if TYPE_CHECKING:` blocks are skipped
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("softlanding"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    found.add(full if full in modules else str(node.module))
        graph[name] = found & modules.keys()
    return graph


def test_no_import_cycles() -> None:
    graph, state, cycles = _top_level_imports(), {}, []

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for dep in graph[name]:
            if state.get(dep) == "open":
                cycles.append([*path[path.index(dep) :], dep] if dep in path else [name, dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[name] = "done"

    for name in graph:
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_screens_import_neither_the_app_nor_the_store_nor_inside_functions() -> None:
    for path in [*SRC.glob("softlanding/screens/**/*.py"), *SRC.glob("softlanding/widgets/*.py")]:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module not in ("softlanding.app", "softlanding.store.sessions"), path
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            inner = [n for n in ast.walk(func) if isinstance(n, ast.ImportFrom)]
            assert not any((n.module or "").startswith("softlanding") for n in inner), path
