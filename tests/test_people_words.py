"""History, `show` and export label every answer in people's words, under the writer's name."""

from __future__ import annotations

import re
from typing import Any

from softlanding.pack.loader import load_data
from softlanding.report import layout

INTERNAL = re.compile(
    r"\b(reveal|talk_again|own_words|drafts|patterns|criticism|listen|closing|reflect|after"
    r"|heard_back|my_view|starter|about_session|correction|mirror)\b|_[AB]\b|·\s*(name|pause)\b"
)


def seeded(store: Any) -> str:
    sid = store.create_session("together", [("A", "Alex"), ("B", "Sam")])
    store.save_answer(sid, "name", "word", "stung", "A")
    store.save_answer(sid, "name", "reveal", ["word", "own_words"], "A")
    store.save_answer(sid, "name", "reveal", [], "B")
    store.save_answer(sid, "name", "drafts", {"own_words": "like I was alone"}, "B")
    store.save_answer(sid, "listen", "final", "I was scared", "A")  # Alex speaks
    store.save_answer(sid, "listen", "mirror", "You were scared", "B")  # Sam says it back
    store.save_answer(sid, "listen", "correction", "scared, not angry", "A")
    store.save_answers(sid, "closing", {"talk_again": True}, "A")
    store.save_answers(sid, "after", {"felt_A": ["hurt"], "heard_back_A": "late again"}, "B")
    store.save_answers(sid, "after", {"starter": "B", "about_session": "2026-03-01T20:00:00"})
    return str(sid)


def reflected(store: Any) -> str:
    sid = store.create_session("reflect")
    patterns = ["criticism", "criticism", "contempt"]
    store.save_answers(sid, "reflect", {"text": "you never listen", "patterns": patterns})
    return str(sid)


def test_every_label_and_chosen_field_is_in_the_packs_words(store: Any) -> None:
    pack = load_data()
    words = pack["text"]["session_view"]
    entries = [
        entry
        for sid in (seeded(store), reflected(store))
        for section in layout.sections(store.load(sid), pack)
        for entry in section.entries
    ]
    for entry in entries:
        assert not INTERNAL.search(entry.label), entry.label
    by_label = {entry.label: entry.value for entry in entries}
    assert by_label[f"Alex · {words['name_reveal']}"] == f"{words['name_word']}, " + str(
        words["name_own_words"]
    )
    assert by_label[f"Sam · {words['name_reveal']}"] == words["reveal_nothing"]
    draft = words["not_yet_given"].format(label=words["name_own_words"])
    assert by_label[f"Sam · {draft}"] == "like I was alone"
    assert by_label[f"Alex · {words['after_starter']}"] == "Sam"  # a seat, said as its name
    hints = pack["text"]["hints"]
    assert by_label[words["reflect_patterns"]] == f"{hints['criticism']}, {hints['contempt']}"


def test_the_speakers_words_stand_under_the_speakers_name(store: Any) -> None:
    pack = load_data()
    words = pack["text"]["session_view"]
    found = layout.sections(store.load(seeded(store)), pack)
    shown = {(e.label, e.value) for s in found for e in s.entries}
    assert (f"Alex · {words['listen_final']}", "I was scared") in shown
    assert (f"Sam · {words['listen_mirror']}", "You were scared") in shown
    assert (f"Alex · {words['listen_correction']}", "scared, not angry") in shown


def test_show_and_export_use_the_same_words(store: Any, tmp_path: Any) -> None:
    from softlanding.cli import main

    sid = seeded(store)
    store.close()
    out = tmp_path / "out.md"
    assert main(["export", "--format", "md", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Chose to share" in text and "reveal" not in text and "talk\\_again" not in text
    assert main(["show", sid]) == 0


def test_the_together_way_is_said_in_words(store: Any) -> None:
    """The way screen's answers ("full", "fine") were shown as stored, under "Also noted"."""
    pack = load_data()
    words, together = pack["text"]["session_view"], pack["text"]["together"]
    sid = store.create_session("together", [("A", "Alex"), ("B", "Sam")])
    store.save_answers(sid, "way", {"check": "fine", "way": "full"}, "A")
    entries = [e for s in layout.sections(store.load(sid), pack) for e in s.entries]
    by_label = {entry.label.split(" · ")[-1]: entry.value for entry in entries}
    assert by_label[words["way_way"]] == words["way_full"]
    assert by_label[words["way_check"]] == together["way_fine"]
    assert not {"full", "fine"} & set(by_label.values())


def test_the_speakers_answers_on_the_floor_have_their_own_labels(store: Any) -> None:
    """A pair's speaker saves under "respond" whether they felt heard, what was missed and more:
    each under its own words, not under the section's title ("Alex · One change: yes")."""
    pack = load_data()
    words = pack["text"]["session_view"]
    sid = store.create_session("together", [("A", "Alex"), ("B", "Sam")])
    store.save_answers(sid, "respond", {"final": "I was scared", "confirmed": False}, "A")
    store.save_answers(
        sid, "respond", {"correction": "scared, not angry", "more": "and tired"}, "A"
    )
    shown = {e.label: e.value for s in layout.sections(store.load(sid), pack) for e in s.entries}
    assert shown[f"Alex · {words['respond_confirmed']}"]
    assert shown[f"Alex · {words['respond_correction']}"] == "scared, not angry"
    assert shown[f"Alex · {words['respond_more']}"] == "and tired"
    titles = {layout.section_title(s, pack) for s in layout.DEBRIEF}
    assert not any(label.split(" · ")[-1] in titles for label in shown)
