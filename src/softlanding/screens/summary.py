"""Summary: what was named, needed and said, calm before and after, optional tags, then finish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Static

from softlanding.screens.base import StepScreen
from softlanding.textsafe import visible

UNKNOWN = ("not_sure", "rather_not_say")  # the name step's "no word" answers


class TagBox(Checkbox):
    """A tag that shows a tick only when chosen, so the state is not told by colour alone."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802
        return "✓" if self.value else " "


class SummaryScreen(StepScreen):
    CSS_PATH = Path(__file__).with_name("summary.tcss")
    step = "summary"
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        Binding("ctrl+n", "finish", "summary_done", id="summary_done"),
    ]

    def compose(self) -> ComposeResult:
        words = self.pack.text.summary
        chosen = set(self.answers().get("tags", []))
        with VerticalScroll(id="summary"):
            yield Static(words.title, id="title", markup=False)
            yield Static(words.intro, id="intro", markup=False)
            yield Static(self._table(), id="found", markup=False)
            yield Static(words.tags_label, id="tags-label", markup=False)
            with Grid(id="tags"):
                for index, tag in enumerate(self.pack.tags):
                    yield TagBox(tag, tag in chosen, id=f"tag-{index}", compact=True)
            with Horizontal(id="actions"):
                yield Button(words.finish, id="finish", variant="primary")
                yield Static(words.done_note, id="done-note", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#finish", Button).focus()

    # --- what was found ------------------------------------------------------------------------

    def _table(self) -> Table | str:
        rows = self._rows()
        if not rows:
            return str(self.pack.text.summary.nothing)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        for label, value in rows:
            table.add_row(Text(visible(label)), Text(visible(value)))  # never markup, never escapes
        return table

    def _rows(self) -> list[tuple[str, str]]:
        words = self.pack.text.summary
        named, reframe, said = (self._saved(step) for step in ("name", "reframe", "respond"))
        rows = [
            (words.felt, self._felt(named, said)),
            (words.own_words, self._plain(named.get("own_words"))),
            (words.needed, self._plain(named.get("need")) or said.get("need", "")),
            (words.thought, self._thought(reframe.get("thought"))),
            (words.wish, reframe.get("wish") or ""),
            (words.words, said.get("final") or said.get("draft") or ""),
            (words.repair, "\n".join(str(p) for p in said.get("repair_used") or [])),
            (words.calm, self._calm(self._saved("pause"))),
        ]
        return [(label, str(value)) for label, value in rows if value]

    def _saved(self, step: str) -> dict[str, Any]:
        """An earlier step's answers, for this summary's seat."""
        return self.ctx.answers.get(step, self.partner)

    def _plain(self, value: Any) -> str:
        """An answer in words; "not sure" and "rather not say" in the pack's own words."""
        feelings = self.pack.feelings
        if value == "not_sure":
            return str(feelings.not_sure)
        if value == "rather_not_say":
            return str(feelings.rather_not_say)
        return str(value).strip() if isinstance(value, str) else ""

    def _felt(self, named: dict[str, Any], said: dict[str, Any]) -> str:
        words = self.pack.text.summary
        word = self._plain(named.get("word")) or said.get("feeling") or ""
        under = self._plain(named.get("under")) if named.get("under") not in UNKNOWN else ""
        if not word and named.get("family") in UNKNOWN:
            word = self._plain(named["family"])
        text = words.felt_under.format(word=word, under=under) if word and under else word or under
        intensity = named.get("intensity")
        if isinstance(intensity, int) and text:
            text += " · " + words.intensity.format(value=intensity)
        return str(text)

    def _thought(self, thought: Any) -> str:
        if not isinstance(thought, str) or not thought.strip():
            return ""
        prefix = str(self.pack.defusion.prefix)
        thought = thought.strip()
        return thought if thought.lower().startswith(prefix.lower()) else f"{prefix} {thought}"

    def _calm(self, pause: dict[str, Any]) -> str:
        words = self.pack.text.summary
        before, after = pause.get("calm_before"), pause.get("calm_after")
        if isinstance(before, int) and isinstance(after, int):
            return str(words.calm_both.format(before=before, after=after))
        if isinstance(before, int):
            return str(words.calm_before.format(before=before))
        if isinstance(after, int):
            return str(words.calm_after.format(after=after))
        return ""

    # --- tags and finishing --------------------------------------------------------------------

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        tags = [
            tag
            for index, tag in enumerate(self.pack.tags)
            if self.query_one(f"#tag-{index}", Checkbox).value
        ]
        if not self.ctx.answers.active:
            return
        self.record("tags", tags)
        self.ctx.answers.set_tags(tags)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "finish":
            self.action_finish()

    def action_back(self) -> None:
        self.host.go_back(self.step, self.partner)

    def action_finish(self) -> None:
        if self.ctx.answers.active:
            self.record("completed", True)
            self.host.finish_session("completed")
        self.host.go_home()
