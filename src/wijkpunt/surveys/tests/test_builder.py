"""The survey builder: the list of surveys, a new survey, the editor (every kind of question,
choices and grid rows, translations and their marks, show-if on earlier answers only, order),
locking and a new version, the phone preview — for designers of the survey's organisation,
other designers (read only), other staff and residents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkpunt.accounts.models import User
from wijkpunt.surveys import actions_builder as build
from wijkpunt.surveys.definition import load
from wijkpunt.surveys.models import (
    Ballot,
    Channel,
    Choice,
    Question,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyCode,
    Wave,
    WaveStatus,
)
from wijkpunt.testing import make_personas, rolled_back


@dataclass
class World:
    p: object
    draft: Survey  # of the housing company, in Dutch and French
    section: Section
    contact: Question  # single choice yes/no
    satisfied: Question  # 5-point scale
    locked: Survey  # with an answer


def _make_world() -> World:
    p = make_personas()
    # Pages in English: the tests read the messages as the code writes them.
    User.objects.update(language="en")
    draft = build.create_survey(
        by=p.coordinator,
        organisation=p.housing,
        title={"nl-be": "Bewonersbevraging", "fr": "Enquête"},
        languages=["nl-be", "fr"],
    )
    section = build.save_section(
        survey=draft, by=p.coordinator, name="service", title={"nl-be": "Dienstverlening"}
    )
    contact = build.save_question(
        survey=draft,
        section=section,
        by=p.coordinator,
        data=build.QuestionData(
            name="q_contact",
            kind=QuestionKind.SINGLE,
            label={"nl-be": "Had u contact?", "fr": "Avez-vous eu contact ?"},
            required=True,
            choices=[
                build.ChoiceData("yes", {"nl-be": "Ja", "fr": "Oui"}),
                build.ChoiceData("no", {"nl-be": "Nee"}),  # French missing
            ],
        ),
    )
    satisfied = build.save_question(
        survey=draft,
        section=section,
        by=p.coordinator,
        data=build.QuestionData(
            name="q_satisfied",
            kind=QuestionKind.SCALE5,
            label={"nl-be": "Bent u tevreden?"},  # French missing
            choices=build.default_scale(),
            show_faces=True,
        ),
    )
    locked = build.create_survey(
        by=p.coordinator,
        organisation=p.housing,
        title={"nl-be": "Vorige bevraging"},
        languages=["nl-be"],
    )
    old_section = build.save_section(survey=locked, by=p.coordinator, name="s1", title={})
    build.save_question(
        survey=locked,
        section=old_section,
        by=p.coordinator,
        data=build.QuestionData(
            name="q_grid",
            kind=QuestionKind.GRID,
            label={"nl-be": "Hoe tevreden bent u over"},
            choices=build.default_scale(),
            rows=[
                build.RowData("q_hall", {"nl-be": "de inkomhal"}),
                build.RowData("q_lift", {"nl-be": "de lift"}, required=True),
            ],
        ),
    )
    wave = Wave.objects.create(
        survey=locked,
        name="Voorjaar",
        status=WaveStatus.OPEN,
        opens_on=dt.date(2026, 3, 1),
        closes_on=dt.date(2026, 4, 1),
    )
    wave.estates.add(p.estate)
    SurveyCode.objects.create(
        wave=wave,
        household=p.household,
        estate=p.estate,
        building=p.building,
        code="ABCD2345",
        used=True,
        channel=Channel.ONLINE,
    )
    return World(p, draft, section, contact, satisfied, locked)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield _make_world()


@pytest.fixture
def w(world, db, settings):
    settings.STAFF_REQUIRE_MFA = False
    return world


def _client(client, user):
    client.force_login(user)
    return client


# -- the list -----------------------------------------------------------------------------------


def test_the_list_shows_surveys_with_version_organisation_status_and_waves(w, client):
    page = _client(client, w.p.coordinator).get(reverse("surveys:home"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bewonersbevraging" in text and "Vorige bevraging" in text
    assert "Woonmaatschappij Test" in text
    assert "locked: has answers" in text and "draft" in text
    assert "Voorjaar" in text  # the wave, with its dates
    assert "1 Mar 2026" in text
    assert reverse("surveys:survey_new") in text
    # The workspace navigation has the surveys item, marked current.
    assert f'href="{reverse("surveys:home")}" aria-current="page"' in text


def test_the_list_costs_the_same_queries_however_many_surveys(w, client):
    c = _client(client, w.p.coordinator)
    c.get(reverse("surveys:home"))
    with CaptureQueriesContext(connection) as few:
        c.get(reverse("surveys:home"))
    for n in range(3):
        build.create_survey(
            by=w.p.coordinator,
            organisation=w.p.housing,
            title={"nl-be": f"Extra {n}"},
            languages=["nl-be"],
        )
    with CaptureQueriesContext(connection) as many:
        page = c.get(reverse("surveys:home"))
    assert "Extra 2" in page.content.decode()
    assert len(many) == len(few)


def test_who_sees_the_list(w, client):
    p = w.p
    # A tenant consultant reads (a survey role) but designs nothing.
    page = _client(client, p.woonconsulent).get(reverse("surveys:home"))
    assert page.status_code == 200
    assert reverse("surveys:survey_new") not in page.content.decode()
    # Staff without a survey role, and residents, are refused.
    for user in (p.technician, p.social_worker, p.tenant, p.outsider):
        client.force_login(user)
        assert client.get(reverse("surveys:home")).status_code == 403
    client.logout()
    assert client.get(reverse("surveys:home")).status_code == 302


@pytest.mark.once("sqlite")
def test_the_navigation_item_is_there_only_for_survey_roles(w, client):
    home = reverse("workspace:home")
    assert reverse("surveys:home") in _client(client, w.p.buurtwerker).get(home).content.decode()
    assert reverse("surveys:home") not in _client(client, w.p.technician).get(home).content.decode()


# -- a new survey -------------------------------------------------------------------------------


def test_a_designer_makes_a_survey_for_their_organisation(w, client):
    c = _client(client, w.p.buurtwerker)
    url = reverse("surveys:survey_new")
    assert c.get(url).status_code == 200
    bad = c.post(url, {"organisation": w.p.community.pk, "main_language": "nl-be"})
    assert bad.status_code == 400
    assert "Give the survey a title." in bad.content.decode()
    assert not Survey.objects.filter(organisation=w.p.community).exists()
    # Not an organisation where they design: refused, nothing saved.
    other = c.post(url, {"organisation": w.p.housing.pk, "title": "X", "main_language": "nl-be"})
    assert other.status_code == 400
    done = c.post(
        url,
        {
            "organisation": w.p.community.pk,
            "title": "Buurtwerk evaluatie",
            "main_language": "nl-be",
            "languages": ["fr", "en"],
        },
    )
    survey = Survey.objects.get(organisation=w.p.community)
    assert done.status_code == 302 and done["Location"] == reverse(
        "surveys:survey", args=[survey.pk]
    )
    assert survey.languages == ["nl-be", "fr", "en"]
    assert survey.title == {"nl-be": "Buurtwerk evaluatie"}
    assert survey.created_by == w.p.buurtwerker


def test_only_designers_make_surveys(w, client):
    for user in (w.p.woonconsulent, w.p.technician):
        client.force_login(user)
        assert client.get(reverse("surveys:survey_new")).status_code == 403


# -- the editor: who may do what ----------------------------------------------------------------


def test_the_designer_of_the_organisation_edits_and_others_read(w, client):
    url = reverse("surveys:survey", args=[w.draft.pk])
    edit_link = reverse("surveys:question", args=[w.draft.pk, w.contact.pk])
    page = _client(client, w.p.coordinator).get(url)
    assert page.status_code == 200
    assert edit_link in page.content.decode()
    # A designer of another organisation, and a tenant consultant, read only.
    for user in (w.p.buurtwerker, w.p.woonconsulent):
        client.force_login(user)
        page = client.get(url)
        text = page.content.decode()
        assert page.status_code == 200
        assert "You can read this survey." in text and edit_link not in text
        assert client.get(edit_link).status_code == 403
        move = reverse("surveys:question_move", args=[w.draft.pk, w.contact.pk])
        assert client.post(move, {"direction": "down"}).status_code == 403
        assert client.post(reverse("surveys:new_version", args=[w.draft.pk])).status_code == 403
    # Staff without a survey role do not see it at all; residents are refused.
    client.force_login(w.p.technician)
    assert client.get(url).status_code == 404
    assert client.get(reverse("surveys:preview", args=[w.draft.pk])).status_code == 404
    client.force_login(w.p.tenant)
    assert client.get(url).status_code == 403
    assert client.get(reverse("surveys:preview_frame", args=[w.draft.pk])).status_code == 403
    client.force_login(w.p.coordinator)
    assert client.get(reverse("surveys:survey", args=[999999])).status_code == 404


def test_missing_translations_are_marked_and_counted(w, client):
    text = (
        _client(client, w.p.coordinator)
        .get(reverse("surveys:survey", args=[w.draft.pk]))
        .content.decode()
    )
    assert "translation missing: Français" in text
    defn = load(w.draft)
    from wijkpunt.surveys.views_builder import completeness

    dutch, french = completeness(defn, {"nl-be": "Nederlands", "fr": "Français"})
    assert dutch.complete and dutch.done == dutch.total
    # French lacks the section title, q_satisfied and "Nee" (the scale comes translated)
    assert french.missing == 3
    assert f"{french.done} of {french.total}" in text


# -- every kind of question through the editor ----------------------------------------------


def _texts(prefix, nl, fr=""):
    return {f"{prefix}_nl-be": nl, f"{prefix}_fr": fr}


KINDS = {
    QuestionKind.SINGLE: {
        "choice_0_value": "a",
        **_texts("choice_0_label", "Antwoord A", "Réponse A"),
        "choice_1_value": "b",
        **_texts("choice_1_label", "Antwoord B"),
        "allow_other": "on",
    },
    QuestionKind.MULTIPLE: {
        "choice_0_value": "hall",
        **_texts("choice_0_label", "Inkomhal"),
        "choice_1_value": "lift",
        **_texts("choice_1_label", "Lift"),
        "choice_2_value": "garden",
        **_texts("choice_2_label", "Tuin"),
        "max_choices": "2",
    },
    QuestionKind.SCALE5: {},  # the default scale the form offers
    QuestionKind.RATING10: {},
    QuestionKind.NUMBER: {"min_value": "0", "max_value": "12", "whole_number": "on"},
    QuestionKind.SHORT_TEXT: {},
    QuestionKind.LONG_TEXT: {},
    QuestionKind.GRID: {
        "show_faces": "on",
        "row_0_name": "q_k_grid_hall",
        **_texts("row_0_label", "De inkomhal", "Le hall"),
        "row_1_name": "q_k_grid_lift",
        **_texts("row_1_label", "De lift"),
        "row_1_required": "on",
    },
    QuestionKind.NOTE: {},
}


def _initial_post(form) -> dict:
    """What the form offers when it opens, as a browser would post it."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value in (None, False, ""):
            continue
        data[name] = "on" if value is True else str(value)
    return data


def test_every_kind_of_question_is_made_through_the_editor_and_previewed(w, client):
    c = _client(client, w.p.coordinator)
    survey = build.create_survey(
        by=w.p.coordinator,
        organisation=w.p.housing,
        title={"nl-be": "Alle soorten"},
        languages=["nl-be", "fr"],
    )
    c.post(reverse("surveys:section_new", args=[survey.pk]), {"name": "all", "showif_mode": "all"})
    section = Section.objects.get(survey=survey)
    editor = reverse("surveys:survey", args=[survey.pk])
    with CaptureQueriesContext(connection) as empty:
        c.get(editor)
    url = reverse("surveys:question_new", args=[survey.pk, section.pk])
    for kind, extra in KINDS.items():
        opened = c.get(url, {"kind": kind})
        assert opened.status_code == 200, kind
        data = {
            **_initial_post(opened.context["form"]),
            "kind": kind,
            "name": f"q_k_{kind}",
            **_texts("label", f"Vraag {kind}", f"Question {kind}"),
            "hint_nl-be": "Een hint",
            "theme": "dienstverlening",
            "showif_mode": "all",
            **extra,
        }
        if kind not in (QuestionKind.NOTE, QuestionKind.GRID):
            data["required"] = "on"
        saved = c.post(url, data)
        assert saved.status_code == 302, (kind, saved.context and saved.context["form"].errors)
    defn = load(survey)
    by_name = {q.name: q for q in defn.all_items()}
    single = by_name["q_k_single"]
    assert [c.value for c in single.choices] == ["a", "b"] and single.allow_other
    assert single.required and single.theme == "dienstverlening"
    assert single.choices[0].label == {"nl-be": "Antwoord A", "fr": "Réponse A"}
    assert by_name["q_k_multiple"].max_choices == 2
    scale = by_name["q_k_scale5"]
    assert [c.score for c in scale.choices] == [1, 2, 3, 4, 5, None]
    assert scale.choices[-1].value == "no_opinion"
    number = by_name["q_k_number"]
    assert (number.min_value, number.max_value, number.whole_number) == (0, 12, True)
    grid = by_name["q_k_grid"]
    assert grid.show_faces and [r.name for r in grid.rows] == ["q_k_grid_hall", "q_k_grid_lift"]
    assert [r.required for r in grid.rows] == [False, True]
    assert len(grid.choices) == 6  # the rows share the grid's scale
    assert by_name["q_k_note"].kind == QuestionKind.NOTE and not by_name["q_k_note"].required
    assert [q.name for q in defn.sections[0].questions] == [f"q_k_{k}" for k in KINDS]
    # The editor costs the same queries with nine questions as with none.
    with CaptureQueriesContext(connection) as full:
        assert 'id="q-' in c.get(editor).content.decode()
    assert len(full) == len(empty)

    # The preview shows every kind with the respondent's own templates, in a phone frame.
    preview = c.get(reverse("surveys:preview", args=[survey.pk]))
    assert preview.status_code == 200
    assert 'class="sb-phone__frame"' in preview.content.decode()
    frame = c.get(reverse("surveys:preview_frame", args=[survey.pk]), {"taal": "fr"})
    assert frame.status_code == 200
    assert "surveys/answer/_question.html" in [t.name for t in frame.templates]
    html = frame.content.decode()
    for kind in KINDS:
        assert f'id="q-q_k_{kind}"' in html, kind
    assert "Question single" in html and "Réponse A" in html and "Le hall" in html
    assert "sv-face" in html  # the grid's faces
    assert "frame-ancestors 'self'" in frame["Content-Security-Policy"]
    assert frame["X-Frame-Options"] == "SAMEORIGIN"

    # Sending checks the answers like the real form, and saves nothing.
    frame_url = reverse("surveys:preview_frame", args=[survey.pk])
    refused = c.post(frame_url, {"language": "nl-be", "q_k_number": "40"})
    assert refused.status_code == 400
    assert "Deze vraag moet u beantwoorden." in refused.content.decode()
    assert 'value="40"' in refused.content.decode()  # what was typed stays
    answers = {
        "language": "nl-be",
        "q_k_single": "a",
        "q_k_multiple": ["hall", "lift"],
        "q_k_scale5": "4",
        "q_k_rating10": "8",
        "q_k_number": "3",
        "q_k_short_text": "Kort",
        "q_k_long_text": "Lang",
        "q_k_grid_lift": "5",
    }
    accepted = c.post(frame_url, answers)
    assert accepted.status_code == 200
    assert (
        "Deze antwoorden zouden aanvaard worden. Er is niets bewaard." in accepted.content.decode()
    )
    assert not Ballot.objects.exists() and not Response.objects.exists()


def test_bad_input_keeps_what_was_typed_and_saves_nothing(w, client):
    c = _client(client, w.p.coordinator)
    url = reverse("surveys:question_new", args=[w.draft.pk, w.section.pk])
    before = Question.objects.filter(survey=w.draft).count()
    page = c.post(
        url,
        {
            "kind": QuestionKind.MULTIPLE,
            "name": "q_contact",  # taken
            "label_nl-be": "Welke ruimtes?",
            "choice_0_value": "hall",
            "choice_0_label_nl-be": "Inkomhal",
            "max_choices": "3",
            "showif_mode": "all",
        },
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "Check this first" in text
    assert "Another question of this survey has this name." in text or "at least two" in text
    assert "Welke ruimtes?" in text  # kept
    assert Question.objects.filter(survey=w.draft).count() == before
    # An unknown kind is no page.
    assert c.get(url, {"kind": "slider"}).status_code == 404


# -- show-if ------------------------------------------------------------------------------------


def test_show_if_offers_earlier_questions_and_their_answers_only(w, client):
    c = _client(client, w.p.coordinator)
    edit = reverse("surveys:question", args=[w.draft.pk, w.satisfied.pk])
    form = c.get(edit).context["form"]
    offered = dict(form.fields["rule_0_question"].choices)
    assert "q_contact" in offered and "q_satisfied" not in offered
    answers = [v for _group, opts in form.fields["rule_0_answer"].choices[1:] for v, _l in opts]
    assert answers == ["q_contact::yes", "q_contact::no"]
    # The first question has nothing before it.
    first = c.get(reverse("surveys:question", args=[w.draft.pk, w.contact.pk]))
    assert list(first.context["form"].earlier) == []
    base = {
        **_initial_post(form),
        "kind": QuestionKind.SCALE5,
        "showif_mode": "all",
        "rule_0_question": "q_contact",
        "rule_0_op": "eq",
    }
    # An answer of another question than the rule's: refused.
    wrong = c.post(
        edit, {**base, "rule_0_question": "q_satisfied", "rule_0_answer": "q_contact::yes"}
    )
    assert wrong.status_code == 400
    saved = c.post(edit, {**base, "rule_0_answer": "q_contact::yes"})
    assert saved.status_code == 302
    w.satisfied.refresh_from_db()
    assert w.satisfied.show_if == {
        "mode": "all",
        "rules": [{"question": "q_contact", "op": "eq", "value": "yes"}],
    }
    assert (
        "Shows only if: q_contact is Ja (yes)"
        in c.get(reverse("surveys:survey", args=[w.draft.pk])).content.decode()
    )
    # Moving it above the question it depends on is refused, and nothing moves.
    move = reverse("surveys:question_move", args=[w.draft.pk, w.satisfied.pk])
    page = c.post(move, {"direction": "up"}, follow=True)
    assert "Change that condition first." in page.content.decode()
    assert [q.name for q in load(w.draft).questions()] == ["q_contact", "q_satisfied"]


def test_show_if_refuses_later_unknown_questions_and_answers(w):
    later = build.QuestionData(
        name="q_early",
        kind=QuestionKind.SHORT_TEXT,
        label={"nl-be": "Vroeg"},
        show_if={"rules": [{"question": "q_satisfied", "op": "answered"}]},
    )
    with pytest.raises(build.BuilderInvalid) as refused:
        # a question placed before q_satisfied: q_satisfied is not earlier
        build.save_question(
            survey=w.draft, section=w.section, by=w.p.coordinator, data=later, question=w.contact
        )
    assert "earlier" in refused.value.errors["show_if"]
    not_an_answer = build.QuestionData(
        name="q_more",
        kind=QuestionKind.SHORT_TEXT,
        label={"nl-be": "Meer"},
        show_if={"rules": [{"question": "q_contact", "op": "eq", "value": "maybe"}]},
    )
    with pytest.raises(build.BuilderInvalid) as refused:
        build.save_question(
            survey=w.draft, section=w.section, by=w.p.coordinator, data=not_an_answer
        )
    assert "maybe" in refused.value.errors["show_if"]
    # A section's show-if only names questions of sections before it.
    with pytest.raises(build.BuilderInvalid):
        build.save_section(
            survey=w.draft,
            by=w.p.coordinator,
            name="service",
            title={},
            show_if={"rules": [{"question": "q_contact", "op": "answered"}]},
            section=w.section,
        )
    assert not Question.objects.filter(name__in=["q_early", "q_more"]).exists()


# -- order ---------------------------------------------------------------------------------------


def test_sections_and_questions_move_up_and_down_without_javascript(w, client):
    c = _client(client, w.p.coordinator)
    survey = build.create_survey(
        by=w.p.coordinator,
        organisation=w.p.housing,
        title={"nl-be": "Volgorde"},
        languages=["nl-be"],
    )
    one = build.save_section(survey=survey, by=w.p.coordinator, name="one", title={})
    two = build.save_section(survey=survey, by=w.p.coordinator, name="two", title={})
    for name in ("q_a", "q_b"):
        build.save_question(
            survey=survey,
            section=one,
            by=w.p.coordinator,
            data=build.QuestionData(name=name, kind=QuestionKind.LONG_TEXT, label={"nl-be": name}),
        )
    b = Question.objects.get(survey=survey, name="q_b")
    moved = c.post(reverse("surveys:question_move", args=[survey.pk, b.pk]), {"direction": "up"})
    assert moved.status_code == 302 and moved["Location"].endswith(f"#q-{b.pk}")
    assert [q.name for q in load(survey).questions()] == ["q_b", "q_a"]
    a = Question.objects.get(survey=survey, name="q_a")
    # Down from the bottom of a section: into the next one.
    c.post(reverse("surveys:question_move", args=[survey.pk, a.pk]), {"direction": "down"})
    defn = load(survey)
    assert [[q.name for q in s.questions] for s in defn.sections] == [["q_b"], ["q_a"]]
    c.post(reverse("surveys:section_move", args=[survey.pk, two.pk]), {"direction": "up"})
    assert [s.name for s in load(survey).sections] == ["two", "one"]
    c.post(reverse("surveys:section_delete", args=[survey.pk, one.pk]))
    assert [q.name for q in load(survey).questions()] == ["q_a"]


def test_grid_rows_are_renamed_added_and_dropped(w, client):
    c = _client(client, w.p.coordinator)
    survey = build.create_survey(
        by=w.p.coordinator, organisation=w.p.housing, title={"nl-be": "Grid"}, languages=["nl-be"]
    )
    section = build.save_section(survey=survey, by=w.p.coordinator, name="s", title={})
    grid = build.save_question(
        survey=survey,
        section=section,
        by=w.p.coordinator,
        data=build.QuestionData(
            name="q_g",
            kind=QuestionKind.GRID,
            label={"nl-be": "Tevreden over"},
            choices=build.default_scale(),
            rows=[
                build.RowData("q_r1", {"nl-be": "Eén"}),
                build.RowData("q_r2", {"nl-be": "Twee"}),
            ],
        ),
    )
    url = reverse("surveys:question", args=[survey.pk, grid.pk])
    data = _initial_post(c.get(url).context["form"])
    data.update({"row_0_name": "q_r2", "row_1_name": "", "row_1_label_nl-be": ""})
    data.update({"row_2_name": "q_r3", "row_2_label_nl-be": "Drie", "then": "more"})
    saved = c.post(url, {**data, "kind": QuestionKind.GRID})
    assert saved.status_code == 302 and saved["Location"] == url
    rows = list(grid.rows.order_by("position").values_list("name", "label"))
    assert rows == [("q_r2", {"nl-be": "Eén"}), ("q_r3", {"nl-be": "Drie"})]


# -- locking and a new version -----------------------------------------------------------------


def test_a_survey_with_answers_is_read_only_and_a_new_version_is_a_draft(w, client):
    c = _client(client, w.p.coordinator)
    assert w.locked.is_locked
    page = c.get(reverse("surveys:survey", args=[w.locked.pk]))
    text = page.content.decode()
    assert "This survey has answers, so its questions can no longer change" in text
    grid = Question.objects.get(survey=w.locked, name="q_grid")
    assert reverse("surveys:question", args=[w.locked.pk, grid.pk]) not in text
    # Changing it anyway is refused, with the reason, and nothing changes.
    refused = c.post(
        reverse("surveys:question", args=[w.locked.pk, grid.pk]),
        {"name": "q_other", "label_nl-be": "Anders"},
        follow=True,
    )
    assert "Make a new version to change them." in refused.content.decode()
    with pytest.raises(build.SurveyLocked):
        build.delete_question(question=grid, by=w.p.coordinator)
    assert Question.objects.filter(survey=w.locked).count() == 3

    made = c.post(reverse("surveys:new_version", args=[w.locked.pk]))
    copy = Survey.objects.get(previous_version=w.locked)
    assert made["Location"] == reverse("surveys:survey", args=[copy.pk])
    assert copy.version == 2 and not copy.is_locked
    assert copy.organisation == w.locked.organisation
    old, new = load(w.locked), load(copy)
    assert [(q.name, q.kind, q.grid, q.required) for q in new.all_items()] == [
        (q.name, q.kind, q.grid, q.required) for q in old.all_items()
    ]
    assert [c.label for c in new.question("q_lift").choices] == [
        c.label for c in old.question("q_lift").choices
    ]
    assert Choice.objects.filter(question__survey=copy).count() == 6
    # Asking again leads to the same draft, which the editor changes.
    again = c.post(reverse("surveys:new_version", args=[w.locked.pk]))
    assert again["Location"] == reverse("surveys:survey", args=[copy.pk])
    editor = c.get(reverse("surveys:survey", args=[copy.pk])).content.decode()
    copied = Question.objects.get(survey=copy, name="q_grid")
    assert reverse("surveys:question", args=[copy.pk, copied.pk]) in editor


# -- texts and languages ---------------------------------------------------------------------


def test_texts_and_languages(w, client):
    from wijkpunt.surveys.models import Language

    Language.objects.create(code="tr", name="Turkish", native_name="Türkçe")
    c = _client(client, w.p.coordinator)
    url = reverse("surveys:survey_texts", args=[w.draft.pk])
    form = c.get(url).context["form"]
    assert ("tr", "Türkçe") in form.fields["languages"].choices  # added by an administrator
    data = {**_initial_post(form), "languages": ["fr", "tr"], "intro_nl-be": "Zeg het ons."}
    data.pop("title_nl-be")
    refused = c.post(url, data)
    assert refused.status_code == 400
    w.draft.refresh_from_db()
    assert w.draft.languages == ["nl-be", "fr"]
    done = c.post(url, {**data, "title_nl-be": "Bewonersbevraging 2027"})
    assert done["Location"] == url  # a language added: its texts next
    w.draft.refresh_from_db()
    assert w.draft.languages == ["nl-be", "fr", "tr"]
    assert w.draft.intro == {"nl-be": "Zeg het ons."}
    assert "title_tr" in c.get(url).context["form"].fields


def test_answers_are_reordered_in_the_form_without_javascript(w, client):
    c = _client(client, w.p.coordinator)
    survey = build.create_survey(
        by=w.p.coordinator, organisation=w.p.housing, title={"nl-be": "Rijen"}, languages=["nl-be"]
    )
    section = build.save_section(survey=survey, by=w.p.coordinator, name="s", title={})
    url = reverse("surveys:question_new", args=[survey.pk, section.pk])
    data = {
        **_initial_post(c.get(url, {"kind": QuestionKind.SINGLE}).context["form"]),
        "kind": QuestionKind.SINGLE,
        "name": "q_yes_no",
        "label_nl-be": "Ja of nee?",
    }
    shown = c.post(url, {**data, "move_row": "choice:0:down"})
    assert shown.status_code == 200  # the form again, nothing saved
    assert not Question.objects.filter(survey=survey).exists()
    form = shown.context["form"]
    assert [form[f"choice_{i}_value"].value() for i in range(2)] == ["no", "yes"]
    assert form["choice_0_label_nl-be"].value() == "Nee"
    c.post(url, dict(form.data.items()))
    saved = Question.objects.get(survey=survey, name="q_yes_no")
    assert list(saved.choices.values_list("value", flat=True)) == ["no", "yes"]


def test_a_ballot_or_a_response_locks_a_survey_too(w):
    survey = build.create_survey(
        by=w.p.coordinator, organisation=w.p.housing, title={"nl-be": "Bus"}, languages=["nl-be"]
    )
    wave = Wave.objects.create(
        survey=survey, name="W", opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 2, 1)
    )
    assert not build.is_locked(survey)
    Ballot.objects.create(wave=wave, estate=w.p.estate, building=w.p.building, language="nl-be")
    assert build.is_locked(survey)
    Ballot.objects.all().delete()
    Response.objects.create(wave=wave, language="nl-be")
    assert build.is_locked(survey)
    with pytest.raises(build.SurveyLocked):
        build.save_section(survey=survey, by=w.p.coordinator, name="s", title={})


@pytest.mark.once("sqlite")
def test_links_to_other_pages_of_the_surveys_area_show_once_they_exist(w, client, monkeypatch):
    from wijkpunt.surveys import views_builder

    c = _client(client, w.p.coordinator)
    text = c.get(reverse("surveys:home")).content.decode()
    assert "/wave-" not in text  # the waves' pages are not there (yet): no broken links
    real = views_builder.reverse
    others = {"surveys:wave", "surveys:wave_new", "surveys:xlsform_import"}

    def fake(name, args=()):
        if name in others:
            return f"/{name.split(':')[1].replace('_', '-')}-{'-'.join(map(str, args))}/"
        return real(name, args=args)

    monkeypatch.setattr(views_builder, "reverse", fake)
    text = c.get(reverse("surveys:home")).content.decode()
    wave = Wave.objects.get(survey=w.locked)
    assert f"/wave-{wave.pk}/" in text and f"/wave-new-{w.draft.pk}/" in text
    editor = c.get(reverse("surveys:survey", args=[w.locked.pk])).content.decode()
    assert f'href="/wave-{wave.pk}/">Voorjaar</a>' in editor
    assert "/xlsform-import-/" in text
    # A tenant consultant follows waves but does not start them.
    text = _client(client, w.p.woonconsulent).get(reverse("surveys:home")).content.decode()
    assert "/wave-new-" not in text
