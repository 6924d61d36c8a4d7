"""Export and import: round trips, all-or-nothing imports of bad files, the Markdown debrief."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from history_seed import CANARY, SAM_PASSPHRASE, seed
from softlanding.report.export import export_markdown
from softlanding.report.visible import Viewer
from softlanding.store import archive, stream
from softlanding.store import importer as archive_import
from softlanding.store.seal import Keyring
from softlanding.store.sessions import Store


def sessions_of(store: Store) -> list[dict[str, Any]]:
    return archive.export_json(store)["sessions"]


def history_of(store: Store) -> list[Any]:
    """What every view reads: the history list and each full record."""
    rows = archive.history_page(store, 1000)
    return [(row, store.load(row.id)) for row in rows]


def test_export_is_a_versioned_document_with_every_field(store: Store) -> None:
    ids = seed(store)
    document = archive.export_json(store)
    assert document["format"] == "softlanding-export" and document["version"] == 1
    assert document["includes_private"] is False and document["exported_at"]
    solo = next(s for s in document["sessions"] if s["id"] == ids["solo"])
    assert solo["kind"] == "solo" and solo["status"] == "completed"
    assert solo["partners"] == {"A": "You"} and solo["tags"] == ["chores", "money"]
    calm = next(a for a in solo["answers"] if a["field"] == "calm_before")
    assert calm == {
        "partner": "A",
        "step": "pause",
        "field": "calm_before",
        "value": 3,
        "private": False,
        "saved_at": calm["saved_at"],
    }
    assert [s["started_at"] for s in document["sessions"]] == sorted(
        s["started_at"] for s in document["sessions"]
    )


def test_sealed_notes_export_sealed_and_open_only_with_their_passphrase(store: Store) -> None:
    seed(store)
    sealed = json.dumps(archive.export_json(store))
    assert CANARY not in sealed and '"sealed": "passphrase"' in sealed
    wrong = Viewer(keyring=Keyring(passphrases=["nope"]), keep_sealed=True)
    assert CANARY not in json.dumps(archive.export_json(store, viewer=wrong))
    right = Viewer(keyring=Keyring(passphrases=[SAM_PASSPHRASE]))
    assert CANARY in json.dumps(archive.export_json(store, viewer=right))
    # the streamed export (`softlanding export --format json`) goes through the same gate
    streamed = "".join(stream.export_chunks(store, None))
    assert CANARY not in streamed and '"sealed": "passphrase"' in streamed
    assert CANARY not in "".join(stream.export_chunks(store, None, wrong))
    assert CANARY in "".join(stream.export_chunks(store, None, right))


def test_unsealed_private_words_are_never_exported(store: Store) -> None:
    sid = store.create_session("together", partners=[("A", "Alex"), ("B", "Sam")])
    store.save_answer(sid, "name", "word", "PLAINSECRET", partner="A", private=True)
    assert "PLAINSECRET" not in archive.dumps(archive.export_json(store))
    assert "PLAINSECRET" not in "".join(stream.export_chunks(store, None))
    assert "PLAINSECRET" not in export_markdown(store)


def test_since_keeps_later_sessions_only(store: Store) -> None:
    ids = seed(store)
    document = archive.export_json(store, since="2025-03-04T00:00:00+00:00")
    assert {s["id"] for s in document["sessions"]} == {ids["together"], ids["reflect"]}


def test_round_trip_forget_all_then_import_gives_identical_history(store: Store) -> None:
    seed(store)
    before = history_of(store)
    document = json.loads(json.dumps(archive.export_json(store)))
    store.delete_all()
    assert store.count_sessions() == 0
    report = archive_import.import_json(store, document)
    assert report.ok and report.imported == 5 and report.skipped == []
    assert history_of(store) == before


def test_export_import_into_a_fresh_home_then_export_again(store: Store, tmp_path) -> None:
    seed(store)
    first = archive.export_json(store)
    with Store.open(tmp_path / "other" / "softlanding.db") as fresh:
        assert archive_import.import_json(fresh, json.loads(json.dumps(first))).imported == 5
        again = archive.export_json(fresh)
    assert again["sessions"] == first["sessions"]


def test_existing_ids_are_skipped_and_the_rest_added(store: Store) -> None:
    ids = seed(store)
    document = archive.export_json(store)
    store.delete(ids["reflect"])
    report = archive_import.import_json(store, document)
    assert report.imported == 1 and sorted(report.skipped) == sorted(
        set(ids.values()) - {ids["reflect"]}
    )
    assert store.load(ids["reflect"]) is not None


@pytest.mark.parametrize(
    "document",
    [[], "text", {"format": "something-else", "version": 1, "sessions": []}, {"sessions": []}],
)
def test_wrong_shape_is_refused(store: Store, document: Any) -> None:
    report = archive_import.import_json(store, document)
    assert not report.ok and "not a softlanding JSON export" in str(report.problems[0])


def test_newer_version_and_missing_sessions_are_refused(store: Store) -> None:
    newer = archive_import.import_json(store, {"format": "softlanding-export", "version": 2})
    assert "newer softlanding" in str(newer.problems[0])
    no_list = archive_import.import_json(store, {"format": "softlanding-export", "version": 1})
    assert "'sessions' should be a list" in str(no_list.problems[0])


def broken(document: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    copied = copy.deepcopy(document)
    copied["sessions"][index].update(changes)
    return copied


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "duo"}, "'kind' should be one of"),
        ({"status": 3}, "'status' should be one of"),
        ({"started_at": "yesterday"}, "'started_at' is not a time"),
        ({"started_at": "2025-03-01T10:00:00"}, "needs its UTC offset"),
        ({"id": ""}, "'id' should be text"),
        ({"id": 7}, "'id' should be text"),
        ({"tags": "money"}, "'tags' should be a list"),
        ({"partners": {"C": "Chris"}}, "'partners' should map"),
        ({"answers": {"a": 1}}, "'answers' should be a list"),
        ({"answers": [{"partner": "A", "step": "name"}]}, "answer 1 should be an object"),
        (
            {"answers": [{"partner": "Z", "step": "a", "field": "b", "value": 1}]},
            "'partner' should be A or B",
        ),
        (
            {"answers": [{"partner": "A", "step": "a", "field": "b", "value": 1, "private": "no"}]},
            "'private' should be true or false",
        ),
    ],
)
def test_wrong_types_are_reported_with_their_index_and_nothing_imported(
    store: Store, tmp_path, changes: dict[str, Any], message: str
) -> None:
    seed(store)
    document = broken(archive.export_json(store), 3, **changes)
    with Store.open(tmp_path / "fresh" / "softlanding.db") as fresh:
        report = archive_import.import_json(fresh, document)
        assert fresh.count_sessions() == 0
    assert not report.ok and report.imported == 0
    assert report.problems[0].index == 3
    assert message in str(report.problems[0]) and "session 4 in the file" in str(report.problems[0])


def test_duplicate_ids_inside_the_file_import_nothing(store: Store, tmp_path) -> None:
    seed(store)
    document = archive.export_json(store)
    document["sessions"][4]["id"] = document["sessions"][1]["id"]
    with Store.open(tmp_path / "fresh" / "softlanding.db") as fresh:
        report = archive_import.import_json(fresh, document)
        assert fresh.count_sessions() == 0
    assert [p.index for p in report.problems] == [4]
    assert "session 2 has the same id" in str(report.problems[0])


def test_a_repeated_answer_in_one_session_is_a_problem(store: Store) -> None:
    seed(store)
    document = archive.export_json(store)
    answers = document["sessions"][0]["answers"]
    answers.append(dict(answers[0]))
    report = archive_import.import_json(store, document)
    assert "repeats" in str(report.problems[0])


def test_every_bad_record_is_reported_at_once(store: Store) -> None:
    seed(store)
    document = broken(broken(archive.export_json(store), 0, kind="x"), 2, status="y")
    assert [p.index for p in archive_import.import_json(store, document).problems] == [0, 2]


def test_markdown_follows_the_debrief_order(store: Store, pack: Any) -> None:
    ids = seed(store)
    text = export_markdown(store)
    assert text.startswith("# ") and "did not share is not in this file" in text
    solo = text[text.index("2025-03-03 21:40") :]
    solo = solo[: solo.index("\n## ")]
    titles = [step.solo_title or step.title for step in pack.debrief.steps]  # a solo session
    found = [solo.index(f"### {title}") for title in titles]
    assert found == sorted(found), "debrief sections out of order"
    assert "- **Feeling:** let down" in solo and "- **Calm before:** 3 out of 10" in solo
    assert r"Like I \*don't\* matter" in solo  # typed words are not read as formatting
    assert "One reaches, one retreats" in solo  # cycle ids become the pack's names
    assert CANARY not in text and ids["solo"] not in text


def test_markdown_opened_with_a_passphrase_marks_the_author(store: Store) -> None:
    seed(store)
    viewer = Viewer(keyring=Keyring(passphrases=[SAM_PASSPHRASE]))
    text = export_markdown(store, viewer=viewer)
    assert f"- **Sam's private note · Feelings:** {CANARY}" in text


def test_reflect_sessions_read_plainly(store: Store) -> None:
    seed(store)
    text = export_markdown(store)
    assert "criticism (you never)" in text and "a wish for time together" in text


def test_match_ids_by_prefix(store: Store) -> None:
    a = store.create_session("solo", session_id="abc123")
    store.create_session("solo", session_id="abd999")
    assert archive.match_ids(store, "abc") == [a]
    assert len(archive.match_ids(store, "ab")) == 2
    assert archive.match_ids(store, "zz") == [] and archive.match_ids(store, "") == []


def test_since_iso_reads_a_date_as_local_midnight() -> None:
    assert archive.since_iso("2025-03-01") == "2025-03-01T00:00:00+00:00"  # TZ=UTC in tests
    assert archive.since_iso("2025-03-01T10:00:00+02:00") == "2025-03-01T08:00:00+00:00"
    with pytest.raises(ValueError):
        archive.since_iso("March")


def test_history_page_knows_whether_a_break_return_happened(store: Store) -> None:
    ids = seed(store)
    rows = {row.id: row for row in archive.history_page(store, 10)}
    assert rows[ids["solo"]].break_state == "kept"
    assert rows[ids["breathing"]].break_state is None
    assert set(rows[ids["together"]].feelings) == {"stung", "worried"}


def test_pattern_facts_leave_private_answers_out(store: Store) -> None:
    ids = seed(store)
    store.save_answer(ids["solo"], "name", "word", "secretword", partner="B", private=True)
    facts = {f.id: f for f in archive.pattern_facts(store)}
    assert "secretword" not in facts[ids["solo"]].each("name", "word")
    assert sorted(facts[ids["solo"]].tags) == ["chores", "money"]
