"""Safety: a page for each kind of danger, resources from the pack, nothing recorded.

No advice to soften or go back and talk. Ctrl+S opens it with every page's help (press a number
for one kind); the gentle check opens it at the page that fits what was written. The way on has
the focus, so a reflex Enter never closes the app: leaving is its own, explicit button (and
Ctrl+L hides the screen at once).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from softlanding.analysis.danger import PAGE_KINDS, ordered_resources
from softlanding.screens.base import BaseScreen
from softlanding.screens.confirm import ConfirmScreen
from softlanding.screens.safety_region import OrdinaryScreen, RegionScreen
from softlanding.textsafe import visible

_NOTES_SHOWN = 3  # the first few resources keep their note; the rest stay one line each


class SafetyScreen(BaseScreen[bool | None]):  # a pair's private page dismisses True: go on
    CSS_PATH = Path(__file__).with_name("safety.tcss")
    BINDINGS = [
        Binding("escape", "home", "home", id="home"),
        Binding("r", "region", "region", id="safety.region"),
        Binding("d", "forget", "safety_forget", id="safety.forget"),
        # Named on the page itself, "(R)" and "(O)": at 80 columns the footer has no room for O,
        # nor for R beside Delete (then this unlisted R answers instead: see check_action).
        Binding("r", "region(True)", "region", show=False, id="safety.region_unlisted"),
        Binding("o", "ordinary", "ordinary", show=False, id="safety.ordinary"),
        *[Binding(str(n), f"page('{n}')", show=False, id=f"safety.page{n}") for n in range(10)],
        # the page scrolls with the arrows while a button keeps the focus (Enter still goes on)
        *[
            Binding(key, f"scroll('{key}')", show=False, id=f"safety.scroll_{key}")
            for key in ("up", "down", "pageup", "pagedown")
        ],
    ]

    way_home = True  # "Back to the start" is this page's way on (a pair's private page: "Go on")
    way_on = "home"  # the button that has the focus, so Enter goes on and never quits

    def __init__(
        self, kind: str | None = None, answer: str | None = None, kept: bool = False
    ) -> None:
        super().__init__()
        self._describe_page_keys()
        self.kind = kind if kind in PAGE_KINDS else None
        self.answer = answer  # the gentle check's answer that opened this page, if any
        self.kept = kept  # the session left behind is saved, so it can be carried on later

    def _describe_page_keys(self) -> None:
        """Each kind's key is described by its label, and 0 by "show all" (left out of the
        footer for room, so Help names them)."""
        safety = self.pack.safety
        pages = [getattr(safety.pages, kind) for kind in PAGE_KINDS]
        said = {"0": visible(safety.ask.all)} | {page.key: visible(page.label) for page in pages}
        mapping = self._bindings.key_to_bindings
        for key, words in said.items():
            mapping[key] = [
                replace(b, description=words) if b.action.startswith("page(") else b
                for b in mapping.get(key, [])
            ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety"):
            yield Static(id="title")
            if self.answer == "yes" and self.way_home:  # safe for now: what was kept, the way back
                words = self.pack.text.safety
                after = words.after_yes_kept if self.kept else words.after_yes
                yield Static(Text(visible(after)), id="after")
            yield Static(id="lines")
            yield Static(id="ask")
            yield Static(id="resources")
            # Plain text whatever the pack holds: this page must always open.
            note = visible(self.pack.safety.resources_note)
            yield Static(note, id="note", markup=False)
            yield Static("", id="kept", markup=False)  # what is kept of the session just left
        with Horizontal(id="actions"):
            leave = Content(visible(self.pack.safety.leave))
            yield Button(leave, id="leave")
            home = Content(visible(self.pack.text.safety.home))
            yield Button(home, id="home", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self._show_kept()
        self._focus_way_on()

    def _focus_way_on(self) -> None:
        """Enter goes on (once the button is built, should keys have come first)."""
        for button in self.query(f"#{self.way_on}").results(Button):
            if button.is_mounted:
                button.focus()
                return
        self.call_after_refresh(self._focus_way_on)

    def _show_kept(self) -> None:
        """Say what is kept of the session just left (like any unfinished one) and the key that
        deletes it; nothing when nothing was kept."""
        if not self.query("#kept"):  # not built yet (keys pressed in a flood): once it is
            self.call_after_refresh(self._show_kept)
            return
        kept = self.sl.session.left_last is not None and self.way_home
        kept = kept and not (self.answer == "yes" and self.kept)  # said at the top already
        line = self.query_one("#kept", Static)
        line.update(visible(self.pack.text.safety.kept) if kept else "")
        line.display = kept  # no empty line at the end of the page

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        deletable = self.way_home and self.sl.session.left_last is not None
        if action == "forget":  # only while there is something to delete
            return deletable
        if action == "region":  # one of the two R bindings: the listed one unless D is shown
            return bool(parameters) == deletable
        return super().check_action(action, parameters)

    def action_forget(self) -> None:
        words = self.pack.text.safety

        def answered(yes: bool | None) -> None:
            if yes and self.sl.session.forget_left():
                line = self.query_one("#kept", Static)
                line.update(visible(words.forgotten))
                line.display = True
                self.refresh_bindings()

        body = visible(words.forget_body)
        ask = ConfirmScreen(visible(words.forget_title), body, visible(words.forget_yes))
        self.app.push_screen(ask, answered)

    def _show(self) -> None:
        if not self.query("#title"):
            return  # a key came before the page was built: on_mount shows the chosen page
        safety = self.pack.safety
        page = getattr(safety.pages, self.kind) if self.kind else None
        self.query_one("#title", Static).update(Text(visible(page.title if page else safety.title)))
        lines = list(page.lines if page else safety.lines) + list(safety.added_lines)
        self.query_one("#lines", Static).update(Text(visible("\n".join(lines))))
        ask, resources = self.query_one("#ask", Static), self.query_one("#resources", Static)
        ask.update(self._ask())
        resources.update(self._resources(page))
        # All help opens on the question (a key per kind); a kind's page opens on its lines,
        # with the other kinds below them, so 80×24 shows the help that matters first.
        scroll = self.query_one("#safety", VerticalScroll)
        if page is None:
            scroll.move_child(ask, before=resources)
        else:
            scroll.move_child(ask, after=resources)

    def _ask(self) -> Text:
        """One key per kind of danger, then the region and the ordinary-conflict page."""
        safety = self.pack.safety
        out = Text()
        for index, kind in enumerate(PAGE_KINDS):
            page = getattr(safety.pages, kind)
            out.append(f"{page.key} ", style="bold reverse")
            out.append(" " + visible(page.label) + ("\n" if index % 2 else "   "))
        out.append("0 ", style="bold reverse")
        out.append(" " + visible(safety.ask.all) + "   ")
        out.append(visible(safety.region.choose), style="dim")
        out.append("\n" + visible(safety.ordinary.choose), style="dim")
        return out

    def _resources(self, page: Any) -> Text:
        safety = self.pack.safety
        first = list(page.first) if page else []
        region = self.sl.session.settings.get("region", "") or None
        found = ordered_resources(list(safety.resources), first, region)
        out = Text(visible(f"({safety.check_country})\n"), style="dim")
        for index, res in enumerate(found):
            out.append(visible(res.name), style="bold")
            out.append(visible(f" — {res.contact}  ({res.region})") + "\n")
            if res.note and index < _NOTES_SHOWN:
                out.append(visible(f"  {res.note}") + "\n", style="dim")
        if safety.added_resources:
            out.append(visible(f"\n{safety.own_pack}") + "\n", style="italic")
            for res in safety.added_resources:
                out.append(visible(f"{res.name} — {res.contact}  ({res.region})") + "\n")
        return out

    def action_page(self, key: str) -> None:
        pages = self.pack.safety.pages
        chosen = [k for k in PAGE_KINDS if getattr(pages, k).key == key]
        self.kind = chosen[0] if chosen else None
        self._show()
        self.query_one("#safety", VerticalScroll).scroll_home(animate=False)

    def action_region(self, unlisted: bool = False) -> None:  # either R binding: the same
        def chosen(region: str | None) -> None:
            if region is not None:
                self.sl.session.settings.set("region", region)
                self._show()

        current = self.sl.session.settings.get("region", "") or ""
        self.app.push_screen(RegionScreen(str(current)), chosen)

    def action_scroll(self, key: str) -> None:
        page = self.query_one("#safety", VerticalScroll)
        {
            "up": page.scroll_up,
            "down": page.scroll_down,
            "pageup": page.scroll_page_up,
            "pagedown": page.scroll_page_down,
        }[key](animate=False)

    def action_ordinary(self) -> None:
        self.app.push_screen(OrdinaryScreen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "leave":
            self.app.exit()
        else:
            self.action_home()

    def action_home(self) -> None:
        self.sl.go_home()
