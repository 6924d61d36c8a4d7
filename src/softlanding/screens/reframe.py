"""Reframe: the thought as a thought, the wish behind their words, the cycle, a kind word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from softlanding.analysis.boundary import heard
from softlanding.widgets.questions import SKIP, PasteInput, QuestionScreen

# A typed answer -> the saved field that shows it was heard (a draft saved on quit is not).
HEARD = {"thought": "thought", "partner_said": "wish"}


class ReframeScreen(QuestionScreen):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    step = "reframe"
    order = ("thought", "partner_said", "cycle", "kindness_self", "kindness_partner")

    def panes(self, saved: dict[str, Any]) -> ComposeResult:
        pack = self.pack
        defusion, bids, cycles = pack.defusion, pack.bids, pack.cycles
        words = self.labels
        thought = [defusion.title, defusion.intro, defusion.prompts[0], words.thought_placeholder]
        yield self._typed("thought", thought, defusion.prefix, saved)
        said = [bids.title, bids.intro, words.partner_question, words.partner_placeholder]
        yield self._typed("partner_said", said, None, saved)
        options = [(c.id, c.name, c.description) for c in cycles.options]
        yield self.choice(
            "cycle",
            cycles.intro,
            options,
            saved.get("cycle"),
            top=_title(cycles.title),
            bottom=_note(cycles.common_enemy),
        )
        kind = pack.lovingkindness
        for field, lines in (
            ("kindness_self", kind.for_self),
            ("kindness_partner", kind.for_partner),
        ):
            yield self.choice(
                field,
                getattr(self.labels, field),
                [(t, t, "") for t in lines],
                saved.get(field),
                extras=[(SKIP, self.labels.just_read)],
                top=_title(kind.title),
            )

    def _typed(
        self, field: str, texts: list[str], prefix: str | None, saved: dict[str, Any]
    ) -> Vertical:
        """A question typed in words: [title, intro, question, placeholder], then what follows."""
        title, intro, question, placeholder = texts
        box = PasteInput(
            saved.get(field, ""), placeholder=placeholder, id=f"{field}-input", classes="main"
        )
        after = Static(self._after(field, saved), id=f"{field}-after", markup=False)
        after.display = self.complete(field, saved)
        # The card takes the intro's place: at 80×24 the title stays in view above it.
        words = Static(intro, classes="intro", markup=False)
        words.display = not after.display
        return Vertical(
            *_title(title),
            words,
            Static(question, classes="question", markup=False),
            Horizontal(
                Static(f"{prefix} …", classes="prefix", markup=False), box, classes="prefixed"
            )
            if prefix
            else box,
            after,
            Button(self.labels.next, id=f"{field}-next"),
            id=field,
        )

    def complete(self, field: str, saved: dict[str, Any]) -> bool:
        return HEARD.get(field, field) in saved

    def help_part(self) -> str:
        part = super().help_part()
        return "kindness" if part.startswith("kindness") else part  # for yourself, for them

    def _after(self, field: str, saved: dict[str, Any]) -> str:
        """What the typed words turn into: the thought as a thought, or the wish behind theirs."""
        if field == "thought":
            defusion = self.pack.defusion
            sentence = f"{defusion.prefix} {saved.get('thought', '')}"
            return "\n".join([sentence, *defusion.prompts[1:]])
        return f"{self.labels.wish_heading}\n{saved.get('wish', '')}"

    def typed(self, field: str, text: str) -> None:
        saved = self.answers()
        self.drop_draft(field)
        if not text or (text == saved.get(field) and self.query_one(f"#{field}-after").display):
            self.forward(field)
            return
        self.record(field, text)
        if field == "partner_said":
            self.record("wish", self._wish(text))
        after = self.query_one(f"#{field}-after", Static)
        after.update(self._after(field, self.answers()))
        after.display = True
        self.query_one(f"#{field} .intro").display = False
        self.query_one(f"#{field}-next", Button).focus()
        # Once laid out, bring the new words and the button below them into view.
        self.call_after_refresh(self.query_one("#step").scroll_end, animate=False)

    def _wish(self, said: str) -> str:
        # The analyzer hears the pack bid phrases too; a boundary is heard as one, never a wish.
        fallback = self.host.analyzer.bid(said) or str(self.pack.bids.fallback)
        return heard(self.host.analyzer, said, fallback)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        field = (event.button.id or "").removesuffix("-next")
        if field in HEARD and self.query_one(f"#{field}-input", PasteInput).value.strip() != (
            self.answers().get(field) or ""
        ):
            self.submit_input(field)
        elif field in self.order:
            self.forward(field)


def _title(text: str) -> list[Static]:
    return [Static(text, classes="title", markup=False)]


def _note(text: str) -> list[Static]:
    return [Static(text, classes="common-enemy", markup=False)]
