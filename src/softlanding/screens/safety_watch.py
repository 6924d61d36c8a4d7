"""The safety net's ears: every answer and every typed text is heard before it is kept.

Danger language, or choices that add up to danger, bring the gentle check ("Are you safe right
now?"), and the words are never saved. Where a pair's flow shows the screen to both partners,
the check would be asked in front of the one who may be feared: there the flow goes on (the
words still unsaved) and a check is owed to each partner, in memory only (flow.watch), asked in
private at their next turn of their own, or at the closing (the keyboard passed to each in turn).
The talk after the fight has no private turn: there each is asked at the end of the part being
talked over (flow.after's stages), the keyboard passed to each in turn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from softlanding.analysis.danger import choices_signal, find_danger, kinds_of
from softlanding.flow.after import AfterFlow
from softlanding.flow.context import StepContext
from softlanding.flow.together import TogetherFlow, other
from softlanding.flow.watch import SEATS, DueChecks, shared_turn
from softlanding.models import CLOSING, NAME
from softlanding.screens.home import HomeScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.safety_check import Answer, SafetyCheckScreen
from softlanding.screens.together.safe_turn import PrivateSafetyScreen
from softlanding.screens.together.seats import partner_names
from softlanding.textsafe import visible

if TYPE_CHECKING:
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.flow.session import SessionKeeper


class SafetyWatch:
    """Hears answers (as the session's guard) and typed texts; asks, now or privately later."""

    def __init__(
        self, app: App[Any], session: SessionKeeper, analyzer: Callable[[], Analyzer]
    ) -> None:
        self.app, self.session, self._analyzer = app, session, analyzer
        self.due = DueChecks()
        # texts already asked about, per session (memory only): a pair's "Go on" is not asked
        # the same words again; a new session (after a solo check ends one) always is
        self._asked: set[tuple[str | None, str]] = set()
        self._following = False  # watching screen changes for a private moment
        session.answers.guard = self.listen  # every answer is heard before it is saved

    # --- hearing -----------------------------------------------------------------------------

    def listen(self, step: str, field: str, value: Any, seat: str) -> bool:
        """The answers' guard: True keeps the answer unsaved (and asks, now or later)."""
        texts = _texts(value)
        asked = {(self.session.session_id, text) for text in texts}
        if self._asked.intersection(asked):
            return True  # asked once already ("Go on"): still never saved, and not asked again
        kind = next(filter(None, map(self._kind_of, texts)), None)
        if kind is None and step == NAME:
            chosen = {**self.session.answers.get(step, seat), field: value}
            kind = "partner_fear" if choices_signal(chosen) else None
        if kind is None:
            return False
        self._asked.update(asked)
        self._check(kind)
        return True

    def check(self, text: str) -> bool:
        """Danger language in typed text: True if the check is on screen now (the caller stops
        there); False when nothing was heard, or on a shared screen, where the flow goes on."""
        asked = (self.session.session_id, text)
        if asked in self._asked:  # asked once already ("Go on"): never saved, not asked again
            if self._shared_turn() is not None:
                return False  # on a screen both see, the flow goes on, as the first time
            # here, the step must not read the words (no coaching on them) nor wait for them
            self.app.notify(visible(self.app.pack.text.safety.asked_again), markup=False)  # type: ignore[attr-defined]
            return True
        kind = self._kind_of(text)
        if kind is None:
            return False
        self._asked.add(asked)
        return self._check(kind)

    def _kind_of(self, text: str) -> str | None:
        analyzer = self._analyzer()
        if not text.strip() or not analyzer.safety(text).concern:
            return None
        kinds = kinds_of(find_danger(analyzer, text))
        return kinds[0] if kinds else "partner_fear"

    def _check(self, kind: str) -> bool:
        shared = self._shared_turn()
        if shared is None:
            own = self._own_turn()
            if own is not None:  # a partner's own turn: asked and helped in private, and the
                # pair's flow can go on, so the other sees nothing different
                names = partner_names(own)
                self._ask_privately(own.seat, handover=False, then=_nothing, asked=(kind, names))
                return True
            self.ask(kind)
            return True
        self.due.add(kind, partner_names(shared))
        if not self._following:
            self.app.screen_change_signal.subscribe(self.app, self._screen_changed)
            self._following = True
        return False

    def _own_turn(self) -> StepContext | None:
        """The turn on screen, when it is one partner's own in a pair's flow."""
        if not isinstance(self.session.flow, TogetherFlow):
            return None
        return _turn_of(self.app.screen_stack)

    def _shared_turn(self) -> StepContext | None:
        """The turn on screen, when a pair's flow shows it to both partners."""
        flow = self.session.flow
        if isinstance(flow, AfterFlow):  # the pair's talk: every question is on one screen
            return _turn_of(self.app.screen_stack) if flow.mode == "together" else None
        if not isinstance(flow, TogetherFlow):
            return None
        ctx = _turn_of(self.app.screen_stack)
        if ctx is None or not shared_turn(ctx.step, ctx.seat, ctx.answers.saved):
            return None
        return ctx

    # --- asking now --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether the check or a safety page is on screen (the flow does not move behind it)."""
        return isinstance(self.app.screen, SafetyScreen | SafetyCheckScreen)

    def ask(self, kind: str) -> None:
        """Stop the flow and ask "Are you safe right now?"; every answer leads to a safety page."""
        if self.busy:
            return
        # The flow ends here, leaving the session like any interrupted one: nothing about the
        # check, or why, is recorded.
        kept = self.session.answers.written and not self.session.unkept
        self.session.leave_for_safety()
        self.app.push_screen(SafetyCheckScreen(kind), lambda found: self._show_page(found, kept))

    def _show_page(self, answer: Answer | None, kept: bool) -> None:
        """The page the answer leads to; `kept`: the session left behind can be carried on."""
        if answer is not None:
            self.app.push_screen(SafetyScreen(*answer, kept=kept))

    def open_page(self, kind: str) -> None:
        """The page for `kind` at once (a "yes" to "are you afraid of your partner?")."""
        if self.busy:
            return
        self.app.push_screen(SafetyScreen(kind))  # first: the help shows before anything else
        self.session.leave_for_safety()

    # --- asking in private, later ------------------------------------------------------------

    def _screen_changed(self, screen: Screen[Any]) -> None:
        if not self.due:
            self._stop_following()
            return
        if screen.is_modal or self._asking():
            return
        if isinstance(screen, SafetyScreen):  # the flow ended at the safety page, for both
            self.due.clear()
            return
        ctx = getattr(screen, "ctx", None)
        if isinstance(ctx, StepContext) and isinstance(self.session.flow, TogetherFlow):
            if ctx.opens:
                return  # a hand-over: the moment is the turn behind it
            if not shared_turn(ctx.step, ctx.seat, ctx.answers.saved):
                if self.due.take(ctx.seat):  # this partner's own turn: only they are looking
                    self._ask_privately(ctx.seat, handover=False, then=self._done_asking)
                return
            if ctx.step != CLOSING:
                return
        elif not isinstance(screen, HomeScreen):
            return
        self._ask_each()  # the closing, or the pair left their flow: each in turn

    def ask_owed(self, then: Callable[[], None]) -> bool:
        """A pause in a pair's shared talk: each partner owed a check is asked in private, one
        after the other, then `then`; False (and nothing asked) when none is owed."""
        if not self.due or self._asking() or self.busy:
            return False
        self._ask_each(then)
        return True

    def _ask_each(self, then: Callable[[], None] | None = None) -> None:
        seat = next((s for s in SEATS if self.due.take(s)), None)  # one at a time, A first
        if seat is None:
            self._done_asking()
            if then is not None:
                then()
            return
        self._ask_privately(seat, handover=True, then=lambda: self._ask_each(then))

    def _asking(self) -> bool:
        """Whether a private check or its page is open (one partner after the other)."""
        private = (SafetyCheckScreen, PrivateSafetyScreen)
        return any(isinstance(screen, private) for screen in self.app.screen_stack)

    def _ask_privately(
        self,
        seat: str,
        handover: bool,
        then: Callable[[], None],
        asked: tuple[str, dict[str, str]] | None = None,
    ) -> None:
        kind, names = asked or (self.due.kind, self.due.names)
        name, other_name = names.get(seat, seat), names.get(other(seat), other(seat))

        def page(answer: Answer | None) -> None:
            chosen, said = answer if answer is not None else (kind, None)
            self.app.push_screen(
                PrivateSafetyScreen(other_name, chosen, said),
                lambda go_on: then() if go_on else None,
            )

        check = SafetyCheckScreen(kind, private_for=(name, other_name), handover=handover)
        self.app.push_screen(check, page)

    def _done_asking(self) -> None:
        if not self.due:
            self._stop_following()

    def _stop_following(self) -> None:
        if self._following:
            self.app.screen_change_signal.unsubscribe(self.app)
            self._following = False


def _nothing() -> None:
    """After "Go on": the partner is back on their own turn, their words still unsaved."""


def _texts(value: Any) -> list[str]:
    """The words in an answer: a text, or the texts in a list (a partner's notes)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def _turn_of(stack: list[Screen[Any]]) -> StepContext | None:
    """The turn the top screen belongs to (a note or picker over a turn: that turn)."""
    for screen in reversed(stack):
        ctx = getattr(screen, "ctx", None)
        if isinstance(ctx, StepContext):
            return ctx
    return None
