"""Staff pages of a letter batch: its progress (htmx refreshes the bar) and, when ready, the
download of the PDF (audited: it holds the households' names, addresses and codes)."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijkpunt.audit.actions import record_list_read, record_read
from wijkpunt.audit.models import AuditAction
from wijkpunt.outreach import letters
from wijkpunt.workspace.access import staff_required


@require_GET
@never_cache
@staff_required(not_found=True)
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    found = letters.get_batch_for(request.user, pk)
    return render(
        request,
        "outreach/batch.html",
        {"batch": found, "back": letters.back_link(found), "retention": letters.retention_days()},
    )


@require_GET
@never_cache
@staff_required(not_found=True)
def batch_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar alone (htmx polls it); when the batch is ready the page reloads."""
    found = letters.get_batch_for(request.user, pk)
    response = render(request, "outreach/_batch_progress.html", {"batch": found})
    if not found.is_busy and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_GET
@never_cache
@staff_required(not_found=True)
def batch_download(request: HttpRequest, pk: int) -> FileResponse:
    found = letters.get_batch_for(request.user, pk)
    if not found.downloadable:
        raise Http404("No file")
    try:
        handle = default_storage.open(found.file, "rb")
    except OSError as error:
        raise Http404("No file") from error
    record_read(
        request=request,
        action=AuditAction.EXPORT,
        object_type="letter_batch",
        object_id=found.pk,
        household_id=None,  # the batch itself; each household's entry follows
        purpose=f"letters {found.kind} {found.ref}",
    )
    record_list_read(
        request=request,
        object_type="household",
        household_ids=letters.household_ids(found),
        purpose=f"letters {found.kind} {found.ref}",
        action=AuditAction.EXPORT,
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"brieven-{found.pk}.pdf",
        content_type="application/pdf",
    )
