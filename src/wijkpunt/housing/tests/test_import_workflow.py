"""Import jobs move through one transition table (housing/workflow.py), checked in one place."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from django.utils import translation

from wijkpunt.housing import actions, workflow
from wijkpunt.housing.models import Dwelling, ImportJob
from wijkpunt.housing.models import ImportJobStatus as S

from .conftest import DWELLING_ROWS, dwelling_csv

pytestmark = pytest.mark.django_db

EXPECTED = {
    (S.PENDING, S.VALIDATING),
    (S.PENDING, S.FAILED),
    (S.VALIDATING, S.VALIDATED),
    (S.VALIDATING, S.FAILED),
    (S.VALIDATED, S.RUNNING),
    (S.VALIDATED, S.FAILED),
    (S.RUNNING, S.DONE),
    (S.RUNNING, S.FAILED),
}


def make_job(personas, status) -> ImportJob:
    job = ImportJob(original_name="register.csv", created_by=personas.letting, status=status)
    job.file.save("register.csv", io.BytesIO(dwelling_csv(*DWELLING_ROWS)), save=False)
    job.save()
    return job


def test_the_table_is_exactly_the_documented_workflow():
    assert set(workflow.TRANSITIONS) == set(S.values)
    pairs = {(a, b) for a, targets in workflow.TRANSITIONS.items() for b in targets}
    assert pairs == EXPECTED


@pytest.mark.parametrize("current", list(S.values))
@pytest.mark.parametrize("target", list(S.values))
def test_check_transition_refuses_what_the_table_does_not_hold(current, target):
    if (current, target) in EXPECTED:
        workflow.check_transition(current, target)
    else:
        with translation.override("en"), pytest.raises(workflow.TransitionError) as caught:
            workflow.check_transition(current, target)
        assert str(caught.value).startswith("An import cannot go from “")


def test_every_status_change_in_the_actions_goes_through_the_table():
    """No ``job.status = …`` outside ``_move``: a new path cannot skip the check."""
    source = Path(actions.__file__).read_text()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_move":
            continue
        if isinstance(node, ast.FunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign):
                    for t in inner.targets:
                        assert not (isinstance(t, ast.Attribute) and t.attr == "status"), (
                            f"{node.name} sets a status without workflow.check_transition"
                        )


@pytest.mark.parametrize("status", [S.PENDING, S.VALIDATING, S.RUNNING, S.DONE, S.FAILED])
def test_only_a_checked_file_can_be_confirmed(personas, media, status):
    job = make_job(personas, status)
    actions.confirm_import_job(job=job, user=personas.letting)
    job.refresh_from_db()
    assert job.status == status
    assert not Dwelling.objects.filter(external_ref="W-10").exists()


@pytest.mark.parametrize("status", [S.DONE, S.FAILED, S.VALIDATED])
def test_a_worker_leaves_finished_and_checked_jobs_alone(personas, media, status):
    job = make_job(personas, status)
    actions.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == status


def test_a_job_cancelled_while_its_worker_was_busy_stays_cancelled(personas, media, monkeypatch):
    """The worker finishes a check after someone cancelled the stalled job: it stays failed."""
    job = make_job(personas, S.VALIDATING)
    real = actions.import_registry

    def slow_check(**kwargs):
        report = real(**kwargs)
        ImportJob.objects.filter(pk=job.pk).update(status=S.FAILED, report={"cancelled": True})
        return report

    monkeypatch.setattr(actions, "import_registry", slow_check)
    actions.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == S.FAILED and job.report == {"cancelled": True}


def test_a_full_run_follows_the_table(personas, media):
    job = make_job(personas, S.PENDING)
    actions.run_import_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == S.VALIDATED
    actions.confirm_import_job(job=job, user=personas.letting)
    job.refresh_from_db()
    assert job.status == S.DONE
    assert Dwelling.objects.filter(external_ref="W-10").exists()
