"""Safety pages by kind: Ctrl+S asks which, each page puts its help first, the region chosen
once comes first, Enter goes home (never quits), and at 80×24 the lines that matter need no
scrolling."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from textual.widgets import Button, Static

from softlanding.analysis.danger import PAGE_KINDS, ordered_resources
from softlanding.screens.home import HomeScreen
from softlanding.screens.safety import SafetyScreen
from softlanding.screens.safety_region import OrdinaryScreen, RegionScreen


def visible(app: Any) -> str:
    """What is on the terminal right now (not what is scrolled away), without spaces."""
    svg = app.export_screenshot()
    shown = "".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))
    return re.sub(r"[\s\u2580-\u259f]", "", shown)  # the scrollbar's blocks are not words


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def words(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


@pytest.mark.parametrize("kind", PAGE_KINDS)
async def test_each_kind_has_its_page_with_its_help_first(make_app, pack, kind: str) -> None:
    page = getattr(pack.safety.pages, kind)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press(page.key)
        await pilot.pause()
        text = words(app)
        assert page.title in text
        for line in page.lines:
            assert line in text
        shown = [r for r in pack.safety.resources if r.contact in text]
        assert len(shown) == len(pack.safety.resources)  # every line is still there

        def place(res: Any) -> tuple[int, int]:  # a service listed for two kinds: shown once
            kind = page.first.index(res.kind) if res.kind in page.first else len(page.first)
            return (text.index(res.contact), kind)

        order: list[Any] = []
        for res in sorted(shown, key=place):
            if all(r.contact != res.contact for r in order):
                order.append(res)
        assert order[0].region == "Everywhere"  # the emergency line on top of every page
        regional = [r for r in order if r.region not in ("Everywhere", "International")]
        first = [r for r in regional if r.kind == page.first[0]]
        assert regional[: len(first)] == first  # then this page's kind of help first


async def test_all_help_without_a_choice_and_zero_comes_back(make_app, pack) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "3")
        await pilot.pause()
        assert pack.safety.pages.self_harm.title in words(app)
        await pilot.press("0")
        await pilot.pause()
        text = words(app)
        assert pack.safety.title in text
        for kind in PAGE_KINDS:
            assert getattr(pack.safety.pages, kind).label in text


async def test_enter_on_a_solo_sessions_safety_page_goes_home_and_never_quits(
    make_app, store
) -> None:
    """A reflex Enter must not close the app: it takes the way on (home, the session kept);
    leaving stays an explicit choice, its own button."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Start now, just me
        await pilot.pause()
        await pilot.press("6", "enter")  # the first answer writes the session
        await pilot.pause()
        sid = app.session_id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        focused = app.screen.focused
        assert isinstance(focused, Button) and focused.id == "home"
        assert focused.variant == "primary"  # the button that looks chosen is Enter's
        assert app.screen.query_one("#leave", Button).variant == "default"
        await pilot.press("enter")
        await pilot.pause()
        assert not app._exit  # noqa: SLF001 - still open
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#leave")  # leaving is still there, chosen on purpose
        await pilot.pause()
        assert app._exit  # noqa: SLF001 - the app is closing
    assert store.load(sid) is not None  # the session left behind is kept, as the page says


def spaced_buttons(app: Any) -> list[Any]:
    """The page's buttons, left to right, each checked to be a whole button on screen."""
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer).region
    buttons = sorted(app.screen.query("#actions Button").results(Button), key=lambda b: b.region.x)
    for button in buttons:
        shape = button.region
        assert shape.height == 3, button.id  # edged, not one plain line of text
        assert shape.bottom <= footer.y and shape.right <= app.size.width, button.id
    for left, right in zip(buttons, buttons[1:], strict=False):
        assert right.region.x > left.region.right, (left.id, right.id)  # a gap between
    return buttons


async def test_the_ways_off_the_safety_page_are_separate_buttons_at_80x24(make_app) -> None:
    from softlanding.screens.together.safe_turn import PrivateSafetyScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [b.id for b in spaced_buttons(app)] == ["leave", "home"]
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(PrivateSafetyScreen("Alex"))  # a partner's own page: three of them
        await pilot.pause()
        assert [b.id for b in spaced_buttons(app)] == ["go-on", "leave", "erase"]


async def test_region_is_chosen_once_and_kept(make_app, store, pack) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "r")
        await pilot.pause()
        assert isinstance(app.screen, RegionScreen)
        regions = list(pack.safety.region.regions)
        await pilot.press(*["down"] * regions.index("New Zealand"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)
        text = words(app)
    assert store.get_setting("region") == "New Zealand"
    first_nz = next(r for r in pack.safety.resources if r.region == "New Zealand")
    first_us = next(r for r in pack.safety.resources if r.region == "United States")
    assert text.index(first_nz.contact) < text.index(first_us.contact)
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", pack.safety.pages.self_harm.key)
        await pilot.pause()
        on_screen = visible(again)
    nz_crisis = next(
        r for r in pack.safety.resources if r.region == "New Zealand" and r.kind == "crisis"
    )
    assert squash(nz_crisis.contact) in on_screen


@pytest.mark.parametrize("region", ["United States", "United Kingdom", "Australia"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
async def test_first_screen_shows_the_lines_that_matter(
    make_app, store, pack, kind: str, region: str
) -> None:
    """At 80×24, with a region chosen: the page's words and its first lines for that region."""
    store.set_setting("region", region)
    page = getattr(pack.safety.pages, kind)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", page.key)
        await pilot.pause()
        on_screen = visible(app)
    assert squash(page.title) in on_screen
    ordered = ordered_resources(list(pack.safety.resources), list(page.first), region)
    fits = [r for r in ordered if region in r.region and r.kind in page.first]
    mine = [r for r in ordered if r.kind == "emergency" or r in fits][:3]
    for res in mine:
        assert squash(res.contact) in on_screen, (res.name, kind, region)


async def test_ordinary_conflict_page_from_safety_and_first_run(make_app, pack) -> None:
    app = make_app(first_run_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OrdinaryScreen)
        assert pack.safety.ordinary.title in words(app)
        await pilot.press("escape", "ctrl+s", "o")
        await pilot.pause()
        assert isinstance(app.screen, OrdinaryScreen)


@pytest.mark.parametrize(
    ("key", "page", "escape"), [("o", "ordinary", "close"), ("r", "region", "back")]
)
async def test_the_pages_beside_safety_have_a_footer_that_says_how_to_leave(
    make_app, pack, key: str, page: str, escape: str
) -> None:
    """ "Ordinary conflict or something else?" and the region list: Esc, and the safety keys."""
    from textual.widgets._footer import FooterKey

    keys = pack.text.keys
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", key)
        await pilot.pause()
        assert isinstance(app.screen, OrdinaryScreen if page == "ordinary" else RegionScreen)
        shown = {k.key: k.description for k in app.screen.query(FooterKey)}
        expected = {"ctrl+s": keys.not_safe, "ctrl+l": keys.quick_hide}
        assert shown == {**expected, "escape": getattr(keys, escape)}
        if page == "ordinary":
            assert app.screen.query_one("#ordinary").max_scroll_y == 0  # the page, whole
        await pilot.press("escape")  # as the footer says (the region list: nothing chosen)
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen)


# Each region's line for people worried about their own behaviour (a contact to find it by).
OWN_LINES = {
    "United States": "1-800-799-7233",
    "United Kingdom": "0808 802 4040",
    "Ireland": "moveireland.ie",
    "Canada": "211",
    "Australia": "1300 766 491",
    "New Zealand": "0800 456 450",
}


def test_every_region_has_a_line_for_ones_own_behaviour(pack) -> None:
    assert set(pack.safety.region.regions) == set(OWN_LINES)
    own = [r for r in pack.safety.resources if r.kind == "own_behaviour"]
    for region, contact in OWN_LINES.items():
        assert any(region in r.region and contact in r.contact for r in own), region


@pytest.mark.parametrize("region", list(OWN_LINES))
def test_afraid_i_might_hurt_my_partner_puts_the_regions_own_line_first(pack, region) -> None:
    page = pack.safety.pages.hurt_partner
    order = ordered_resources(list(pack.safety.resources), list(page.first), region)
    assert order[0].kind == "emergency" and order[0].region == "Everywhere"
    assert order[1].kind == "own_behaviour" and region in order[1].region
    assert OWN_LINES[region] in order[1].contact
    shown = [(r.name, r.contact) for r in order]
    assert len(shown) == len(set(shown))  # no service twice on one page


def test_a_hotline_listed_for_two_kinds_shows_once_as_the_pages_kind(pack) -> None:
    pages, every = pack.safety.pages, list(pack.safety.resources)
    for kind, expected in (
        ("partner_fear", "domestic_violence"),
        ("hurt_partner", "own_behaviour"),
    ):
        order = ordered_resources(every, list(getattr(pages, kind).first), "United States")
        hotline = [r for r in order if r.name == "National Domestic Violence Hotline"]
        assert len(hotline) == 1 and hotline[0].kind == expected, kind
        assert order[1] is hotline[0]


@pytest.mark.parametrize("region", ["Ireland", "Canada", "New Zealand", "United States"])
async def test_the_own_behaviour_line_is_on_the_first_screen(make_app, store, pack, region) -> None:
    store.set_setting("region", region)
    page = pack.safety.pages.hurt_partner
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", page.key)
        await pilot.pause()
        on_screen = visible(app)
    own = ordered_resources(list(pack.safety.resources), list(page.first), region)[1]
    assert squash(own.name) in on_screen and squash(own.contact) in on_screen
    assert squash(own.note or "") in on_screen  # what it is for, not just a number


@pytest.mark.parametrize("region", list(OWN_LINES))
def test_a_regions_line_for_people_who_harm_never_tops_the_page_for_fear(pack, region) -> None:
    """Someone afraid of their partner sees their region's lines for that first; the region's
    line for people worried about their own behaviour comes after every line for fear."""
    page = pack.safety.pages.partner_fear
    order = ordered_resources(list(pack.safety.resources), list(page.first), region)
    kinds = [r.kind for r in order]
    last_for_fear = max(i for i, k in enumerate(kinds) if k == "domestic_violence")
    assert all(i > last_for_fear for i, k in enumerate(kinds) if k == "own_behaviour"), region
    dv_here = [r for r in order if r.kind == "domestic_violence" and region in r.region]
    assert not dv_here or order.index(dv_here[0]) <= 2  # the region's own line near the top
