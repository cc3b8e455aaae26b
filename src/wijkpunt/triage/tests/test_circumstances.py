# ruff: noqa: E501 - the texts read best on one line each
"""Reasoning about circumstances: danger implied rather than named, and its look-alikes.

Every text here was written for these tests: none is in the training or held-out files (a test
checks that), so they pin what the reasoning does on words the model has not learnt."""

from __future__ import annotations

import pytest
from sklearn.model_selection import train_test_split

from wijkpunt.triage import circumstances, engine
from wijkpunt.triage.defaults import ASK_DANGER_ABOVE
from wijkpunt.triage.service import asks_danger_question, get_model, suggest

pytestmark = pytest.mark.django_db

# (situation the reasoning must find, text)
IMPLIED = [
    # someone not seen, not answering
    (
        "signs someone is missing or cannot answer",
        "De kranten van de oude meneer op nr 31 liggen al sinds vrijdag op zijn mat en hij doet niet open",
    ),
    (
        "signs someone is missing or cannot answer",
        "tis nie pluis, ons bomma van hiernaast haar rolluik is al drie dagen nie opgetrokken en ze neemt nie op",
    ),
    (
        "signs someone is missing or cannot answer",
        "Les journaux de ma voisine âgée s'entassent devant sa porte depuis mercredi et elle ne répond pas",
    ),
    (
        "signs someone is missing or cannot answer",
        "my neighbour who lives alone hasn't picked up his post since Saturday and nobody answers when I knock",
    ),
    (
        "signs someone is missing or cannot answer",
        "je n'arrive pas à joindre ma mère âgée depuis trois jours",
    ),
    (
        "signs someone is missing or cannot answer",
        "ik krijg mijn vader (84) al twee dagen niet te pakken",
    ),
    # cannot get up, breathe, think clearly
    (
        "someone cannot get up, breathe or think clearly",
        "Mijn tante van 84 is uit bed gegleden en krijgt zichzelf niet meer recht, ze ligt daar al van vannacht",
    ),
    (
        "someone cannot get up, breathe or think clearly",
        "mon père respire très mal et ses lèvres deviennent bleues",
    ),
    # indirect words about ending a life
    (
        "indirect words about ending a life",
        "Mijn collega zegt dat iedereen beter af is zonder hem en hij heeft zijn motor weggegeven",
    ),
    (
        "indirect words about ending a life",
        "she told me calmly that she has put her papers in order and that it will all be over soon",
    ),
    (
        "indirect words about ending a life",
        "Mon cousin dit qu'il ne voit plus l'intérêt de rien et il a écrit une lettre pour ses enfants",
    ),
    (
        "indirect words about ending a life",
        "he says he has no reason to live and is giving away his things",
    ),
    # a (former) partner threatens or is at the door
    (
        "threat or violence at home",
        "my ex is kicking the door right now and my kids are here",
    ),
    (
        "threat or violence at home",
        "Mijn ex-man staat nu aan de overkant van de straat te wachten en mijn twee kinderen zijn bij mij",
    ),
    (
        "threat or violence at home",
        "my partner has locked me in the flat and taken my phone, I'm writing from my laptop",
    ),
    (
        "threat or violence at home",
        "Mon ex est revenu ce soir, il tambourine à la porte et mon bébé pleure",
    ),
    # shouting with crying
    (
        "shouting with crying or blows",
        "ik hoor hiernaast een man schreeuwen en een kind dat huilt en om hulp roept",
    ),
    # a young child alone
    (
        "a young child alone",
        "Een kleuter zit al een hele tijd alleen op het balkon van de zevende en niemand reageert",
    ),
    # fire, smouldering, carbon monoxide
    (
        "signs of fire or smouldering",
        "het ruikt naar verbrand rubber in de gang en de rookmelder op de tweede piept aan een stuk",
    ),
    (
        "signs of fire or smouldering",
        "the socket behind the fridge is scorched and smells of melting plastic",
    ),
    (
        "signs of carbon monoxide",
        "Sinds de kachel brandt hebben mijn man en ik hoofdpijn en zijn we duizelig",
    ),
    (
        "signs of carbon monoxide",
        "Nous avons tous mal à la tête et des nausées depuis que le chauffe-eau au gaz tourne",
    ),
    # basic needs gone
    (
        "no heating in the cold with someone vulnerable",
        "De verwarming is sinds eergisteren uitgevallen, het vriest buiten en ik heb een baby van zes weken",
    ),
    (
        "no heating in the cold with someone vulnerable",
        "the boiler broke down two days ago, it's freezing and my mother is 93",
    ),
    (
        "no power for medical equipment",
        "De stroom is uitgevallen en mijn vader slaapt met een zuurstoftoestel",
    ),
    (
        "no food for the children",
        "Ik heb niets meer te eten voor mijn kindjes en het is pas de tiende van de maand",
    ),
    (
        "no water with a baby or someone vulnerable",
        "Pas d'eau du tout depuis deux jours et j'ai un nourrisson",
    ),
]

# Look-alikes: the same words, no danger now.
DECOYS = [
    "Mijn gasfactuur is hoger dan vorig jaar, kan iemand die eens nakijken?",
    "de branddeur naar de kelder blijft haken, ze valt niet meer vanzelf dicht",
    "De rookmelder in de living piept om de paar minuten, de batterij is denk ik op",
    "the smoke alarm in my bedroom chirps once a minute, probably the battery",
    "le détecteur de fumée bipe, je pense qu'il faut changer la pile",
    "Vorige week stond mijn ex hier aan de deur, de politie is gekomen en sindsdien is alles rustig",
    "Wat moet ik doen als ik ooit gas ruik in de kelder?",
    "what should I do if the fire alarm goes off at night?",
    "Mijn buurman van 88 is kerngezond, hij zou wel graag eens kaarten met andere mensen",
    "ma voisine âgée va très bien, elle voudrait juste de l'aide pour ses courses",
    "De verwarming in de slaapkamer doet het niet, maar het is juli, het mag na de zomer",
    "the heating stopped working but it's summer, no hurry",
    "De post van mijn buurvrouw stapelde zich op, maar ze belde net: ze is bij haar zoon in Spanje",
    "Het brandalarm ging af maar het was vals alarm, de brandweer is al weg",
    "the carbon monoxide alarm went off yesterday, the technician said it was a faulty detector",
    "Er is geen warm water in de badkamer, het koude water werkt wel",
    "Ik ga dood van de verveling, zijn er activiteiten voor gepensioneerden?",
    "I'm dying to know when the street party is",
    "de kinderen spelen alleen op het pleintje, kan er een bank voor de ouders komen?",
    "mijn zoon heeft zijn oude fiets weggegeven aan de buurjongen, mag die in onze berging?",
]

# Negation and cancellation: the danger the text names is over.
CANCELLED = [
    "Er hing een brandgeur in de gang maar het bleek de barbecue van de buren",
    "de verwarming was kapot met het vriezen, maar ze is hersteld en alles is terug in orde",
    "The smoke alarm went off but it was a false alarm, there was no fire",
    "Il y avait une odeur de brûlé ce matin, ce n'était rien, le technicien est passé",
    "de buurvrouw van 85 had haar post laten liggen, maar ze was gewoon op reis",
]


@pytest.mark.parametrize(("situation", "text"), IMPLIED)
def test_implied_danger_is_found_and_made_urgent(situation, text):
    found = circumstances.assess(engine.normalise(text))
    assert situation in found.situations, (text, found)
    assert found.score >= 0.5, (text, found)
    s = suggest(text)
    assert s.urgent, (text, s)
    assert f"urgent: {situation}" in s.explanation, s.explanation


@pytest.mark.parametrize("text", DECOYS)
def test_look_alikes_are_not_urgent(text):
    s = suggest(text)
    assert not s.urgent, (text, s)
    assert circumstances.assess(engine.normalise(text)).score < 0.3, text


@pytest.mark.parametrize("text", CANCELLED)
def test_a_danger_that_is_over_is_not_urgent(text):
    assert not suggest(text).urgent, text
    assert circumstances.assess(engine.normalise(text)).score < 0.3, text


def test_cues_of_risk_duration_and_now_raise_the_score():
    base = circumstances.assess(engine.normalise("hij staat beneden aan de deur"))
    more = circumstances.assess(
        engine.normalise("mijn ex staat nu beneden aan de deur en de kinderen zijn bij mij")
    )
    assert more.score > base.score
    assert {"now", "young"} <= set(more.cues)
    heating = "de verwarming is kapot"
    assert circumstances.assess(engine.normalise(heating)).score == 0
    cold = circumstances.assess(engine.normalise(heating + " en het vriest"))
    cold_baby = circumstances.assess(engine.normalise(heating + ", het vriest en ik heb een baby"))
    assert 0 < cold.score < 0.5 <= cold_baby.score


def test_reassurance_and_procedure_questions_lower_the_score():
    danger = "mijn buurvrouw van 90 doet al drie dagen niet open"
    assert circumstances.assess(engine.normalise(danger)).score >= 0.6
    fine = circumstances.assess(engine.normalise(danger + ", maar ze belde: alles is goed"))
    assert fine.score < 0.3
    question = circumstances.assess(
        engine.normalise("wat moet ik doen als mijn buurvrouw van 90 niet opendoet?")
    )
    assert question.score < 0.3


def test_the_model_and_the_circumstances_combine_as_a_noisy_or():
    model = get_model()
    text = "de post van mijn buurvrouw van 83 stapelt zich op sinds maandag"
    implied = circumstances.assess(engine.normalise(text)).score
    assert 0 < implied < 1
    for p in (0.0, 0.2, 0.6):
        score, hits = model._combine_urgent(p, text)
        assert score == pytest.approx(1 - (1 - p) * (1 - implied))
        assert any(h.key == "signs someone is missing or cannot answer" for h in hits)
    # Nothing implied: the model's score is left alone.
    assert model._combine_urgent(0.3, "de kraan in de keuken lekt")[0] == pytest.approx(0.3)


def test_the_danger_question_is_asked_only_in_between():
    """The intake asks "Is someone in danger right now?" when a suggestion is not urgent but
    its urgent confidence reaches ``ASK_DANGER_ABOVE``: not for a dripping tap, and not when
    the suggestion is urgent anyway (then the 112 advice is shown)."""
    assert 0 < ASK_DANGER_ABOVE < get_model().urgent_threshold
    plain = suggest("de kraan in de keuken druppelt een beetje")
    assert not plain.urgent and plain.urgent_confidence < ASK_DANGER_ABOVE
    uncertain = suggest("ik zie het even niet meer zitten, kan ik met iemand praten")
    assert not uncertain.urgent and uncertain.urgent_confidence >= ASK_DANGER_ABOVE
    urgent = suggest("ik ruik gas in de keuken")
    assert [asks_danger_question(s) for s in (plain, uncertain, urgent)] == [False, True, False]


def test_test_texts_are_not_in_the_training_or_held_out_data():
    seen = {engine.normalise(e.text) for e in engine.shipped_examples()}
    for path in engine.HELDOUT_FILES:
        seen |= {engine.normalise(e.text) for e in engine.read_tsv(path)[0]}
    texts = [t for _s, t in IMPLIED] + DECOYS + CANCELLED
    assert not [t for t in texts if engine.normalise(t) in seen]


def test_every_held_out_file_stays_out_of_training():
    training = {engine.normalise(e.text) for e in engine.shipped_examples()}
    assert len(engine.HELDOUT_FILES) >= 2
    for path in engine.HELDOUT_FILES:
        rows, problems = engine.read_tsv(path)
        assert not problems and rows, path
        leaked = [e.text for e in rows if engine.normalise(e.text) in training]
        assert not leaked, (path.name, leaked[:3])


def test_a_single_example_of_a_new_kind_does_not_break_the_tuning_split():
    """One urgent correction in a category that has no urgent example yet (say, hoarding that
    traps someone) must not make ``retrain`` fail on the stratified split."""
    examples = [engine.Example(f"tekst {i}", "herstelling", i % 3 == 0) for i in range(30)]
    examples.append(engine.Example("iets nieuws", "woonsituatie", True))
    strata = engine._strata(examples)
    assert strata[-1] == "herstelling/1"
    train, valid = train_test_split(examples, test_size=0.2, random_state=13, stratify=strata)
    assert len(train) + len(valid) == len(examples)


def test_every_urgent_reason_has_a_label_in_each_language():
    """Every reason ``urgency`` or ``circumstances`` can put in an explanation has a label, and
    ``labels.explain`` gives it in Dutch and French (the words of the text stay as they are)."""
    import inspect
    import re

    from django.utils import translation

    from wijkpunt.triage import labels, urgency

    keys = {p.key for p in urgency.PATTERNS} | {"no heating, vulnerable people, cold", "no heating"}
    keys |= set(re.findall(r'add\(\s*"([^"]+)"', inspect.getsource(circumstances)))
    assert len(keys) > 35
    assert not keys - set(labels.URGENT_REASONS), keys - set(labels.URGENT_REASONS)
    with translation.override("nl-be"):
        assert labels.explain("urgent: gas smell") == "dringend: gasgeur"
        assert (
            labels.explain("urgent: signs someone is missing or cannot answer")
            == "dringend: tekenen dat iemand vermist is of niet kan antwoorden"
        )
        assert labels.explain("traphal") == "traphal"
    with translation.override("fr"):
        assert labels.explain("urgent: no food for the children") == (
            "urgent : rien à manger pour les enfants"
        )
    with translation.override("en"):
        assert labels.explain("urgent: a young child alone") == "urgent: a young child alone"
