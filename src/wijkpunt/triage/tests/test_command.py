"""``wijkpunt triage``: the JSON lines contract, --evaluate and retrain."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(stdin: str) -> list[dict]:
    out = io.StringIO()
    call_command("triage", stdin=io.StringIO(stdin), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_json_lines_contract_keeps_ids_of_every_type():
    ids = [1, "sig-2", None, 3.5, {"ref": 7}, [1, 2], True]
    stdin = "".join(json.dumps({"id": i, "text": "Ik ruik gas in de traphal"}) + "\n" for i in ids)
    lines = run(stdin)
    assert [line["id"] for line in lines] == ids
    for line in lines:
        assert set(line) == {"id", "category", "urgent", "confidence", "owner"}
        assert line["category"] == "veiligheid"
        assert line["urgent"] is True
        assert isinstance(line["confidence"], float) and 0 <= line["confidence"] <= 1
        assert line["owner"] == "housing:woonconsulent"


def test_bad_lines_give_an_error_line_and_the_rest_goes_on():
    stdin = (
        '{"id": 1, "text": "de kraan lekt"}\n'
        "dit is geen json\n"
        "[1, 2]\n"
        '{"id": "x"}\n'
        '{"id": 4, "text": 12}\n'
        '{"id": 5, "text": "   "}\n'
        "\n"
        '{"id": 6, "text": "ik wil vrijwilliger worden"}\n'
    )
    lines = run(stdin)
    assert [line["id"] for line in lines] == [1, None, None, "x", 4, 5, 6]
    assert lines[0]["category"] == "herstelling"
    assert all("error" in line and line["error"] for line in lines[1:6])
    assert "2" in lines[1]["error"]  # the line number
    assert lines[6]["category"] == "samenleven"


def test_evaluate_prints_the_figures(tmp_path):
    path = tmp_path / "set.tsv"
    path.write_text(
        "\ufeffcategory\turgent\ttext\r\n"
        "herstelling\t0\tde kraan in de keuken lekt\r\n"
        "veiligheid\t1\tik ruik gas in de gang\r\n"
        "overlast\t0\tde buren maken elke nacht lawaai\r\n"
        'samenleven\t0\t"ik wil helpen bij het buurtfeest"\r\n'
        "onbekend\t0\twat is dit\r\n"
        "herstelling\tmaybe\tkapotte lamp\r\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("triage", evaluate=str(path), stdout=out, stderr=err)
    text = out.getvalue()
    assert "examples: 4 (skipped lines: 1, unknown category: 1)" in text
    assert "unknown category: 'onbekend'" in text
    assert "macro-F1: 1.000" in text
    assert "urgent recall: 1.000" in text
    assert "urgent precision: 1.000" in text
    assert "per-category F1:" in text and "herstelling" in text
    assert "line 7" in err.getvalue()


def test_evaluate_refuses_a_missing_or_headless_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("triage", evaluate=str(tmp_path / "nope.tsv"))
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\nc\td\n", encoding="utf-8")
    with pytest.raises(CommandError, match="category"):
        call_command("triage", evaluate=str(bad))
