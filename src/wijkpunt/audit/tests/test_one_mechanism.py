"""Reads of household data are audited through record_read / record_list_read only, so that a
list cannot drift from the others (what is recorded, how, in how many statements)."""

import pathlib
import re


def test_no_view_writes_list_entries_by_hand():
    root = pathlib.Path(__file__).resolve().parents[2]
    by_hand = re.compile(r"\brecord_many\(|AuditEntry\(|AuditEntry\.objects\.(create|bulk_create)")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.parent.name != "audit"
        and by_hand.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# A call record(...) whose arguments name a read (one level of parentheses inside).
READ_BY_HAND = re.compile(r"\brecord\((?:[^()]|\([^()]*\))*?AuditAction\.(VIEW|SEARCH|EXPORT)")


def test_reads_are_not_recorded_with_the_generic_record():
    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.parent.name != "audit"
        and READ_BY_HAND.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
