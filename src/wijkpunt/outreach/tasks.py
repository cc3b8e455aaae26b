"""Background work of the letters: making a batch's PDF, removing old ones."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="letters")
def make_letters(batch_id: int) -> None:
    """Make the PDF of one letter batch, updating its progress as it goes."""
    from wijkpunt.outreach.letters import run_batch

    run_batch(batch_id=batch_id)


@task(queue_name="letters")
def purge_letters() -> int:
    """Remove the PDFs older than LETTER_RETENTION_DAYS."""
    from wijkpunt.outreach.letters import purge_old_files

    return purge_old_files()
