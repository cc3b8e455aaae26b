"""A tenant on a phone: log in, read "my home", correct their details, change language,
and log in with an e-mailed link. axe checks every page at phone and desktop width."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_login_page_is_accessible(page, app_server):
    page.goto(f"{app_server}/accounts/login/")
    assert page.locator("h1").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "nl-be"
    assert_accessible(page, "login page")
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_tenant_reads_home_and_corrects_details(page, app_server):
    log_in(page, app_server, "huurder@demo.wijkpunt.be")
    page.wait_for_url(f"{app_server}/mijn/")
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert "Wallaysplein" in page.content() or "Wevelgem" in page.content()
    # Who to contact: the OCMW and the community work of the estate are listed.
    assert page.get_by_text("OCMW Wevelgem").first.is_visible()
    assert page.get_by_text("Buurtwerk Wevelgem").first.is_visible()
    assert_accessible(page, "portal home")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.goto(f"{app_server}/mijn/gegevens/")
    assert_accessible(page, "my details")
    phone = page.locator("input[name=phone]")
    phone.fill("12345")
    page.locator("main form button[type=submit]").first.click()
    # A clear error at the field, and what was typed is still there.
    assert page.locator(".utrecht-form-field-error-message").first.is_visible()
    assert phone.input_value() == "12345"
    assert_accessible(page, "my details with an error")
    phone.fill("0470 12 34 56")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-alert--ok, [role=status]").first.is_visible()
    page.goto(f"{app_server}/mijn/gegevens/")
    assert re.sub(r"\D", "", page.locator("input[name=phone]").input_value()).endswith("470123456")


def _language_button(page, code: str):
    """The language buttons sit in the menu, which a phone shows folded: open it first."""
    button = page.locator(f"form.wp-lang button[value={code}]")
    if not button.is_visible():
        page.locator("details.wp-menu > summary").click()
    return button


def test_tenant_switches_to_french_and_it_sticks(page, app_server):
    log_in(page, app_server, "huurder@demo.wijkpunt.be")
    page.wait_for_url(f"{app_server}/mijn/")
    _language_button(page, "fr").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page, "portal home in French")
    # Back to Dutch for the other tests of this account.
    _language_button(page, "nl-be").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl-be"


def _outbox_count(page, base: str) -> int:
    page.goto(f"{base}/demo/outbox/?to=locataire")
    return page.locator("main table tbody a").count()


def test_tenant_logs_in_with_an_emailed_link(page, app_server, viewport):
    before = _outbox_count(page, app_server)
    page.goto(f"{app_server}/accounts/link/")
    assert_accessible(page, "request a log-in link")
    page.locator("main input[type=email]").fill("locataire@demo.wijkpunt.be")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/accounts/link/sent/**")
    # The e-mail is sent by the background worker; the demo outbox shows it.
    link = None
    for _ in range(40):
        page.goto(f"{app_server}/demo/outbox/?to=locataire")
        rows = page.locator("main table tbody a")
        if rows.count() > before:
            rows.first.click()
            match = re.search(r"https?://[^\s<\"]+/accounts/link/[^\s<\"]+", page.content())
            if match:
                link = match.group(0)
                break
        page.wait_for_timeout(500)
    assert link, "the log-in e-mail did not arrive in the demo outbox"
    page.goto(link)
    assert_accessible(page, "confirm log-in link")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{app_server}/mijn/")
    # Grâce reads Wijkpunt in French, her chosen language.
    assert page.locator("html").get_attribute("lang") == "fr"
    # The link works once.
    page.context.clear_cookies()
    page.goto(link)
    if page.locator("main form button[type=submit]").count():
        page.locator("main form button[type=submit]").first.click()
    assert "/mijn/" not in page.url
