"""Respond: build a softer start, with gentle notes, repair phrases and a view for your partner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, Static, TextArea

from softlanding.flow.context import StepContext
from softlanding.flow.soft_start import FIELDS, ORDER, clean, named_words, sentence
from softlanding.flow.soft_start import UNKNOWN as UNKNOWN  # the speaker's turn reads it here
from softlanding.screens.base import StepScreen
from softlanding.textsafe import visible
from softlanding.widgets.draft import DRAFT_SAVE_DELAY, DraftBox
from softlanding.widgets.hints import draft_notes
from softlanding.widgets.repair import RepairPicker, ShowPartnerScreen
from softlanding.widgets.textbox import LineBox


class RespondScreen(StepScreen):
    CSS_PATH = Path(__file__).with_name("respond.tcss")
    step = "respond"
    BINDINGS = [
        Binding("escape", "back", "back", id="back"),
        Binding("ctrl+r", "repair", "respond_repair", id="respond_repair"),
        Binding(
            "ctrl+o", "toggle_form", "respond_form", show=False, id="respond_form"
        ),  # named on the heading
        Binding("ctrl+p", "show_partner", "respond_show", id="respond_show"),
        Binding("ctrl+n", "finish", "respond_done", id="respond_done"),
    ]

    def __init__(self, ctx: StepContext) -> None:
        super().__init__(ctx)
        saved = self.answers()
        self._form: str = saved.get("form", "startup")
        self._given: dict[str, str] = {f: saved[f] for f in FIELDS if f in saved}
        self._saved_draft: str = saved.get("draft", "")
        self._repair_used: list[str] = list(saved.get("repair_used", []))
        self._auto = ""  # what the draft was last filled with; it follows the boxes until edited

    def compose(self) -> ComposeResult:
        words = self.pack.text.respond
        prefill = self._prefill()
        with Vertical(id="respond"):
            with Horizontal(id="heading"):
                yield Static(words.title, id="title", markup=False)
                yield Static("", id="form-name", markup=False)
            yield Static("", id="help", markup=False)
            with Horizontal(id="builder"):
                for name in FIELDS:
                    with Vertical(id=f"{name}-box", classes="field"):
                        yield Label("", id=f"{name}-label", markup=False)
                        yield LineBox(prefill.get(name, ""), id=name)
            yield Static("", id="preview", markup=False)
            yield Static(words.draft_label, id="draft-label", markup=False)
            yield DraftBox(
                self._saved_draft,
                self.pack,
                hints_for=lambda text: draft_notes(self.host.analyzer, text),
                save=self.save_draft,
                delay=DRAFT_SAVE_DELAY,  # read here, so a test may shorten it
                placeholder=words.draft_placeholder,
            )
        yield Footer(compact=True)

    def _prefill(self) -> dict[str, str]:
        """Earlier answers of this step win; otherwise the feeling and need named a step ago."""
        return {**named_words(self.ctx.answers.get("name", self.partner)), **self._given}

    def on_mount(self) -> None:
        self._auto = self._saved_draft if self._saved_draft == (self._sentence() or "") else ""
        self._apply_form()
        self.query_one(DraftBox).refresh_hints()
        self._draft().move_cursor(self._draft().document.end)  # carry on writing at the end
        self._first_empty().focus()

    # --- the builder ---------------------------------------------------------------------------

    def _apply_form(self) -> None:
        words, ofnr = self.pack.text.respond, self._form == "ofnr"
        labels = {"feeling": words.feeling, "situation": words.situation, "need": words.need}
        if ofnr:
            labels.update(situation=words.observation, need=words.ofnr_need, request=words.request)
        for name, label in labels.items():
            self.query_one(f"#{name}-label", Label).update(label)
        self.query_one("#request-box").display = ofnr
        builder, situation, feeling = (
            self.query_one(f"#{n}") for n in ("builder", "situation-box", "feeling-box")
        )
        if ofnr:
            builder.move_child(situation, before=feeling)
        else:
            builder.move_child(situation, after=feeling)
        current, other = (words.ofnr_label, words.startup_label)[:: 1 if ofnr else -1]
        key = self.app.get_key_display(self._bindings.key_to_bindings["ctrl+o"][0])
        self.query_one("#form-name", Static).update(
            words.form_switch.format(current=current, key=key, other=other)
        )
        self._refresh_sentence()

    def _sentence(self, blank: str | None = None) -> str | None:
        """The built sentence; with `blank=None`, only once every box of the form is filled."""
        values = {name: clean(self.query_one(f"#{name}", Input).value) for name in self._fields()}
        if blank is None and not all(values.values()):
            return None
        filled = {name: value or str(blank) for name, value in values.items()}
        return sentence(self.pack.templates, self._form, filled)

    def _refresh_sentence(self) -> None:
        self.query_one("#preview", Static).update(
            visible(self._sentence(self.pack.text.respond.blank) or "")  # typed: never escapes
        )
        draft = self._draft()
        if draft.text == self._auto:  # untouched by the person: the draft follows the sentence
            self._auto = self._sentence() or ""
            draft.text = self._auto
            draft.move_cursor(draft.document.end)

    def on_click(self, event: Any) -> None:
        if getattr(event.widget, "id", None) == "form-name":
            self.action_toggle_form()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refresh_sentence()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.input.id or ""
        if not self._give(name, loud=True):
            return
        self._first_empty(after=name).focus()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.input.cursor_position = 0  # a box left behind shows the start of its words
        self._give(event.input.id or "")

    def on_descendant_focus(self, event: Any) -> None:
        self.query_one("#help", Static).update(self._help_for(getattr(event.widget, "id", "")))

    def _help_for(self, name: str | None) -> str:
        words, ofnr = self.pack.text.respond, self.pack.templates.ofnr
        if name == "draft" or name not in FIELDS:
            return str(words.draft_help)
        if self._form == "ofnr":
            return str(getattr(ofnr, "observation" if name == "situation" else name))
        return str(getattr(words, f"{name}_help"))

    # --- the draft -----------------------------------------------------------------------------

    def save_draft(self) -> None:
        for name in self._fields():
            self._give(name)
        text = self._draft().text.strip()
        if text != self._saved_draft and self._safe(text) and self._keep("draft", text):
            self._saved_draft = text

    # --- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.save_draft()
        self.host.go_back(self.step, self.partner)

    def action_toggle_form(self) -> None:
        self._form = "ofnr" if self._form == "startup" else "startup"
        self._keep("form", self._form)
        self._apply_form()
        self._first_empty().focus()

    def action_repair(self) -> None:
        self.app.push_screen(RepairPicker(self.ctx), callback=self._insert_repair)

    def _insert_repair(self, phrase: str | None) -> None:
        if not phrase:
            return
        draft = self._draft()
        before = draft.get_text_range((0, 0), draft.cursor_location)
        after = draft.get_text_range(draft.cursor_location, draft.document.end)
        padded = (" " if before and not before[-1].isspace() else "") + phrase
        padded += " " if after and not after[0].isspace() else ""
        draft.move_cursor(draft.insert(padded).end_location)
        self._repair_used.append(phrase)
        self._keep("repair_used", list(self._repair_used))
        draft.focus()

    def action_show_partner(self) -> None:
        self.app.push_screen(ShowPartnerScreen(self.ctx, self._final_text()))

    def action_finish(self) -> None:
        text = self._final_text()
        if text and self.host.check_safety(text):
            return  # the safety screen is open; these words are not kept
        self.save_draft()
        if text:
            self._keep("final", text)
        self._keep("form", self._form)
        self.done()

    # --- small helpers -------------------------------------------------------------------------

    def _fields(self) -> tuple[str, ...]:
        return ORDER[self._form]

    def _draft(self) -> TextArea:
        return self.query_one("#draft", TextArea)

    def _first_empty(self, after: str | None = None) -> Input | TextArea:
        """The next box still to fill (after `after`, if given), else the draft."""
        order = self._fields()
        later = order[order.index(after) + 1 :] if after in order else order
        empty = [n for n in later if not self.query_one(f"#{n}", Input).value.strip()]
        return self.query_one(f"#{empty[0]}", Input) if empty else self._draft()

    def _final_text(self) -> str:
        return self._draft().text.strip() or self._sentence() or ""

    def _safe(self, text: str) -> bool:
        """Quiet check for autosaves: worrying words are not kept, without a sudden screen."""
        return not text or not self.host.analyzer.safety(text).concern

    def _give(self, name: str, loud: bool = False) -> bool:
        """Save one box as given; `loud` (Enter) opens the safety screen for worrying words."""
        if name not in FIELDS:
            return True
        value = self.query_one(f"#{name}", Input).value.strip()
        if value == self._given.get(name, ""):
            return True
        if (loud and value and self.host.check_safety(value)) or not self._safe(value):
            return False
        if self._keep(name, value):
            self._given[name] = value
        return True

    def _keep(self, field: str, value: Any) -> bool:
        """Record only inside a live session (after "I'm not safe" there is none, on purpose)."""
        if not self.ctx.answers.active:
            return False
        self.record(field, value)
        return True
