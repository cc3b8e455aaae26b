"""Staff at work: log in with a second factor, read the estates, open a household with its
tenancy history, search by name and address. axe checks every page at both widths."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible, log_in

pytestmark = pytest.mark.browser


def test_staff_must_enter_the_second_factor(page, app_server):
    page.goto(f"{app_server}/accounts/login/")
    form = page.locator("form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill("coordinator@demo.wijkpunt.be")
    form.locator("input[name=password]").fill("wijkpunt-demo")
    form.locator("button[type=submit]").first.click()
    page.wait_for_url("**/2fa/authenticate/**")
    assert_accessible(page, "second factor page")
    # Without the code, the workspace stays closed.
    page.goto(f"{app_server}/werk/")
    assert "/werk/" not in page.url or "login" in page.url


def test_coordinator_reads_estates_households_and_history(page, app_server):
    log_in(page, app_server, "coordinator@demo.wijkpunt.be", staff=True)
    page.wait_for_url(f"{app_server}/werk/")
    assert page.get_by_text("Wallaysplein").first.is_visible()
    assert_accessible(page, "workspace home")

    page.goto(f"{app_server}/werk/wijken/wallaysplein/")
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert_accessible(page, "estate overview")
    # Vacant dwellings only.
    page.goto(f"{app_server}/werk/wijken/wallaysplein/?vacant=1")
    assert_accessible(page, "estate overview, vacant dwellings")

    page.goto(f"{app_server}/werk/wijken/wallaysplein/")
    page.locator("main table a[href*='/werk/huishoudens/']").first.click()
    page.wait_for_url("**/werk/huishoudens/**")
    content = page.content()
    assert "proefperiode" in content.lower() or "huurcontract" in content.lower()
    assert_accessible(page, "household page")

    page.goto(f"{app_server}/werk/zoeken/")
    page.locator("main input[name=q]").fill("wallaysplein")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("main a[href*='/werk/huishoudens/']").count() > 0
    assert_accessible(page, "search results")


def test_technician_sees_households_but_not_tenancy_history(page, app_server):
    log_in(page, app_server, "technieker@demo.wijkpunt.be", staff=True)
    page.goto(f"{app_server}/werk/wijken/wallaysplein/")
    page.locator("main table a[href*='/werk/huishoudens/']").first.click()
    page.wait_for_url("**/werk/huishoudens/**")
    assert "proefperiode" not in page.content().lower()


def test_partner_worker_finds_no_household(page, app_server):
    log_in(page, app_server, "partner@demo.wijkpunt.be", staff=True)
    page.goto(f"{app_server}/werk/wijken/wallaysplein/")
    assert page.locator("main a[href*='/werk/huishoudens/']").count() == 0
    assert_accessible(page, "estate overview for a partner worker")


@pytest.mark.once("postgres")
def test_demo_login_as_button(browser, app_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-BE")
    page = context.new_page()
    page.goto(f"{app_server}/accounts/login/")
    page.locator("form[action$='/demo/inloggen-als/']").filter(
        has=page.locator("input[value='huurder@demo.wijkpunt.be']")
    ).locator("button").click()
    page.wait_for_url(f"{app_server}/mijn/")
    context.close()
