"""One session's full record, in the order of a calm talk after a fight; delete it from here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from softlanding.flow.library import Library
from softlanding.models import SessionRecord
from softlanding.report import layout
from softlanding.screens.after.start import AfterStartScreen
from softlanding.screens.base import BaseScreen, labels
from softlanding.screens.history.unlock import PassphraseScreen
from softlanding.textsafe import one_line, visible
from softlanding.widgets.delete import ask_delete


class SessionScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("session_view.tcss")
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        # Named under the heading, not in the footer: at 80 columns it would push out "Quit".
        Binding("c", "carry_on", "history_carry_on", show=False, id="history_carry_on"),
        Binding("t", "talk_over", "history_talk_over", show=False, id="history_talk_over"),
        Binding("d", "delete", "history_delete", id="history_delete"),
        Binding("o", "open_sealed", "history_passphrase", id="history_passphrase"),
    ]

    def __init__(self, library: Library, session_id: str) -> None:
        super().__init__()
        self.library = library
        self.session_id = session_id
        self.record: SessionRecord | None = None
        self.data: dict[str, Any] = self.pack.raw

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="record"):
            yield Static("", id="heading", markup=False)
            yield Static("", id="about", markup=False)
            yield Static("", id="ways", classes="hint", markup=False)
            yield Static("", id="body")
            yield Static("", id="private-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.record = self.library.load(self.session_id)
        self.refresh_record()
        self.query_one("#record").focus()

    def refresh_record(self) -> None:
        words = labels(self.pack, "session_view")
        record = self.record
        if record is None:
            self.query_one("#heading", Static).update(words.missing)
            return
        self.query_one("#heading", Static).update(layout.heading(record, self.data))
        self.query_one("#about", Static).update(self._about(record))
        found = layout.sections(record, self.data, self.library.viewer)
        hidden = self.library.hidden(record)
        # words sealed away were recorded: "nothing was recorded" only when nothing was
        empty = Text("" if hidden else words.nothing)
        self.query_one("#body", Static).update(_table(found) if found else empty)
        hidden_words = words.private_hidden_solo if layout.is_solo(record) else words.private_hidden
        note = hidden_words.format(count=hidden) if hidden else ""
        self.query_one("#private-note", Static).update(note)
        self.query_one("#ways", Static).update(self._ways())
        self.refresh_bindings()

    def _ways(self) -> Text:
        """ "t Talk it over now   c Carry on", for what this session allows: each key marked
        as a key (as the footer marks them), so the line reads as a way on, not as an answer."""
        found = Text()
        for key, action in (("t", "talk_over"), ("c", "carry_on")):
            if self.check_action(action, ()):
                binding = self._bindings.key_to_bindings[key][0]
                found.append("   " if found else "")
                found.append(f" {self.app.get_key_display(binding)} ", style="bold reverse")
                found.append(f" {binding.description}")
        return found

    def _about(self, record: SessionRecord) -> str:
        words = labels(self.pack, "session_view")
        lines = [layout.people(record, self.data)]
        if record.tags:
            lines.append(f"{words.tags}: {', '.join(record.tags)}")
        return "\n".join(one_line(line) for line in lines if line)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_sealed":
            return bool(self.record and self.library.hidden(self.record))
        if action == "delete":
            return self.record is not None
        if action == "carry_on":  # an unfinished session of the flow, not a `reflect` note
            return bool(self.record and self.record.status == "open" and self._of_the_flow())
        if action == "talk_over":
            return bool(self.record and self._of_the_flow())
        return True

    def _of_the_flow(self) -> bool:
        return self.record is not None and self.record.kind in ("solo", "together")

    def action_carry_on(self) -> None:
        if self.record is not None:
            self.sl.resume_session(self.record.id)

    def action_talk_over(self) -> None:
        """The talk after the fight, about this session (with its names, for a pair)."""
        record = self.record
        if record is not None:
            names = dict(record.partners) if len(record.partners) > 1 else None
            self.app.push_screen(AfterStartScreen(names, about=record))

    def action_back(self) -> None:
        self.dismiss()

    def action_open_sealed(self) -> None:
        """A passphrase opens the sealed words it sealed (the owner's own, or a locked store)."""

        def opened(done: bool | None) -> None:
            if done:
                self.refresh_record()

        self.app.push_screen(PassphraseScreen(self.library, [self.session_id]), opened)

    def action_delete(self) -> None:
        if self.record is not None:
            ask_delete(self, self.library, self.record.id, after=self.dismiss)


def _table(found: list[layout.Section]) -> Table:
    """All sections in one grid: a heading row, then labels and words (never read as markup)."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(width=24, style="dim")
    grid.add_column(ratio=1)
    for number, section in enumerate(found):
        if number:
            grid.add_row("", "")
        grid.add_row(Text(one_line(section.title), style="bold"), "")
        for entry in section.entries:
            style = "italic" if entry.private else ""
            grid.add_row(Text(one_line(entry.label)), Text(visible(entry.value), style=style))
    return grid
