"""Registry pages for the housing company: import (check, confirm, progress) and export.

Only people who may manage the registry (``housing.access.can_manage_registry``) get here;
everyone else gets 403."""

from __future__ import annotations

import csv
import io
import tempfile
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkpunt.audit.actions import record_list_read
from wijkpunt.core.spreadsheet import csv_cells
from wijkpunt.housing import actions
from wijkpunt.housing.access import can_manage_registry, visible_estates
from wijkpunt.housing.forms import ExportForm, ImportUploadForm
from wijkpunt.housing.models import Estate, ImportJob
from wijkpunt.housing.reports import count_rows

RECENT_JOBS = 10
PROBLEMS_ON_PAGE = 500
CHANGES_ON_PAGE = 500


def registry_manager_required(view):
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not can_manage_registry(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def export_estates(user):
    """The estates a person may export: the ones their roles cover (a superuser: all)."""
    if user.is_superuser:
        return Estate.objects.all()
    return visible_estates(user)


@require_http_methods(["GET", "POST"])
@registry_manager_required
def registry(request: HttpRequest) -> HttpResponse:
    """Upload a file to check and import; export the registry; the latest imports."""
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = actions.create_import_job(
                upload=form.cleaned_data["file"], user=request.user, total_rows=form.rows
            )
            return redirect("housing:import_job", pk=job.pk)
        status = 400
    else:
        form = ImportUploadForm()
        status = 200
    context = {
        "form": form,
        "export_form": ExportForm(estates=export_estates(request.user)),
        "jobs": ImportJob.objects.select_related("created_by")[:RECENT_JOBS],
    }
    return render(request, "housing/registry.html", context, status=status)


def _job_context(job: ImportJob) -> dict:
    report = job.report or {}
    problems = report.get("problems", [])
    changes = report.get("changes", [])[:CHANGES_ON_PAGE]
    return {
        "changes": changes,
        "more_changes": max(report.get("changes_total", 0) - len(changes), 0),
        "job": job,
        "report": report,
        "counts": count_rows(report),
        "problems": problems[:PROBLEMS_ON_PAGE],
        "more_problems": max(len(problems) - PROBLEMS_ON_PAGE, 0),
        "problem_count": len(problems),
    }


@require_GET
@never_cache
@registry_manager_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    context = _job_context(job)
    # the preview shows what Wijkpunt holds now about these households: that is a read
    record_list_read(
        request=request,
        object_type="household",
        household_ids=[c.get("household_id") for c in context["changes"]],
        purpose="registry import preview",
    )
    return render(request, "housing/import_job.html", context)


@require_GET
@never_cache
@registry_manager_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar alone (htmx polls it); once the work is done, the whole page reloads
    to show the report."""
    job = get_object_or_404(ImportJob, pk=pk)
    response = render(request, "housing/_import_progress.html", {"job": job})
    if not job.is_busy and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@registry_manager_required
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    actions.confirm_import_job(job=job, user=request.user)
    return redirect("housing:import_job", pk=job.pk)


@require_POST
@registry_manager_required
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob, pk=pk)
    actions.cancel_import_job(job=job, user=request.user)
    return redirect("housing:registry")


@require_GET
@registry_manager_required
def import_problems(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem of a check as a CSV file, to work through in a spreadsheet."""
    job = get_object_or_404(ImportJob, pk=pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(csv_cells([_("File"), _("Line"), _("Column"), _("Problem")]))
    for problem in (job.report or {}).get("problems", []):
        writer.writerow(
            csv_cells(
                [
                    problem.get("source", ""),
                    problem.get("line"),
                    problem.get("column", ""),
                    problem.get("message", ""),
                ]
            )
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="problemen-import-{job.pk}.csv"'
    return response


@require_GET
@registry_manager_required
def export(request: HttpRequest) -> HttpResponse | FileResponse:
    """Download the registry in the import format; every exported household is audited."""
    estates = export_estates(request.user)
    form = ExportForm(request.GET, estates=estates)
    if not form.is_valid():
        context = {
            "form": ImportUploadForm(),
            "export_form": form,
            "jobs": ImportJob.objects.select_related("created_by")[:RECENT_JOBS],
        }
        return render(request, "housing/registry.html", context, status=400)
    estate = form.cleaned_data["estate"]
    chosen = [estate] if estate else list(estates)
    residents = form.cleaned_data["contents"] == "residents"
    fmt = form.cleaned_data["format"]
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    actions.export_registry(
        fileobj=spool,
        fmt=fmt,
        user=request.user,
        estates=chosen,
        residents=residents,
        request=request,
    )
    spool.seek(0)
    name = "bewoners" if residents else "woningen"
    scope = estate.slug if estate else "alle-wijken"
    filename = f"wijkpunt-{name}-{scope}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=content_type)
