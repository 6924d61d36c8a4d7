"""History: sessions newest first, a page at a time, instant even with tens of thousands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from softlanding.flow.library import Library
from softlanding.models import HistoryRow
from softlanding.report.layout import break_words, feeling_words, local_time, row_kind
from softlanding.screens.base import BaseScreen, labels
from softlanding.screens.history.patterns import PatternsScreen
from softlanding.screens.history.session_view import SessionScreen
from softlanding.screens.history.unlock import PassphraseScreen
from softlanding.textsafe import one_line
from softlanding.widgets.delete import ask_delete

PAGE = 100  # rows per page: a DataTable this size appears at once, even with 50,000 sessions
# (column label id, width): 76 columns with padding, so the table fits 80 with its scrollbar.
COLUMNS = (
    ("col_when", 16),
    ("col_kind", 12),  # a pair's two names ("Alex & Sam") stand for the kind
    ("col_feelings", 15),
    ("col_tags", 13),
    ("col_break", 10),
)


class HistoryScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("history.tcss")
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        Binding("c", "carry_on", "history_carry_on", id="history_carry_on"),
        Binding("t", "patterns", "history_patterns", id="history_patterns"),
        # Out of the footer, or at 80 columns it loses "Quit": a session opened from here shows
        # both, and the locked list's line names o.
        Binding("d", "delete", "history_delete", show=False, id="history_delete"),
        Binding("o", "open_sealed", "history_passphrase", show=False, id="history_passphrase"),
        Binding("n", "page(1)", "history_next_page", show=False, id="history_next_page"),
        Binding("p", "page(-1)", "history_prev_page", show=False, id="history_prev_page"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.page = 0
        self.total = 0
        self.unfinished: set[str] = set()  # rows of this page that can be carried on
        self.data: dict[str, Any] = self.pack.raw

    @property
    def words(self) -> Any:
        return labels(self.pack, "history")

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(self.words.title, id="title", markup=False)
            yield Static("", id="count", markup=False)
            yield DataTable(id="sessions", cursor_type="row", cell_padding=1)
            yield Static(self.words.empty, id="empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(getattr(self.words, label), key=label, width=width)
        self.load_page(0)
        table.focus()

    def load_page(self, page: int, row: int = 0) -> None:
        """Show one page (clamped to the pages there are), the cursor on `row`."""
        self.total = self.library.count()
        self.page = max(0, min(page, (self.total - 1) // PAGE))
        rows = self.library.page(PAGE, offset=self.page * PAGE)
        table = self.query_one(DataTable)
        table.clear()
        self.unfinished = {item.id for item in rows if item.status == "open"}
        for item in rows:
            table.add_row(*self._cells(item), key=item.id)
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))
        table.display = bool(rows)
        self.query_one("#empty").display = not rows
        self.query_one("#count", Static).update(self._count_line(len(rows)))

    def _cells(self, item: HistoryRow) -> list[Text]:
        feelings = ", ".join(feeling_words(item.feelings, self.data))
        state = break_words(item.break_state, self.data)
        when = local_time(item.started_at, self.pack.text.session_view.date_unknown)
        kind = row_kind(item.kind, item.partners, self.data)  # one_line below: one plain line
        cells = (when, kind, feelings)
        return [
            Text(one_line(c), no_wrap=True, overflow="ellipsis")  # saved words: one plain line
            for c in (*cells, ", ".join(item.tags), state)
        ]

    def _count_line(self, shown: int) -> str:
        if not shown:
            return ""
        first = self.page * PAGE + 1
        line = self.words.count.format(first=first, last=first + shown - 1, total=self.total)
        if self.library.locked():
            return f"{line}  ·  {self.words.locked}"
        return (
            f"{line}  ·  {self.words.pages}"
            if self.total > PAGE
            else f"{line}  ·  {self.words.open_hint}"
        )

    def action_open_sealed(self) -> None:
        def opened(done: bool | None) -> None:
            if done:
                self.load_page(self.page, self.query_one(DataTable).cursor_row)

        self.app.push_screen(PassphraseScreen(self.library), opened)

    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value)

    # --- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_page(self, step: int) -> None:
        self.load_page(self.page + step)

    def action_patterns(self) -> None:
        self.app.push_screen(PatternsScreen(self.library))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.query_one(DataTable).cursor_row
        opened = SessionScreen(self.library, str(event.row_key.value))
        self.app.push_screen(opened, lambda _: self.load_page(self.page, row))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "carry_on":  # offered on unfinished sessions only
            return self.current_id() in self.unfinished
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_carry_on(self) -> None:
        sid = self.current_id()
        if sid in self.unfinished:
            self.sl.resume_session(sid)

    def action_delete(self) -> None:
        sid = self.current_id()
        if sid is not None:
            ask_delete(
                self,
                self.library,
                sid,
                after=lambda: self.load_page(self.page, self.query_one(DataTable).cursor_row),
            )
