"""Background work of the housing registry: large imports."""

from __future__ import annotations

from django_tasks import task

from wijkpunt.housing import actions


@task(queue_name="imports")
def run_import(job_id: int) -> None:
    """Check or import a large registry file, updating its progress as it goes."""
    actions.run_import_job(job_id=job_id)
