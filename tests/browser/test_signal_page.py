"""The staff workspace as a good inbox, on a desktop (1366×900): the landing page, a dense
list, the signal page's action area (reply, note, status, hand-over to another organisation's
team that works the first time), the history in sentences, the map with its clusters and no
Content Security Policy violation; axe finds no serious violation on the way."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import WCAG_TAGS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.once("postgres")]

DESKTOP_1366 = {"width": 1366, "height": 900}
# Catches violations that happen before any listener of the test could be attached.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def desk(browser, request):
    """A desktop page at 1366×900 in Dutch that records CSP violations and console errors;
    a full-page screenshot when the test fails."""
    context = browser.new_context(viewport=DESKTOP_1366, locale="nl-BE")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda m: page.console_errors.append(m.text) if m.type == "error" else None,
    )
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        from django.db import connection

        page.screenshot(
            path=str(ARTIFACTS / f"{connection.vendor}-{request.node.name}.png"), full_page=True
        )
    context.close()


def no_serious_axe_violations(page, context: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}
    ]
    assert not serious, f"{context}: {results.generate_report()}"


def no_csp_violation(page, context: str) -> None:
    violations = page.evaluate("window.__csp || []")
    console = [t for t in page.console_errors if "Content Security Policy" in t]
    assert not violations and not console, f"{context}: {violations} {console}"


def sentences(page) -> list[str]:
    return page.locator(".inbox-event__sentence").all_inner_texts()


def test_landing_list_signal_page_hand_over_and_map(desk, app_server):
    base = app_server
    page = desk
    log_in(page, base, "technieker@demo.wijkpunt.be", staff=True)

    # 1. The landing page says what needs the technician now.
    page.goto(f"{base}/werk/")
    assert page.locator("h2", has_text="Wat nu op u wacht").is_visible()
    for label in ("Dringend", "Te laat", "Van mij", "Mijn team", "Antwoorden van bewoners"):
        assert page.locator(".ws-now__card h3", has_text=label).count() == 1, label
    no_serious_axe_violations(page, "landing page")
    no_csp_violation(page, "landing page")

    # 2. The list opens on "mine and my team", shows its total, and is dense: at least
    #    twelve signals above the fold of the full queue.
    page.locator(".ws-now__card--mine h3 a").click()
    page.wait_for_load_state()
    page.goto(f"{base}/werk/meldingen/")
    assert page.locator(".inbox-queues a[aria-current=page]").inner_text() == "Van mij en mijn team"
    assert re.search(r"\d+ meldingen?|meer dan", page.locator("[data-inbox-total]").inner_text())
    assert page.locator("select[multiple]").count() == 0
    assert "---------" not in page.content()
    assert page.locator("[data-inbox-bulk]").is_hidden()  # until a row is ticked
    page.goto(f"{base}/werk/meldingen/?queue=all")
    tops = page.locator("[data-inbox-row]").evaluate_all(
        "rows => rows.map(r => r.getBoundingClientRect().bottom)"
    )
    above_the_fold = len([b for b in tops if b <= DESKTOP_1366["height"]])
    print(f"signals above the fold at 1366x900: {above_the_fold}")
    assert above_the_fold >= 12, above_the_fold
    page.locator("[data-inbox-row] input[name=signals]").first.check()
    assert page.locator("[data-inbox-bulk]").is_visible()
    no_serious_axe_violations(page, "signal list")

    # 3. A signal of the technician's team: the action area shows one form at a time.
    page.goto(f"{base}/werk/meldingen/?queue=team&sort=newest")
    page.locator("[data-inbox-open]").first.click()
    page.wait_for_load_state()
    signal_url = page.url.split("?")[0]
    assert page.locator("[data-panel]:visible").count() == 1
    assert page.locator("[data-resident-language]").inner_text() in {
        "Nederlands",
        "Français",
        "English",
    }
    no_serious_axe_violations(page, "signal page")

    # Reply to the resident.
    page.locator("[data-tab=reply]").click()
    page.locator("[data-panel=reply] textarea").fill("We komen donderdag tussen 9 en 12 uur.")
    page.locator("[data-panel=reply] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-alert--ok").is_visible()

    # An internal note.
    page.locator("[data-tab=note]").click()
    assert page.locator("[data-panel=reply]").is_hidden()
    page.locator("[data-panel=note] textarea").fill("Sleutel ligt bij de buren op nummer 3.")
    page.locator("[data-panel=note] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-alert--ok").is_visible()

    # Change the status.
    page.locator("[data-tab=status]").click()
    status = page.locator("[data-panel=status] select[name=status]")
    options = status.locator("option").all_inner_texts()
    still_open = ("In behandeling", "Wacht op een partner", "Wacht op de bewoner")
    choice = next(o for o in still_open if o in options)
    status.select_option(label=choice)
    page.locator("[data-panel=status] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-alert--ok").is_visible()

    # 4. Hand over to a team of the OCMW: the list follows the organisation, first try works.
    page.locator("[data-tab=assign]").click()
    panel = page.locator("[data-panel=assign]")
    assert panel.locator("[data-assign-step]").is_hidden()  # the script replaces step two
    organisation = panel.locator("select[name=organisation]")
    ocmw = next(o for o in organisation.locator("option").all_inner_texts() if "OCMW" in o)
    with page.expect_response(lambda r: "/toewijzen/keuzes/" in r.url):
        organisation.select_option(label=ocmw)
    assignee = panel.locator("select[name=assignee]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('select[name=assignee] option')]"
        ".some(o => o.textContent.includes('Sociale dienst'))"
    )
    labels = assignee.locator("option").all_inner_texts()
    assert "Technische dienst" not in labels
    assignee.select_option(label="Sociale dienst")
    panel.locator("textarea[name=reason]").fill(
        "Er is een zorgvraag: de bewoner kan de trap niet meer op."
    )
    if panel.locator("select[name=basis]").count():
        # A household's signal handed over is a referral: here on a legal basis.
        panel.locator("select[name=basis]").select_option("legal")
        panel.locator("select[name=legal_ground]").select_option("gdpr_9_2_h")
        panel.locator("textarea[name=basis_note]").fill(
            "Organieke wet OCMW, art. 60: maatschappelijke dienstverlening."
        )
    panel.locator("button[type=submit]:not([name=step])").click()
    page.wait_for_load_state()
    assert "Overgedragen aan" in page.locator(".utrecht-alert--ok").inner_text()
    assert page.locator(".utrecht-form-field-error-message").count() == 0

    # 5. The history speaks in sentences.
    page.goto(signal_url)
    said = sentences(page)
    assert any("stuurde een bericht aan de bewoner" in s for s in said), said
    assert any("schreef een interne notitie" in s for s in said), said
    assert any("wijzigde de status van" in s or "zette de status op" in s for s in said), said
    assert any("droeg de melding over van" in s and "Sociale dienst" in s for s in said), said
    assert not any(re.search(r"\b(handover|in_progress|assigned)\b", s) for s in said), said
    assert "Er is een zorgvraag" in page.content()
    no_serious_axe_violations(page, "signal page after the hand-over")
    no_csp_violation(page, "signal page")

    # 6. The map: clusters, open on the estate with open signals, no CSP violation.
    page.goto(f"{base}/werk/meldingen/kaart/")
    page.wait_for_selector(".leaflet-container")
    page.wait_for_function(
        "() => document.querySelectorAll('.marker-cluster, .leaflet-interactive').length > 0"
    )
    assert page.locator(".marker-cluster").count() >= 1
    no_csp_violation(page, "map")
    no_serious_axe_violations(page, "map")
