"""A step asked one question at a time (Name, Reframe), and the typed-answer box they share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from softlanding.flow.context import StepContext
from softlanding.screens.base import StepScreen
from softlanding.widgets.lists import MarkedList
from softlanding.widgets.textbox import LineBox

NOT_SURE, RATHER_NOT_SAY, SKIP = "not_sure", "rather_not_say", "skip"
DRAFTS = "drafts"  # {question: words typed but not yet given}, kept on quit apart from answers
Choice = tuple[str, str, str]  # (value saved, label shown, definition shown while highlighted)


class PasteInput(LineBox):
    """A LineBox that keeps a pasted paragraph whole (Textual keeps only its first line)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would add the first line a second time
        event.stop()
        text = self.fit(" ".join(event.text.split()))
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class QuestionScreen(StepScreen):
    """A step asked one question at a time; each answer is saved the moment it is given."""

    BINDINGS = [Binding("escape", "back", "back", id="back")]
    order: tuple[str, ...] = ()

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        self._choices: dict[str, list[Choice]] = {}
        self._extras: dict[str, list[tuple[str, str]]] = {}

    @property
    def labels(self) -> Any:
        """This step's UI labels from the pack's `text` block."""
        return getattr(self.pack.text, self.step)

    def heading(self) -> str | None:
        return None

    def panes(self, saved: dict[str, Any]) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        saved = self.answers()
        with Vertical(id="step"):
            if self.heading():
                yield Static(self.heading() or "", id="heading", markup=False)
            with ContentSwitcher(initial=self._resume_at(saved), id="questions"):
                yield from self.panes(saved)
        yield Footer()

    def _resume_at(self, saved: dict[str, Any]) -> str:
        # Carry on after the last answer given; at it, if it is only a draft kept on quit.
        drafts = saved.get(DRAFTS) or {}
        given = [field for field in self.order if field in saved or field in drafts]
        if not given:
            return self.order[0]
        last = given[-1]
        if last in drafts or not self.complete(last, saved):
            return last
        later = [f for f in self.order[self.order.index(last) + 1 :] if self.asks(f)]
        return later[0] if later else last

    def complete(self, field: str, saved: dict[str, Any]) -> bool:
        """Whether the saved answer to `field` was finished (not just a draft kept on quit)."""
        return field in saved

    def on_mount(self) -> None:
        for field, text in (self.answers().get(DRAFTS) or {}).items():
            for box in self.query(f"#{field}-input").results(Input):
                box.value = str(text)  # half-typed words come back as they were, still a draft
        self._focus_current()

    def _focus_current(self) -> None:
        current = self.query_one(ContentSwitcher).current or self.order[0]
        self.query_one(f"#{current} .main").focus()

    def asks(self, field: str) -> bool:
        """Whether this question applies, given the answers so far."""
        return True

    def show(self, field: str) -> None:
        self.query_one(ContentSwitcher).current = field
        self._focus_current()
        self.refresh_bindings()  # "Back" is offered only where it leads somewhere

    def help_part(self) -> str:
        return self.query_one(ContentSwitcher).current or self.order[0]

    def has_earlier(self) -> bool:
        """Whether an earlier question of this step was asked (Esc goes back to it)."""
        current = self.query_one(ContentSwitcher).current or self.order[0]
        return any(self.asks(f) for f in self.order[: self.order.index(current)])

    def forward(self, field: str) -> None:
        """Open the next question that applies, or finish the step."""
        for later in self.order[self.order.index(field) + 1 :]:
            if self.asks(later):
                self.show(later)
                return
        self.done()

    def action_back(self) -> None:
        current = self.query_one(ContentSwitcher).current or self.order[0]
        for earlier in reversed(self.order[: self.order.index(current)]):
            if self.asks(earlier):
                self.show(earlier)
                return
        self.save_draft()
        self.host.go_back(self.ctx.step, self.partner)

    def answer(self, field: str, value: Any) -> None:
        self.record(field, value)
        self.forward(field)

    # --- a choice: a list whose highlighted option shows its definition beneath it -----------

    def choice(
        self,
        field: str,
        question: str,
        items: Sequence[Choice],
        saved: Any,
        extras: list[tuple[str, str]] | None = None,
        top: Iterable[Widget] = (),
        bottom: Iterable[Widget] = (),
    ) -> Vertical:
        """One question answered from a list; "not sure" and "rather not say" unless `extras`."""
        self._choices[field] = list(items)
        self._extras[field] = self._not_sure() if extras is None else extras
        listing = MarkedList(
            *self._options(field), id=f"{field}-list", classes="main", markup=False
        )
        self._highlight(listing, field, saved)
        definition = Static("", id=f"{field}-definition", classes="definition", markup=False)
        definition.display = _has_definitions(items)
        return Vertical(
            *top,
            Static(question, classes="question", markup=False),
            listing,
            definition,
            Static(self.labels.choose_hint, classes="hint", markup=False),
            *bottom,
            id=field,
        )

    def _highlight(self, listing: OptionList, field: str, saved: Any) -> None:
        values = [value for value, _, _ in self._choices[field]]
        if saved in values:
            listing.highlighted = values.index(saved)
        elif saved in dict(self._extras[field]):
            listing.highlighted = listing.get_option_index(saved)

    def set_choices(self, field: str, items: list[Choice]) -> None:
        self._choices[field] = items
        self.query_one(f"#{field}-list", OptionList).set_options(
            self._options(field)
        ).action_first()
        self.query_one(f"#{field}-definition").display = _has_definitions(items)

    def _options(self, field: str) -> list[Option | None]:
        items = [Option(label, id=str(i)) for i, (_, label, _) in enumerate(self._choices[field])]
        extras = [Option(label, id=key) for key, label in self._extras[field]]
        return [*items, None, *extras] if items and extras else [*items, *extras]

    def _not_sure(self) -> list[tuple[str, str]]:
        feelings = self.pack.feelings
        return [(NOT_SURE, feelings.not_sure), (RATHER_NOT_SAY, feelings.rather_not_say)]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        field, key = (event.option_list.id or "").removesuffix("-list"), event.option.id or ""
        text = self._choices[field][int(key)][2] if key.isdigit() else ""
        self.query_one(f"#{field}-definition", Static).update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        field, key = (event.option_list.id or "").removesuffix("-list"), event.option.id or ""
        if key == SKIP:
            self.forward(field)
        else:
            self.chosen(field, self._choices[field][int(key)][0] if key.isdigit() else key)

    def chosen(self, field: str, value: str) -> None:
        self.answer(field, value)

    # --- typed words: checked for danger before anything is saved ---------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit_input((event.input.id or "").removesuffix("-input"))

    def submit_input(self, field: str) -> None:
        text = self.query_one(f"#{field}-input", Input).value.strip()
        if text and self.host.check_safety(text):
            return
        self.typed(field, text)

    def typed(self, field: str, text: str) -> None:
        if text:
            self.record(field, text)
        self.drop_draft(field)
        self.forward(field)

    def drop_draft(self, field: str) -> None:
        """The words were given (or left): they are no longer a draft."""
        drafts = dict(self.answers().get(DRAFTS) or {})
        if drafts.pop(field, None) is None:
            return
        if drafts:
            self.record(DRAFTS, drafts)
        else:
            self.ctx.answers.forget(self.step, DRAFTS, seat=self.partner)

    def save_draft(self) -> None:
        """Words typed but not given are kept as drafts: a resume returns to them unfinished."""
        saved = self.answers()
        drafts = dict(saved.get(DRAFTS) or {})
        for box in self.query(PasteInput):
            field, text = (box.id or "").removesuffix("-input"), box.value.strip()
            if text == saved.get(field, "") or self.host.analyzer.safety(text).concern:
                drafts.pop(field, None)
            else:
                drafts[field] = text
        if drafts != (saved.get(DRAFTS) or {}):
            if drafts:
                self.record(DRAFTS, drafts)
            else:
                self.ctx.answers.forget(self.step, DRAFTS, seat=self.partner)


def _has_definitions(items: Sequence[Choice]) -> bool:
    return any(definition for _, _, definition in items)
