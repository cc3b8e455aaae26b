"""The whole loop of a resident survey: a coordinator imports the survey from an XLSForm
workbook, opens a wave for two estates and prints the letters; residents answer with the code
from their letter on a phone, on paper (typed in by staff), at the door and in the portal; the
response rate moves; the coordinator closes the wave, publishes the results with an action and
finishes an action of the previous survey; a resident sees the results and the actions in the
portal and is told of them. axe checks the residents' pages on the way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_accessible, log_in

# On SQLite: the PostgreSQL suite is the longer one (both run side by side).
pytestmark = [pytest.mark.browser, pytest.mark.once("sqlite")]

WORKBOOK = Path(__file__).resolve().parents[2] / "docs" / "examples" / "bewonersbevraging.xlsx"
CODE = re.compile(r"\b[ACDEFGHJKMNPQRTWXY34679]{4}-[ACDEFGHJKMNPQRTWXY34679]{4}\b")
TENANT = "huurder@demo.wijkpunt.be"  # lives in Wallaysplein

# Answers every visible question of a questionnaire as a respondent would: the first choice of
# each question, a small number, a sentence in the text fields. Three rounds, so that questions
# shown by an earlier answer (show-if, decided in the browser) are answered too.
ANSWER_EVERYTHING = """(text) => {
  for (let round = 0; round < 3; round++) {
    for (const q of document.querySelectorAll('fieldset[data-field]')) {
      if (q.offsetParent === null) continue;
      const radios = [...q.querySelectorAll('input[type=radio]')];
      const boxes = [...q.querySelectorAll('input[type=checkbox]')];
      if (radios.length && !radios.some(r => r.checked)) radios[0].click();
      if (boxes.length && !boxes.some(r => r.checked)) boxes[0].click();
      const number = q.querySelector('.sv-number');
      if (number && !number.value) {
        number.value = '2';
        number.dispatchEvent(new Event('input', {bubbles: true}));
      }
      for (const t of q.querySelectorAll(
          'input[type=text]:not(.sv-number):not(.sv-other):not([name=code]), textarea'))
        if (!t.value) { t.value = text; t.dispatchEvent(new Event('input', {bubbles: true})); }
    }
  }
}"""


def _staff(browser, base, email):
    context = browser.new_context(viewport=DESKTOP, locale="nl-BE", accept_downloads=True)
    page = context.new_page()
    log_in(page, base, email, staff=True)
    return context, page


def _letters(path: str) -> list[tuple[str, str]]:
    """(code, estate slug) of every letter in a PDF batch, read back from its text."""
    from pypdf import PdfReader

    found = []
    for page in PdfReader(path).pages:
        text = page.extract_text()
        address = re.search(r"/e/([a-z0-9-]+)/", text)
        code = CODE.search(text)
        if address and code and (code.group(0), address.group(1)) not in found:
            found.append((code.group(0), address.group(1)))
    return found


def _used_codes(page) -> int:
    facts = page.locator("main dl.wp-facts")
    value = facts.locator("dt:has-text('Codes') + dd").inner_text()
    return int(value.strip())


def test_a_survey_goes_from_workbook_to_letters_answers_results_and_actions(browser, app_server):
    base = app_server
    coordinator_context, staff = _staff(browser, base, "coordinator@demo.wijkpunt.be")

    # 1. The coordinator imports the survey from a workbook: it opens as a draft.
    staff.goto(f"{base}/werk/bevragingen/")
    staff.locator("main a[href$='/xlsform/']").first.click()
    staff.set_input_files("input[name=file]", str(WORKBOOK))
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(re.compile(r".*/werk/bevragingen/\d+/$"))
    assert "ingelezen" in staff.locator("main").inner_text()

    # 2. A wave for the whole of Wallaysplein and Vlashof, opening today.
    staff.locator("main a[href$='/golf/nieuw/']").click()
    form = staff.locator("main form")
    form.locator("input[name=name]").fill("Winter 2026")
    for estate in ("Wallaysplein", "Vlashof"):
        group = form.get_by_role("group", name=re.compile(estate))
        group.get_by_label(re.compile("De hele wijk")).check()
    form.locator("button[type=submit]").last.click()
    staff.wait_for_url(re.compile(r".*/golven/\d+/$"))
    wave_url = staff.url
    wave_id = re.search(r"/golven/(\d+)/", wave_url).group(1)
    roster = int(re.search(r"bereikt (\d+) gezinnen", staff.locator("main").inner_text())[1])
    assert roster > 100
    staff.locator("main a[href$='/openen/']").click()
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(wave_url)
    assert _used_codes(staff) == 0

    # 3. The letters: a background batch with a progress bar, then one PDF.
    staff.locator("main a[href$='/brieven/']").click()
    staff.locator("main button[value=invitations]").click()
    staff.wait_for_url(re.compile(r".*/werk/brieven/\d+/$"))
    download = staff.locator("main a[href$='brieven.pdf']")
    download.wait_for(timeout=120_000)
    with staff.expect_download() as pdf:
        download.click()
    letters = _letters(pdf.value.path())
    assert len(letters) == roster
    assert {slug for _code, slug in letters} == {"wallaysplein", "vlashof"}

    # 4. Three residents answer with the code from their letter, on a phone.
    online = letters[:3]
    for number, (code, slug) in enumerate(online):
        context = browser.new_context(viewport=PHONE, locale="nl-BE", is_mobile=True)
        phone = context.new_page()
        phone.goto(f"{base}/e/{slug}/")
        if number == 0:
            assert_accessible(phone, "the code page")
        phone.locator("main input[name=code]").fill(code.replace("-", "").lower())
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_load_state()
        if number == 0:
            assert_accessible(phone, "the questions")
        phone.evaluate(ANSWER_EVERYTHING, "Meer banken op het plein, bel me op 0471 23 45 67")
        phone.locator("main form.sv-form button[type=submit]").last.click()
        phone.wait_for_url(re.compile(rf".*/e/{slug}/bedankt/{wave_id}/.*"))
        if number == 0:
            assert_accessible(phone, "thank you")
        # The same code cannot answer twice.
        phone.goto(f"{base}/e/{slug}/")
        phone.locator("main input[name=code]").fill(code)
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_load_state()
        assert phone.locator(".utrecht-form-field-error-message").count() == 1
        context.close()

    # 5. A paper form returned to the office, typed in by staff.
    paper_code, _slug = letters[3]
    for _time in range(2):
        staff.goto(f"{wave_url}papier/")
        staff.locator("main input[name=code]").fill(paper_code)
        staff.evaluate(ANSWER_EVERYTHING, "Het portaal is soms moeilijk.")
        staff.locator("main form.sv-form button[type=submit]").last.click()
        staff.wait_for_load_state()
    # Entered twice: refused, naming the channel it was used on, and what was typed is kept.
    assert "papier" in staff.locator(".utrecht-form-field-error-message").first.inner_text()
    assert staff.locator("main textarea").first.input_value() == "Het portaal is soms moeilijk."

    # 6. At the door, on a tablet, with the code from the household's letter.
    door_code, _slug = letters[4]
    staff.goto(f"{wave_url}aan-de-deur/")
    staff.locator("main input[name=code]").fill(door_code)
    staff.locator("main form button[type=submit]").first.click()
    staff.wait_for_load_state()
    staff.evaluate(ANSWER_EVERYTHING, "Graag meer activiteiten voor kinderen.")
    staff.locator("main form.sv-form button[type=submit]").last.click()
    staff.wait_for_load_state()
    assert staff.locator("main input[name=code]").count() == 1  # ready for the next door

    # 7. A tenant answers in the portal, without a code.
    tenant_context = browser.new_context(viewport=PHONE, locale="nl-BE", is_mobile=True)
    tenant = tenant_context.new_page()
    log_in(tenant, base, TENANT)
    tenant.goto(f"{base}/mijn/")
    tenant.locator(f"main a[href$='/e/mijn/{wave_id}/']").click()
    tenant.wait_for_load_state()
    tenant.evaluate(ANSWER_EVERYTHING, "Dank voor het buurtfeest.")
    tenant.locator("main form.sv-form button[type=submit]").last.click()
    tenant.wait_for_load_state()

    # 8. The response rate moved: six codes used, per channel.
    staff.goto(wave_url)
    assert _used_codes(staff) == 6
    rates = staff.locator("main").inner_text()
    assert f"6 van de {roster} gezinnen" in rates
    for channel in ("Online met de code", "bewonersportaal", "Papieren formulier", "Huis aan huis"):
        assert channel.lower() in rates.lower(), channel

    # 9. Closed, the results show; published with an action.
    staff.locator("main a[href$='/sluiten/']").click()
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(wave_url)
    staff.locator(f"main a[href$='/golven/{wave_id}/resultaten/']").click()
    staff.wait_for_load_state()
    assert staff.locator("main svg[role=img]").count() > 0
    assert staff.locator("main table").count() > 0
    staff.locator("main a[href$='/publiceren/']").click()
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    staff.locator(f"main a[href*='/werk/opvolging/nieuw/?wave={wave_id}']").click()
    form = staff.locator("main form")
    form.locator("select[name=organisation]").select_option(label="WM Heulebeek")
    form.get_by_label("Wallaysplein").check()
    form.locator("input[name='title_nl-be']").fill("Meer banken op het plein")
    form.locator("textarea[name='description_nl-be'], input[name='description_nl-be']").fill(
        "We zetten in het voorjaar vier nieuwe banken op het Wallaysplein."
    )
    form.locator("button[type=submit]").last.click()
    staff.wait_for_url(re.compile(r".*/werk/opvolging/\d+/$"))

    # 10. An action of the previous survey is done: the residents are told.
    staff.goto(f"{base}/werk/opvolging/?status=in_progress")
    actions = staff.locator("main table a[href*='/werk/opvolging/']").evaluate_all(
        "links => links.map(a => a.href)"
    )
    for address in actions:  # the first the housing company does (the others are buurtwerk's)
        staff.goto(address)
        status = staff.locator("main form[action$='/status/']")
        if status.count():
            break
    else:
        pytest.fail("No action in progress that the coordinator may change")
    finished = staff.locator("main h1").inner_text()
    status.locator("input[name=status][value=done]").check()
    status.locator("textarea[name='reason_nl-be']").fill("Het is klaar.")
    status.locator("button[type=submit]").click()
    staff.wait_for_load_state()
    coordinator_context.close()

    # 11. The tenant sees the results and the actions in the portal, and was told of them.
    tenant.goto(f"{base}/e/mijn-resultaten/")
    assert_accessible(tenant, "survey results in the portal")
    results = tenant.locator("main").inner_text()
    assert "Winter 2026" in results
    assert "Meer banken op het plein" in results
    for _attempt in range(60):
        tenant.goto(f"{base}/mijn/opvolging/")
        news = tenant.locator("main").inner_text()
        told = [line for line in news.splitlines() if line.startswith("Nieuws: ")]
        if any(line.removeprefix("Nieuws: ") in finished for line in told):
            break
        tenant.wait_for_timeout(500)
    assert "De resultaten van “Bewonersbevraging" in news  # told of the results
    assert "Nieuw: Meer banken op het plein" in news  # of the new action
    assert any(line.removeprefix("Nieuws: ") in finished for line in told), news  # of done
    assert_accessible(tenant, "news and follow-up")
    tenant_context.close()
