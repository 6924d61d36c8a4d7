"""Patterns over a chosen period: feelings, needs, tags, time of day, calm, breaks. Counts only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.bar import Bar
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.widgets import Footer, Sparkline, Static, Tab, Tabs

from softlanding.flow.library import Library
from softlanding.models import iso, now_utc
from softlanding.report.insights import PERIODS, Patterns, buckets, period_start, summarise
from softlanding.screens.base import BaseScreen, labels

TOP = 5  # most frequent items shown per list: enough to see a pattern, and it fits 80×24
DEFAULT_PERIOD = "90"


class CalmLine(Sparkline):
    """A sparkline on a fixed 0–10 scale, so the before and after lines compare by eye."""

    def __init__(self, side: int, **kwargs: Any) -> None:
        super().__init__(summary_function=lambda values: sum(values) / len(values), **kwargs)
        self.side = side  # 0: calm before, 1: calm after
        self.pairs: list[tuple[int, int]] = []

    def render(self) -> Any:
        width = self.size.width
        points = [p[self.side] for p in buckets(self.pairs, width)]
        if not points:
            return ""
        stretched = [points[i * len(points) // width] for i in range(width)]
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        # The two extra points pin the scale to 0–10; they fall outside the widget and are cut.
        return SparklineRenderable(
            [*stretched, 0, 10],
            width=width + 2,
            height=self.size.height,
            min_color=low.rich_color,
            max_color=high.rich_color,
            summary_function=self.summary_function,
        )


class PatternsScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).with_name("patterns.tcss")
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        Binding("p", "next_period", "history_period", id="history_period"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        words = self.words
        with Vertical(id="patterns"):
            with Horizontal(id="top"):
                yield Static(words.title, id="title", markup=False)
                tabs = [Tab(getattr(words, f"period_{p}"), id=f"p{p}") for p in PERIODS]
                yield Tabs(*tabs, active=f"p{DEFAULT_PERIOD}")
            yield Static(words.counting, id="summary", markup=False)
            with VerticalScroll(id="body"):
                with Horizontal(classes="row"):
                    yield self._box("feelings", words.feelings)
                    yield self._box("needs", words.needs)
                with Vertical(id="calm", classes="box") as calm:
                    calm.border_title = words.calm
                    for side, label in enumerate((words.calm_before, words.calm_after)):
                        with Horizontal(classes="line"):
                            yield Static(label, classes="line-label", markup=False)
                            yield CalmLine(side, id=f"calm-{side}")
                    yield Static("", id="calm-note", markup=False)
                with Horizontal(classes="row"):
                    yield self._box("tags", words.tags)
                    yield self._box("clock", words.time_of_day)
                    yield self._box("breaks", words.breaks)
        yield Footer()

    @property
    def words(self) -> Any:
        return labels(self.pack, "patterns")

    def _box(self, box_id: str, title: str) -> Static:
        box = Static("", id=box_id, classes="box")
        box.border_title = title
        return box

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    @property
    def period(self) -> str:
        return (self.query_one(Tabs).active or f"p{DEFAULT_PERIOD}").removeprefix("p")

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        self.query_one("#summary", Static).update(self.words.counting)
        self.count((event.tab.id or "pall").removeprefix("p"))

    def action_next_period(self) -> None:
        self.query_one(Tabs).action_next_tab()

    def action_back(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def count(self, period: str) -> None:
        """Count in a thread on its own read-only connection, so the screen never freezes."""
        now = now_utc()
        start = period_start(period, now)
        since = iso(start) if start else None
        facts = self.library.pattern_facts(since)
        result = summarise(facts, now)
        self.app.call_from_thread(self.show_patterns, result, period)

    def show_patterns(self, found: Patterns, period: str) -> None:
        if not self.is_attached or period != self.period:
            return  # the person has already left, or moved to another period
        words = self.words
        summary = words.sessions.format(count=found.sessions) if found.sessions else words.none
        self.query_one("#summary", Static).update(summary)
        self.query_one("#feelings", Static).update(self._bars(found.feelings))
        self.query_one("#needs", Static).update(self._bars(found.needs))
        self.query_one("#tags", Static).update(self._bars(found.tags))
        clock = [(getattr(words, name), n) for name, n in found.times_of_day if n]
        self.query_one("#clock", Static).update(self._bars(clock))
        self.query_one("#breaks", Static).update(self._breaks(found))
        for side in (0, 1):
            line = self.query_one(f"#calm-{side}", CalmLine)
            line.pairs = found.calm
            line.refresh()
        self.query_one("#calm-note", Static).update(self._calm_note(found))

    def _bars(self, items: list[tuple[str, int]]) -> Table | Text:
        """A bar chart (Rich's Bar) of the most frequent items, each with its count."""
        if not items:
            return Text(self.words.nothing_yet, style="dim")
        top = max(n for _, n in items[:TOP])
        theme = self.app.get_css_variables()
        color, track = theme.get("primary", "default"), theme.get("surface", "default")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True, overflow="ellipsis", max_width=14)
        grid.add_column(ratio=1)
        grid.add_column(justify="right")
        for label, n in items[:TOP]:
            grid.add_row(Text(label), Bar(top, 0, n, color=color, bgcolor=track), Text(str(n)))
        return grid

    def _breaks(self, found: Patterns) -> str:
        words = self.words
        return str(words.breaks_taken.format(count=found.breaks))

    def _calm_note(self, found: Patterns) -> str:
        words = self.words
        if not found.calm:
            return str(words.calm_none)
        before, after = f"{found.calm_before:.1f}", f"{found.calm_after:.1f}"
        if len(found.calm) == 1:  # "over 1 pauses" read wrong
            return str(words.calm_one.format(before=before, after=after))
        return str(words.calm_average.format(before=before, after=after, count=len(found.calm)))
