"""The `reflect` card: a message with its patterns underlined, what they may carry, a softer
way to say it and one question; or, when there is danger language, the safety page first.

User text is shown as typed and never read as markup (`textsafe.visible`, Rich `Text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from softlanding.pack.fill import fill

if TYPE_CHECKING:
    from rich.console import Console

    from softlanding.analysis.findings import Analysis

KIND_STYLES = {
    "criticism": "underline yellow",
    "contempt": "underline magenta",
    "defensiveness": "underline cyan",
    "stonewalling": "underline blue",
}


def new_console() -> Console:
    from rich.console import Console

    # Everything printed is a Text: no markup or emoji codes to read (nor their tables to load).
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)


def card(
    found: Analysis,
    data: dict[str, Any],
    saved: bool,
    refused: bool,
    kinds: list[str],
    region: str | None = None,
    limit: bool = False,
) -> None:
    """Safety first when it applies; otherwise the message, what it may carry, one question."""
    console = new_console()
    if found.safety.concern:
        first, *also = kinds or ["partner_fear"]
        _safety_card(console, data, first, region)
        for kind in also:  # e.g. a threat in the first person: maybe the reader's own words
            _brief_safety_card(console, data, kind)
        words = data["analysis"]["reflect_words"]
        question = words["own_urge_question"] if first == "hurt_partner" else found.question
        lines(console, marked(found), None, label(question, "bold"))
    else:
        _message_card(console, found, data)
        if limit:  # a "no": respected, and help is named should it not be
            lines(console, None, label(data["analysis"]["boundaries"]["not_respected"], "dim"))
    if saved:
        lines(console, None, label(data["analysis"]["reflect_words"]["saved"], "dim"))
    if refused:
        lines(console, None, label(data["safety"]["not_saved"], "bold"))


def lines(console: Console, *items: Any) -> None:
    """Each item on its own line; None is a blank line."""
    for item in items:
        console.print(item if item is not None else label(""))


def _safety_card(
    console: Console, data: dict[str, Any], kind: str, region: str | None = None
) -> None:
    """The page for this kind of danger: its words, then its kinds of help first."""
    from rich.panel import Panel
    from rich.text import Text

    from softlanding.analysis.danger import ordered_resources

    safety = data["safety"]
    page = safety["pages"][kind]
    # pack text: `prompts check` refuses escapes
    body = Text("\n".join(page["lines"] + safety["added_lines"]) + "\n\n")
    body.append(f"({safety['check_country']})\n", style="dim")  # once, as the TUI's page says it
    fitting = [r for r in safety["resources"] if _fits(r, page["first"])]
    every = ordered_resources(fitting, page["first"], region) + safety["added_resources"]
    for item in every:
        body.append(f"{item['name']}", style="bold")
        body.append(f" · {item['contact']} · {item['region']}\n")
        if item.get("note"):
            body.append(f"  {item['note']}\n", style="dim")
    body.append("\n" + safety["resources_note"], style="dim")
    body.append("\n" + data["analysis"]["reflect_words"]["more_help"], style="bold")
    title = label(page["title"])
    console.print(Panel(body, title=title, title_align="left", padding=(1, 2)))


def _fits(resource: dict[str, Any], kinds: list[str]) -> bool:
    """A line for this page: of its kinds, the directory, or the emergency line for everywhere
    (the rest are a command away, so the words that matter stay on one screen)."""
    kind = resource.get("kind")
    return kind in kinds or kind == "directory" or resource.get("region") == "Everywhere"


def _brief_safety_card(console: Console, data: dict[str, Any], kind: str) -> None:
    """Another kind of danger the message may mean: its words and its own kind of help (the
    emergency line and the rest are in the card above)."""
    from rich.panel import Panel
    from rich.text import Text

    page = data["safety"]["pages"][kind]
    body = Text("\n".join(page["lines"]) + "\n\n")
    own = page["first"][:1]
    for item in data["safety"]["resources"]:
        if item.get("kind") in own:
            body.append(f"{item['name']}", style="bold")
            body.append(f" · {item['contact']} · {item['region']}\n")
    console.print(Panel(body, title=label(page["title"]), title_align="left", padding=(1, 2)))


def _message_card(console: Console, found: Analysis, data: dict[str, Any]) -> None:
    from rich.panel import Panel

    text = data["text"]
    view, hints = text["session_view"], text["hints"]
    words = data["analysis"]["reflect_words"]
    note = words["highlight_note"] if found.patterns else None
    console.print(
        Panel(
            marked(found),
            title=label(view["reflect_text"]),
            title_align="left",
            subtitle=label(note) if note else None,
            subtitle_align="left",
            padding=(1, 2),
        )
    )
    if not found.patterns:
        # not the draft box's "keep going": the message may be one received
        lines(console, label(data["analysis"]["reflect_words"]["no_pattern"], "italic"), None)
    for kind, matches, why, antidote in _grouped(found):
        quoted = ", ".join(f"“{m}”" for m in matches)
        lines(
            console,
            label(hints[kind], f"bold {KIND_STYLES[kind].split()[-1]}"),
            label(fill(hints["words"], match=quoted)),
            label(fill(hints["why"], why=why)),
            label(fill(hints["antidote"], antidote=antidote)),
            None,
        )
    for key, value in (("reflect_bid", found.bid), ("reflect_rewrite", found.rewrite)):
        if value:
            lines(console, label(view[key], "bold"), label(value), None)
    lines(console, label(view["reflect_question"], "bold"), label(found.question, "italic"))


def _grouped(found: Analysis) -> list[tuple[str, list[str], str, str]]:
    """One note per pattern, listing each distinct set of words once, in reading order."""
    groups: dict[str, tuple[list[str], str, str]] = {}
    for f in found.patterns:
        matches = groups.setdefault(f.kind, ([], f.why, f.antidote))[0]
        if f.match not in matches:
            matches.append(f.match)
    return [(kind, m, why, antidote) for kind, (m, why, antidote) in groups.items()]


def marked(found: Analysis) -> Any:
    """The message as typed (never read as markup), its matched words underlined."""
    from rich.text import Text

    from softlanding.textsafe import visible

    text = Text(visible(found.text))  # same length, so the spans still fit
    for f in found.patterns:
        text.stylize(KIND_STYLES[f.kind], f.start, f.end)
    return text


def label(words: str, style: str = "") -> Any:
    from rich.text import Text

    from softlanding.textsafe import visible

    return Text(visible(words), style=style)
