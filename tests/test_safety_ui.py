"""Safety pages as a person meets them: Pause's fear answer opens the afraid-of-my-partner page,
the emergency line stays on top whatever region is chosen, the region list marks its highlighted
item, and a "Yes, I'm safe" page says nothing was saved and shows the way back."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from tests.test_history_screen import footer_cut_off
from textual.geometry import Region
from textual.widgets import Button, OptionList, Static
from textual.widgets._footer import FooterKey

from softlanding.analysis.danger import PAGE_KINDS, ordered_resources
from softlanding.screens.home import HomeScreen
from softlanding.screens.pause.pause import PauseScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.safety_check import SafetyCheckScreen
from softlanding.screens.safety_region import RegionScreen
from softlanding.widgets.lists import MARK

YES, NO = ("enter",), ("down", "enter")


def words(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def on_screen(app: Any) -> str:
    """What the terminal shows right now (not what is scrolled away), without spaces."""
    svg = app.export_screenshot()
    shown = "".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))
    return re.sub(r"[\s\u2580-\u259f]", "", shown)


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def listed(app: Any, pack: Any) -> list[Any]:
    """The page's resources in the order the page lists them."""
    text = words(app)
    shown = [r for r in pack.safety.resources if r.contact in text]
    return sorted(shown, key=lambda r: text.index(f"{r.name} — {r.contact}"))


async def test_afraid_in_pause_opens_the_afraid_of_my_partner_page(make_app, pack) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Start now, just me
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("6", "enter", *NO, *YES)  # calm 6, not flooded, afraid: yes
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        page = pack.safety.pages.partner_fear
        text = words(app)
        assert page.title in text and pack.safety.title not in text
        for line in page.lines:
            assert squash(line) in on_screen(app)  # the page's own words, without scrolling
        order = listed(app, pack)
        assert order[0].kind == "emergency"
        regional = [r for r in order if r.region not in ("Everywhere", "International")]
        assert regional[0].kind == page.first[0]  # a helpline for fear of a partner, not 988


@pytest.mark.parametrize("kind", PAGE_KINDS)
async def test_the_emergency_line_stays_on_top_after_choosing_a_region(
    make_app, store, pack, kind: str
) -> None:
    page = getattr(pack.safety.pages, kind)
    regions = list(pack.safety.region.regions)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", page.key, "r")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)
        await pilot.press(*["down"] * regions.index("United Kingdom"), "enter")
        await pilot.pause()
        assert store.get_setting("region") == "United Kingdom"
        order = listed(app, pack)
        shown = on_screen(app)
    assert order[0].region == "Everywhere" and order[0].kind == "emergency"
    uk = [r for r in order if "United Kingdom" in r.region and r.kind in page.first]
    assert uk and order[1 : 1 + len(uk)] == uk  # the region's lines for this page right after
    assert uk == sorted(uk, key=lambda r: page.first.index(r.kind))
    assert squash(order[0].contact) in shown  # all of it at 80×24, without scrolling
    assert all(squash(r.contact) in shown for r in uk[:2])


@pytest.mark.parametrize("kind", PAGE_KINDS)
async def test_without_a_region_the_first_screen_has_the_emergency_line_and_the_directory(
    make_app, pack, kind: str
) -> None:
    page = getattr(pack.safety.pages, kind)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", page.key)
        await pilot.pause()
        shown = on_screen(app)
    assert squash(page.title) in shown
    ordered = ordered_resources(list(pack.safety.resources), list(page.first), None)
    assert [r.kind for r in ordered[:2]] == ["emergency", "directory"]
    for res in ordered[:3]:
        assert squash(res.contact) in shown, (kind, res.name)


def marked(listing: OptionList) -> list[str]:
    """The marked items' lines, from the marker on."""
    width, height = listing.size
    lines = [s.text for s in listing.render_lines(Region(0, 0, width, height))]
    return [line[line.index(MARK) :].rstrip(" ▎") for line in lines if MARK in line]


async def test_the_region_list_marks_its_highlighted_item(make_app, store, pack) -> None:
    regions = list(pack.safety.region.regions)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "r")
        await pilot.pause()
        listing = app.screen.query_one("#regions", OptionList)
        assert marked(listing) == [f"{MARK}{regions[0]}"]
        await pilot.press("down")
        await pilot.pause()
        assert marked(listing) == [f"{MARK}{regions[1]}"]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")  # again: the mark starts on the region chosen before
        await pilot.pause()
        listing = app.screen.query_one("#regions", OptionList)
        assert marked(listing) == [f"{MARK}{regions[1]}"]
    assert store.get_setting("region") == regions[1]


@pytest.mark.parametrize(("answer", "says"), [("y", True), ("n", False), ("s", False)])
async def test_a_yes_says_nothing_was_saved_and_the_way_back(
    make_app, store, answer: str, says: bool
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        sid = app.session_id
        await app.switch_screen(app.step_screen("reframe"))
        await pilot.pause()
        await pilot.press(*[("space" if c == " " else c) for c in "he will hurt me if I disagree"])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyCheckScreen)
        await pilot.press(answer)
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        after_yes = app.pack.text.safety.after_yes
        assert (squash(after_yes) in on_screen(app)) is says
        home = app.screen.query_one("#home", Button)
        assert str(home.label) == app.pack.text.safety.home and home.display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    record = store.load(sid)
    assert record is None or "hurt" not in str(record.answers)


async def test_after_im_not_safe_the_session_just_left_can_be_deleted(make_app, store) -> None:
    """What was written before Ctrl+S is kept like any unfinished session; the page says so and
    D deletes it for good, after a yes."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Start now, just me
        await pilot.pause()
        await pilot.press("6", "enter")  # calm 6: the first answer writes the session
        await pilot.pause()
        sid = app.session_id
        assert sid is not None and store.load(sid) is not None
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        words_ = app.pack.text.safety
        assert squash(words_.kept) in squash(words(app))
        assert app.screen.check_action("forget", ()) is True  # the footer shows the key
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # "no" first: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen) and store.load(sid) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert store.load(sid) is None
        assert squash(words_.forgotten) in squash(words(app))
        assert app.screen.check_action("forget", ()) is False  # nothing more to delete


async def test_with_a_session_kept_the_footer_still_fits_80_columns(make_app) -> None:
    """The delete key joins the footer; help and quit stay on screen, "I'm not safe" first."""
    app = make_app()
    keys = app.pack.text.keys
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Start now, just me
        await pilot.pause()
        await pilot.press("6", "enter")  # the first answer writes the session
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        shown = [key.description for key in app.screen.query(FooterKey)]
        assert shown[:2] == [keys.not_safe, keys.quick_hide]
        for needed in (keys.home, keys.safety_forget, keys.help, keys.quit):
            assert needed in shown
        assert footer_cut_off(app) == []
        assert keys.region not in shown  # named on the page; R still chooses one
        # the page's line about the kept session is scrolled away: the key names what it deletes
        delete = [key.description for key in app.screen.query(FooterKey) if key.key == "d"]
        assert delete == [keys.safety_forget] and "session" in delete[0].lower()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)


async def test_with_nothing_kept_the_footer_names_the_region_key(make_app) -> None:
    app = make_app()
    keys = app.pack.text.keys
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")  # from Home: nothing to delete, so there is room for R
        await pilot.pause()
        shown = [key.description for key in app.screen.query(FooterKey)]
        assert keys.region in shown and keys.safety_forget not in shown
        assert footer_cut_off(app) == []


async def test_the_delete_key_is_not_offered_when_nothing_was_kept(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")  # from Home: no session
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert app.screen.check_action("forget", ()) is False
        assert app.pack.text.safety.kept not in words(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)


async def test_a_yes_after_saved_answers_says_the_session_is_kept_and_how_to_carry_on(
    make_app, store
) -> None:
    from history_seed import open_history
    from softlanding.screens.history.session_view import SessionScreen
    from softlanding.screens.reframe import ReframeScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session("solo")
        sid = app.session_id
        app.session.record("name", "word", "hurt")  # an answer given: the session is saved
        await app.switch_screen(app.step_screen("reframe"))
        await pilot.pause()
        assert isinstance(app.screen, ReframeScreen)
        await pilot.press(*[("space" if c == " " else c) for c in "he will hurt me if I disagree"])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyCheckScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        words = app.pack.text.safety
        assert squash(words.after_yes_kept) in on_screen(app)  # in view, not scrolled away
        assert squash(words.after_yes) not in on_screen(app)
        await pilot.press("escape")  # home, as the line says
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await open_history(pilot)
        await pilot.press("enter")  # it is there, in Look back, and c carries it on
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.session_id == sid
        assert app.screen.check_action("carry_on", ())
    record = store.load(sid)
    assert record.status == "open" and "disagree" not in str(record.answers)


async def test_the_same_words_in_a_new_session_are_asked_about_again(make_app, store) -> None:
    """A check asked once ends that session; typed again in a new one, the words bring the check
    again (never the thought coaching, never a screen that waits for an answer it won't keep)."""
    app = make_app()
    words_typed = "if I disagree he'll hurt me"
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            app.start_session("solo")
            sid = app.session_id
            await app.switch_screen(app.step_screen("reframe"))
            await pilot.pause()
            await pilot.press(*[("space" if c == " " else c) for c in words_typed], "enter")
            await pilot.pause()
            assert isinstance(app.screen, SafetyCheckScreen)
            await pilot.press("y")  # yes, safe for now
            await pilot.pause()
            assert isinstance(app.screen, SafetyScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            record = store.load(sid)
            assert record is None or "disagree" not in str(record.answers)


async def test_the_delete_offer_is_for_the_session_just_left_only(make_app, store) -> None:
    """Once home (or in a new session), Ctrl+S no longer offers to delete an older session."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Start now, just me
        await pilot.pause()
        await pilot.press("6", "enter")  # the first answer writes the session
        await pilot.pause()
        sid = app.session_id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.check_action("forget", ()) is True
        await pilot.press("escape")  # home
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        assert app.screen.check_action("forget", ()) is False
        assert app.pack.text.safety.kept not in words(app)
    assert store.load(sid) is not None  # nothing was deleted without a yes


async def test_the_arrows_scroll_the_safety_page_while_home_has_the_focus(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        page = app.screen.query_one("#safety")
        assert app.screen.focused is not None and app.screen.focused.id == "home"
        assert page.max_scroll_y > 0 and page.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert page.scroll_y > 0
        await pilot.press("up")
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "home"
