"""The prompts pack: the shipped pack is valid; broken packs get located, plain errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from softlanding import paths
from softlanding.pack import loader as prompts
from softlanding.pack.loader import PackError, load_pack
from softlanding.pack.yaml_reader import MAX_PACK_BYTES

SHIPPED = paths.shipped_prompts_path()


def problems_for(tmp_path: Path, content: bytes | str) -> list[prompts.PackProblem]:
    pack = tmp_path / "mine.yaml"
    pack.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(PackError) as info:
        load_pack(pack)
    return info.value.problems


def test_shipped_pack_is_valid() -> None:
    pack = load_pack()
    assert pack.break_guidance.min_minutes >= 20
    assert pack.break_guidance.max_hours <= 24
    assert len(pack.repair.groups) == 6
    assert any(r.kind == "directory" for r in pack.safety.resources)
    assert "{feeling}" in pack.templates.softened_startup


def test_every_section_cites_a_source() -> None:
    pack = load_pack()
    for name in type(pack).model_fields:
        section = getattr(pack, name)
        if "source" in getattr(type(section), "model_fields", {}):
            assert len(section.source) > 10, name


def test_bad_indentation_names_the_line(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "feelings:\n  title: Hi\n    oops: there\n")
    assert found[0].line == 3
    assert "indentation" in found[0].message


def test_unknown_field_names_line_and_field(tmp_path: Path) -> None:
    found = problems_for(
        tmp_path, "grounding:\n  source: x y z\n  title: T\n  intro: I\n  steps: [a]\n  txt: typo\n"
    )
    assert found[0].line == 6
    assert "txt" in found[0].field
    assert "not a field" in found[0].message


def test_wrong_type_is_explained(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "break_guidance:\n  min_minutes: twenty\n")
    by_field = {p.field: p for p in found}
    assert by_field["break_guidance → min_minutes"].message.startswith("this should be a whole")
    assert by_field["break_guidance → min_minutes"].line == 2


def test_user_text_never_echoed_in_errors(tmp_path: Path) -> None:
    secret = "my-private-words-123"
    found = problems_for(tmp_path, f"break_guidance:\n  min_minutes: {secret}\n")
    assert all(secret not in str(p) for p in found)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}]\n"
        for i in range(8)
    )
    found = problems_for(tmp_path, bomb)
    assert found[0].line == 1
    assert "aliases" in found[0].message


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in problems_for(tmp_path, "")[0].message


def test_not_utf8(tmp_path: Path) -> None:
    found = problems_for(tmp_path, b"safety:\n  title: caf\xe9\n")
    assert "UTF-8" in found[0].message and found[0].line == 2


def test_too_big(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "# x\n" * (MAX_PACK_BYTES // 4 + 10))
    assert "at most" in found[0].message


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "tags: [a]\ntags: [b]\n")
    assert found[0].line == 2 and "twice" in found[0].message


def test_python_tags_are_refused(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "tags: !!python/object/apply:os.system ['echo hi']\n")
    assert "tag" in found[0].message


def test_top_level_list_is_refused(tmp_path: Path) -> None:
    assert "top of the file" in problems_for(tmp_path, "- a\n- b\n")[0].message


def test_unknown_section(tmp_path: Path) -> None:
    found = problems_for(tmp_path, "feelingz:\n  title: x\n")
    assert found[0].field == "feelingz" and found[0].line == 1


def test_yaml_11_traps_stay_text(tmp_path: Path) -> None:
    """`no` and `12:30` are text to us, not False and 750."""
    pack = tmp_path / "mine.yaml"
    pack.write_text("tags: [no, '12:30', 12:30, yes, on]\n")
    assert list(load_pack(pack).tags) == ["no", "12:30", "12:30", "yes", "on"]


def test_partial_user_pack_overrides_one_section(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("tags: [walks, dishes]\ntext:\n  home:\n    start: Begin\n")
    loaded = load_pack(pack)
    assert list(loaded.tags) == ["walks", "dishes"]
    assert loaded.text.home.start == "Begin"
    assert loaded.text.home.quit == load_pack().text.home.quit
    assert loaded.feelings == load_pack().feelings


def test_user_pack_from_env_and_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_pack = tmp_path / "env.yaml"
    env_pack.write_text("tags: [from-env]\n")
    monkeypatch.setenv("SOFTLANDING_PROMPTS", str(env_pack))
    assert list(load_pack().tags) == ["from-env"]
    monkeypatch.delenv("SOFTLANDING_PROMPTS")
    paths.ensure_private_dir(paths.config_dir())
    paths.user_prompts_path().write_text("tags: [from-config]\n")
    assert list(load_pack().tags) == ["from-config"]


def test_compiled_copy_is_rebuilt_when_the_pack_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("tags: [first]\n")
    monkeypatch.setenv("SOFTLANDING_PROMPTS", str(user))
    assert prompts.load_view().tags == ["first"]
    user.write_text("tags: [second]\n")
    assert prompts.load_view().tags == ["second"]
    assert len(list(paths.cache_dir().glob("pack-*.json"))) == 1


def test_error_message_reads_plainly(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("tags: []\n")
    with pytest.raises(PackError) as info:
        load_pack(pack)
    text = str(info.value)
    assert text.startswith("The prompts pack has a problem:")
    assert "mine.yaml, line 1: tags: this needs at least 1 item." in text
