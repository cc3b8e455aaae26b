"""The tenant portal on a 360×740 phone: a compact header with the navigation in a menu, partner
cards that fit the screen, and a report form whose error summary takes the focus and links to
the field. axe finds no serious violation on any of these pages.

Screenshots of every step go to test-artifacts/ (ignored by git) to look at."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import WCAG_TAGS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.once("postgres")]

SMALL_PHONE = {"width": 360, "height": 740}
HEADER_SHARE = 1 / 8  # the header takes at most about an eighth of the screen
TEXT = "De kraan in de badkamer blijft druppelen, ook als ze helemaal dicht is."


@pytest.fixture
def phone(browser, request):
    context = browser.new_context(viewport=SMALL_PHONE, locale="nl-BE", has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    from django.db import connection

    page.screenshot(path=str(ARTIFACTS / f"{connection.vendor}-phone-{name}.png"))


def no_serious_violation(page, context: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}
    ]
    assert not serious, f"{context}: {results.generate_report()}"


def fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"{page.url}: the page is {width} px wide"


def header_height(page) -> float:
    return page.evaluate("document.querySelector('header.wp-header').offsetHeight")


def test_tenant_portal_on_a_small_phone(phone, app_server):
    page = phone
    log_in(page, app_server, "huurder@demo.wijkpunt.be")
    page.wait_for_url(f"{app_server}/mijn/")

    # Home: a compact header, the navigation behind "Menu", and partner cards that fit.
    assert header_height(page) <= SMALL_PHONE["height"] * HEADER_SHARE
    menu = page.locator("details.wp-menu")
    assert menu.get_attribute("open") is None
    assert not page.get_by_role("link", name="Mijn meldingen").is_visible()
    cards = page.locator(".wp-partner")
    assert cards.count() >= 3
    for i in range(cards.count()):
        box = cards.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SMALL_PHONE["width"], i
    fits_the_screen(page)
    no_serious_violation(page, "portal home")
    shot(page, "home")
    cards.last.scroll_into_view_if_needed()
    shot(page, "partner-cards")

    # The menu opens with a tap and holds the pages, the languages and logging out.
    page.locator("summary.wp-menu__toggle").tap()
    assert menu.get_attribute("open") is not None
    assert page.get_by_role("link", name="Mijn meldingen").is_visible()
    assert page.get_by_role("button", name="Français").is_visible()
    no_serious_violation(page, "portal home, menu open")
    shot(page, "menu-open")
    page.get_by_role("link", name="Iets melden").tap()
    page.wait_for_url(f"{app_server}/mijn/meldingen/nieuw/")

    # Report without saying what is going on: the error summary takes the focus.
    assert header_height(page) <= SMALL_PHONE["height"] * HEADER_SHARE
    fits_the_screen(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    summary = page.locator("[data-wp-error-summary]")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.hasAttribute('data-wp-error-summary')")
    box = summary.bounding_box()
    assert 0 <= box["y"] < SMALL_PHONE["height"], box  # in view, not somewhere below
    link = summary.locator("a[href='#id_text']")
    assert link.is_visible()
    fits_the_screen(page)
    no_serious_violation(page, "report form with an error")
    shot(page, "report-error")
    link.tap()
    assert page.evaluate("document.activeElement.id") == "id_text"
    shot(page, "report-error-field")

    # Then the report goes through.
    page.locator("textarea[name=text]").fill(TEXT)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/mijn/meldingen/\d+/bedankt/"))
    assert re.search(r"M-\d{6}", page.content())
    fits_the_screen(page)
    no_serious_violation(page, "thank-you page")
    shot(page, "thanks")


def test_the_menu_works_without_javascript(browser, app_server):
    context = browser.new_context(viewport=SMALL_PHONE, locale="nl-BE", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, app_server, "huurder@demo.wijkpunt.be")
        page.goto(f"{app_server}/mijn/")
        assert header_height(page) <= SMALL_PHONE["height"] * HEADER_SHARE
        assert not page.get_by_role("link", name="Mijn meldingen").is_visible()
        page.locator("summary.wp-menu__toggle").click()
        page.get_by_role("link", name="Mijn meldingen").click()
        page.wait_for_url(f"{app_server}/mijn/meldingen/")
        # Without the script the summary is at the top of the form, as an alert.
        page.goto(f"{app_server}/mijn/meldingen/nieuw/")
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state()
        summary = page.locator("[data-wp-error-summary]")
        assert summary.get_attribute("role") == "alert"
        assert summary.get_attribute("tabindex") == "-1"
        first_field = page.locator("main form .utrecht-form-field").first.bounding_box()
        assert summary.bounding_box()["y"] < first_field["y"]
        shot(page, "no-js-error")
    finally:
        context.close()
