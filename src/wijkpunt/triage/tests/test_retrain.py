"""Learning from staff corrections: record_correction, retrain, the model cache."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from wijkpunt.triage import actions, engine, service
from wijkpunt.triage.models import ExampleSource, TrainingExample, TriageModelVersion

pytestmark = pytest.mark.django_db

# A word the shipped data has never seen, taught by corrections.
NEW_WORD = "zwofkast"
TAUGHT = [
    f"de {NEW_WORD} in de inkom is weer vol",
    f"iemand heeft de {NEW_WORD} leeggehaald",
    f"kan de {NEW_WORD} geleegd worden",
    f"{NEW_WORD} staat open en alles waait weg",
    f"de {NEW_WORD} van blok B stinkt",
    f"waar is de sleutel van de {NEW_WORD}",
]


@pytest.fixture(autouse=True)
def fresh_cache():
    service.reset()
    yield
    service.reset()


@pytest.fixture(autouse=True)
def quick_training(monkeypatch, settings, tmp_path):
    """Skip the threshold tuning round in these tests (it doubles the training time). The real
    shipped model is loaded first; a model trained here never reaches the stored model file or
    the process's cache, which other tests and the test servers use."""
    service.shipped_model_file()
    real = engine.train
    monkeypatch.setattr(
        engine, "train", lambda examples=None, tune=True: real(examples, tune=False)
    )
    monkeypatch.setattr(service._cache, "shipped", service._cache.shipped)
    settings.VAR_DIR = tmp_path


def test_record_correction_stores_a_training_example(personas):
    example = actions.record_correction(
        text="  De bel doet het niet  ",
        category="herstelling",
        urgent=False,
        user=personas.woonconsulent,
    )
    assert example.text == "De bel doet het niet"
    assert example.source == ExampleSource.CORRECTION
    assert example.created_by == personas.woonconsulent
    assert example.language == "nl"


@pytest.mark.parametrize(
    ("text", "category"), [("", "herstelling"), ("   ", "overlast"), ("tekst", "bestaat-niet")]
)
def test_bad_corrections_are_refused_and_nothing_saved(text, category):
    with pytest.raises(ValueError):
        actions.record_correction(text=text, category=category, urgent=False, user=None)
    assert not TrainingExample.objects.exists()


def test_a_stored_model_version_loads_again_from_the_database():
    """What retrain stores (a model as bytes) comes back from this database as the active
    model: on PostgreSQL a memoryview of bytea, on SQLite bytes."""
    model = service._shipped_model()
    version = TriageModelVersion.objects.create(
        trained_on=1, model=service.dumps(model), metrics={}, active=True
    )
    service.reset()
    assert service.suggest("ik ruik gas in de gang").urgent
    assert service._cache.version_id == version.id
    assert service._cache.model is not model  # loaded from the row, not the shipped one


# Training takes seconds and does not depend on the database (the stored round trip above
# runs on both): `make test` runs it once.
@pytest.mark.once("sqlite")
def test_retrain_learns_from_corrections(personas):
    probe = f"de {NEW_WORD} naast de lift"
    assert service.suggest(probe).category != "samenleven"
    for text in TAUGHT:
        actions.record_correction(
            text=text, category="samenleven", urgent=False, user=personas.buurtwerker
        )
    version = actions.retrain(user=personas.admin)
    assert version.active and version.corrections == len(TAUGHT)
    assert version.metrics["macro_f1"] > 0.7 and version.metrics["urgent_recall"] > 0.9
    assert service.suggest(probe).category == "samenleven"

    # The stored model loads again in a fresh process (here: a fresh cache).
    service.reset()
    assert service.suggest(probe).category == "samenleven"
    assert service._cache.version_id == version.id

    # `wijkpunt triage retrain` makes a newer version, which replaces the active one, and
    # prints its figures; only one version is active.
    out = io.StringIO()
    call_command("triage", "retrain", stdout=out)
    text = out.getvalue()
    assert "now active" in text and "macro_f1" in text and "urgent_recall" in text
    assert "implied-danger held-out set:" in text
    newer = TriageModelVersion.objects.get(active=True)
    assert newer != version and TriageModelVersion.objects.count() == 2
    assert newer.metrics["implied"]["n"] >= 200
    assert newer.metrics["implied"]["urgent_recall"] > 0.8


def test_a_broken_stored_model_falls_back_to_the_shipped_one():
    TriageModelVersion.objects.create(trained_on=1, model=b"not a model", active=True)
    assert service.suggest("ik ruik gas").urgent
    assert service._cache.version_id is None
