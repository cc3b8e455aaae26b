"""Answering a survey online with the code and in the portal: the code page, refusals and the
guessing brake, the questionnaire (every kind, languages, errors that keep what was typed),
submitting once, the thank-you page, the portal card — for allowed and refused personas."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Building, Dwelling, Household, Tenancy
from wijkpunt.surveys import actions, codes
from wijkpunt.surveys.models import (
    Ballot,
    Channel,
    Choice,
    Language,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyCode,
    Wave,
)
from wijkpunt.testing import make_personas, rolled_back

SCALE = [
    ("very_bad", {"nl-be": "Heel slecht", "fr": "Très mauvais"}, 1),
    ("bad", {"nl-be": "Slecht", "fr": "Mauvais"}, 2),
    ("neutral", {"nl-be": "Niet goed, niet slecht", "fr": "Ni bon ni mauvais"}, 3),
    ("good", {"nl-be": "Goed", "fr": "Bon"}, 4),
    ("very_good", {"nl-be": "Heel goed", "fr": "Très bon"}, 5),
    ("no_opinion", {"nl-be": "Geen mening", "fr": "Sans avis"}, None),
]


def make_survey(organisation) -> Survey:
    """A survey with every kind of question, a show-if on a question and on a section, in
    Dutch, French (one translation missing), English (none: Dutch shows) and Arabic (written
    right to left)."""
    Language.objects.get_or_create(
        code="ar",
        defaults={"name": "Arabic", "native_name": "العربية", "right_to_left": True},
    )
    survey = Survey.objects.create(
        title={"nl-be": "Bewonersbevraging", "fr": "Enquête auprès des habitants"},
        intro={"nl-be": "Zeg ons wat u denkt."},
        thanks={"nl-be": "Dank u wel voor uw mening!", "fr": "Merci pour votre avis !"},
        languages=["nl-be", "fr", "en", "ar"],
        organisation=organisation,
    )
    service, community = Section.objects.bulk_create(
        [
            Section(survey=survey, position=1, name="service", title={"nl-be": "Dienstverlening"}),
            Section(
                survey=survey,
                position=2,
                name="community",
                title={"nl-be": "Buurtwerk", "fr": "Travail de quartier"},
                show_if={"rules": [{"question": "q_contact", "op": "answered"}]},
            ),
        ]
    )

    def q(section, position, name, kind, label, **extra):
        return Question.objects.create(
            survey=survey,
            section=section,
            position=position,
            name=name,
            kind=kind,
            label=label,
            **extra,
        )

    contact = q(
        service,
        1,
        "q_contact",
        QuestionKind.SINGLE,
        {"nl-be": "Had u dit jaar contact met de huisvestingsmaatschappij?", "fr": "Contact ?"},
        required=True,
    )
    reasons = q(
        service,
        2,
        "q_reasons",
        QuestionKind.MULTIPLE,
        {"nl-be": "Waarover ging het?", "fr": "À quel sujet ?"},
        max_choices=2,
        allow_other=True,
        show_if={"rules": [{"question": "q_contact", "op": "eq", "value": "yes"}]},
    )
    satisfied = q(
        service,
        3,
        "q_satisfied",
        QuestionKind.SCALE5,
        {"nl-be": "Hoe tevreden bent u over de dienstverlening?"},
        show_faces=True,
        hint={"nl-be": "Kies het gezicht dat past."},
    )
    q(
        service,
        4,
        "q_rating",
        QuestionKind.RATING10,
        {"nl-be": "Welk cijfer geeft u uw woning?", "fr": "Quelle note ?"},
        required=True,
    )
    q(
        service,
        5,
        "q_people",
        QuestionKind.NUMBER,
        {"nl-be": "Met hoeveel mensen woont u hier?", "fr": "Combien de personnes ?"},
        min_value=1,
        max_value=12,
    )
    grid = q(service, 6, "g_building", QuestionKind.GRID, {"nl-be": "Uw gebouw"})
    for position, (name, label) in enumerate(
        [("g_clean", {"nl-be": "Netheid van de hal"}), ("g_light", {"nl-be": "Verlichting"})]
    ):
        q(service, 7 + position, name, QuestionKind.SCALE5, label, grid=grid)
    q(community, 1, "n_intro", QuestionKind.NOTE, {"nl-be": "Nu over het buurtwerk."})
    q(community, 2, "q_ideas", QuestionKind.LONG_TEXT, {"nl-be": "Welke ideeën heeft u?"})
    q(community, 3, "q_short", QuestionKind.SHORT_TEXT, {"nl-be": "Uw buurt in één woord?"})
    Choice.objects.bulk_create(
        [
            Choice(question=contact, position=1, value="yes", label={"nl-be": "Ja", "fr": "Oui"}),
            Choice(question=contact, position=2, value="no", label={"nl-be": "Nee", "fr": "Non"}),
            *(
                Choice(question=reasons, position=i, value=v, label={"nl-be": v.title()})
                for i, v in enumerate(["repair", "rent", "neighbours"])
            ),
            *(
                Choice(question=owner, position=i, value=v, label=label, score=score)
                for owner in (satisfied, grid)
                for i, (v, label, score) in enumerate(SCALE)
            ),
        ]
    )
    return survey


def add_households(estate, n: int, *, building=None, start=dt.date(2019, 1, 1)) -> list[Household]:
    """``n`` households living in ``estate`` (in ``building`` or a new one)."""
    if building is None:
        building = Building.objects.create(
            estate=estate, street="Achterstraat", number=str(Building.objects.count() + 10)
        )
    households = Household.objects.bulk_create(
        [Household(name=f"Gezin Test{building.pk}-{i}") for i in range(n)]
    )
    dwellings = Dwelling.objects.bulk_create(
        [Dwelling(building=building, unit=f"{building.pk}.{i}") for i in range(n)]
    )
    Tenancy.objects.bulk_create(
        [
            Tenancy(dwelling=d, household=h, start_date=start)
            for d, h in zip(dwellings, households, strict=True)
        ]
    )
    return households


def open_wave_for(survey: Survey, estate, by=None) -> Wave:
    today = timezone.localdate()
    wave = Wave.objects.create(
        survey=survey, name="Najaar", opens_on=today, closes_on=today + dt.timedelta(days=30)
    )
    wave.estates.add(estate)
    actions.open_wave(wave=wave, by=by, today=today)
    return wave


@dataclass
class World:
    personas: object
    survey: Survey
    wave: Wave
    codes: list[str]  # unused codes of households without an account
    tenant_code: str


@pytest.fixture(scope="module")
def answer_world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        personas = make_personas()
        survey = make_survey(personas.housing)
        add_households(personas.estate, 4, building=personas.building)
        wave = open_wave_for(survey, personas.estate)
        tenant_code = SurveyCode.objects.get(wave=wave, household=personas.household).code
        others = list(
            SurveyCode.objects.filter(wave=wave)
            .exclude(household=personas.household)
            .values_list("code", flat=True)
        )
        yield World(personas, survey, wave, others, tenant_code)


@pytest.fixture
def world(answer_world, db, settings):
    settings.STAFF_REQUIRE_MFA = False
    return answer_world


@pytest.fixture(autouse=True)
def _no_guesses_yet():
    cache.clear()
    yield
    cache.clear()


def estate_url(world) -> str:
    return reverse("surveys_public:estate", kwargs={"estate": world.personas.estate.slug})


GOOD = {
    "step": "answers",
    "language": "nl-be",
    "q_contact": "yes",
    "q_reasons": ["repair", "other"],
    "q_reasons:other": "de lift",
    "q_satisfied": "good",
    "q_rating": "8",
    "q_people": "3",
    "g_clean": "bad",
    "g_light": "no_opinion",
    "q_ideas": "Een buurtfeest",
    "q_short": "gezellig",
}


def _fields(html: str) -> dict[str, str]:
    """name → value of the hidden inputs of a page."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


# --- the code page ---------------------------------------------------------------------------


def test_code_page_for_everyone_in_their_language(world, client):
    url = estate_url(world)
    # Anyone reads the browser's language; a logged-in person the language of their profile
    # (Dutch for these personas), whatever the browser asks.
    for persona, language, hint in (
        (None, "en", "8 letters and digits, on your letter"),
        (world.personas.tenant, "nl-be", "8 letters en cijfers, op uw brief"),
        (world.personas.coordinator, "nl-be", "8 letters en cijfers, op uw brief"),
    ):
        c = Client(HTTP_ACCEPT_LANGUAGE="en")
        if persona is not None:
            c.force_login(persona)
        page = c.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert f'lang="{language}"' in html
        assert "Lindenplein" in html and "Bewonersbevraging" in html  # the open survey
        field = re.search(r"<input[^>]*name=\"code\"[^>]*>", html).group(0)
        for attribute in ('autocomplete="off"', 'autocapitalize="characters"', 'inputmode="text"'):
            assert attribute in field
        assert hint in html
        assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    assert client.get("/e/").status_code == 200
    french = Client(HTTP_ACCEPT_LANGUAGE="fr").get(url).content.decode()
    assert 'lang="fr"' in french
    assert client.get("/e/bestaat-niet/").status_code == 404


def test_a_code_typed_any_way_opens_the_questionnaire_and_never_an_address(world, client):
    typed = codes.display(world.codes[0]).lower().replace("-", " ")  # "acde 3467"
    page = client.post("/e/", {"step": "code", "code": typed}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200  # no redirect: the code would end up in an address
    html = page.content.decode()
    assert _fields(html)["code"] == world.codes[0]
    assert "Dienstverlening" in html and "Buurtwerk" in html  # sections with their titles
    assert html.count('type="radio" id="f-q_rating-') == 11
    assert "sv-face sv-face--5" in html  # faces next to the words
    assert 'data-show-if="' in html  # the rules travel for answer.js
    assert "(required)" in html
    assert world.codes[0] not in page.get("Location", "")
    assert not page.cookies or all(world.codes[0] not in m.value for m in page.cookies.values())
    assert world.codes[0] not in str(client.session.items())


@pytest.mark.parametrize(
    ("kind", "message"),
    [("unknown", "We do not know this code"), ("used", "already been used"), ("closed", "closed")],
)
def test_refused_codes_keep_what_was_typed(world, client, kind, message):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    typed = "QQQQ-QQQQ"
    if kind != "unknown":
        code = SurveyCode.objects.get(code=world.codes[1])
        typed = codes.display(code.code)
        if kind == "used":
            actions.submit(code=code, channel=Channel.PAPER, answers={}, language="nl-be")
        else:
            Wave.objects.filter(pk=world.wave.pk).update(status="closed")
    page = client.post(estate_url(world), {"step": "code", "code": typed})
    assert page.status_code == 400
    html = page.content.decode()
    assert message in html
    assert f'value="{typed}"' in html
    assert "data-wp-error-summary" in html


def test_guessing_is_slowed_and_logged_without_the_guesses(world, client, settings, caplog):
    settings.SURVEY_CODE_MISSES = (3, 900)
    caplog.set_level(logging.DEBUG)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = AuditEntry.objects.count()
    guesses = ["AAAA-AAAA", "CCCC-CCCC", "DDDD-DDDD"]
    for guess in guesses:
        assert client.post(estate_url(world), {"code": guess}).status_code == 400
    # Now even a real code waits: the brake is per address, not per guess.
    real = codes.display(world.codes[2])
    page = client.post(estate_url(world), {"code": real})
    assert page.status_code == 429
    assert real in page.content.decode()  # still in the field
    assert "wait a quarter of an hour" in page.content.decode()
    entries = list(AuditEntry.objects.filter(pk__gt=before))
    assert [e.object_type for e in entries] == ["survey-code-guessing"]
    assert entries[0].ip_address == "127.0.0.1" and "3 " in entries[0].purpose
    logged = [r for r in caplog.records if r.name == "wijkpunt.security"]
    assert len(logged) == 1 and "127.0.0.1" in logged[0].getMessage()
    everything = " ".join(
        [logging.Formatter().format(r) for r in caplog.records]
        + [f"{e.purpose} {e.path} {e.object_id}" for e in entries]
    )
    for typed in [*guesses, real]:
        assert typed not in everything and codes.normalise(typed) not in everything
    # Another address is not slowed down.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(estate_url(world), {"code": real}).status_code == 200


# --- the questionnaire -----------------------------------------------------------------------


def test_bad_answers_keep_everything_and_save_nothing(world, client):
    code = world.codes[3]
    data = {**GOOD, "code": code, "q_rating": "", "q_people": "40", "q_reasons": ["repair"]}
    data["language"] = "en"  # the messages in the language of the form
    page = client.post(estate_url(world), data, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    html = page.content.decode()
    assert "data-wp-error-summary" in html
    assert 'href="#f-q_rating-0"' in html and 'href="#f-q_people"' in html
    assert 'id="error-q_rating"' in html and "from 1 to 12" in html
    assert 'value="40"' in html and 'value="gezellig"' in html
    assert "Een buurtfeest</textarea>" in html
    assert re.search(r'value="repair" checked', html)
    assert _fields(html)["code"] == code
    assert not SurveyCode.objects.get(code=code).used
    assert not Ballot.objects.filter(wave=world.wave).exists()


def test_language_switch_keeps_the_answers(world, client):
    code = world.codes[3]
    data = {**GOOD, "code": code, "switch_to": "fr"}
    html = client.post(estate_url(world), data).content.decode()
    assert 'lang="fr"' in html and "Enquête auprès des habitants" in html
    assert "Quelle note ?" in html  # translated
    assert "Hoe tevreden bent u" in html  # missing in French: the main language
    assert 'value="8" checked' in html and "Een buurtfeest" in html
    assert "data-wp-error-summary" not in html
    assert not SurveyCode.objects.get(code=code).used
    arabic = client.post(estate_url(world), {**data, "switch_to": "ar"}).content.decode()
    assert 'lang="ar" dir="rtl"' in arabic


def test_answers_go_in_the_ballot_box_once(world, client):
    code = world.codes[0]
    data = {**GOOD, "code": code, "q_contact": "no", "language": "fr"}  # reasons do not apply
    page = client.post(estate_url(world), data)
    thanks = reverse(
        "surveys_public:thanks",
        kwargs={"estate": world.personas.estate.slug, "wave": world.wave.pk},
    )
    assert page.status_code == 302 and page["Location"].startswith(thanks)
    assert code not in page["Location"]
    used = SurveyCode.objects.get(code=code)
    assert used.used and used.channel == Channel.ONLINE
    (ballot,) = Ballot.objects.filter(wave=world.wave)
    assert ballot.language == "fr"
    assert "q_reasons" not in ballot.answers and ballot.answers["q_rating"] == "8"
    assert ballot.answers["g_clean"] == "bad" and ballot.answers["q_short"] == "gezellig"
    shown = client.get(page["Location"]).content.decode()
    assert "Merci pour votre avis" in shown and estate_url(world) in shown
    assert f'data-sv-clear-draft="wave:{world.wave.pk}"' in shown
    again = client.post(estate_url(world), data, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400 and "already been used" in again.content.decode()
    assert Ballot.objects.filter(wave=world.wave).count() == 1


# --- the portal ------------------------------------------------------------------------------


def test_portal_card_and_answer_without_the_code(world, client):
    p = world.personas
    client.force_login(p.tenant)
    home = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="nl-be").content.decode()
    url = reverse("surveys_public:portal_answer", args=[world.wave.pk])
    assert "Bewonersbevraging" in home and url in home
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "q_rating" in html
    assert world.tenant_code not in html and codes.display(world.tenant_code) not in html
    done = client.post(url, {**GOOD, "q_rating": "11"})
    assert done.status_code == 400 and not SurveyCode.objects.get(code=world.tenant_code).used
    done = client.post(url, GOOD)
    assert done.status_code == 302
    code = SurveyCode.objects.get(code=world.tenant_code)
    assert code.used and code.channel == Channel.PORTAL
    answered = client.get(url, HTTP_ACCEPT_LANGUAGE="en")  # the profile's Dutch wins
    assert answered.status_code == 200 and "Bedankt, u hebt geantwoord" in answered.content.decode()
    home = client.get(reverse("portal:home")).content.decode()
    assert "sv-portal-card--done" in home and url not in home
    client.post(url, GOOD)
    assert Ballot.objects.filter(wave=world.wave).count() == 1


def test_portal_refuses_everyone_else(world):
    p = world.personas
    url = reverse("surveys_public:portal_answer", args=[world.wave.pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]
    other = Client()
    other.force_login(p.other_tenant)  # lives in the other estate: no code in this wave
    assert other.get(url).status_code == 404
    assert other.post(url, GOOD).status_code == 404
    assert "Bewonersbevraging" not in other.get(reverse("portal:home")).content.decode()
    for persona in (p.outsider, p.coordinator, p.buurtwerker, p.admin):
        c = Client()
        c.force_login(persona)
        assert c.get(url).status_code == 403
    tenant = Client()
    tenant.force_login(p.tenant)
    assert tenant.get(reverse("surveys_public:portal_answer", args=[999999])).status_code == 404
