"""XLSForm in and out: every supported construct, every refusal with its place, nothing
written on error, and an export that imports back to the same survey."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation

from wijkpunt.partners.models import Organisation, OrganisationKind
from wijkpunt.surveys import actions_xlsform, definition, xlsform
from wijkpunt.surveys.models import Language, Question, QuestionKind, Survey
from wijkpunt.surveys.tests.test_answer import make_survey
from wijkpunt.surveys.tests.xlsform_books import (
    CHOICES_HEADER,
    SCALE_LIST,
    SURVEY_HEADER,
    book,
    full_book,
)
from wijkpunt.testing import rolled_back

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def org(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield Organisation.objects.create(
            name="Woonmaatschappij XLS", kind=OrganisationKind.HOUSING_COMPANY
        )


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, org):
    """The full workbook, imported once for the module."""
    with django_db_blocker.unblock():
        survey = actions_xlsform.import_xlsform(data=full_book(), organisation=org)
    return survey


def _plain(defn: definition.SurveyDef) -> dict:
    """A definition without its database ids, to compare two surveys."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "pk"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(dataclasses.asdict(defn))


def _places(exc: xlsform.XLSFormError) -> set[tuple]:
    return {(p.sheet, p.row, p.column) for p in exc.problems}


def test_every_supported_construct_becomes_the_matching_question(imported):
    defn = definition.load(imported)
    assert defn.title == {"nl-be": "Bewonersbevraging"}
    assert defn.languages == ["nl-be", "fr", "en"]
    assert (imported.form_id, imported.version) == ("bewoners_2026", 3)
    assert [s.name for s in defn.sections] == ["dienst", "section_1"]
    assert defn.sections[0].title == {"nl-be": "Dienstverlening", "fr": "Service"}
    kinds = {q.name: q.kind for q in defn.all_items()}
    assert kinds == {
        "contact": "single",
        "reden": "multiple",
        "tevreden": "scale5",
        "cijfer": "rating10",
        "personen": "number",
        "jaren": "number",
        "gebouw": "grid",
        "hal": "scale5",
        "lift": "scale5",
        "overgang": "note",
        "woord": "short_text",
        "ideeen": "long_text",
    }
    q = {item.name: item for item in defn.all_items()}
    assert q["contact"].required and q["contact"].hint == {"nl-be": "Het laatste jaar"}
    assert q["contact"].label == {"nl-be": "Had u contact met ons?", "fr": "Contact ?"}
    assert [c.value for c in q["contact"].choices] == ["ja", "nee"]
    assert q["contact"].choices[0].label == {"nl-be": "Ja", "fr": "Oui", "en": "Yes"}
    assert q["reden"].max_choices == 2 and q["reden"].allow_other
    assert q["reden"].show_if == {
        "mode": "all",
        "rules": [{"question": "contact", "op": "eq", "value": "ja"}],
    }
    assert [c.score for c in q["tevreden"].choices] == [1, 2, 3, 4, 5, None]
    assert q["cijfer"].bounds == (0, 10) and q["cijfer"].choices == []
    assert (q["personen"].min_value, q["personen"].max_value) == (1, 12)
    assert q["personen"].whole_number and not q["jaren"].whole_number
    assert q["personen"].show_if == {
        "mode": "any",
        "rules": [
            {"question": "reden", "op": "selected", "value": "herstel"},
            {"question": "contact", "op": "ne", "value": "nee"},
        ],
    }
    assert q["jaren"].show_if["rules"] == [{"question": "personen", "op": "gt", "value": "2"}]
    assert (q["jaren"].min_value, q["jaren"].max_value) == (0, None)
    assert [r.name for r in q["gebouw"].rows] == ["hal", "lift"]
    assert q["hal"].required and q["hal"].grid == "gebouw"
    assert [c.score for c in q["gebouw"].choices] == [1, 2, 3, 4, 5, None]
    assert q["ideeen"].show_if["rules"] == [{"question": "cijfer", "op": "ge", "value": "5"}]


def test_an_export_imports_back_to_the_same_survey(imported, org):
    again = actions_xlsform.import_xlsform(data=xlsform.export(imported), organisation=org)
    assert _plain(definition.load(again)) == _plain(definition.load(imported))
    assert (again.form_id, again.version) == (imported.form_id, imported.version)


def test_a_survey_built_in_wijkpunt_survives_export_and_import(org):
    original = make_survey(org)
    original.intro = {"nl-be": "Welkom", "fr": "Bienvenue"}
    original.save()
    Question.objects.filter(survey=original, name="q_ideas").update(theme="buurtwerk")
    again = actions_xlsform.import_xlsform(data=xlsform.export(original), organisation=org)

    def norm(d: dict) -> dict:
        # A condition without a mode holds when all its rules do: the import writes "all".
        for item in [*d["sections"], *(q for s in d["sections"] for q in s["questions"])]:
            if item["show_if"]:
                item["show_if"].setdefault("mode", "all")
        return d

    assert _plain(definition.load(again)) == norm(_plain(definition.load(original)))


@pytest.mark.once("sqlite")
def test_relevant_expressions_translate_both_ways():
    both = [
        ("${a} = 'ja'", {"mode": "all", "rules": [{"question": "a", "op": "eq", "value": "ja"}]}),
        (
            "(${n} >= 3 and ${n} < 10)",
            {
                "mode": "all",
                "rules": [
                    {"question": "n", "op": "ge", "value": "3"},
                    {"question": "n", "op": "lt", "value": "10"},
                ],
            },
        ),
        (
            "not(selected(${m}, 'x')) or ${a} = ''",
            {
                "mode": "any",
                "rules": [
                    {"question": "m", "op": "not_selected", "value": "x"},
                    {"question": "a", "op": "not_answered"},
                ],
            },
        ),
    ]
    for expression, condition in both:
        assert xlsform.relevant_to_condition(expression) == condition
    for bad in [
        "${a} = 'x' and ${b} = 'y' or ${c} = 'z'",
        "${a} + 1 > 3",
        "'ja' = ${a}",
        "string-length(${a}) > 3",
        "${a} = 'x' and",
        "count-selected(${m}) > 1",
    ]:
        with pytest.raises(ValueError):
            xlsform.relevant_to_condition(bad)


BAD_SURVEY = [
    SURVEY_HEADER + ["calculation", "label::Klingon (tlh)"],
    ["begin_repeat", "kinderen", "Kinderen", "", "", "", "", "", "", "", ""],  # 2
    ["calculate", "som", "", "", "", "", "", "", "", "1+1", ""],  # 3
    ["geopoint", "plek", "Waar?", "", "", "", "", "", "", "", ""],  # 4
    ["start", "begin", "", "", "", "", "", "", "", "", ""],  # 5
    ["select_one janee", "contact", "Contact?", "", "", "misschien", "", "", "", "", ""],  # 6
    ["select_one onbekend", "x", "X?", "", "", "", "", "", "", "", ""],  # 7
    ["text", "contact", "Nog eens?", "", "", "", "", "", "", "", ""],  # 8
    ["text", "woord", "Woord?", "", "", "", "${later} = 'x'", "", "", "", ""],  # 9
    ["text", "woord2", "Woord?", "", "", "", "${contact} = 'x' and ${a} = 'b' or 1", "", "",
     "", ""],  # 10
    ["text", "woord3", "Woord?", "", "", "", "", "regex(., '^a')", "", "", ""],  # 11
    ["integer", "getal", "Getal?", "", "", "", "", ". != 3", "", "", ""],  # 12
    ["text", "mijn naam", "Naam?", "", "", "", "", "", "", "", ""],  # 13
    ["select_one janee", "c2", "C2?", "", "", "", "${contact} = 'misschien'", "", "", "", ""],
    ["begin_group", "deel", "Deel", "", "", "", "", "", "", "", ""],  # 15
    ["begin_group", "binnen", "Binnen", "", "", "", "", "", "", "", ""],  # 16
    ["text", "t", "T?", "", "", "", "", "", "", "", ""],  # 17
    ["end_group", "", "", "", "", "", "", "", "", "", ""],  # 18
    ["end_group", "", "", "", "", "", "", "", "", "", ""],  # 19
    ["image", "foto", "Foto?", "", "", "", "", "", "", "", ""],  # 20
    ["text", "later", "Later?", "", "", "", "", "", "", "", ""],  # 21
    ["begin_group", "open", "Open", "", "", "", "", "", "", "", ""],  # 22
]  # fmt: skip
BAD_CHOICES = [
    CHOICES_HEADER,
    ["janee", "ja", "Ja", "Oui", "Yes"],
    ["janee", "nee", "Nee", "Non", "No"],
    ["janee", "ja", "Ja!", "", ""],  # 4
    ["janee", "", "Leeg", "", ""],  # 5
]
EXPECTED_PLACES = {
    ("survey", 1, "label::Klingon (tlh)"),
    ("survey", 2, "type"),
    ("survey", 3, "type"),
    ("survey", 3, "calculation"),
    ("survey", 4, "type"),
    ("survey", 5, "type"),
    ("survey", 6, "required"),
    ("survey", 7, "type"),
    ("survey", 8, "name"),
    ("survey", 9, "relevant"),
    ("survey", 10, "relevant"),
    ("survey", 11, "constraint"),
    ("survey", 12, "constraint"),
    ("survey", 13, "name"),
    ("survey", 14, "relevant"),
    ("survey", 16, "type"),
    ("survey", 20, "type"),
    ("survey", 22, "type"),
    ("choices", 4, "name"),
    ("choices", 5, "name"),
    ("external_choices", None, None),
}


def test_every_refusal_is_listed_at_once_with_its_place_and_nothing_is_written(org):
    before = Survey.objects.count()
    data = book(BAD_SURVEY, BAD_CHOICES, extra={"external_choices": [["list_name"], ["x"]]})
    with pytest.raises(xlsform.XLSFormError) as caught:
        actions_xlsform.import_xlsform(data=data, organisation=org, filename="slecht.xlsx")
    assert _places(caught.value) == EXPECTED_PLACES
    assert Survey.objects.count() == before
    problem = next(p for p in caught.value.problems if p.row == 8)
    assert (problem.letter, problem.place.count("8")) == ("B", 1)
    assert "“contact”" in problem.message and "6" in problem.message
    relevant = next(p for p in caught.value.problems if p.row == 9)
    assert relevant.letter == "G" and "${later}" in relevant.message


@pytest.mark.parametrize(
    ("data", "place"),
    [
        (b"not a workbook", ("–", None, None)),
        (book([["type", "name"]], extra={"notes": [["x"]]})[:200], ("–", None, None)),
        (book(None, extra={"questions": [["type"]]}), ("survey", None, None)),
        (book([["type", "name", "type"]]), ("survey", 1, None)),
        (book([["name", "label"], ["a", "A?"]]), ("survey", 1, None)),
        (
            book(
                [["type", "name", "label"], ["select_one tevreden", "t", "T?"]],
                [["list_name", "name", "label", "wijkpunt::score"], ["tevreden", "a", "A", "9"]],
            ),
            ("choices", 2, "wijkpunt::score"),
        ),
        (
            book(
                [["type", "name", "label", "wijkpunt::kind"],
                 ["select_one t", "t", "T?", "scale5"]],
                [["list_name", "name", "label"], ["t", "a", "A"], ["t", "b", "B"]],
            ),
            ("survey", 2, "type"),
        ),
        (
            book(
                [["type", "name", "label", "wijkpunt::kind"], ["text", "t", "T?", "scale5"]],
            ),
            ("survey", 2, "wijkpunt::kind"),
        ),
        (
            book([["type", "name", "label"], ["text", "t", "T?"]], None, [["default_language"],
                                                                         ["Klingon (tlh)"]]),
            ("settings", 2, "default_language"),
        ),
    ],
    ids=["garbage", "truncated", "no-survey", "twice", "no-type", "score", "scale", "kind",
         "language"],
)  # fmt: skip
def test_a_broken_workbook_is_refused_with_its_place(data, place):
    with pytest.raises(xlsform.XLSFormError) as caught:
        xlsform.read(data)
    assert place in _places(caught.value)


def test_a_workbook_over_the_size_limit_is_refused_before_reading():
    with translation.override("nl-be"), pytest.raises(xlsform.XLSFormError) as caught:
        xlsform.read(b"0" * (xlsform.MAX_BYTES + 1))
    assert "te groot" in caught.value.problems[0].message


def test_languages_kinds_and_faces_from_the_wijkpunt_columns(org):
    Language.objects.create(code="ar", name="Arabic", native_name="العربية", right_to_left=True)
    survey = [
        ["type", "name", "label", "label::Arabic (ar)", "label::Français", "wijkpunt::kind",
         "wijkpunt::faces", "wijkpunt::theme", "constraint"],
        ["select_one gezicht", "blij", "Blij?", "سعيد؟", "Heureux ?", "scale5", "yes",
         "herstellingen", ""],
        ["select_one drie", "keuze", "Keuze?", "", "", "single", "", "", ""],
        ["integer", "cijfer", "Cijfer?", "", "", "rating10", "", "", ". >= 0 and . <= 10"],
        ["begin_group", "rooster", "Rooster", "", "", "grid", "yes", "", ""],
        ["select_one gezicht", "r1", "Rij 1", "", "", "scale5", "", "", ""],
        ["end_group", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    choices = [["list_name", "name", "label"]] + [
        ["gezicht", v, v.title()] for v in ("boos", "sip", "gewoon", "blij", "heel_blij", "nvt")
    ]
    choices += [["drie", str(n), str(n)] for n in (1, 2, 3, 4, 5)]
    settings = [["form_title", "form_title::French (fr)", "wijkpunt::thanks::English (en)"],
                ["Titel", "Titre", "Thank you"]]  # fmt: skip
    made = actions_xlsform.import_xlsform(data=book(survey, choices, settings), organisation=org)
    defn = definition.load(made)
    assert defn.languages == ["nl-be", "ar", "fr", "en"]
    assert defn.title == {"nl-be": "Titel", "fr": "Titre"} and defn.thanks == {"en": "Thank you"}
    q = {item.name: item for item in defn.all_items()}
    assert q["blij"].kind == QuestionKind.SCALE5 and q["blij"].show_faces
    assert q["blij"].label == {"nl-be": "Blij?", "ar": "سعيد؟", "fr": "Heureux ?"}
    assert [c.score for c in q["blij"].choices] == [1, 2, 3, 4, 5, None]
    assert q["blij"].theme == "herstellingen"
    assert q["keuze"].kind == QuestionKind.SINGLE  # 1–5 but said to be a plain choice
    assert q["cijfer"].kind == QuestionKind.RATING10
    assert q["rooster"].kind == QuestionKind.GRID and q["rooster"].show_faces
    assert q["r1"].kind == QuestionKind.SCALE5


def test_a_table_list_header_row_is_not_a_question(org):
    survey = [
        ["type", "name", "label", "appearance"],
        ["begin_group", "tabel", "Hoe vindt u…", "table-list"],
        ["select_one tevreden", "kop", "", "label"],
        ["select_one tevreden", "hal", "de hal", "list-nolabel"],
        ["select_one tevreden", "tuin", "de tuin", "list-nolabel"],
        ["end_group", "", "", ""],
        ["decimal", "bedrag", "Bedrag?", ""],
    ]
    choices = [["list_name", "name", "label"]] + [row[:3] for row in SCALE_LIST]
    made = actions_xlsform.import_xlsform(
        data=book(survey, choices), organisation=org, filename="vragenlijst.xlsx"
    )
    defn = definition.load(made)
    assert defn.title == {"nl-be": "vragenlijst"}  # no settings sheet: the file's name
    assert [s.name for s in defn.sections] == ["section_1"]
    grid = defn.sections[0].questions[0]
    assert (grid.kind, [r.name for r in grid.rows]) == ("grid", ["hal", "tuin"])
    amount = defn.question("bedrag")
    assert amount is not None and amount.kind == "number" and not amount.whole_number


def test_the_example_workbook_of_the_docs_imports(org):
    from pathlib import Path

    example = Path(__file__).parents[4] / "docs" / "examples" / "bewonersbevraging.xlsx"
    survey = actions_xlsform.import_xlsform(data=example.read_bytes(), organisation=org)
    defn = definition.load(survey)
    assert defn.languages == ["nl-be", "fr", "en"]
    assert [s.name for s in defn.sections] == ["dienstverlening", "buurtwerk"]
    assert defn.question("gebouw").kind == QuestionKind.GRID
