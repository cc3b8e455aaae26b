"""The independent evaluation set stays well-formed and out of training
(docs/triage-evaluation.md)."""

import csv

from wijkpunt.triage import engine
from wijkpunt.triage.defaults import CATEGORY_LABELS

PATH = engine.DATA_DIR / "eval_independent.tsv"
COLUMNS = ["category", "urgent", "implied", "decoy", "language", "voice", "text"]


def _rows() -> list[dict]:
    with open(PATH, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_the_independent_set_is_never_trained_on_nor_used_as_the_own_heldout_set():
    trained = {name for name, _weight in engine.TRAINING_FILES}
    assert PATH.name not in trained
    assert engine.HELDOUT_FILE != PATH


def test_the_independent_set_reads_without_problems_through_the_evaluation_reader():
    examples, problems = engine.read_tsv(PATH)
    assert problems == []
    assert len(examples) == len(_rows())


def test_every_row_has_a_known_category_and_consistent_flags():
    rows = _rows()
    for number, row in enumerate(rows, start=2):
        assert row["category"] in CATEGORY_LABELS, number
        assert row["urgent"] in {"0", "1"} and row["implied"] in {"0", "1"}, number
        assert row["decoy"] in {"0", "1"}, number
        assert row["language"] in {"nl", "fr", "en"}, number
        assert row["voice"] and row["text"].strip(), number
        # implied-urgent rows are urgent; decoys are not
        assert not (row["implied"] == "1" and row["urgent"] == "0"), number
        assert not (row["decoy"] == "1" and row["urgent"] == "1"), number
    assert len({row["text"] for row in rows}) == len(rows), "every text appears once"
    counts = {slug: sum(row["category"] == slug for row in rows) for slug in CATEGORY_LABELS}
    assert min(counts.values()) >= 25, counts
