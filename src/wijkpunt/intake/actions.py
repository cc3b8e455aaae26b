"""Writes of the intake: a report with its files, and adding a file to a signal. They call the
signalling actions; nothing here bypasses routing, deadlines or the history."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from wijkpunt.intake.attachments import CleanFile, clean_upload, clean_uploads
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.actions import Intake
from wijkpunt.signalling.models import Attachment, EventKind, Signal, SignalEvent


@transaction.atomic
def add_attachment(
    *, signal: Signal, file, user, public: bool = True, allow_pdf: bool = False
) -> Attachment:
    """Store one file for a signal (checked and cleaned first, see ``attachments``) and write
    an ``attachment`` event. ``file`` is an uploaded file or an already cleaned ``CleanFile``.
    Raises ValidationError for a file we cannot accept; nothing is stored then."""
    clean = file if isinstance(file, CleanFile) else clean_upload(file, allow_pdf=allow_pdf)
    attachment = Attachment(
        signal=signal,
        original_name=clean.original_name,
        content_type=clean.content_type,
        size=len(clean.content),
        public=public,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    attachment.file.save(clean.storage_name(), ContentFile(clean.content), save=False)
    try:
        attachment.save()
        SignalEvent.objects.create(
            signal=signal,
            kind=EventKind.ATTACHMENT,
            actor=attachment.uploaded_by,
            public=public,
            data={
                "attachment": attachment.pk,
                "name": attachment.original_name,
                "content_type": attachment.content_type,
            },
        )
    except Exception:
        # The row is rolled back; do not leave the stored file behind.
        attachment.file.delete(save=False)
        raise
    return attachment


def add_files(
    *, signal: Signal, files: Sequence, user, public: bool, allow_pdf: bool = False
) -> list[Attachment]:
    """Add files to a signal later on (staff with a quote or a visit report, the resident with
    a photo someone asked for), all or nothing: one bad file refuses them all and nothing is
    stored (ValidationError)."""
    cleaned = clean_uploads(files, allow_pdf=allow_pdf)
    if not cleaned:
        raise ValidationError(_("Choose at least one file."), code="required")
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            for clean in cleaned:
                stored.append(add_attachment(signal=signal, file=clean, user=user, public=public))
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return stored


def report(
    *,
    files: Sequence = (),
    allow_pdf: bool = False,
    files_public: bool = True,
    uploader=None,
    **signal_fields,
) -> Intake:
    """Take in a signal with its files, all or nothing.

    Every file is checked before anything is written: one bad file refuses the whole
    submission (ValidationError) and nothing is saved. A retry with the same idempotency key
    returns the first signal and adds no files a second time."""
    cleaned = clean_uploads(files, allow_pdf=allow_pdf)
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            intake = signalling.create_signal(**signal_fields)
            if intake.created:
                actor = (
                    uploader or signal_fields.get("registered_by") or signal_fields.get("reporter")
                )
                for clean in cleaned:
                    stored.append(
                        add_attachment(
                            signal=intake.signal, file=clean, user=actor, public=files_public
                        )
                    )
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return intake
