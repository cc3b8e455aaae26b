"""Triage suggestions for a signal's text: the public API of this app.

    from wijkpunt.triage.service import suggest
    s = suggest("Het ruikt naar gas in de gang")
    s.category, s.urgent, s.owner, s.needs_human, s.explanation

Suggestions are explained and confirmed by a person; nothing here decides about a resident.
The model loads once per process: the active ``TriageModelVersion`` from the database when
there is one, otherwise trained in memory from the shipped data (a few seconds). The process
looks for a newer active version at most every ``RELOAD_SECONDS``."""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import joblib
from django.conf import settings
from django.db import DatabaseError

from wijkpunt.triage import engine
from wijkpunt.triage.defaults import ASK_DANGER_ABOVE, owner_for

logger = logging.getLogger(__name__)
RELOAD_SECONDS = 60.0


@dataclass(frozen=True)
class Suggestion:
    category: str
    confidence: float
    urgent: bool
    urgent_confidence: float
    owner: str
    needs_human: bool
    language: str
    explanation: list[str] = field(default_factory=list)


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.model: engine.TriageModel | None = None
        self.version_id: int | None = None
        self.checked_at = 0.0
        self.shipped: engine.TriageModel | None = None

    def clear(self) -> None:
        with self.lock:
            self.model = None
            self.version_id = None
            self.checked_at = 0.0


_cache = _Cache()


def _active_version_id() -> int | None:
    from wijkpunt.triage.models import TriageModelVersion

    try:
        return TriageModelVersion.objects.filter(active=True).values_list("id", flat=True).first()
    except DatabaseError:  # no table yet (before migrate), or no database at all
        return None


def dumps(model: engine.TriageModel) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    return buffer.getvalue()


def loads(data: bytes) -> engine.TriageModel:
    # Only ever bytes written by actions.retrain into our own database.
    model = joblib.load(io.BytesIO(bytes(data)))
    if getattr(model, "format_version", None) != engine.FORMAT_VERSION:
        raise ValueError("stored triage model has an old format")
    return model


def _load_version(version_id: int) -> engine.TriageModel | None:
    from wijkpunt.triage.models import TriageModelVersion

    try:
        data = TriageModelVersion.objects.values_list("model", flat=True).get(id=version_id)
        return loads(data)
    except Exception:  # a broken or old stored model must never stop triage
        logger.exception(
            "Could not load triage model version %s; using the shipped one", version_id
        )
        return None


def _shipped_cache_path():
    """A file in the var folder holding the model trained from the shipped data, keyed on the
    data, the model format and scikit-learn's version: processes load it in a fraction of a
    second instead of training for several."""
    import hashlib

    import sklearn

    digest = hashlib.sha256(f"{engine.FORMAT_VERSION}:{sklearn.__version__}".encode())
    for name, _weight in engine.TRAINING_FILES:
        digest.update((engine.DATA_DIR / name).read_bytes())
    return settings.VAR_DIR / f"triage-shipped-{digest.hexdigest()[:16]}.joblib"


def _shipped_model() -> engine.TriageModel:
    if _cache.shipped is not None:
        return _cache.shipped
    path = _shipped_cache_path()
    try:
        _cache.shipped = loads(path.read_bytes())
        return _cache.shipped
    except FileNotFoundError:
        pass
    except Exception:  # a damaged cache file is replaced
        logger.warning("Ignoring the damaged triage model cache %s", path)
    _cache.shipped = engine.train()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Several processes (web workers, the task worker) may train at the same moment.
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(dumps(_cache.shipped))
        tmp.replace(path)  # atomic: other processes see the whole file or none
    except OSError:
        logger.warning("Could not write the triage model cache %s", path)
    return _cache.shipped


def shipped_model_file():
    """The stored file of the model trained from the shipped data (trained now if missing),
    or None when it cannot be written."""
    _shipped_model()
    path = _shipped_cache_path()
    return path if path.exists() else None


def get_model() -> engine.TriageModel:
    """The model to use now (thread-safe, cheap after the first call)."""
    now = time.monotonic()
    model = _cache.model
    if model is not None and now - _cache.checked_at < RELOAD_SECONDS:
        return model
    with _cache.lock:
        if _cache.model is not None and now - _cache.checked_at < RELOAD_SECONDS:
            return _cache.model
        active = _active_version_id()
        if _cache.model is None or active != _cache.version_id:
            loaded = _load_version(active) if active is not None else None
            if loaded is None:
                loaded, active = _shipped_model(), None
            _cache.model, _cache.version_id = loaded, active
        _cache.checked_at = time.monotonic()
        return _cache.model


def load_if_stored() -> bool:
    """Load the model now if it is stored (the active version, or the shipped model's file),
    never training one (that waits for the first text). True when loaded."""
    if _active_version_id() is None and not _shipped_cache_path().exists():
        return False
    get_model()
    return True


def use(model: engine.TriageModel, version_id: int | None) -> None:
    """Start using a model just trained in this process (``actions.retrain``)."""
    with _cache.lock:
        _cache.model, _cache.version_id = model, version_id
        _cache.checked_at = time.monotonic()


def reset() -> None:
    """Forget the loaded model; the next call loads the active one again."""
    _cache.clear()


def min_confidence() -> float:
    return float(settings.TRIAGE_MIN_CONFIDENCE)


def _to_suggestion(p: engine.Prediction, threshold: float) -> Suggestion:
    return Suggestion(
        category=p.category,
        confidence=p.confidence,
        urgent=p.urgent,
        urgent_confidence=p.urgent_confidence,
        owner=owner_for(p.category),
        needs_human=p.confidence < threshold,
        language=p.language,
        explanation=p.explanation,
    )


def asks_danger_question(suggestion: Suggestion) -> bool:
    """Whether the intake should ask the reporter "Is someone in danger right now?": the
    suggestion is not urgent, but its urgent confidence reaches ``ASK_DANGER_ABOVE``. (An
    urgent suggestion needs no question: the safety advice is shown anyway.)"""
    return not suggestion.urgent and suggestion.urgent_confidence >= ASK_DANGER_ABOVE


def explain_many(items: list[tuple[str, str | None, bool]]) -> list[list[str]]:
    """For each (text, category, urgent), the words that point to that category (see
    ``TriageModel.explain_many``)."""
    return get_model().explain_many(items)


def suggest(text: str, language: str | None = None) -> Suggestion:
    """Suggest category, urgency and owner for one text."""
    return suggest_many([text], languages=[language])[0]


def suggest_many(
    texts: Sequence[str], languages: Sequence[str | None] | None = None
) -> list[Suggestion]:
    """Suggestions for many texts at once (one vectorisation, much faster per text)."""
    if not texts:
        return []
    model = get_model()
    threshold = min_confidence()
    predictions = model.predict(list(texts), languages=languages)
    return [_to_suggestion(p, threshold) for p in predictions]
