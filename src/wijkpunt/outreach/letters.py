"""Printable letters: one PDF of many letters, made in the background with a progress bar.

Every capability that sends letters (survey invitations, the letters of ``reach`` for
households without e-mail, …) registers a *source* under a kind in ``SOURCES``:

    class Source(Protocol):
        def count(self, batch) -> int                 # how many letters, before making any
        def letters(self, batch) -> Iterable[Letter]  # each draws its pages (outreach.pdf)
        def access(self, user, batch) -> str          # "ok", "forbidden" (403) or "hidden" (404)
        def finished(self, batch) -> None             # after the file is saved (optional)

``start_batch(kind=…, ref=…, params=…, by=…)`` records a ``LetterBatch`` and enqueues
``outreach.tasks.make_letters`` in the ``letters`` queue after the commit; the task calls
``run_batch``, which streams the letters into one PDF (``pdf.write_letters``: chunks of
``CHUNK`` letters, ``done`` updated after each chunk, memory flat in the number of letters)
and stores it in the default storage under ``letters/``. The page ``outreach:batch`` shows
the progress and, when done, the download (audited). PDFs older than
``LETTER_RETENTION_DAYS`` are removed by ``purge_old_files`` (run at every new batch, by the
``purge_letters`` command and by its task)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import tempfile
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from wijkpunt.outreach import pdf
from wijkpunt.outreach.models import LetterBatch, LetterBatchStatus

logger = logging.getLogger(__name__)

CHUNK = 100  # letters per chunk: the progress moves, and memory holds, this many at a time

# kind -> dotted path of its source (an object with the methods above).
SOURCES: dict[str, str] = {
    "surveys.invitations": "wijkpunt.surveys.letters.invitations",
    "surveys.reminders": "wijkpunt.surveys.letters.reminders",
    "outreach.reach": "wijkpunt.outreach.reach_letters.reach_letters",
}


class Source(Protocol):
    def count(self, batch: LetterBatch) -> int: ...

    def letters(self, batch: LetterBatch) -> Iterable[pdf.Letter]: ...

    def access(self, user, batch: LetterBatch) -> str: ...


def source_of(kind: str) -> Source:
    try:
        return import_string(SOURCES[kind])
    except KeyError as error:
        raise ValueError(f"unknown kind of letters {kind!r}") from error


class NothingToPrint(ValueError):
    """A batch without a single letter."""


def start_batch(
    *, kind: str, ref: str, by, params: dict | None = None, title: str = ""
) -> LetterBatch:
    """Record a batch of ``kind`` letters and make them in the background (after commit).
    Raises NothingToPrint when the source has no letter to make."""
    source = source_of(kind)
    batch = LetterBatch(
        kind=kind,
        ref=ref,
        params=params or {},
        title=title[:200],
        created_by=by if by is not None and by.is_authenticated else None,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    batch.total = source.count(batch)
    if batch.total == 0:
        raise NothingToPrint(_("There are no letters to print."))
    batch.save()
    batch_id = batch.pk
    transaction.on_commit(lambda: _enqueue(batch_id))
    purge_old_files()
    return batch


def _enqueue(batch_id: int) -> None:
    from wijkpunt.outreach.tasks import make_letters

    make_letters.enqueue(batch_id)


def run_batch(*, batch_id: int, chunk_size: int = CHUNK) -> LetterBatch:
    """Make the batch's PDF (the task's body). A batch that was already running (a worker
    that died) starts over; a finished one is left alone."""
    batch = LetterBatch.objects.get(pk=batch_id)
    if batch.status in (LetterBatchStatus.DONE, LetterBatchStatus.FAILED):
        return batch
    LetterBatch.objects.filter(pk=batch_id).update(
        status=LetterBatchStatus.RUNNING, done=0, updated_at=timezone.now()
    )
    source = source_of(batch.kind)

    def progress(done: int) -> None:
        LetterBatch.objects.filter(pk=batch_id).update(done=done, updated_at=timezone.now())

    name = f"letters/{timezone.now():%Y/%m}/batch-{batch.pk}-{secrets.token_hex(8)}.pdf"
    try:
        with tempfile.TemporaryFile() as spool:
            made, pages = pdf.write_letters(
                spool,
                source.letters(batch),
                chunk_size=chunk_size,
                title=batch.title,
                progress=progress,
            )
            spool.seek(0)
            saved = default_storage.save(name, File(spool, name=name))
    except Exception as error:
        logger.exception("Letter batch %s failed", batch_id)
        with translation.override(batch.language):
            message = _("The letters could not be made. Try again, or ask the administrator.")
        LetterBatch.objects.filter(pk=batch_id).update(
            status=LetterBatchStatus.FAILED,
            error=f"{message} ({type(error).__name__})"[:500],
            updated_at=timezone.now(),
            finished_at=timezone.now(),
        )
        return LetterBatch.objects.get(pk=batch_id)
    now = timezone.now()
    LetterBatch.objects.filter(pk=batch_id).update(
        status=LetterBatchStatus.DONE,
        done=made,
        total=made,
        pages=pages,
        file=saved,
        updated_at=now,
        finished_at=now,
    )
    batch.refresh_from_db()
    finished = getattr(source, "finished", None)
    if finished is not None:
        finished(batch)
    return batch


# -- access ----------------------------------------------------------------------------------


def get_batch_for(user, pk) -> LetterBatch:
    """The batch, for the person who started it or staff with the same rights on what it is
    about (as its source decides, now: someone who lost the rights loses the batch): 404 for
    a batch they may not see, 403 for one they see but may not print."""
    batch = LetterBatch.objects.filter(pk=pk).select_related("created_by").first()
    if batch is None or not user.is_authenticated:
        raise Http404("No such batch")
    verdict = source_of(batch.kind).access(user, batch)
    if verdict == "ok":
        return batch
    if verdict == "forbidden":
        raise PermissionDenied
    raise Http404("No such batch")


# -- retention -------------------------------------------------------------------------------


def purge_old_files(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Remove the PDFs of batches made more than ``days`` (``LETTER_RETENTION_DAYS``) ago:
    they hold codes and addresses. The batch row stays (who printed what, when). Returns the
    number of files removed."""
    days = settings.LETTER_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    removed = 0
    old = LetterBatch.objects.filter(created_at__lt=cutoff).exclude(file="")
    for batch in old.only("pk", "file"):
        try:
            default_storage.delete(batch.file)
        except OSError:  # already gone
            logger.warning("Could not remove the file of letter batch %s", batch.pk)
        LetterBatch.objects.filter(pk=batch.pk).update(file="", removed_at=timezone.now())
        removed += 1
    return removed


# -- for the pages ---------------------------------------------------------------------------


def retention_days() -> int:
    return settings.LETTER_RETENTION_DAYS


def household_ids(batch: LetterBatch) -> Iterable[int]:
    """The households whose letters the batch holds (for the audit of a download)."""
    source = source_of(batch.kind)
    ids = getattr(source, "household_ids", None)
    return ids(batch) if ids is not None else []


def back_link(batch: LetterBatch) -> str:
    """Where the batch page links back to (the page it was started from), or ""."""
    source = source_of(batch.kind)
    link = getattr(source, "back_link", None)
    return link(batch) if link is not None else ""
