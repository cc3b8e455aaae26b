"""The shared layout on a phone: a compact header whose navigation is a <details> menu (works
without JavaScript), and an error summary at the top of every form rendered through the shared
form templates, focused by the page script, whose items link to the fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from wijkpunt.core.forms import StyledFormMixin

pytestmark = pytest.mark.django_db
STATIC = Path(__file__).resolve().parents[1] / "static" / "wijkpunt"


class Example(StyledFormMixin, forms.Form):
    name = forms.CharField(label="Naam")
    question = forms.CharField(label="Wat is er aan de hand?")
    when = forms.ChoiceField(
        label="Wanneer", choices=[("now", "Nu"), ("later", "Later")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="Opmerking", required=False)

    def clean(self):
        super().clean()
        raise forms.ValidationError("Dit lukt niet samen.")


def summary_of(html: str) -> str:
    match = re.search(r"<div[^>]*data-wp-error-summary.*?</ul>", html, re.S)
    assert match, html
    return match.group(0)


def test_every_error_is_in_the_summary_and_links_to_its_field():
    with translation.override("nl-be"):
        html = str(Example(data={"note": "x"}))
    summary = summary_of(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "Kijk dit eerst na" in summary
    assert "<li>Dit lukt niet samen.</li>" in summary
    assert 'href="#id_name">Naam: Dit veld is verplicht.</a>' in summary
    # a label that ends with a question mark gets no extra colon
    assert 'href="#id_question">Wat is er aan de hand? Dit veld is verplicht.</a>' in summary
    # a group of radio buttons: the link goes to the first one
    assert 'href="#id_when_0">Wanneer: Dit veld is verplicht.</a>' in summary
    assert "Opmerking" not in summary
    # the summary comes before the first field, and every linked id exists
    assert html.index("data-wp-error-summary") < html.index('id="id_name"')
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in html


def test_no_summary_without_errors():
    assert "data-wp-error-summary" not in str(Example())  # not bound: no errors yet


def test_the_page_script_focuses_the_summary_and_opens_the_menu_on_wide_screens():
    script = (STATIC / "wijkpunt.js").read_text()
    assert 'querySelector("[data-wp-error-summary]")' in script and "summary.focus()" in script
    assert "field.focus(" in script
    assert "(min-width: 48rem)" in script and "menu.open" in script


def test_the_header_menu_is_a_details_disclosure(client, personas):
    client.force_login(personas.tenant)
    response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="nl-BE")
    assert response.status_code == 200
    html = response.content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    details = header[header.index("<details") :]
    assert details.startswith('<details class="wp-menu" data-wp-menu>')
    assert '<summary class="wp-menu__toggle">' in details and "Menu</summary>" in details
    # the navigation, the languages and logging out are all inside the disclosure
    for needle in ('href="/mijn/meldingen/"', 'name="language"', "Afmelden"):
        assert needle in details, needle
    assert '<script src="/static/wijkpunt/wijkpunt.js" defer></script>' in html


@pytest.mark.parametrize(
    ("who", "url", "data", "field"),
    [
        ("tenant", "portal:details", {"phone": "12345"}, "phone"),
        ("tenant", "intake_portal:new", {"text": ""}, "text"),
    ],
)
def test_a_form_error_on_a_portal_page_shows_the_summary(client, personas, who, url, data, field):
    user = getattr(personas, who)
    user.language = "nl-be"
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.post(reverse(url), data, HTTP_ACCEPT_LANGUAGE="nl-BE")
    assert response.status_code == 200  # the page again, with what was typed
    summary = summary_of(response.content.decode())
    assert f'href="#id_{field}"' in summary


def test_the_log_in_form_shows_the_summary(client, personas):
    response = client.post(
        reverse("account_login"),
        {"login": "an.peeters@example.org", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="nl-BE",
    )
    assert response.status_code == 200
    assert "data-wp-error-summary" in response.content.decode()


def test_the_partner_cards_wrap_long_addresses():
    css = (STATIC / "wijkpunt.css").read_text()
    assert ".wp-partner { min-inline-size: 0; overflow-wrap: anywhere; }" in css
    assert "grid-template-columns: minmax(0, 1fr)" in css
