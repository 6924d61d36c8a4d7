"""The fear question on a partner's own turn: a yes or "not sure" opens the resources on that
turn only. Nothing of it is saved; the shared screens look as they always do. From here the
person may go on with the session, leave it as any interrupted session, or erase it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Button, Static

from softlanding.screens.safety import SafetyScreen
from softlanding.textsafe import visible


class PrivateSafetyScreen(SafetyScreen):
    """The resources, for the partner at the keyboard; dismisses True to go on as before."""

    way_home = False
    way_on = "go-on"

    def __init__(self, other: str, kind: str | None = None, answer: str | None = None) -> None:
        super().__init__(kind, answer)
        self.other = other

    def on_mount(self) -> None:
        words = self.pack.text.private_safety
        scroll = self.query_one("#safety")
        only_you = visible(words.only_you.format(other=self.other))  # a name is data, not markup
        scroll.mount(Static(only_you, id="only-you", markup=False), before=0)
        actions = self.query_one("#actions")
        go_on = Button(Content(words.go_on), id="go-on", variant="primary")
        actions.mount(go_on, before=0)
        actions.mount(Button(Content(words.erase), id="erase"))
        self.query_one("#home", Button).remove()  # three fit at 80 columns; Escape still goes home
        # Enter goes on: a reflex Enter that closed the app in front of the other partner would
        # show them what this page promises they never see (the page focuses `way_on`).

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Textual then calls SafetyScreen's handler (leave, home) unless the default is prevented
        if event.button.id == "go-on":
            event.prevent_default()
            self.dismiss(True)
        elif event.button.id == "erase":
            event.prevent_default()
            self.sl.erase_session()
            self.sl.go_home()
        else:
            self.sl.leave_session()

    def action_home(self) -> None:
        self.sl.leave_session()
        super().action_home()
