"""The household file's story, in Chromium against a running Wijkpunt with the demo: a
buurtwerker hears of the Vercruysse family's worries, records the mother's consent and refers
the family to the OCMW with a warm hand-over; the social worker accepts, sees only what was
shared and works in the same file without the housing company's notes; a case meeting gets the
family on its agenda and an action plan; the tenant sees in the portal who helps and who
looked at the file, and withdraws the consent — which ends the OCMW's access to the referral
at once."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.once("sqlite")]

NEED = "Mevrouw is oververmoeid en vraagt gezinshulp; ze wil ook over haar budget praten."


def _page(browser, base, email, viewport=DESKTOP, *, staff=True):
    context = browser.new_context(viewport=viewport, locale="nl-BE")
    page = context.new_page()
    log_in(page, base, email, staff=staff)
    return context, page


def _choose(select, containing: str) -> None:
    label = next(o for o in select.locator("option").all_inner_texts() if containing in o)
    select.select_option(label=label)


def _next_weekday(days: int) -> str:
    day = dt.date.today() + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return f"{day.isoformat()}T10:30"


def test_a_household_is_referred_discussed_and_in_control_of_its_file(browser, app_server):
    base = app_server

    # 1. The buurtwerker finds the family and opens its file as community work's client.
    context, worker = _page(browser, base, "buurtwerker@demo.wijkpunt.be")
    worker.goto(f"{base}/werk/zoeken/?q=Vercruysse")
    worker.locator("a", has_text="Gezin Vercruysse").first.click()
    worker.wait_for_load_state()
    file_url = worker.url.split("?")[0]
    household = re.search(r"/werk/huishoudens/(\d+)/", file_url).group(1)
    if worker.locator("#needs-reason").count():
        worker.locator("textarea[name=reason]").fill(
            "Mevrouw kwam naar het buurtlokaal en vroeg om hulp voor haar gezin."
        )
        worker.locator("button[value=client]").click()
        worker.wait_for_load_state()
    assert worker.locator("#timeline").is_visible()

    # 2. The mother's consent to be referred to the OCMW, spoken with a witness.
    worker.goto(f"{base}/werk/huishoudens/{household}/toestemming/")
    form = worker.locator("main form")
    form.locator("select[name=purpose]").select_option("referral")
    _choose(form.locator("select[name=recipient]"), "OCMW")
    form.locator("input[name=scope][value=community]").check()
    form.locator("input[name=scope][value=social]").check()
    form.locator("select[name=method]").select_option("spoken")
    form.locator("input[name=witness]").fill("Lowie Vercruysse")
    form.locator("button[type=submit]").click()
    worker.wait_for_url(f"{file_url}*")

    # 3. The referral with a warm hand-over, sharing the phone and one entry, nothing else.
    worker.goto(f"{base}/werk/huishoudens/{household}/doorverwijzen/")
    assert_accessible(worker, "referral form")
    form = worker.locator("main form")
    _choose(form.locator("select[name=to_organisation]"), "OCMW")
    form.locator("textarea[name=need]").fill(NEED)
    form.locator("select[name=urgency]").select_option("soon")
    form.locator("input[name=shared_fields][value=contact]").check()
    form.locator("label", has_text="Burenruzie").first.click()
    _choose(form.locator("select[name=consent]"), "Sociaal / welzijn")
    form.locator("input[name=appointment_at]").fill(_next_weekday(3))
    form.locator("input[name=place]").fill("OCMW Wevelgem, Vanackerestraat 18")
    form.locator("input[name=with_person]").fill("Samira El Idrissi")
    form.locator("button[type=submit]").click()
    worker.wait_for_url(re.compile(r".*/werk/doorverwijzingen/\d+/$"))
    referral_url = worker.url
    reference = re.search(r"D-\d{6}", worker.content()).group(0)
    assert "Verzonden" in worker.locator("#referral-status").inner_text()
    context.close()

    # 4. The social worker accepts and sees only what was shared.
    context, social = _page(browser, base, "maatschappelijkwerker@demo.wijkpunt.be")
    social.goto(f"{base}/werk/doorverwijzingen/")
    assert reference in social.locator("#referrals-received").inner_text()
    social.goto(referral_url)
    assert_accessible(social, "referral, as the recipient")
    assert NEED in social.locator("#referral-need").inner_text()
    entries = social.locator("#referral-entries").inner_text()
    assert "Burenruzie" in entries and "vermoeidheid" not in entries
    assert "Samira El Idrissi" in social.locator("#referral-appointment").inner_text()
    social.locator("#referral-actions button", has_text="Aanvaarden").click()
    social.wait_for_load_state()
    assert "Aanvaard" in social.locator("#referral-status").inner_text()
    # In the same file: the partners' lines it may see, never the housing company's note on
    # the rent.
    social.goto(file_url)
    timeline = social.locator("#timeline").inner_text()
    assert "Doorverwijzing naar OCMW" in timeline and "aanvaard" in timeline
    assert "Huur herberekend" not in social.content()

    # 5. A case meeting: planned with the buurtwerker, confidentiality, the family on the
    # agenda, a task for community work.
    social.goto(f"{base}/werk/casusoverleg/nieuw/")
    form = social.locator("main form")
    form.locator("input[name=title]").fill("Casusoverleg gezin met meerdere zorgen")
    form.locator("input[name=starts_at]").fill(_next_weekday(7))
    form.locator("input[name=place]").fill("OCMW, zaal 2")
    form.locator("textarea[name=legal_basis]").fill(
        "Art. 458ter Sw. en het decreet lokaal sociaal beleid: overleg over gezinnen."
    )
    form.locator("textarea[name=purpose]").fill("Eén plan voor het gezin.")
    form.locator("textarea[name=procedure]").fill("De maatschappelijk werker zit voor.")
    form.locator("label", has_text="Sara Claeys").first.click()
    form.locator("button[type=submit]").click()
    social.wait_for_url(re.compile(r".*/werk/casusoverleg/\d+/$"))
    meeting_url = social.url
    social.locator("#acknowledge button").click()
    social.wait_for_load_state()
    social.goto(f"{base}/werk/huishoudens/{household}/casusoverleg/")
    form = social.locator("main form")
    _choose(form.locator("select[name=meeting]"), "gezin met meerdere zorgen")
    form.locator("textarea[name=basis_note]").fill(
        "Meerdere partners werken met het gezin; de moeder vroeg zelf om samen te overleggen."
    )
    form.locator("button[type=submit]").click()
    social.wait_for_url(meeting_url)
    task = social.locator("form[action$='/taken/']")
    task.locator("input[name=title]").fill("Bemiddelingsgesprek met de buren")
    _choose(task.locator("select[name=organisation]"), "Buurtwerk")
    _choose(task.locator("select[name=household]"), "Vercruysse")
    task.locator("input[name=due_on]").fill((dt.date.today() + dt.timedelta(days=10)).isoformat())
    task.locator("button[type=submit]").click()
    social.wait_for_load_state()
    assert "Bemiddelingsgesprek" in social.locator("#tasks").inner_text()
    assert_accessible(social, "case meeting")
    context.close()

    # The buurtwerker sees the meeting's households only after acknowledging confidentiality.
    context, worker = _page(browser, base, "buurtwerker@demo.wijkpunt.be")
    worker.goto(meeting_url)
    assert worker.locator("#acknowledge").is_visible()
    assert "Gezin Vercruysse" not in worker.content()
    worker.locator("#acknowledge button").click()
    worker.wait_for_load_state()
    assert "Gezin Vercruysse" in worker.locator("#agenda").inner_text()
    context.close()

    # 6. The tenant, on a phone: who helps, where she was sent, who looked; she withdraws the
    # consent for the referral.
    context, tenant = _page(browser, base, "huurder@demo.wijkpunt.be", PHONE, staff=False)
    tenant.goto(f"{base}/mijn/dossier/")
    assert_accessible(tenant, "my file")
    sent = tenant.locator("#my-referrals").inner_text()
    assert "OCMW" in sent and "Samira El Idrissi" in sent
    looked = tenant.locator("#looked").inner_text()
    assert "OCMW" in looked and "doorverwijzing" in looked
    consent = (
        tenant.locator("#my-consents > li")
        .filter(has_text="Doorverwijzing")
        .filter(has_text="Sociaal / welzijn")
        .filter(has_text="Buurtwerk")
    )
    assert consent.count() == 1
    consent.locator("button[type=submit]").click()
    tenant.wait_for_load_state()
    assert "trok uw toestemming in" in tenant.content()
    context.close()

    # 7. The withdrawal ended the OCMW's access to the referral at once.
    context, social = _page(browser, base, "maatschappelijkwerker@demo.wijkpunt.be")
    response = social.goto(referral_url)
    assert response.status == 404
    context.close()
