"""The safety net's ears: every answer and every typed text is heard before it is kept.

Danger language, or choices that add up to danger, bring the gentle check ("Are you safe right
now?"), and the words are never saved. On a partner's own turn in a pair's flow it is asked at
once, in private. On a screen both partners see, a check there, or at any moment of its own,
would tell the other that something was written: the flow goes on (the words still unsaved) and
the round every pair meets at the end of every session and talk asks each partner alone, with
the same page whatever was heard. A pair leaving for Home with a check owed is asked then.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from softlanding.analysis.danger import choices_signal, find_danger, kinds_of
from softlanding.flow.after import AfterFlow
from softlanding.flow.context import StepContext
from softlanding.flow.together import TogetherFlow, other
from softlanding.flow.watch import DueChecks, shared_turn
from softlanding.models import NAME
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
                self._ask_privately(own.seat, partner_names(own), then=_nothing, kind=kind)
                return True
            self.ask(kind)
            return True
        # asked in the round at the end (the same whatever was heard), or if the pair go Home
        self.due.add(partner_names(shared))
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
        ctx = self._pair_turn()
        if ctx is None or isinstance(self.session.flow, AfterFlow):  # the talk: one screen
            return ctx
        return ctx if shared_turn(ctx.step, ctx.seat, ctx.answers.saved) else None

    def _pair_turn(self) -> StepContext | None:
        """The turn on screen, in a pair's flow (their session, or their talk after it)."""
        flow = self.session.flow
        pair = (
            isinstance(flow, TogetherFlow)
            or isinstance(flow, AfterFlow)
            and flow.mode == "together"
        )
        return _turn_of(self.app.screen_stack) if pair else None

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

    # --- asking in private: the round at the end, or on leaving early -----------------------

    def ask_each(self, then: Callable[[], None]) -> bool:
        """The round at the end of a pair's session or talk: each partner is asked in private,
        whether or not anything was heard, then `then`; False (nothing asked) if not a pair."""
        ctx = self._pair_turn()
        if ctx is None or self._asking() or self.busy:
            return False
        self.due.clear()  # the round asks both: nothing is owed after it
        self._ask_in_turn(partner_names(ctx), then, routine=True)
        return True

    def _screen_changed(self, screen: Screen[Any]) -> None:
        if not self.due:
            self._stop_following()
        elif screen.is_modal or self._asking():
            return
        elif isinstance(screen, SafetyScreen):  # the flow ended at the safety page, for both
            self.due.clear()
        elif isinstance(screen, HomeScreen):  # the pair left their flow before the round
            self._ask_in_turn(self.due.names, _nothing, routine=False)
            self.due.clear()  # and the next screen change stops following

    def _ask_in_turn(
        self, names: dict[str, str], then: Callable[[], None], routine: bool, seats: str = "AB"
    ) -> None:
        """Each seat in private, the keyboard passed to each (A first), then `then`."""
        if not seats:
            then()
            return
        ask_rest = partial(self._ask_in_turn, names, then, routine, seats[1:])
        self._ask_privately(seats[0], names, ask_rest, routine=routine)

    def _asking(self) -> bool:
        """Whether a private check or its page is open (one partner after the other)."""
        private = (SafetyCheckScreen, PrivateSafetyScreen)
        return any(isinstance(screen, private) for screen in self.app.screen_stack)

    def _ask_privately(
        self,
        seat: str,
        names: dict[str, str],
        then: Callable[[], None],
        kind: str | None = None,
        routine: bool = False,
    ) -> None:
        """One partner, in private: danger heard on their own turn (`kind`: asked at once, and
        its own page); otherwise behind a hand-over, and the page holds every kind's help, so
        it tells neither partner what was heard, or whether anything was."""
        name, other_name = names.get(seat, seat), names.get(other(seat), other(seat))

        def page(answer: Answer | None) -> None:
            chosen, said = answer if answer is not None else (kind, None)
            shown = chosen if kind is not None else None
            self.app.push_screen(
                PrivateSafetyScreen(other_name, shown, said),
                lambda go_on: then() if go_on else None,
            )

        private_for, handover = (name, other_name), kind is None
        check = SafetyCheckScreen(kind or "", private_for, handover=handover, routine=routine)
        self.app.push_screen(check, page)

    def _stop_following(self) -> None:
        if self._following:
            self.app.screen_change_signal.unsubscribe(self.app)
            self._following = False


def _nothing() -> None:
    """After "Go on": back on the partner's own turn (words unsaved), or at Home."""


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
