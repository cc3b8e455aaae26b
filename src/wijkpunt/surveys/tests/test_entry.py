"""Door-to-door and paper entry: a code counts once whatever the channel, a refused code keeps
what was typed, wrong codes are slowed down and logged without what was typed, and the screen
after saving holds no answers."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Building
from wijkpunt.surveys import actions, codes
from wijkpunt.surveys.models import Ballot, Channel, SurveyCode, WaveStatus
from wijkpunt.surveys.tests.test_waves import add_households, make_survey, new_wave
from wijkpunt.testing import make_personas, rolled_back

pytestmark = pytest.mark.django_db

REMARK = "De lift is vaak kapot"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        today = timezone.localdate()
        block = Building.objects.create(
            estate=p.estate, street="Blok", number="5", postcode="8560", city="Testgem"
        )
        add_households(block, 6, start=today.replace(year=today.year - 3), tag="e")
        survey = make_survey(p.community)
        wave = new_wave(survey, [p.estate], opens_on=today)
        actions.open_wave(wave=wave)
        draft = new_wave(survey, [p.estate], opens_on=today, name="Later")
        yield {"p": p, "wave": wave, "draft": draft}


@pytest.fixture
def buurtwerker(world, client, settings):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(world["p"].buurtwerker)
    return client


def _codes(wave, n=2) -> list[SurveyCode]:
    return list(SurveyCode.objects.filter(wave=wave, used=False).order_by("pk")[:n])


def _paper(client: Client, wave, code: str, **answers):
    data = {"step": "answers", "language": "nl-be", "code": code}
    data.update({f"a-{k}": v for k, v in answers.items()})
    return client.post(reverse("surveys:paper", args=[wave.pk]), data)


def test_a_paper_form_counts_once_and_a_second_entry_is_refused_keeping_what_was_typed(
    world, buurtwerker
):
    wave = world["wave"]
    code = _codes(wave, 1)[0]
    page = buurtwerker.get(reverse("surveys:paper", args=[wave.pk])).content.decode()
    assert 'name="code"' in page and 'name="a-tevreden"' in page
    saved = _paper(buurtwerker, wave, codes.display(code.code).lower(), tevreden="4")
    assert saved.status_code == 302
    code.refresh_from_db()
    assert (code.used, code.channel) == (True, Channel.PAPER)
    # The letter's language, not the screen's: the personas' household reads Dutch.
    assert Ballot.objects.filter(wave=wave).count() == 1
    after = buurtwerker.get(saved["Location"]).content.decode()
    assert "Het papieren formulier is bewaard." in after
    assert code.code not in after and codes.display(code.code) not in after
    again = _paper(buurtwerker, wave, code.code, tevreden="2", opmerking=REMARK)
    text = again.content.decode()
    assert again.status_code == 400
    assert "er is al een papieren formulier met deze code ingevuld" in text
    assert REMARK in text  # what was typed stays
    assert 'value="2" checked' in text
    assert Ballot.objects.filter(wave=wave).count() == 1


def test_a_code_used_online_is_refused_on_paper_naming_the_channel(world, buurtwerker):
    wave = world["wave"]
    online, portal = _codes(wave, 2)
    actions.submit(code=online, channel=Channel.ONLINE, answers={"tevreden": "5"}, language="fr")
    actions.submit(code=portal, channel=Channel.PORTAL, answers={"tevreden": "5"}, language="fr")
    text = _paper(buurtwerker, wave, online.code, tevreden="3").content.decode()
    assert "het gezin antwoordde online" in text
    text = _paper(buurtwerker, wave, portal.code, tevreden="3").content.decode()
    assert "het gezin antwoordde in het portaal" in text


def test_paper_entry_shows_every_problem_at_once_and_saves_nothing(world, buurtwerker):
    wave = world["wave"]
    response = _paper(buurtwerker, wave, "", opmerking=REMARK)
    text = response.content.decode()
    assert response.status_code == 400
    assert "Typ de code van de brief of het papieren formulier." in text
    assert 'href="#f-a-tevreden-0"' in text  # the required question, in the summary
    assert REMARK in text
    assert not Ballot.objects.filter(wave=wave).exists()
    # A code of another wave is not this wave's.
    other = new_wave(wave.survey, [world["p"].estate], opens_on=wave.opens_on, name="Ander")
    actions.open_wave(wave=other)
    foreign = SurveyCode.objects.filter(wave=other).first()
    assert foreign is not None
    text = _paper(buurtwerker, wave, foreign.code, tevreden="3").content.decode()
    assert "hoort bij een andere bevraging of ronde" in text
    assert not SurveyCode.objects.filter(pk=foreign.pk, used=True).exists()


def test_wrong_codes_are_slowed_down_and_logged_without_what_was_typed(
    world, buurtwerker, settings, caplog
):
    settings.SURVEY_CODE_MISSES = (3, 900)
    caplog.set_level(logging.DEBUG)
    wave = world["wave"]
    guesses = ["ACDEFGHJ", "ACDEFGHK", "ACDEFGHM"]
    for guess in guesses:
        response = _paper(buurtwerker, wave, guess, tevreden="3")
        assert response.status_code == 400
        assert "We kennen deze code niet." in response.content.decode()
    good = _codes(wave, 1)[0]
    waiting = _paper(buurtwerker, wave, good.code, tevreden="3")
    assert waiting.status_code == 429
    assert "Wacht een kwartier" in waiting.content.decode()
    assert not SurveyCode.objects.filter(pk=good.pk, used=True).exists()
    burst = AuditEntry.objects.filter(object_type="survey-code-guessing")
    assert burst.count() == 1 and burst.get().actor == world["p"].buurtwerker
    logged = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert "unknown codes typed by user" in logged
    for typed in [*guesses, good.code]:
        assert typed not in logged
    # The public code page of the estate is not slowed down by a colleague's typos.
    public = Client().post(
        reverse("surveys_public:estate", args=[world["p"].estate.slug]),
        {"step": "code", "code": good.code},
    )
    assert public.status_code == 200


def test_at_the_door_the_code_first_then_the_questions_then_an_empty_screen(world, buurtwerker):
    wave = world["wave"]
    url = reverse("surveys:door", args=[wave.pk])
    start = buurtwerker.get(url).content.decode()
    assert 'name="code"' in start and "a-tevreden" not in start
    code = _codes(wave, 1)[0]
    # A pasted QR address works too: the code is after the "#".
    qr = f"https://wijkpunt.example/e/{world['p'].estate.slug}/#{codes.display(code.code)}"
    questions = buurtwerker.post(url, {"step": "code", "code": qr})
    text = questions.content.decode()
    assert questions.status_code == 200
    assert 'name="a-tevreden"' in text and f'type="hidden" name="code" value="{code.code}"' in text
    # The resident reads French: the questions switch, what was typed stays.
    switched = buurtwerker.post(
        url,
        {"step": "answers", "code": code.code, "language": "nl-be", "switch_to": "fr",
         "a-opmerking": REMARK},
    )  # fmt: skip
    text = switched.content.decode()
    assert "Êtes-vous satisfait ?" in text and REMARK in text
    missing = buurtwerker.post(
        url, {"step": "answers", "code": code.code, "language": "fr", "a-opmerking": REMARK}
    )
    assert missing.status_code == 400 and REMARK in missing.content.decode()
    assert not SurveyCode.objects.filter(pk=code.pk, used=True).exists()
    saved = buurtwerker.post(
        url,
        {"step": "answers", "code": code.code, "language": "fr", "a-tevreden": "5",
         "a-opmerking": REMARK},
    )  # fmt: skip
    assert saved.status_code == 302 and saved["Location"] == url
    code.refresh_from_db()
    assert (code.used, code.channel) == (True, Channel.DOOR)
    ballot = Ballot.objects.get(wave=wave)
    assert ballot.language == "fr" and ballot.answers["opmerking"] == REMARK
    after = buurtwerker.get(url).content.decode()
    assert "U kunt naar de volgende deur." in after
    assert REMARK not in after and code.code not in after and "a-tevreden" not in after
    # The same letter again at the door: refused, naming the channel.
    twice = buurtwerker.post(url, {"step": "code", "code": code.code})
    assert twice.status_code == 400
    assert "het gezin antwoordde aan de deur" in twice.content.decode()


def test_a_code_used_while_the_door_questions_were_asked_keeps_the_answers(world, buurtwerker):
    wave = world["wave"]
    code = _codes(wave, 1)[0]
    url = reverse("surveys:door", args=[wave.pk])
    buurtwerker.post(url, {"step": "code", "code": code.code})
    actions.submit(code=code, channel=Channel.ONLINE, answers={"tevreden": "1"}, language="nl-be")
    late = buurtwerker.post(
        url,
        {"step": "answers", "code": code.code, "language": "nl-be", "a-tevreden": "4",
         "a-opmerking": REMARK},
    )  # fmt: skip
    text = late.content.decode()
    assert late.status_code == 400
    assert "het gezin antwoordde online" in text and REMARK in text
    assert Ballot.objects.filter(wave=wave).count() == 1


def test_entry_waits_until_the_wave_is_open(world, buurtwerker):
    draft = world["draft"]
    assert draft.status == WaveStatus.DRAFT
    for name in ("surveys:door", "surveys:paper"):
        page = buurtwerker.get(reverse(name, args=[draft.pk]))
        assert "u kunt alleen antwoorden invullen zolang ze loopt" in page.content.decode()
        posted = buurtwerker.post(reverse(name, args=[draft.pk]), {"code": "ACDEFGHJ"})
        assert posted.status_code == 409
