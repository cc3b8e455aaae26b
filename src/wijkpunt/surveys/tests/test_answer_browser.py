"""The respondent's page in Chromium: show-if in the browser decides as the server does, and a
respondent who stops halfway continues later on the same device.

No server process: Playwright hands every request of the page to Django's test client (static
files from the finders), so the tests run inside the usual test transaction."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from wijkpunt.surveys import codes, conditions
from wijkpunt.surveys.models import Ballot, SurveyCode
from wijkpunt.surveys.tests.test_answer import add_households, make_survey, open_wave_for
from wijkpunt.testing import make_personas

CHROMIUM = os.environ.get("WIJKPUNT_CHROMIUM", "/usr/bin/chromium")
ANSWER_JS = Path(__file__).resolve().parents[1] / "static" / "surveys" / "answer.js"
BASE = "http://wijkpunt.test"

# (condition, answers so far, expected): every operator, both ways, numbers and lists.
ALL = "all"
CASES = [
    ({}, {}, True),
    ({"rules": []}, {"a": "x"}, True),
    ({"rules": [{"question": "a", "op": "eq", "value": "yes"}]}, {"a": "yes"}, True),
    ({"rules": [{"question": "a", "op": "eq", "value": "yes"}]}, {"a": "no"}, False),
    ({"rules": [{"question": "a", "op": "eq", "value": "yes"}]}, {}, False),
    ({"rules": [{"question": "a", "op": "ne", "value": "yes"}]}, {}, True),
    ({"rules": [{"question": "a", "op": "ne", "value": "yes"}]}, {"a": "yes"}, False),
    ({"rules": [{"question": "n", "op": "eq", "value": "3"}]}, {"n": "3.0"}, True),
    ({"rules": [{"question": "n", "op": "eq", "value": 3}]}, {"n": "3"}, True),
    ({"rules": [{"question": "n", "op": "eq", "value": "03"}]}, {"n": "3"}, True),
    ({"rules": [{"question": "n", "op": "eq", "value": "3a"}]}, {"n": "3"}, False),
    ({"rules": [{"question": "n", "op": "gt", "value": "9"}]}, {"n": "10"}, True),
    ({"rules": [{"question": "n", "op": "gt", "value": "10"}]}, {"n": "10"}, False),
    ({"rules": [{"question": "n", "op": "ge", "value": "10"}]}, {"n": "10"}, True),
    ({"rules": [{"question": "n", "op": "lt", "value": "2.5"}]}, {"n": "2.49"}, True),
    ({"rules": [{"question": "n", "op": "le", "value": "-1"}]}, {"n": "-1"}, True),
    ({"rules": [{"question": "n", "op": "le", "value": "-1"}]}, {"n": "0"}, False),
    ({"rules": [{"question": "n", "op": "gt", "value": "1"}]}, {"n": "veel"}, False),
    ({"rules": [{"question": "n", "op": "gt", "value": "1"}]}, {}, False),
    ({"rules": [{"question": "n", "op": "ge", "value": "1e1"}]}, {"n": "10"}, True),
    ({"rules": [{"question": "m", "op": "selected", "value": "b"}]}, {"m": ["a", "b"]}, True),
    ({"rules": [{"question": "m", "op": "selected", "value": "c"}]}, {"m": ["a", "b"]}, False),
    ({"rules": [{"question": "m", "op": "selected", "value": "a"}]}, {"m": "a"}, True),
    ({"rules": [{"question": "m", "op": "not_selected", "value": "c"}]}, {"m": ["a"]}, True),
    ({"rules": [{"question": "m", "op": "not_selected", "value": "a"}]}, {"m": ["a"]}, False),
    ({"rules": [{"question": "m", "op": "not_selected", "value": "a"}]}, {"m": []}, True),
    ({"rules": [{"question": "m", "op": "eq", "value": "b"}]}, {"m": ["a", "b"]}, True),
    ({"rules": [{"question": "m", "op": "ne", "value": "b"}]}, {"m": ["a", "b"]}, False),
    ({"rules": [{"question": "t", "op": "answered"}]}, {"t": "iets"}, True),
    ({"rules": [{"question": "t", "op": "answered"}]}, {"t": ""}, False),
    ({"rules": [{"question": "t", "op": "not_answered"}]}, {"t": []}, True),
    ({"rules": [{"question": "t", "op": "not_answered"}]}, {"t": "x"}, False),
    (
        {"mode": ALL, "rules": [{"question": "a", "op": "eq", "value": "yes"},
                                {"question": "n", "op": "ge", "value": "18"}]},
        {"a": "yes", "n": "17"},
        False,
    ),
    (
        {"mode": "any", "rules": [{"question": "a", "op": "eq", "value": "yes"},
                                  {"question": "n", "op": "ge", "value": "18"}]},
        {"a": "no", "n": "18"},
        True,
    ),
    (
        {"mode": "any", "rules": [{"question": "a", "op": "eq", "value": "yes"},
                                  {"question": "n", "op": "ge", "value": "18"}]},
        {"a": "no"},
        False,
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")
    # Playwright's event loop runs in this thread while the tests make synchronous ORM calls
    # (their own, the test client's, the database fixtures'): allowed for this module only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.mark.browser
@pytest.mark.once("sqlite")
def test_show_if_in_the_browser_decides_as_the_server(chromium):
    python = [conditions.holds(condition, answers) for condition, answers, _ in CASES]
    assert python == [expected for _, _, expected in CASES]
    page = chromium.new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.add_script_tag(path=str(ANSWER_JS))
    browser = page.evaluate(
        "cases => cases.map(c => window.WijkpuntSurvey.holds(c[0], c[1]))",
        [[condition, answers] for condition, answers, _ in CASES],
    )
    page.close()
    assert browser == python


def _serve(client: Client, seen: list[str]):
    """A Playwright route handler answering from Django's test client. Playwright calls it in
    a greenlet of its own, with its own context: it is handed the test's database connection
    (inside the test's transaction)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]

    def handle(route, request):
        connections[DEFAULT_DB_ALIAS] = connection
        url = urlsplit(request.url)
        seen.append(f"{request.method} {url.path}")
        if url.path.startswith("/static/"):
            found = finders.find(url.path.removeprefix("/static/"))
            if not found:
                return route.fulfill(status=404, body="")
            kind = "text/css" if found.endswith(".css") else "application/javascript"
            if found.endswith(".svg"):
                kind = "image/svg+xml"
            return route.fulfill(status=200, body=Path(found).read_bytes(), content_type=kind)
        path = url.path + (f"?{url.query}" if url.query else "")
        if request.method == "POST":
            response = client.generic(
                "POST",
                path,
                request.post_data_buffer or b"",
                content_type=request.headers.get("content-type", ""),
            )
        else:
            response = client.get(path)
        # The headers the browser acts on; the page's Content-Security-Policy too, so that an
        # inline script or style would fail here as it would in production.
        headers = {
            k: v
            for k, v in response.items()
            if k in ("Content-Type", "Location", "Content-Security-Policy")
        }
        if "Location" in headers and headers["Location"].startswith("/"):
            headers["Location"] = BASE + headers["Location"]
        return route.fulfill(status=response.status_code, headers=headers, body=response.content)

    return handle


@pytest.mark.browser
@pytest.mark.once("sqlite")
def test_stop_halfway_and_continue_on_the_same_device(chromium, db):
    personas = make_personas()
    survey = make_survey(personas.housing)
    add_households(personas.estate, 2, building=personas.building)
    wave = open_wave_for(survey, personas.estate)
    code = SurveyCode.objects.filter(wave=wave).exclude(household=personas.household).first()
    client = Client(HTTP_ACCEPT_LANGUAGE="nl-be")
    seen: list[str] = []
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="nl-BE")
    context.route(f"{BASE}/**", _serve(client, seen))
    page = context.new_page()
    estate = f"{BASE}/e/{personas.estate.slug}/"

    # The letter's QR code: the code after "#" lands in the field and leaves the address bar.
    page.goto(f"{estate}#{codes.display(code.code)}")
    assert page.url == estate
    assert page.input_value("input[name=code]") == codes.display(code.code)
    assert not page.locator("[data-sv-continue]").is_visible()
    page.locator("form[data-sv-code-form] button[type=submit]").click()
    page.wait_for_selector("form[data-sv-form]")

    # Show-if in the browser: the reasons apply after "yes"; hidden fields are disabled.
    # (expect waits for the page's script, which runs after the form is there.)
    from playwright.sync_api import expect

    reasons = page.locator("#q-q_reasons")
    expect(reasons).to_be_hidden()
    expect(page.locator("#f-q_reasons-0")).to_be_disabled()
    page.check("#f-q_contact-0")
    expect(reasons).to_be_visible()
    expect(page.locator("#f-q_reasons-0")).to_be_enabled()
    page.check("#f-q_reasons-1")
    page.locator("label[for=f-q_rating-7]").click()
    page.fill("#f-q_short", "halfweg")
    requests_before = len(seen)
    page.wait_for_function("() => localStorage.length > 0")
    stored = json.loads(page.evaluate(f"localStorage.getItem('wijkpunt:survey:wave:{wave.pk}')"))
    assert stored["code"] == code.code and stored["values"]["q_short"] == ["halfweg"]
    assert len(seen) == requests_before  # nothing went to the server while typing

    # Later, on the same device: the estate page offers to continue, and restores everything.
    page.goto(estate)
    box = page.locator("[data-sv-continue]")
    assert box.is_visible()
    box.locator("[data-sv-continue-button]").click()
    page.wait_for_selector("form[data-sv-form]")
    assert page.locator("[data-sv-restored]").is_visible()
    assert page.is_checked("#f-q_contact-0") and page.is_checked("#f-q_reasons-1")
    assert page.is_checked("#f-q_rating-7") and page.input_value("#f-q_short") == "halfweg"
    assert page.locator("#q-q_reasons").is_visible()

    page.locator("form[data-sv-form] .utrecht-button--primary-action").click()
    page.wait_for_selector("[data-sv-clear-draft]")
    assert page.evaluate(f"localStorage.getItem('wijkpunt:survey:wave:{wave.pk}')") is None
    (ballot,) = Ballot.objects.filter(wave=wave)
    assert ballot.answers["q_short"] == "halfweg" and ballot.answers["q_rating"] == "7"
    assert ballot.answers["q_reasons"] == ["rent"]
    # Every request the page made: the code never in an address.
    assert all(code.code not in entry for entry in seen)
    context.close()
