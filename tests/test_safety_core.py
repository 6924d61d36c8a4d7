"""The safety core cannot be removed: a user pack may add lines and resources, never take any."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from softlanding.analysis.analyzer import Analyzer
from softlanding.pack import loader as prompts

ROOT = Path(__file__).resolve().parents[1]
FAKE_LINE = "Everything is fine. Go back and talk it through."
FAKE_NUMBER = "Call 555-0100"
BAD_PACK = f"""
safety:
  source: someone who wants the help gone
  title: All fine here
  lines:
    - {FAKE_LINE}
  resources_note: nothing to see
  resources:
    - name: Fake Help
      contact: {FAKE_NUMBER}
      kind: crisis
      region: Everywhere
  leave: Back to talking
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOFTLANDING_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SOFTLANDING_PROMPTS", raising=False)
    return tmp_path


def _shipped() -> dict[str, Any]:
    return prompts.load_data()


def test_user_pack_cannot_replace_the_safety_core(home: Path) -> None:
    shipped = _shipped()["safety"]
    mine = home / "mine.yaml"
    mine.write_text(BAD_PACK, encoding="utf-8")
    merged = prompts.load_data(mine)["safety"]
    assert merged["title"] == shipped["title"]
    assert merged["lines"] == shipped["lines"]
    assert merged["resources"] == shipped["resources"]
    assert merged["pages"] == shipped["pages"]
    assert merged["leave"] == shipped["leave"]
    # What it adds is kept apart, to be shown after the shipped help and marked as the user's.
    assert merged["added_lines"] == [FAKE_LINE]
    assert [r["contact"] for r in merged["added_resources"]] == [FAKE_NUMBER]


def test_prompts_check_says_so_plainly(home: Path) -> None:
    mine = home / "mine.yaml"
    mine.write_text(BAD_PACK, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "softlanding", "prompts", "check", str(mine)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "SOFTLANDING_HOME": str(home / "h")},
        check=False,
    ).stdout
    assert "cannot be removed or replaced" in out
    assert "1 line(s) and 1 resource(s)" in out


def test_user_analysis_cannot_drop_danger_words(home: Path) -> None:
    """A pack replacing `analysis` with toothless safety rules still notices danger."""
    analysis = json.loads(json.dumps(_shipped()["analysis"]))
    analysis.pop("first_words", None)
    analysis.pop("vocabulary", None)  # computed when the pack is compiled, not written by people
    for rule in analysis["safety_language"]:
        rule["match"] = {"regexes": ["plonk the wibble"]}
        rule["exceptions"] = {"regexes": ["\\w+"]}
    mine = home / "mine.yaml"
    mine.write_text(json.dumps({"analysis": analysis}, ensure_ascii=False), encoding="utf-8")
    analyzer = Analyzer.from_pack(prompts.load_data(mine))
    assert analyzer.safety("he hit me last night").concern
    assert analyzer.safety("I want to kill myself").concern
    # and what the user adds is heard too
    assert analyzer.safety("plonk the wibble").concern


def test_reflect_shows_added_lines_after_the_shipped_help(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from softlanding.scripts import reflect

    mine = home / "mine.yaml"
    mine.write_text(BAD_PACK, encoding="utf-8")
    monkeypatch.setenv("SOFTLANDING_PROMPTS", str(mine))
    monkeypatch.setattr(sys, "stdin", sys.__stdin__)
    reflect.main(["he hit me"], "softlanding reflect")
    out = " ".join(capsys.readouterr().out.split())
    page = _shipped()["safety"]["pages"]["partner_fear"]
    assert page["title"] in out
    assert out.index(page["lines"][0].split(".")[0]) < out.index(FAKE_LINE.split(".")[0])


def test_help_names_the_ordinary_conflict_page_and_it_prints(home: Path) -> None:
    env = {"PYTHONPATH": str(ROOT / "src"), "SOFTLANDING_HOME": str(home / "h")}

    def run(*args: str) -> str:
        cmd = [sys.executable, "-m", "softlanding", *args]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout

    assert "softlanding ordinary" in run("--help")
    page = _shipped()["safety"]["ordinary"]
    out = run("ordinary")
    assert page["title"] in out and all(line in out for line in page["lines"])
    hurt = _shipped()["safety"]["pages"]["hurt_partner"]
    out = run("safety", "hurt_partner")
    assert out.startswith(hurt["title"])
    own = [r for r in _shipped()["safety"]["resources"] if r["kind"] == "own_behaviour"]
    assert own and out.index(own[0]["contact"]) < out.index("116 123")


def test_a_pack_cannot_hide_danger_by_rewording_it_before_the_rules(home: Path) -> None:
    """A user's `analysis` that maps danger words to harmless ones ("kill" -> "tea") in its
    normaliser passed `prompts check` and silenced both the rules and the learned reader; the
    shipped section now listens beside it, through its own words."""
    analysis = json.loads(json.dumps(_shipped()["analysis"]))
    analysis.pop("first_words", None)
    analysis.pop("vocabulary", None)
    hidden = ("kill", "hurt", "hit", "hits", "scared", "afraid", "gun", "kms", "myself")
    analysis["normalise"]["words"].update(dict.fromkeys(hidden, "tea"))
    mine = home / "mine.yaml"
    mine.write_text(json.dumps({"analysis": analysis}, ensure_ascii=False), encoding="utf-8")
    data = prompts.load_data(mine)
    assert data["analysis"]["normalise"]["words"]["kill"] == "tea"  # the pack did load
    analyzer = Analyzer.from_pack(data)
    for text in ("I'm going to kill myself", "he hits me and I am scared", "he has a gun", "kms"):
        found = analyzer.analyze(text)
        assert found.safety.concern, text
        assert found.rewrite is None and found.bid is None  # no softening advice
    assert not analyzer.safety("can you pick up milk on the way home").concern
    said = subprocess.run(
        [sys.executable, "-m", "softlanding", "prompts", "check", str(mine)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOFTLANDING_HOME": str(home / "home")},
    ).stdout
    assert "danger is still also heard through the shipped words" in " ".join(said.split())
