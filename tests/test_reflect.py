"""`softlanding reflect`: every flag, the JSON contract, the debrief, the editor, a lean start."""

from __future__ import annotations

import io
import json
import os
import select
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from softlanding.pack import loader as prompts
from softlanding.scripts import reflect
from softlanding.store.sessions import Store

ROOT = Path(__file__).resolve().parents[1]
PROG = "softlanding reflect"
REAL_LOAD_DATA = prompts.load_data


class Terminal(io.StringIO):
    """A stdin that is a terminal: reflect must not wait for typed input."""

    def isatty(self) -> bool:
        return True

    def read(self, *args: Any) -> str:
        raise AssertionError("reflect read from a terminal's stdin")


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The compiled pack, validated once for the module (validation is the slow part)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOFTLANDING_HOME", str(tmp_path_factory.mktemp("home")))
        mp.delenv("SOFTLANDING_PROMPTS", raising=False)
        return prompts.load_data()


@pytest.fixture(autouse=True)
def pack(compiled: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Reflect reads this copy instead of validating again in every test's own home."""
    monkeypatch.setattr(
        prompts, "load_data", lambda explicit=None: json.loads(json.dumps(compiled))
    )
    return compiled


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: io.StringIO | None = None) -> int:
    monkeypatch.setattr(sys, "stdin", stdin if stdin is not None else Terminal())
    return reflect.main(argv, PROG)


# --- one message ----------------------------------------------------------------------------


def test_message_argument_prints_a_calm_card(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    assert run(["You", "never", "listen,", "whatever"], monkeypatch) == 0
    out = capsys.readouterr().out
    hints, view = pack["text"]["hints"], pack["text"]["session_view"]
    assert "You never listen, whatever" in out
    for label in (hints["criticism"], hints["stonewalling"], view["reflect_bid"]):
        assert label in out
    assert view["reflect_rewrite"] in out and view["reflect_question"] in out
    assert out.index(hints["criticism"]) < out.index(hints["stonewalling"])  # reading order
    assert "you listen?" in out  # the softer way to say it keeps the ask


def test_clean_message_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    assert run(["Can we talk after dinner?"], monkeypatch) == 0
    out = capsys.readouterr().out
    assert pack["analysis"]["reflect_words"]["no_pattern"] in out.replace("\n", " ")
    assert pack["text"]["hints"]["empty"] not in out.replace("\n", " ")  # the draft box's words
    assert pack["text"]["session_view"]["reflect_rewrite"] not in out


def test_typed_words_are_never_markup(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["[bold red]you never listen[/]"], monkeypatch) == 0
    assert "[bold red]you never listen[/]" in capsys.readouterr().out


def test_safety_comes_first_with_no_softening(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    assert run(["you never listen and he hit me last night"], monkeypatch) == 0
    out = capsys.readouterr().out
    safety = pack["safety"]
    page = safety["pages"]["partner_fear"]
    assert out.index(page["title"]) < out.index("he hit me last night")
    fitting = {r["name"] for r in safety["resources"] if r["kind"] in (*page["first"], "directory")}
    for resource in safety["resources"]:  # the page's own lines; every line is a command away
        assert (resource["name"] in out) is (resource["name"] in fitting), resource["name"]
    assert pack["analysis"]["reflect_words"]["more_help"] in out
    assert out.count(safety["check_country"]) == 1  # said once, above the lines it is about
    for advice in ("antidote", "criticism"):
        assert pack["text"]["hints"][advice].split(":")[0] not in out
    view = pack["text"]["session_view"]
    assert view["reflect_rewrite"] not in out and view["reflect_bid"] not in out
    assert pack["analysis"]["safety_question"] in out.replace("\n", " ")


def test_a_threat_in_the_first_person_shows_the_page_for_ones_own_urge_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    """Reflect reads one's own messages too: "I'll kill you" may be the reader's words, so the
    page for someone afraid they might hurt their partner comes first, then the one for fear."""
    pages = pack["safety"]["pages"]
    own, fear = pages["hurt_partner"]["title"], pages["partner_fear"]["title"]
    assert run(["I'll kill you if you leave"], monkeypatch) == 0
    out = capsys.readouterr().out
    assert own in out and fear in out and out.index(own) < out.index(fear)
    assert out.index(fear) < out.index("I'll kill you if you leave")
    words = pack["analysis"]["reflect_words"]
    assert words["own_urge_question"] in out.replace("\n", " ")  # not a question for the afraid
    assert run(["I'm scared he'll kill me"], monkeypatch) == 0
    out = capsys.readouterr().out
    assert fear in out and own not in out  # the writer is the one afraid


def test_the_region_chosen_in_the_app_puts_its_lines_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    from softlanding.store.sessions import Store

    def first_line_after_emergency(out: str) -> str:
        names = [r["name"] for r in pack["safety"]["resources"] if r["kind"] != "emergency"]
        return min((n for n in names if n in out), key=out.index)

    assert run(["he hit me last night"], monkeypatch) == 0
    assert first_line_after_emergency(capsys.readouterr().out) != "National Domestic Abuse Helpline"
    with Store.open() as store:
        store.set_setting("region", "United Kingdom")
    assert run(["he hit me last night"], monkeypatch) == 0
    assert first_line_after_emergency(capsys.readouterr().out) == "National Domestic Abuse Helpline"


def test_a_boundary_is_respected_and_names_help_should_it_not_be(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    said = pack["analysis"]["boundaries"]["not_respected"]
    assert run(["no, I don't want to tonight, please don't touch me"], monkeypatch) == 0
    out = capsys.readouterr().out.replace("\n", " ")
    assert " ".join(said.split()) in " ".join(out.split())
    assert run(["you never listen to me"], monkeypatch) == 0  # a complaint is not a boundary
    assert "softlanding safety" not in capsys.readouterr().out


def test_message_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--json"], monkeypatch, io.StringIO("ur so lazy\n")) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["text"] == "ur so lazy"
    assert [p["kind"] for p in found["patterns"]] == ["criticism"]


def test_empty_stdin_is_a_plain_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    assert run([], monkeypatch, io.StringIO("  \n")) == 1
    err = capsys.readouterr().err
    assert pack["analysis"]["reflect_words"]["nothing"] in err
    assert "Traceback" not in err


# --- machines -------------------------------------------------------------------------------


def test_json_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    text = "You NEVERRR listen 🙄 it's not my fault"
    assert run(["--json", text], monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # one object, one line
    found = json.loads(out)
    assert set(found) == {"text", "patterns", "bid", "rewrite", "question", "safety"}
    assert found["text"] == text
    for p in found["patterns"]:
        assert set(p) == {"kind", "start", "end", "match", "why", "antidote"}
        assert text[p["start"] : p["end"]] == p["match"]
    assert {p["kind"] for p in found["patterns"]} == {"criticism", "contempt", "defensiveness"}
    assert isinstance(found["bid"], str) and isinstance(found["rewrite"], str)
    frames = pack["analysis"]["question_frames"]  # a question about what was found
    assert found["question"] in [q for k in ("contempt", "criticism") for q in frames[k]]
    assert found["safety"] == {"concern": False, "resources": []}


def test_json_carries_resources_when_there_is_danger(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    assert run(["--json", "I want to die"], monkeypatch) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["safety"] == {"concern": True, "resources": pack["safety"]["resources"]}
    assert found["bid"] is None and found["rewrite"] is None


def test_jsonl_one_object_per_line_blank_lines_included(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["you never listen", "", "thanks for dinner ❤", "   ", "whatever", "k."]
    stdin = io.StringIO("\r\n".join(lines[:2]) + "\r\n" + "\n".join(lines[2:]) + "\n")
    assert run(["--jsonl"], monkeypatch, stdin) == 0
    out = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["text"] for line in out] == lines
    kinds = [[p["kind"] for p in json.loads(line)["patterns"]] for line in out]
    assert kinds == [["criticism"], [], [], [], ["stonewalling"], ["stonewalling"]]


def test_jsonl_without_a_final_newline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--jsonl"], monkeypatch, io.StringIO("a\nb")) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize(
    ("text", "code"),
    [("you never listen", 1), ("I'm hurt and I need a hug", 0), ("I'll kill you", 1), ("k.", 1)],
)
def test_check_exit_codes(
    text: str, code: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--check", text], monkeypatch) == code
    assert capsys.readouterr().out == ""  # scriptable: the exit code is the answer


def test_check_with_jsonl(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--check", "--jsonl"], monkeypatch, io.StringIO("fine by me\nhi\n")) == 0
    assert run(["--check", "--jsonl"], monkeypatch, io.StringIO("hi\nwhatever.\n")) == 1


def test_save_keeps_the_reflection(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    assert run(["--save", "You never spend time with me"], monkeypatch) == 0
    assert pack["analysis"]["reflect_words"]["saved"] in capsys.readouterr().out
    with Store.open(readonly=True) as store:
        record = store.latest_session(kinds=("reflect",))
    assert record is not None and record.kind == "reflect" and record.status == "completed"
    assert record.get("reflect", "text") == "You never spend time with me"
    assert record.get("reflect", "patterns") == ["criticism"]
    assert "miss you" in record.get("reflect", "bid")
    assert record.get("reflect", "rewrite").startswith("I feel ")


def test_a_saved_reflection_names_its_one_person_in_the_packs_words(
    monkeypatch: pytest.MonkeyPatch, compiled: dict[str, Any]
) -> None:
    mine = json.loads(json.dumps(compiled))
    mine["text"]["app"]["solo_name"] = "Moi"  # a pack in another tongue
    monkeypatch.setattr(prompts, "load_data", lambda explicit=None: mine)
    assert run(["--save", "You never spend time with me"], monkeypatch) == 0
    with Store.open(readonly=True) as store:
        record = store.latest_session(kinds=("reflect",))
    assert record is not None and record.partners == {"A": "Moi"}


@pytest.mark.parametrize(
    "text",
    ["if you leave I'll make you regret it", "I've been saving up my sleeping pills"],
)
@pytest.mark.parametrize("mode", [[], ["--json"], ["--check"]])
def test_save_never_stores_danger_language(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    pack: dict[str, Any],
    text: str,
    mode: list[str],
) -> None:
    run(["--save", *mode, text], monkeypatch)
    captured = capsys.readouterr()
    said = " ".join((captured.out + captured.err).split())
    assert pack["safety"]["not_saved"] in said
    assert pack["analysis"]["reflect_words"]["saved"] not in said
    with Store.open(readonly=True) as store:
        assert store.latest_session(kinds=("reflect", "solo", "together")) is None


def test_without_save_nothing_is_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--json", "you never listen"], monkeypatch) == 0
    with Store.open(readonly=True) as store:
        assert store.latest_session(kinds=("reflect", "solo", "together")) is None


# --- the editor -----------------------------------------------------------------------------


def editor_script(tmp_path: Path, message: str) -> tuple[str, Path]:
    """A tiny $EDITOR: writes `message` into the file, and notes the file's path and mode."""
    notes = tmp_path / "editor-notes.json"
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import json, os, stat, sys
            path = sys.argv[1]
            mode = stat.S_IMODE(os.stat(path).st_mode)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write({message!r})
            json.dump({{"path": path, "mode": mode}}, open({str(notes)!r}, "w"))
            """
        ),
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", notes


def test_edit_reads_the_message_from_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    editor, notes = editor_script(tmp_path, "you're always late 🙄\n")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor)
    assert run(["--edit", "--json"], monkeypatch) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["text"] == "you're always late 🙄"
    assert {p["kind"] for p in found["patterns"]} == {"criticism", "contempt"}
    seen = json.loads(notes.read_text())
    assert seen["mode"] == stat.S_IRUSR | stat.S_IWUSR  # 600: only the owner can read it
    assert not Path(seen["path"]).exists()  # and it is gone afterwards


def test_edit_with_nothing_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    pack: dict[str, Any],
) -> None:
    editor, notes = editor_script(tmp_path, "")
    monkeypatch.setenv("VISUAL", editor)
    assert run(["--edit"], monkeypatch) == 1
    assert pack["analysis"]["reflect_words"]["editor_failed"] in capsys.readouterr().err
    assert not Path(json.loads(notes.read_text())["path"]).exists()


# --- looking back ---------------------------------------------------------------------------


def seed_session() -> str:
    with Store.open() as store:
        sid = store.create_session("solo")
        store.save_answers(sid, "pause", {"calm_before": 3, "calm_after": 7, "break_minutes": 25})
        store.save_answers(
            sid, "name", {"word": "let down", "under": "loneliness", "need": "connection"}
        )
        store.save_answers(sid, "name", {"intensity": 8})
        store.save_answers(
            sid,
            "reframe",
            {
                "thought": "I'm having the thought that I don't matter",
                "partner_said": "you never listen",
                "wish": "to be understood",
                "cycle": "pursue_withdraw",
            },
        )
        store.save_answers(sid, "respond", {"final": "I feel lonely and I need an evening"})
        store.finish(sid, "completed")
    return str(sid)


def test_debrief_follows_the_pack_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    seed_session()
    assert run([], monkeypatch) == 0
    out = capsys.readouterr().out
    steps = pack["debrief"]["steps"]  # a solo session: each step in its words for one
    positions = [out.index(step.get("solo_title") or step["title"]) for step in steps]
    assert positions == sorted(positions)
    assert out.index(pack["text"]["session_view"]["pause_heading"]) < positions[0]
    flat = " ".join(out.split())
    for step in steps:
        assert " ".join((step.get("solo_prompt") or step["prompt"]).split()) in flat
    for value in ("let down", "loneliness", "connection", "8 out of 10", "to be understood"):
        assert value in flat
    cycle = next(c for c in pack["cycles"]["options"] if c["id"] == "pursue_withdraw")
    assert cycle["name"] in flat
    assert "I feel lonely and I need an evening" in flat
    assert flat.index("let down") < flat.index("to be understood") < flat.index("I feel lonely")


def test_the_debrief_of_a_solo_session_is_worded_for_one_and_a_pairs_for_two(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    debrief = pack["debrief"]
    pair_only = [" ".join(s["prompt"].split()) for s in debrief["steps"] if s.get("solo_prompt")]
    assert pair_only and debrief["solo_title"]
    seed_session()
    assert run([], monkeypatch) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert debrief["solo_title"] in flat and debrief["title"] not in flat
    assert not any(prompt in flat for prompt in pair_only)
    assert "each" not in flat.split() and "Two views" not in flat
    with Store.open() as store:
        later = datetime.now(UTC) + timedelta(minutes=5)
        sid = store.create_session("together", [("A", "Alex"), ("B", "Sam")], started_at=later)
        store.save_answer(sid, "name", "word", "stung", "A")
    assert run([], monkeypatch) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert debrief["title"] in flat and "Alex · Feeling: stung" in flat
    assert all(prompt in flat for prompt in pair_only)


def test_debrief_as_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = seed_session()
    assert run(["--json"], monkeypatch) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["session"] == sid
    ids = [step["id"] for step in found["steps"]]
    assert ids == ["pause", "feelings", "realities", "triggers", "my_part", "one_change"]
    feelings = found["steps"][1]["entries"]
    assert {"label": "Feeling", "value": "let down"} in feelings


def test_debrief_passes_over_a_newer_session_with_nothing_in_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session opened and left empty (a crash, a quit at once) is not "the last session"."""
    from softlanding.store.sessions import Store

    sid = seed_session()
    with Store.open() as store:
        store.create_session("together", [("A", "Jo"), ("B", "Kim")])
    assert run(["--json"], monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["session"] == sid


def test_no_sessions_gives_one_question(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pack: dict[str, Any]
) -> None:
    assert run([], monkeypatch) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert pack["analysis"]["reflect_words"]["no_sessions"] in out
    asked = [q for q in pack["reflection"]["questions"] if q in out]
    assert len(asked) == 1


# --- plain errors and a lean start ----------------------------------------------------------


def test_broken_user_pack_is_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "mine.yaml"
    broken.write_text("analysis:\n  source: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("SOFTLANDING_PROMPTS", str(broken))
    monkeypatch.setattr(prompts, "load_data", REAL_LOAD_DATA)  # the real, validating path
    assert run(["you never listen"], monkeypatch) == 1
    err = capsys.readouterr().err
    assert "prompts pack" in err and "mine.yaml" in err and "line" in err
    assert "Traceback" not in err


def test_help_tells_how_to_keep_words_out_of_history(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        reflect.main(["--help"], PROG)
    out = " ".join(capsys.readouterr().out.split())
    for flag in ("--edit", "--json", "--jsonl", "--check", "--save"):
        assert flag in out
    assert "shell history" in out


PROBE = """
import runpy, sys
sys.argv = ["softlanding", "reflect", "--json", "you never listen, whatever"]
try:
    runpy.run_module("softlanding", run_name="__main__")
except SystemExit:
    pass
heavy = sorted(m for m in ("textual", "pydantic", "yaml") if m in sys.modules)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
"""


def test_reflect_starts_without_textual_pydantic_or_yaml(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SOFTLANDING_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("SOFTLANDING_PROMPTS", None)
    command = [sys.executable, "-m", "softlanding", "reflect", "--json", "hello"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert json.loads(first.stdout)["text"] == "hello"  # this run builds the compiled pack
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert "HEAVY=\n" in probe.stderr or probe.stderr.rstrip().endswith("HEAVY=")
    assert json.loads(probe.stdout)["patterns"]


def test_jsonl_answers_each_line_as_it_arrives_and_a_repeat_alike(tmp_path: Path) -> None:
    """Lines fed slowly through a pipe are each answered before the next is sent (the batch
    reader never waits for more), and a repeated line gets the very same answer."""
    env = {
        **os.environ,
        "SOFTLANDING_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("SOFTLANDING_PROMPTS", None)
    command = [sys.executable, "-m", "softlanding", "reflect", "--jsonl"]
    child = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None
    answers = []
    try:
        for line in (b"you never listen\n", b"thanks for dinner\n", b"you never listen\n"):
            child.stdin.write(line)
            child.stdin.flush()
            ready, _, _ = select.select([child.stdout], [], [], 60)
            assert ready, "no answer before the next line was sent"
            answers.append(child.stdout.readline())
    finally:
        child.stdin.close()
        if len(answers) < 3:  # it stopped answering: don't wait for it
            child.kill()
        child.wait(timeout=60)
    assert [json.loads(a)["text"] for a in answers] == [
        "you never listen",
        "thanks for dinner",
        "you never listen",
    ]
    assert answers[0] == answers[2] and json.loads(answers[0])["patterns"]
    assert child.returncode == 0
