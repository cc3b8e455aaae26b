"""The signal page's action area: one form at a time behind tabs, the hand-over that lists the
chosen organisation's teams and people and works the first time, the history in words, the
suggestion's words, staff wording and the resident's language. Pages read in Dutch (the
staff's saved language and the language cookie)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from wijkpunt.inbox import history
from wijkpunt.inbox.tests.helpers import login, report
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import EventKind, SignalEvent, SignalStatus, Where
from wijkpunt.testing import HANDOVER


@pytest.fixture(autouse=True)
def dutch(client):
    client.cookies["wijkpunt_language"] = "nl-be"
    with translation.override("nl-be"):
        yield


def page(pk, query=""):
    return f"/werk/meldingen/{pk}/{query}"


def panels(html: str) -> dict[str, bool]:
    """Each panel of the action area and whether it is shown."""
    found = re.findall(
        r'<div class="inbox-panel" id="panel-(\w+)" data-panel="\w+"( hidden)?>', html
    )
    return {key: not hidden for key, hidden in found}


# --- One form at a time ------------------------------------------------------------------------


def test_one_form_is_shown_at_a_time_and_a_tab_link_chooses_it(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.technician)
    html = staff_client.get(page(signal.pk)).content.decode()
    shown = panels(html)
    assert set(shown) == {"reply", "note", "status", "assign", "triage", "files"}
    assert [k for k, v in shown.items() if v] == ["reply"]
    assert 'href="?tab=note#actions" data-tab="note">Notitie</a>' in html
    html = staff_client.get(page(signal.pk, "?tab=assign")).content.decode()
    assert [k for k, v in panels(html).items() if v] == ["assign"]
    # An unknown tab falls back to the first one, never an empty area.
    html = staff_client.get(page(signal.pk, "?tab=nope")).content.decode()
    assert [k for k, v in panels(html).items() if v] == ["reply"]


def test_a_signal_at_the_triage_desk_opens_on_category_and_urgency(staff_client, personas):
    signal = report(personas, "Iets met de buren", slug=None)
    login(staff_client, personas.coordinator)
    html = staff_client.get(page(signal.pk)).content.decode()
    assert [k for k, v in panels(html).items() if v] == ["triage"]


def test_a_failed_form_comes_back_on_its_own_tab(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.technician)
    response = staff_client.post(page(signal.pk, "notitie/"), {"text": " "})
    assert response.status_code == 400
    html = response.content.decode()
    assert [k for k, v in panels(html).items() if v] == ["note"]
    assert "De notitie is leeg." in html


def test_who_may_not_act_gets_no_action_area(staff_client, personas):
    signal = report(personas)
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Zorgvraag",
        **HANDOVER,
    )
    login(staff_client, personas.technician)
    html = staff_client.get(page(signal.pk)).content.decode()
    assert panels(html) == {}
    assert "u kunt ze lezen, niet wijzigen" in html


# --- The hand-over --------------------------------------------------------------------------


def _assign_form(response):
    return response.context["assign_form"]


def test_the_list_holds_only_the_teams_and_people_of_the_organisation(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.technician)
    form = _assign_form(staff_client.get(page(signal.pk, "?tab=assign")))
    values = [v for _g, group in form.fields["assignee"].widget.choices[1:] for v, _l in group]
    housing = personas.housing.pk
    assert f"person:{housing}:{personas.technician.pk}" in values
    assert all(v.startswith(("team:", f"person:{housing}:")) for v in values)
    assert not any(str(personas.social_worker.pk) == v.rsplit(":", 1)[-1] for v in values)
    assert form.fields["assignee"].widget.choices[0] == (
        "",
        "De hele organisatie (zij beslissen wie)",
    )
    # The second step without JavaScript: the OCMW's teams and people, the reason kept.
    response = staff_client.post(
        page(signal.pk, "toewijzen/"),
        {"organisation": personas.ocmw.pk, "reason": "Zorgvraag", "step": "choose"},
    )
    assert response.status_code == 200
    form = _assign_form(response)
    labels = [
        label for _g, group in form.fields["assignee"].widget.choices[1:] for _v, label in group
    ]
    assert "Sociale dienst" in labels and "Mo Maatschappelijk" in labels
    assert "Technische dienst" not in labels and "Tom Technieker" not in labels
    assert form.initial["choices_for"] == personas.ocmw.pk
    assert 'value="Zorgvraag"' in response.content.decode() or "Zorgvraag</textarea>" in (
        response.content.decode()
    )
    signal.refresh_from_db()
    assert signal.owner_organisation == personas.housing  # nothing saved


def test_a_hand_over_works_the_first_time_even_with_the_previous_list(staff_client, personas):
    """The bug: the form kept the old team and person, and failed until both were cleared."""
    signal = report(personas)
    tech_team = personas.technician.staff_roles.get().team
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.housing,
        team=tech_team,
        person=personas.technician,
    )
    login(staff_client, personas.technician)
    form = _assign_form(staff_client.get(page(signal.pk, "?tab=assign")))
    # What the browser sends when only the organisation is changed.
    posted = {
        "organisation": personas.ocmw.pk,
        "choices_for": form.initial["choices_for"],
        "assignee": form.initial["assignee"],
        "reason": "Er is een zorgvraag",
        **HANDOVER,
    }
    assert posted["assignee"] == f"person:{personas.housing.pk}:{personas.technician.pk}"
    response = staff_client.post(page(signal.pk, "toewijzen/"), posted)
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.owner_organisation == personas.ocmw
    assert signal.owner_team is None and signal.owner_user is None
    response = staff_client.get(response["Location"])
    assert "Overgedragen aan OCMW Testgem." in response.content.decode()


def test_a_hand_over_to_a_team_of_the_new_organisation(staff_client, personas):
    signal = report(personas)
    social_team = personas.social_worker.staff_roles.get().team
    login(staff_client, personas.technician)
    response = staff_client.post(
        page(signal.pk, "toewijzen/"),
        {
            "organisation": personas.ocmw.pk,
            "choices_for": personas.ocmw.pk,
            "assignee": f"team:{social_team.pk}",
            "reason": "Zorgvraag",
            **HANDOVER,
        },
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert (signal.owner_organisation, signal.owner_team) == (personas.ocmw, social_team)
    event = signal.events.get(kind=EventKind.HANDOVER)
    assert event.text == "Zorgvraag"


def test_the_reason_is_asked_by_the_action_and_shown_on_its_field(staff_client, personas):
    signal = report(personas)
    login(staff_client, personas.technician)
    response = staff_client.post(
        page(signal.pk, "toewijzen/"),
        {"organisation": personas.ocmw.pk, "choices_for": personas.ocmw.pk},
    )
    assert response.status_code == 400
    assert response.context["assign_form"].errors["reason"] == [
        "U draagt deze melding over aan een andere organisatie: zeg kort waarom."
    ]
    # The list shown again is the OCMW's, so that the next try works.
    form = response.context["assign_form"]
    assert form.initial["choices_for"] == personas.ocmw.pk
    signal.refresh_from_db()
    assert signal.owner_organisation == personas.housing
    assert not signal.events.filter(kind=EventKind.HANDOVER).exists()


def _handed_to_ocmw(personas):
    signal = report(personas)
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Zorgvraag",
        **HANDOVER,
    )
    return signal


@pytest.mark.parametrize(
    ("who", "expected"),
    [("social_worker", 200), ("technician", 403), ("partner_worker", 404), ("tenant", 404)],
)
def test_the_choices_of_an_organisation_for_the_script(staff_client, personas, who, expected):
    signal = _handed_to_ocmw(personas)
    login(staff_client, getattr(personas, who))
    response = staff_client.get(
        page(signal.pk, "toewijzen/keuzes/"), {"organisation": personas.ocmw.pk}
    )
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "Sociale dienst" in html and "Mo Maatschappelijk" in html
        assert "Technische dienst" not in html
        unknown = staff_client.get(page(signal.pk, "toewijzen/keuzes/"), {"organisation": "x"})
        assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("social_worker", 302),
        ("ocmw_reception", 302),
        ("technician", 403),
        ("coordinator", 403),
        ("partner_worker", 404),
        ("tenant", 404),
    ],
)
def test_who_may_assign(staff_client, personas, who, expected):
    signal = _handed_to_ocmw(personas)
    login(staff_client, getattr(personas, who))
    response = staff_client.post(
        page(signal.pk, "toewijzen/"),
        {"organisation": personas.ocmw.pk, "choices_for": personas.ocmw.pk},
    )
    assert response.status_code == expected
    assert signal.events.filter(kind=EventKind.ASSIGNED).exists() is (expected == 302)
    if expected == 403:
        assert "Een andere organisatie behandelt deze melding" in response.content.decode()


# --- What the page says ---------------------------------------------------------------------


def test_the_history_speaks_in_sentences(staff_client, personas):
    signal = report(personas)
    actions.triage_signal(
        signal=signal, user=personas.coordinator, category=signal.category, urgent=False
    )
    actions.change_status(signal=signal, user=personas.technician, status="in_progress")
    actions.add_note(signal=signal, user=personas.technician, text="Sifon bestellen")
    actions.send_message(signal=signal, user=personas.technician, text="We komen dinsdag.")
    actions.resident_reply(signal=signal, user=personas.tenant, text="Dinsdag past.")
    actions.assign(
        signal=signal,
        user=personas.technician,
        organisation=personas.ocmw,
        note="Zorgvraag",
        **HANDOVER,
    )
    login(staff_client, personas.social_worker)
    html = staff_client.get(page(signal.pk)).content.decode()
    sentences = re.findall(r'<span class="inbox-event__sentence">([^<]*)</span>', html)
    assert "An Peeters meldde dit via “Huurdersportaal”." in sentences[0] or (
        sentences[0].startswith("An Peeters meldde dit via")
    )
    assert "Koen Coördinator koos de categorie “Herstelling”, niet dringend." in sentences
    assert any("wijzigde de status van" in s and "“In behandeling”" in s for s in sentences)
    # The housing company's internal note stayed with it (signalling/tests/test_note_privacy).
    assert "Tom Technieker schreef een interne notitie." not in sentences
    assert "Tom Technieker stuurde een bericht aan de bewoner." in sentences
    assert "An Peeters antwoordde." in sentences
    assert (
        "Tom Technieker droeg de melding over van Woonmaatschappij Test aan OCMW Testgem."
        in sentences
    )
    assert "<strong>Reden:</strong> Zorgvraag" in html
    for slug in ("in_progress", "handover", "herstelling", "triaged"):
        assert not any(slug in s for s in sentences), slug


def test_every_event_kind_and_status_has_a_sentence_in_every_language(personas):
    signal = report(personas)
    names = history.Names(categories={"herstelling": "Herstelling"}, teams={}, people={})
    data = {
        EventKind.CREATED: {"channel": "portal"},
        EventKind.TRIAGED: {"category": "herstelling", "urgent": True, "corrected": True},
        EventKind.HANDOVER: {"organisation_name": "OCMW", "previous_organisation": "SHM"},
        EventKind.ASSIGNED: {"organisation_name": "SHM"},
        EventKind.ATTACHMENT: {"name": "foto.jpg"},
        EventKind.MERGED: {"into": 12},
        EventKind.FEEDBACK: {"solved": False},
        EventKind.REMINDER: {"deadline": "first_response"},
        EventKind.ESCALATED: {"deadline": "resolution"},
        EventKind.NOTIFIED: {"mail": "received"},
    }
    for language in ("nl-be", "fr", "en"):
        with translation.override(language):
            for kind in EventKind:
                for from_status, to_status in [("", "new"), *((s, s) for s in SignalStatus)]:
                    event = SignalEvent(
                        signal=signal,
                        kind=kind,
                        from_status=from_status if kind == EventKind.STATUS else "",
                        to_status=to_status if kind == EventKind.STATUS else "",
                        data=data.get(kind, {}),
                    )
                    text = history.sentence(event, "Tom", names)
                    assert text and text[0].isupper() and text.endswith("."), (kind, text)
                    assert "_" not in text, (kind, text)
                    if language == "nl-be":
                        slugs = {k.value for k in EventKind} | set(SignalStatus.values)
                        assert not slugs & {w.strip("“”«».,") for w in text.split()} - {"status"}, (
                            kind,
                            text,
                        )
                    if kind != EventKind.STATUS:
                        break
    with translation.override("fr"):
        event = SignalEvent(kind=EventKind.STATUS, from_status="new", to_status="in_progress")
        assert "« Nouveau »" in history.sentence(event, "Tom", names) or "Tom" in (
            history.sentence(event, "Tom", names)
        )


def test_staff_wording_and_the_residents_language(staff_client, personas):
    signal = report(personas, where=Where.BUILDING, building=personas.building, language="fr")
    login(staff_client, personas.technician)
    html = staff_client.get(page(signal.pk)).content.decode()
    assert "In het gebouw" in html
    assert "Mijn gebouw" not in html
    # An Peeters' profile says Dutch: she is written to in Dutch, whatever the form's language.
    assert re.search(r"Taal van de bewoner</dt><dd [^>]*>Nederlands</dd>", html)
    other = report(personas, reporter=personas.other_tenant)
    html = staff_client.get(page(other.pk)).content.decode()
    assert re.search(r"Taal van de bewoner</dt><dd [^>]*>Français</dd>", html)


def test_the_suggestion_names_the_words_that_drove_it(staff_client, personas):
    signal = report(personas, "Het ruikt naar gas in de gang en de kraan lekt", urgent=True)
    created = signal.events.get(kind=EventKind.CREATED)
    words = created.data["suggestion"]["explanation"]
    assert words, "the intake keeps the words that drove the suggestion"
    login(staff_client, personas.coordinator)
    html = staff_client.get(page(signal.pk)).content.decode()
    assert "Woorden in de tekst die naar deze categorie wijzen:" in html or (
        "Waarom het dringend kan zijn:" in html
    )
    for term in words:
        assert f"<q>{term.split(':', 1)[-1].strip()}</q>" in html
