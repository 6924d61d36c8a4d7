"""The safety core cannot be removed: a user's pack may add to it, never take from it.

A user pack's `safety:` section adds its lines and resources (shown apart, marked as the user's
own); the shipped title, lines, pages and resources always stay. In `analysis:`, the user's
safety-language rules add words to match; they can never add exceptions or drop a shipped rule.
"""

from __future__ import annotations

from typing import Any

_ADDED = ("added_lines", "added_resources")


def merge_safety(base: Any, over: Any) -> Any:
    """The shipped `safety:` with the user's own lines and resources added after it."""
    if not isinstance(base, dict):
        return over
    merged = dict(base)
    if not isinstance(over, dict):
        return merged
    lines = [x for x in _list(over.get("lines")) if x not in _list(base.get("lines"))]
    known = [_key(r) for r in _list(base.get("resources"))]
    extra = [r for r in _list(over.get("resources")) if _key(r) not in known]
    merged["added_lines"] = lines + _list(over.get("added_lines"))
    merged["added_resources"] = extra + _list(over.get("added_resources"))
    return merged


def merge_analysis(base: Any, over: Any) -> Any:
    """The user's `analysis:` section, with every shipped safety rule kept and only widened."""
    if not isinstance(base, dict) or not isinstance(over, dict):
        return over
    theirs = {r.get("id"): r for r in _list(over.get("safety_language")) if isinstance(r, dict)}
    rules = []
    for rule in _list(base.get("safety_language")):
        if not isinstance(rule, dict):
            continue
        mine = dict(rule)
        added = theirs.get(rule.get("id"))
        if isinstance(added, dict) and isinstance(added.get("match"), dict):
            match = dict(_dict(rule.get("match")))
            for part in ("phrases", "regexes"):
                match[part] = _list(match.get(part)) + [
                    x for x in _list(added["match"].get(part)) if x not in _list(match.get(part))
                ]
            mine["match"] = match
        rules.append(mine)
    return {**over, "safety_language": rules}


def notes(over: dict[str, Any]) -> list[str]:
    """What `prompts check` says about a user pack's safety parts, in plain words."""
    out: list[str] = []
    safety = over.get("safety")
    if isinstance(safety, dict):
        lines, res = len(_list(safety.get("lines"))), len(_list(safety.get("resources")))
        out.append(
            "Your pack's safety section can only add: the shipped safety title, lines, pages "
            "and resources always stay, and cannot be removed or replaced. "
            f"Your {lines} line(s) and {res} resource(s) are shown after them, marked as "
            "coming from your own pack; anything else you wrote there is not used."
        )
    analysis = over.get("analysis")
    if isinstance(analysis, dict) and "safety_language" in analysis:
        out.append(
            "Your pack's safety_language can only add words to notice: the shipped danger "
            "words always stay, and exceptions to them are not used."
        )
    if isinstance(analysis, dict) and set(analysis) - {"safety_language"}:
        out.append(
            "Your pack changes how messages are read (its analysis section): danger is still "
            "also heard through the shipped words and spellings, which your pack cannot change."
        )
    return out


def _key(resource: Any) -> tuple[str, str]:
    if not isinstance(resource, dict):
        return ("", "")
    return (str(resource.get("name", "")), str(resource.get("contact", "")))


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
