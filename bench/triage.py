"""signals.triage: time per text on one core, and quality on the held-out set.

Speed: ``suggest()`` one text at a time (the way a signal arrives), single-threaded
(threadpoolctl limits BLAS/OpenMP to one thread), against a trivial keyword lookup on the same
texts. Quality: macro-F1 over the categories and urgent recall/precision on each held-out file
(``triage/data/heldout*.tsv``, never used for training), against a keyword baseline."""

from __future__ import annotations

import re
import time

from threadpoolctl import threadpool_limits

KEYWORDS = {
    "herstelling": ["lek", "kapot", "verwarming", "schimmel", "kraan", "fuit", "leak", "broken"],
    "huur-en-betaling": ["huur", "waarborg", "loyer", "rent", "deposit"],
    "overlast": ["lawaai", "buren", "bruit", "noise", "neighbour"],
    "gemeenschappelijke-delen": ["gang", "traphal", "container", "vuil", "hall", "bins"],
    "welzijn-en-zorg": ["eenzaam", "zorg", "hulp", "seul", "lonely"],
    "financiele-zorgen": ["schuld", "factuur", "deurwaarder", "dette", "debt", "bill"],
    "woonsituatie": ["te klein", "verhuizen", "te groot", "trop petit", "too small", "move"],
    "veiligheid": ["inbraak", "ingebroken", "gas", "brand", "drugs", "cambriol", "break-in"],
    "samenleven": ["idee", "vrijwilliger", "buurtfeest", "merci", "thank", "volunteer"],
    "administratie": ["contract", "attest", "wachtlijst", "bail", "lease", "waiting list"],
}
URGENT_WORDS = re.compile(r"gas|brand|rook|mes|gevallen|zelfmoord|vriest|afsluit|feu|fire|knife")


def keyword_lookup(text: str) -> tuple[str, bool]:
    low = text.lower()
    best, best_hits = "herstelling", 0  # the most frequent category
    for category, words in KEYWORDS.items():
        hits = sum(word in low for word in words)
        if hits > best_hits:
            best, best_hits = category, hits
    return best, bool(URGENT_WORDS.search(low))


def _texts(n: int) -> list[str]:
    from wijkpunt.triage import engine

    texts = [e.text for e in engine.heldout_examples()]
    return (texts * (n // len(texts) + 1))[:n]


def speed(size: int) -> list[dict]:
    from wijkpunt.triage.service import get_model, suggest

    n = min(max(size // 10, 500), 5000)
    texts = _texts(n)
    with threadpool_limits(limits=1):
        get_model()  # load (or train) once, outside the measurement
        suggest(texts[0])
        runs, base_runs = [], []
        for _round in range(2):
            start = time.perf_counter()
            for text in texts:
                suggest(text)
            runs.append((time.perf_counter() - start) / n * 1000)
            start = time.perf_counter()
            for text in texts:
                keyword_lookup(text)
            base_runs.append((time.perf_counter() - start) / n * 1000)
    value, base = min(runs), min(base_runs)
    return [
        {
            "value": round(value, 3),
            "unit": "ms/text",
            "baseline": round(base, 4),
            "ratio": round(value / base, 1) if base else None,
            "target": "<= 5",
            "met": value <= 5,
            "texts": n,
        }
    ]


def quality(size: int) -> list[dict]:
    """Quality on each held-out file: ``heldout.tsv`` under ``signals.triage.quality.*`` and
    ``heldout_circumstances.tsv`` (danger implied by circumstances, and look-alikes) under
    ``signals.triage.quality.implied.*``."""
    from sklearn.metrics import f1_score

    from wijkpunt.triage import engine
    from wijkpunt.triage.service import get_model

    model = get_model()
    figures = []
    for path, prefix in zip(
        engine.HELDOUT_FILES,
        ("signals.triage.quality", "signals.triage.quality.implied"),
        strict=True,
    ):
        examples = engine.heldout_examples(path)
        report = engine.evaluate(model, examples)
        guesses = [keyword_lookup(e.text) for e in examples]
        truth = [e.category for e in examples]
        base_f1 = float(f1_score(truth, [g[0] for g in guesses], average="macro", zero_division=0))
        tp = sum(e.urgent and g[1] for e, g in zip(examples, guesses, strict=True))
        base_recall = tp / max(1, sum(e.urgent for e in examples))
        base_precision = tp / max(1, sum(g[1] for g in guesses))

        def figure(name, value, base, limit, prefix=prefix, report=report):
            return {
                "bench": f"{prefix}.{name}",
                "value": value,
                "unit": "",
                "baseline": round(base, 4),
                "ratio": round(value / base, 2) if base else None,
                "target": f">= {limit}",
                "met": value >= limit,
                "heldout": report["n"],
            }

        figures += [
            figure("macro_f1", report["macro_f1"], base_f1, 0.85),
            figure("urgent_recall", report["urgent_recall"], base_recall, 0.95),
            figure("urgent_precision", report["urgent_precision"], base_precision, 0.5),
        ]
    return figures


BENCHMARKS = {"signals.triage.speed": speed, "signals.triage.quality": quality}
