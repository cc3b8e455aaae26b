"""The triage model: category, urgency and language of a signal's text.

* Text is normalised (lower case, accents folded, whitespace collapsed).
* Features: TF-IDF of word 1-2 grams and of character 2-5 grams within word boundaries (the
  character grams make it robust to spelling mistakes, Flemish spellings and compounds).
* Category: multinomial logistic regression with probabilities.
* Urgency: a separate, class-balanced logistic regression on the same features, combined with
  the curated patterns of ``urgency`` (which handle negation and the past). The threshold is
  tuned on a validation split of the training data, favouring recall.

No network, no downloaded models: everything is trained from the shipped data and from staff
corrections (see ``actions.retrain``)."""

from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

from wijkpunt.triage import circumstances, urgency
from wijkpunt.triage.defaults import CATEGORIES

DATA_DIR = Path(__file__).resolve().parent / "data"
# (file, weight): hand-written examples are closer to real signals than generated ones.
TRAINING_FILES = (
    ("train_generated.tsv", 1.0),
    ("train_handwritten.tsv", 2.0),
    ("train_circumstances.tsv", 2.0),
)
HELDOUT_FILE = DATA_DIR / "heldout.tsv"
# Every held-out file (never trained on); how each was written is in docs/triage.md.
HELDOUT_FILES = (HELDOUT_FILE, DATA_DIR / "heldout_circumstances.tsv")
FORMAT_VERSION = 1
# Up to this many texts are scored one by one (``TriageModel._one``), more in one batch.
ONE_BY_ONE = 4

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("`", "'")
    return _SPACES.sub(" ", text).strip()


# --- language ------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = {
    "nl": _words(
        "de het een en van ik mijn is niet nie dat da wat er op in met voor zijn aan ook "
        "al nog geen maar bij ze hij zij we wij u uw kan moet heb heeft hebben was door "
        "naar deze die dit om te tot als mij me ons onze jullie graag dank bedankt "
        "goeiedag hallo dag sinds meer wel nu"
    ),
    "fr": _words(
        "le la les un une des de du et est je j'ai ne pas plus mon ma mes il elle nous "
        "vous ils sont pour dans avec sur ce cette qui que au aux depuis bonjour merci "
        "c'est n'est tres tout y a ont"
    ),
    "en": _words(
        "the a an and of to is i my not it in on for with are was have has be this that "
        "there can please thanks hello we our they since no at from do does don't i'm"
    ),
}
_COMMON = frozenset().union(*_STOPWORDS.values())  # not worth showing as a reason
_TOKEN = re.compile(r"[a-z']+")


def detect_language(text: str) -> str:
    """nl, fr or en by counting common words; Dutch when in doubt."""
    tokens = _TOKEN.findall(normalise(text))
    if not tokens:
        return "nl"
    scores = {lang: sum(t in words for t in tokens) for lang, words in _STOPWORDS.items()}
    # French elisions (j'ai, l'eau, d'eau, n'a, qu'il) are a strong hint.
    scores["fr"] += sum(1 for t in tokens if re.match(r"^(?:[jldnmcs]|qu)'", t))
    best = max(scores, key=lambda k: (scores[k], k == "nl"))
    return best if scores[best] > scores["nl"] else "nl"


# --- data ----------------------------------------------------------------------------------


@dataclass
class Example:
    text: str
    category: str
    urgent: bool
    language: str = ""
    weight: float = 1.0


class DataError(ValueError):
    pass


TRUE_WORDS = {"1", "true", "yes", "ja", "j", "y", "oui", "waar", "urgent", "dringend"}
FALSE_WORDS = {"0", "false", "no", "nee", "n", "non", "onwaar", ""}


def read_tsv(source: str | Path | io.TextIOBase) -> tuple[list[Example], list[str]]:
    """Read a labelled TSV file (header row with ``category``, ``urgent``, ``text``; an
    optional ``language`` column). Tolerates a BOM, ``\\r\\n`` line ends and quoted fields.
    Returns the examples and a list of problems (line number and what is wrong)."""
    if isinstance(source, str | Path):
        with open(source, encoding="utf-8-sig", newline="") as fh:
            content = fh.read()
    else:
        content = source.read()
        if content.startswith("\ufeff"):
            content = content[1:]
    reader = csv.reader(io.StringIO(content, newline=""), delimiter="\t", quotechar='"')
    rows = list(reader)
    problems: list[str] = []
    if not rows:
        raise DataError("The file is empty.")
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("category", "urgent", "text") if c not in header]
    if missing:
        raise DataError(
            f"The header row must have the columns category, urgent and text (missing: "
            f"{', '.join(missing)})."
        )
    col = {name: header.index(name) for name in header}
    examples = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(f"line {number}: expected {len(header)} columns, found {len(row)}")
            continue
        category = row[col["category"]].strip()
        flag = row[col["urgent"]].strip().lower()
        text = row[col["text"]].strip()
        if flag not in TRUE_WORDS | FALSE_WORDS:
            problems.append(f"line {number}: urgent must be 0 or 1, not {flag!r}")
            continue
        if not text:
            problems.append(f"line {number}: empty text")
            continue
        language = row[col["language"]].strip() if "language" in col else ""
        examples.append(Example(text, category, flag in TRUE_WORDS, language))
    return examples, problems


def shipped_examples() -> list[Example]:
    examples: list[Example] = []
    for name, weight in TRAINING_FILES:
        rows, problems = read_tsv(DATA_DIR / name)
        if problems:  # pragma: no cover - the shipped files are checked by the tests
            raise DataError(f"{name}: {problems[:3]}")
        for row in rows:
            row.weight = weight
        examples.extend(rows)
    return examples


# --- model ---------------------------------------------------------------------------------


@dataclass
class Prediction:
    category: str
    confidence: float
    urgent: bool
    urgent_confidence: float
    language: str
    explanation: list[str] = field(default_factory=list)


def _word_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=normalise,
        analyzer="word",
        ngram_range=(1, 2),
        token_pattern=r"(?u)\b\w[\w']*\b",
        sublinear_tf=True,
        min_df=1,
        max_features=60000,
        dtype=np.float32,
    )


def _char_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=normalise,
        analyzer="char_wb",
        ngram_range=(2, 5),
        sublinear_tf=True,
        min_df=2,
        max_features=80000,
        dtype=np.float32,
    )


def _strata(examples: Sequence[Example]) -> list[str]:
    """Stratify the tuning split on category and urgency. A combination with a single example
    (one urgent correction in a category that had none) joins the largest stratum with the
    same urgency, so that it cannot make the split (and ``retrain``) fail."""
    labels = [f"{e.category}/{int(e.urgent)}" for e in examples]
    counts = Counter(labels)
    largest: dict[str, str | None] = {}
    for label, n in counts.most_common():
        largest.setdefault(label[-1], label if n >= 2 else None)
    fallback = counts.most_common(1)[0][0] if counts else ""
    return [
        label if counts[label] >= 2 else (largest.get(label[-1]) or fallback) for label in labels
    ]


class TriageModel:
    """A fitted triage model. Pickled (joblib) into ``TriageModelVersion.model``."""

    format_version = FORMAT_VERSION

    def __init__(self, *, c_category: float = 8.0, c_urgent: float = 4.0) -> None:
        self.c_category = c_category
        self.c_urgent = c_urgent
        self.urgent_threshold = 0.5
        self.trained_on = 0
        self.trained_at = 0.0

    # fitting ---------------------------------------------------------------------------
    def _fit(self, examples: Sequence[Example]) -> None:
        texts = [e.text for e in examples]
        weights = np.array([e.weight for e in examples], dtype=np.float64)
        self.word = _word_vectorizer().fit(texts)
        self.char = _char_vectorizer().fit(texts)
        for vec in (self.word, self.char):
            vec.stop_words_ = None  # not needed to predict, and large
        x = self._features(texts)
        self.category_clf = LogisticRegression(
            C=self.c_category, max_iter=2000, class_weight="balanced"
        )
        self.category_clf.fit(x, [e.category for e in examples], sample_weight=weights)
        self.urgent_clf = LogisticRegression(
            C=self.c_urgent, max_iter=2000, class_weight="balanced"
        )
        self.urgent_clf.fit(x, [int(e.urgent) for e in examples], sample_weight=weights)
        self.classes_ = [str(c) for c in self.category_clf.classes_]
        self.word_names = np.asarray(self.word.get_feature_names_out(), dtype=object)
        self.n_word = len(self.word_names)

    def fit(self, examples: Sequence[Example], *, tune: bool = True) -> TriageModel:
        """Fit on ``examples``. With ``tune``, first fit on 80% and pick the urgent threshold
        on the other 20% (favouring recall), then refit on everything."""
        unknown = sorted({e.category for e in examples} - set(CATEGORIES))
        if unknown:
            raise DataError(f"Unknown categories in the training data: {', '.join(unknown)}")
        if tune:
            train, valid = train_test_split(
                list(examples), test_size=0.2, random_state=13, stratify=_strata(examples)
            )
            self._fit(train)
            self.urgent_threshold = self._tune_threshold(valid)
        self._fit(examples)
        self.trained_on = len(examples)
        self.trained_at = time.time()
        return self

    def _tune_threshold(self, valid: Sequence[Example]) -> float:
        scores = self._urgent_scores([e.text for e in valid])
        truth = np.array([e.urgent for e in valid])
        best, best_value = 0.5, -1.0
        for threshold in np.arange(0.15, 0.71, 0.01):
            flagged = scores >= threshold
            tp = int((flagged & truth).sum())
            recall = tp / max(1, int(truth.sum()))
            precision = tp / max(1, int(flagged.sum()))
            # F3: recall weighs nine times as much as precision.
            f3 = 10 * precision * recall / max(1e-9, 9 * precision + recall)
            if f3 > best_value + 1e-9:
                best, best_value = float(threshold), f3
        # Generated validation data is easier than real signals: never demand more than 0.5.
        return round(min(best, 0.5), 2)

    # predicting ------------------------------------------------------------------------
    def _features(self, texts: Sequence[str]):
        return sparse.hstack([self.word.transform(texts), self.char.transform(texts)], format="csr")

    def _urgent_scores(self, texts: Sequence[str]) -> np.ndarray:
        """The urgent score of each text: the classifier combined with the curated patterns."""
        p = self.urgent_clf.predict_proba(self._features(texts))[:, 1]
        return np.array(
            [self._combine_urgent(float(p[i]), text)[0] for i, text in enumerate(texts)]
        )

    # One text at a time (intake) -------------------------------------------------------
    # scikit-learn's transform/predict_proba carry a fixed cost per call (validation, sparse
    # matrix building) that dominates for a single short text. ``_one`` computes the same
    # numbers from the fitted vocabularies, idf weights and coefficients directly; a test
    # checks it against the scikit-learn path on the held-out set.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_fast", None)  # rebuilt on first use, never stored
        return state

    def _fast_parts(self) -> tuple:
        fast = self.__dict__.get("_fast")
        if fast is None:
            parts = []
            for vec in (self.word, self.char):
                parts.append((vec.build_analyzer(), vec.vocabulary_, vec.idf_.astype(np.float64)))
            coef = np.vstack([self.category_clf.coef_, self.urgent_clf.coef_]).astype(np.float64)
            intercept = np.concatenate(
                [self.category_clf.intercept_, self.urgent_clf.intercept_]
            ).astype(np.float64)
            fast = self._fast = (parts, coef, intercept)
        return fast

    def _one(self, text: str) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
        """Category probabilities, the classifier's urgent probability, and the word features
        (indices, weights) of one text."""
        parts, coef, intercept = self._fast_parts()
        indices, values = [], []
        offset = 0
        for analyzer, vocabulary, idf in parts:
            grams = Counter(analyzer(text))
            # As in a CSR row: the known grams, by column.
            ordered = sorted(
                (vocabulary[gram], n) for gram, n in grams.items() if gram in vocabulary
            )
            idx = np.fromiter((j for j, _ in ordered), dtype=np.int64, count=len(ordered))
            tf = np.fromiter((n for _, n in ordered), dtype=np.float64, count=len(ordered))
            weights = (1.0 + np.log(tf)) * idf[idx]  # sublinear tf × idf
            norm = np.sqrt(weights @ weights)
            if norm > 0:
                weights /= norm
            indices.append(idx + offset)
            values.append(weights)
            offset += len(idf)
        word_idx, word_values = indices[0], values[0]
        idx, vals = np.concatenate(indices), np.concatenate(values)
        logits = coef[:, idx] @ vals + intercept
        category = logits[:-1]
        proba = np.exp(category - category.max())
        proba /= proba.sum()
        urgent_p = 1.0 / (1.0 + np.exp(-logits[-1]))
        return proba, float(urgent_p), word_idx, word_values

    def _combine_urgent(self, p: float, text: str) -> tuple[float, list]:
        """The urgent score: the classifier's probability ``p`` with the named dangers of
        ``urgency`` (a strong one makes it at least 0.95, a weak one adds half its strength,
        a danger that is over halves it), then combined with the circumstances of
        ``circumstances`` as a noisy OR: ``1 - (1 - score) * (1 - circumstance score)``."""
        norm = normalise(text)
        hits = urgency.scan(norm)
        lex = urgency.lexicon_score(hits)
        if urgency.only_cancelled(hits):
            score = p * 0.5
        elif lex >= 1.0:
            score = max(p, 0.95)
        elif lex > 0:
            score = min(1.0, p + lex * 0.5)
        else:
            score = p
        implied = circumstances.assess(norm)
        if implied.score > 0:
            score = 1.0 - (1.0 - score) * (1.0 - implied.score)
            hits = hits + [urgency.Hit(label, implied.score) for label in implied.situations]
        return score, hits

    def predict(self, texts: Sequence[str], languages: Sequence[str | None] | None = None):
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return []
        if len(texts) <= ONE_BY_ONE:
            rows = []
            for text in texts:
                proba, p, word_idx, word_values = self._one(text)
                rows.append((proba, p, word_idx, word_values))
        else:
            x = self._features(texts)
            all_proba = self.category_clf.predict_proba(x)
            all_p = self.urgent_clf.predict_proba(x)[:, 1]
            word_part = x[:, : self.n_word].tocsr()
            rows = [
                (all_proba[i], float(all_p[i]), word_part[i].indices, word_part[i].data)
                for i in range(len(texts))
            ]
        results = []
        for i, (text, (row, p, word_idx, word_values)) in enumerate(zip(texts, rows, strict=True)):
            score, hits = self._combine_urgent(p, text)
            best = int(row.argmax())
            confidence = float(row[best])
            known_words = len(word_idx)
            if known_words == 0:
                # Not one word we know: the character grams alone are not to be trusted.
                confidence *= 0.3
            elif known_words < 2 or len(text.strip()) < 8:
                confidence *= 0.7
            language = (languages[i] if languages else None) or detect_language(text)
            urgent = score >= self.urgent_threshold
            results.append(
                Prediction(
                    category=self.classes_[best],
                    confidence=round(confidence, 4),
                    urgent=bool(urgent),
                    urgent_confidence=round(float(score), 4),
                    language=language,
                    explanation=self._explain(word_idx, word_values, best, hits if urgent else []),
                )
            )
        return results

    def explain_many(self, items: Sequence[tuple[str, str | None, bool]]) -> list[list[str]]:
        """For each (text, category, urgent): the words of the text that weigh most for that
        category (and, when urgent, the dangers it names) -- the terms ``predict`` gives for
        the category it picks, here for a category chosen otherwise (by a person, or by the
        demo). An unknown category gets no words."""
        if not items:
            return []
        words = self._features([text for text, _, _ in items])[:, : self.n_word].tocsr()
        explained: list[list[str]] = []
        for i, (text, category, urgent) in enumerate(items):
            if category not in self.classes_:
                explained.append([])
                continue
            hits = self._combine_urgent(0.0, text)[1] if urgent else []
            row = words[i]
            klass = self.classes_.index(category)
            explained.append(self._explain(row.indices, row.data, klass, hits))
        return explained

    def _explain(self, indices, values, klass: int, hits, limit: int = 4) -> list[str]:
        terms: list[str] = []
        if len(indices):
            coef = self.category_clf.coef_[klass]
            contrib = values * coef[indices]
            order = np.argsort(-contrib, kind="stable")
            for j in order:
                if contrib[j] <= 0 or len(terms) >= limit:
                    break
                term = str(self.word_names[indices[j]])
                if not all(word in _COMMON for word in term.split()):
                    terms.append(term)
        for hit in hits:
            if hit.cancelled:
                continue
            label = f"urgent: {hit.key}"
            if label not in terms:
                terms.append(label)
        return terms


def train(examples: Iterable[Example] | None = None, *, tune: bool = True) -> TriageModel:
    return TriageModel().fit(
        list(examples) if examples is not None else shipped_examples(), tune=tune
    )


# --- evaluation ----------------------------------------------------------------------------


def evaluate(model: TriageModel, examples: Sequence[Example]) -> dict:
    """Macro-F1 over the categories, per-category F1, urgent recall and precision, and the
    most frequent confusions. Examples with an unknown category are counted, not scored."""
    known = [e for e in examples if e.category in CATEGORIES]
    unknown = Counter(e.category for e in examples if e.category not in CATEGORIES)
    predictions = model.predict([e.text for e in known]) if known else []
    truth = [e.category for e in known]
    guessed = [p.category for p in predictions]
    labels = sorted(set(truth))
    per_category = (
        f1_score(truth, guessed, labels=labels, average=None, zero_division=0) if known else []
    )
    urgent_true = sum(e.urgent for e in known)
    urgent_flagged = sum(p.urgent for p in predictions)
    urgent_hits = sum(e.urgent and p.urgent for e, p in zip(known, predictions, strict=True))
    confusions = Counter((t, g) for t, g in zip(truth, guessed, strict=True) if t != g).most_common(
        8
    )
    return {
        "n": len(known),
        "unknown_categories": dict(unknown),
        "macro_f1": round(float(np.mean(per_category)), 4) if known else 0.0,
        "accuracy": round(
            sum(t == g for t, g in zip(truth, guessed, strict=True)) / max(1, len(known)), 4
        ),
        "per_category": {
            label: {"f1": round(float(f), 4), "n": truth.count(label)}
            for label, f in zip(labels, per_category, strict=True)
        },
        "urgent_n": urgent_true,
        "urgent_flagged": urgent_flagged,
        "urgent_recall": round(urgent_hits / urgent_true, 4) if urgent_true else None,
        "urgent_precision": round(urgent_hits / urgent_flagged, 4) if urgent_flagged else None,
        "urgent_missed": [
            e.text for e, p in zip(known, predictions, strict=True) if e.urgent and not p.urgent
        ][:10],
        "confusions": [{"expected": t, "suggested": g, "count": c} for (t, g), c in confusions],
        "urgent_threshold": model.urgent_threshold,
    }


def heldout_examples(path: Path = HELDOUT_FILE) -> list[Example]:
    return read_tsv(path)[0]
