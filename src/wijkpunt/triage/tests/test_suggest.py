"""suggest(): categories in nl/fr/en, urgency and its look-alikes, the human desk."""

from __future__ import annotations

import pytest

from wijkpunt.triage import engine
from wijkpunt.triage.defaults import CATEGORIES, DEFAULT_OWNERS
from wijkpunt.triage.service import Suggestion, suggest, suggest_many

pytestmark = pytest.mark.django_db

OBVIOUS = [
    ("herstelling", "De kraan in de badkamer lekt al een week"),
    ("herstelling", "le chauffage ne fonctionne plus dans la chambre"),
    ("herstelling", "the toilet is blocked and won't flush"),
    ("huur-en-betaling", "Ik heb een huurachterstand en wil een afbetalingsplan"),
    ("huur-en-betaling", "quand vais-je récupérer ma garantie locative"),
    ("huur-en-betaling", "why did my rent go up this year"),
    ("overlast", "De buren maken elke nacht lawaai met harde muziek"),
    ("overlast", "les voisins font du bruit toute la nuit"),
    ("overlast", "the neighbours play loud music every night"),
    ("gemeenschappelijke-delen", "De traphal is vuil en de containers zijn overvol"),
    ("gemeenschappelijke-delen", "la cage d'escalier est très sale"),
    ("gemeenschappelijke-delen", "the bins in the shared garden are overflowing"),
    ("welzijn-en-zorg", "Ik voel mij heel eenzaam en heb hulp nodig thuis"),
    ("welzijn-en-zorg", "je me sens très seule depuis des mois"),
    ("welzijn-en-zorg", "I feel very lonely and need someone to talk to"),
    ("financiele-zorgen", "Ik heb schulden en er is een deurwaarder langs geweest"),
    ("financiele-zorgen", "j'ai des dettes et un huissier est passé"),
    ("financiele-zorgen", "I have debts and a bailiff sent me a letter"),
    ("woonsituatie", "Onze woning is te klein, we zijn met zes in twee slaapkamers"),
    ("woonsituatie", "notre logement est trop petit pour cinq personnes"),
    ("woonsituatie", "our flat is too small for our family, we want to move"),
    ("veiligheid", "Er is ingebroken in de kelderbergingen"),
    ("veiligheid", "il y a du trafic de drogue dans l'escalier"),
    ("veiligheid", "someone broke into the storage rooms last night"),
    ("samenleven", "Ik wil graag vrijwilliger worden bij het buurtfeest"),
    ("samenleven", "je voudrais organiser une fête des voisins"),
    ("samenleven", "I would like to volunteer for the street party"),
    ("administratie", "Mijn partner komt bij mij wonen, moet hij op het huurcontract"),
    ("administratie", "j'ai besoin d'une attestation de location"),
    ("administratie", "I need a copy of my tenancy agreement"),
]

URGENT = [
    "Ik ruik gas in de keuken",
    "er komt zwarte rook uit de kelder",
    "De buurman staat nu met een mes aan mijn deur",
    "Mijn buurvrouw van 85 heb ik al vier dagen niet gezien, de brievenbus puilt uit",
    "mijn vader is gevallen en kan niet meer recht",
    "ik wil niet meer leven",
    "geen verwarming en het vriest, mijn baby is ziek",
    "Fluvius komt morgen de elektriciteit afsluiten",
    "ça sent le gaz dans l'escalier",
    "my neighbour fell and cannot get up",
]

LOOK_ALIKES = [
    "de kraan in de keuken druppelt een beetje",
    "de hond van de buren blaft veel",
    "de rookmelder piept, de batterij is leeg",
    "ik ben het lawaai van de bovenburen beu",
    "vorige maand was er een vechtpartij in de gang, nu is het rustig",
    "er is geen gasgeur meer sinds de herstelling",
    "ik heb een idee voor een buurtfeest",
    "the smoke detector is beeping, low battery",
]


def test_answers_a_suggestion_with_every_field():
    s = suggest("De kraan in de badkamer lekt al een week")
    assert isinstance(s, Suggestion)
    assert s.category in CATEGORIES
    assert 0.0 <= s.confidence <= 1.0
    assert 0.0 <= s.urgent_confidence <= 1.0
    assert s.owner == DEFAULT_OWNERS[s.category] == "housing:technician"
    assert s.language == "nl"
    assert s.explanation and all(isinstance(t, str) for t in s.explanation)


@pytest.mark.parametrize(("category", "text"), OBVIOUS)
def test_obvious_examples_in_three_languages(category, text):
    s = suggest(text)
    assert s.category == category, (text, s)
    assert not s.needs_human


@pytest.mark.parametrize("text", URGENT)
def test_urgent_signals_are_flagged(text):
    s = suggest(text)
    assert s.urgent, (text, s)
    assert any(term.startswith("urgent:") for term in s.explanation)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_urgent(text):
    assert not suggest(text).urgent, text


@pytest.mark.parametrize("text", ["asdkjh qwpoeiru zxmcnv", "???", "x", "12345 678"])
def test_gibberish_goes_to_the_human_desk(text):
    s = suggest(text)
    assert s.needs_human
    assert not s.urgent


def test_desk_threshold_comes_from_settings(settings):
    text = "De kraan in de badkamer lekt al een week"
    settings.TRIAGE_MIN_CONFIDENCE = 1.01
    assert suggest(text).needs_human
    settings.TRIAGE_MIN_CONFIDENCE = 0.0
    assert not suggest(text).needs_human


def test_language_detection_and_override():
    assert suggest("le robinet fuit dans la cuisine").language == "fr"
    assert suggest("the tap in the kitchen is leaking").language == "en"
    assert suggest("de kraan lekt").language == "nl"
    assert suggest("de kraan lekt", language="nl-be").language == "nl-be"


def test_suggest_many_matches_suggest_and_keeps_order():
    texts = [text for _c, text in OBVIOUS[:6]]
    batch = suggest_many(texts)
    assert [s.category for s in batch] == [suggest(t).category for t in texts]
    assert suggest_many([]) == []


def test_one_text_scores_exactly_as_a_batch_does():
    """Intake scores one text at a time on a fast path; it must agree with scikit-learn's
    batch path on every held-out text: category, urgency, confidences and explanation."""
    from wijkpunt.triage.service import get_model

    model = get_model()
    texts = [e.text for e in engine.heldout_examples()] + ["", "???", "gas"]
    batch = model.predict(texts)
    assert len(texts) > engine.ONE_BY_ONE  # the batch really took the scikit-learn path
    for text, expected in zip(texts, batch, strict=True):
        one = model.predict([text])[0]
        assert (one.category, one.urgent, one.explanation) == (
            expected.category,
            expected.urgent,
            expected.explanation,
        ), text
        assert one.confidence == pytest.approx(expected.confidence, abs=2e-4)
        assert one.urgent_confidence == pytest.approx(expected.urgent_confidence, abs=2e-4)


def test_empty_text_does_not_crash():
    s = suggest("")
    assert s.needs_human and not s.urgent


def test_shipped_data_is_clean_and_covers_every_category():
    for name, _weight in engine.TRAINING_FILES:
        rows, problems = engine.read_tsv(engine.DATA_DIR / name)
        assert not problems, (name, problems[:3])
        assert {r.category for r in rows} == set(CATEGORIES)
    heldout, problems = engine.read_tsv(engine.HELDOUT_FILE)
    assert not problems and len(heldout) >= 350
    training = {engine.normalise(e.text) for e in engine.shipped_examples()}
    leaked = [e.text for e in heldout if engine.normalise(e.text) in training]
    assert not leaked, leaked[:3]


def test_tolerant_tsv_reader():
    content = (
        '\ufeffCategory\tUrgent\ttext\r\nherstelling\t1\t"de kraan\tlekt"\r\n\r\nfoo\tx\tbad\r\n'
    )
    import io

    rows, problems = engine.read_tsv(io.StringIO(content))
    assert [(r.category, r.urgent, r.text) for r in rows] == [
        ("herstelling", True, "de kraan\tlekt")
    ]
    assert problems == ["line 4: urgent must be 0 or 1, not 'x'"]
