"""The whole loop of a signal: a tenant reports a problem on a phone; staff triage, route,
act, hand over to another partner and resolve it; the tenant is told at every step and
answers the satisfaction question. axe checks the pages on the way."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.once("sqlite")]

TEXT = "De verwarming in de living doet het niet meer sinds gisteren. Kunt u iemand sturen?"


def _context(browser, viewport):
    return browser.new_context(viewport=viewport, locale="nl-BE")


def _choose(page, select, containing: str) -> None:
    """Pick the option of a <select> whose label contains a text."""
    options = select.locator("option").all_inner_texts()
    label = next(o for o in options if containing in o)
    select.select_option(label=label)


def _pick_organisation(page, form, organisation: str, team: str) -> None:
    """Choose the organisation; the list of teams and people follows (signal.js)."""
    select = form.locator("select[name=organisation]")
    label = next(o for o in select.locator("option").all_inner_texts() if organisation in o)
    if select.evaluate("s => s.options[s.selectedIndex].textContent") != label:
        select.select_option(label=label)
    page.wait_for_function(
        "team => [...document.querySelectorAll('select[name=assignee] option')]"
        ".some(o => o.textContent.includes(team))",
        arg=team,
    )


def _outbox_subjects(page, base: str) -> list[str]:
    page.goto(f"{base}/demo/outbox/?to=huurder@demo.wijkpunt.be")
    return page.locator("main table tbody a").all_inner_texts()


def _staff(browser, base, email):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    log_in(page, base, email, staff=True)
    return context, page


def test_a_signal_goes_from_tenant_to_partners_and_back(browser, app_server):
    base = app_server
    tenant_context = _context(browser, PHONE)
    tenant = tenant_context.new_page()
    before = len(_outbox_subjects(tenant, base))

    # 1. The tenant reports on a phone.
    log_in(tenant, base, "huurder@demo.wijkpunt.be")
    tenant.goto(f"{base}/mijn/meldingen/nieuw/")
    assert_accessible(tenant, "report form")
    tenant.locator("textarea[name=text]").fill(TEXT)
    tenant.locator("main form button[type=submit]").last.click()
    tenant.wait_for_url(re.compile(r".*/mijn/meldingen/\d+/bedankt/"))
    signal_id = re.search(r"/mijn/meldingen/(\d+)/", tenant.url).group(1)
    reference = re.search(r"M-\d{6}", tenant.content()).group(0)
    assert_accessible(tenant, "thank-you page")

    # 2. A coordinator triages and routes it to the technical service.
    coordinator_context, staff = _staff(browser, base, "coordinator@demo.wijkpunt.be")
    staff.goto(f"{base}/werk/meldingen/?q=verwarming+living")
    assert reference in staff.content()
    staff.goto(f"{base}/werk/meldingen/{signal_id}/")
    assert TEXT[:30] in staff.content()
    assert_accessible(staff, "signal page")
    staff.locator("[data-tab=triage]").click()
    triage = staff.locator(f"form[action$='/werk/meldingen/{signal_id}/triage/']")
    _choose(staff, triage.locator("select[name$=category]"), "Herstelling")
    triage.locator("button[type=submit]").click()
    staff.wait_for_load_state()
    staff.locator("[data-tab=assign]").click()
    assign = staff.locator(f"form[action$='/werk/meldingen/{signal_id}/toewijzen/']")
    _pick_organisation(staff, assign, "WM ", "Technische dienst")
    _choose(staff, assign.locator("select[name=assignee]"), "Technische dienst")
    assign.locator("button[type=submit]:not([name=step])").click()
    staff.wait_for_load_state()
    coordinator_context.close()

    # 3. The technician starts, tells the tenant, then hands over to the OCMW.
    tech_context, staff = _staff(browser, base, "technieker@demo.wijkpunt.be")
    staff.goto(f"{base}/werk/meldingen/{signal_id}/")
    staff.locator("[data-tab=status]").click()
    status = staff.locator(f"form[action$='/werk/meldingen/{signal_id}/status/']")
    _choose(staff, status.locator("select[name$=status]"), "In behandeling")
    status.locator("textarea").fill("We komen morgen tussen 9 en 12 uur langs.")
    status.locator("button[type=submit]").click()
    staff.wait_for_load_state()
    staff.locator("[data-tab=assign]").click()
    assign = staff.locator(f"form[action$='/werk/meldingen/{signal_id}/toewijzen/']")
    _pick_organisation(staff, assign, "OCMW", "Sociale dienst")
    assign.locator("textarea[name=reason]").fill(
        "De gasmeter is afgesloten wegens een onbetaalde factuur: graag budgethulp."
    )
    # A hand-over of a household's signal is a referral: it rests on the consent the family
    # gave to share with the OCMW (the flat is not shared).
    assign.locator("select[name=basis]").select_option("consent")
    _choose(staff, assign.locator("select[name=consent]"), "OCMW")
    assign.locator("button[type=submit]:not([name=step])").click()
    staff.wait_for_load_state()
    # The technician no longer handles it (the OCMW may see more than the technical service).
    errors = staff.locator(".utrecht-form-field-error-message")
    assert errors.count() == 0, errors.all_inner_texts()
    tech_context.close()

    # 4. The OCMW social worker sees it, resolves it and tells the tenant.
    ocmw_context, staff = _staff(browser, base, "maatschappelijkwerker@demo.wijkpunt.be")
    staff.goto(f"{base}/werk/meldingen/{signal_id}/")
    assert TEXT[:30] in staff.content()
    staff.locator("[data-tab=status]").click()
    status = staff.locator(f"form[action$='/werk/meldingen/{signal_id}/status/']")
    _choose(staff, status.locator("select[name$=status]"), "Opgelost")
    status.locator("textarea").fill("Er is een afbetalingsplan; de gasmeter gaat morgen weer open.")
    status.locator("button[type=submit]").click()
    staff.wait_for_load_state()
    ocmw_context.close()

    # 5. The tenant reads every step and says it is solved.
    tenant.goto(f"{base}/mijn/meldingen/{signal_id}/")
    page_text = tenant.content()
    assert "We komen morgen tussen 9 en 12 uur langs." in page_text
    assert "afbetalingsplan" in page_text
    assert "gasmeter is afgesloten" not in page_text  # the hand-over reason is internal
    assert_accessible(tenant, "my report, resolved")
    feedback = tenant.locator(f"form[action$='/mijn/meldingen/{signal_id}/opgelost/']")
    feedback.locator("input[type=radio]").first.check()
    feedback.locator("button[type=submit]").click()
    tenant.wait_for_load_state()
    tenant.goto(f"{base}/mijn/meldingen/")
    assert reference in tenant.content()

    # 6. The tenant was e-mailed at each public step (the worker sends them).
    for _ in range(60):
        subjects = _outbox_subjects(tenant, base)
        if len(subjects) - before >= 4:
            break
        tenant.wait_for_timeout(500)
    new = subjects[: len(subjects) - before]
    assert len(new) >= 4, new
    assert all(reference in s for s in new)
    tenant_context.close()
