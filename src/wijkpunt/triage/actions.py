"""Every write of the triage app: staff corrections and retraining."""

from __future__ import annotations

import logging

from django.db import transaction

from wijkpunt.triage import engine, service
from wijkpunt.triage.defaults import CATEGORIES
from wijkpunt.triage.models import ExampleSource, TrainingExample, TriageModelVersion

logger = logging.getLogger(__name__)
# A staff correction weighs more than one generated example: it is a real signal, in the
# words of this estate, judged by the person who handles it.
CORRECTION_WEIGHT = 3.0


@transaction.atomic
def record_correction(*, text: str, category: str, urgent: bool, user=None) -> TrainingExample:
    """Store what a staff member decided for a signal's text (category and urgency), so the
    next ``retrain`` learns from it. Called by the signalling app when a suggestion is
    corrected (or confirmed)."""
    text = (text or "").strip()
    if not text:
        raise ValueError("A correction needs the signal's text.")
    if category not in CATEGORIES:
        raise ValueError(f"Unknown category {category!r}.")
    return TrainingExample.objects.create(
        text=text,
        category=category,
        urgent=bool(urgent),
        language=engine.detect_language(text),
        source=ExampleSource.CORRECTION,
        created_by=user if user is not None and user.is_authenticated else None,
    )


def training_examples() -> tuple[list[engine.Example], int]:
    """The shipped training set plus every example in the database; when the same text was
    corrected more than once, the latest decision counts."""
    examples = engine.shipped_examples()
    latest: dict[str, TrainingExample] = {}
    for example in TrainingExample.objects.order_by("created_at", "id"):
        latest[engine.normalise(example.text)] = example
    stored = [
        engine.Example(
            text=e.text,
            category=e.category,
            urgent=e.urgent,
            language=e.language,
            weight=CORRECTION_WEIGHT if e.source == ExampleSource.CORRECTION else 1.0,
        )
        for e in latest.values()
    ]
    overridden = set(latest)
    examples = [e for e in examples if engine.normalise(e.text) not in overridden]
    return examples + stored, len(stored)


def retrain(*, user=None) -> TriageModelVersion:
    """Train a new model on the shipped data and all stored examples, measure it on the
    held-out set, store it and make it the active model (here at once, in other processes
    within a minute)."""
    examples, corrections = training_examples()
    model = engine.train(examples)
    metrics = engine.evaluate(model, engine.heldout_examples())
    metrics.pop("urgent_missed", None)
    # The held-out set of danger implied by circumstances, and its look-alikes.
    implied = engine.evaluate(model, engine.heldout_examples(engine.HELDOUT_FILES[1]))
    metrics["implied"] = {
        k: implied[k] for k in ("n", "macro_f1", "urgent_recall", "urgent_precision")
    }
    data = service.dumps(model)
    with transaction.atomic():
        TriageModelVersion.objects.select_for_update().filter(active=True).update(active=False)
        version = TriageModelVersion.objects.create(
            created_by=user if user is not None and user.is_authenticated else None,
            trained_on=len(examples),
            corrections=corrections,
            metrics=metrics,
            model=data,
            active=True,
        )
    service.use(model, version.id)
    logger.info(
        "Triage model %s trained on %s examples: macro-F1 %s, urgent recall %s",
        version.id,
        len(examples),
        metrics["macro_f1"],
        metrics["urgent_recall"],
    )
    return version
