"""Every write to the housing registry: imports, import jobs and exports.

Views, the ``wijkpunt import`` / ``wijkpunt export`` commands and the background task all call
these functions."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import IO, Any, cast

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkpunt.audit.actions import AuditAction, record, record_list_read
from wijkpunt.housing import exporting, shortcodes, workflow
from wijkpunt.housing.importing import Plan, RegistryImport, inspect_file
from wijkpunt.housing.models import (
    Building,
    CommonSpace,
    Dwelling,
    Estate,
    Household,
    ImportJob,
    ImportJobStatus,
    Resident,
    ShortCode,
    Tenancy,
    TenancyEvent,
)

logger = logging.getLogger(__name__)
BATCH = 1000
# Any constant will do: only imports take this PostgreSQL advisory lock.
IMPORT_LOCK_KEY = 7_316_402


def import_registry(
    *,
    files: Sequence[tuple[str, IO[bytes]]],
    user=None,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
    on_write: Callable[[], None] | None = None,
    request: HttpRequest | None = None,
) -> dict:
    """Check (``dry_run``) or import registry files, all or nothing.

    ``files`` are (name, binary file) pairs: dwelling files and residents files, CSV or XLSX,
    in any order. Returns the report (JSON-ready): problems with line and column, notices, and
    per table how many rows are created, updated and unchanged. A real run writes nothing
    when there is any problem."""
    engine = RegistryImport(progress=progress)
    for name, fileobj in files:
        engine.read_file(fileobj, name)
    if dry_run or engine.problems:
        engine.plan()
        return engine.report(dry_run=dry_run)
    if on_write:
        on_write()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # one import at a time
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        plan = engine.plan()
        if engine.problems:
            return engine.report(dry_run=False)
        engine.release_rows()  # the plan holds what is needed: keep memory low
        _apply(plan, user=user)
        report = engine.report(dry_run=False, applied=True)
        record(
            actor=user,
            action=AuditAction.IMPORT,
            object_type="registry",
            object_id=", ".join(name for name, _f in files)[:64],
            purpose=_summary_line(report)[:250],
            request=request,
        )
    return report


def _summary_line(report: dict) -> str:
    parts = []
    for entity, c in report["counts"].items():
        if any(c.values()):
            parts.append(f"{entity}: +{c['created']} ~{c['updated']} ={c['unchanged']}")
    return "registry import; " + "; ".join(parts)


def _apply(plan: Plan, *, user) -> None:
    """Write the plan: a handful of bulk statements per table."""
    now = timezone.now()
    for estate in plan.new_estates:
        estate.save()

    # buildings
    new_buildings = []
    keys = []
    for key, fields in plan.buildings_new:
        new_buildings.append(Building(**fields))
        keys.append(key)
    Building.objects.bulk_create(new_buildings, batch_size=BATCH)
    building_id: dict[tuple, int] = dict(plan.building_ids)
    building_id.update((k, b.pk) for k, b in zip(keys, new_buildings, strict=True))
    _save_updates(
        Building,
        [(Building(pk=pk, **fields), changed) for pk, fields, changed in plan.buildings_update],
    )

    # dwellings
    new_dwellings = []
    for _ref, fields in plan.dwellings_new:
        values = {k: v for k, v in fields.items() if not k.startswith("_")}
        new_dwellings.append(Dwelling(building_id=building_id[fields["_building_key"]], **values))
    Dwelling.objects.bulk_create(new_dwellings, batch_size=BATCH)
    dwelling_id = dict(plan.dwelling_ids)
    # each new dwelling has the file's reference (planning sets external_ref)
    dwelling_id.update((cast(str, d.external_ref), d.pk) for d in new_dwellings)
    del new_dwellings
    plan.dwellings_new.clear()
    updates = []
    for pk, fields, changed in plan.dwellings_update:
        values = {k: v for k, v in fields.items() if not k.startswith("_")}
        updates.append(
            (Dwelling(pk=pk, building_id=building_id[fields["_building_key"]], **values), changed)
        )
        dwelling_id[fields["external_ref"]] = pk
    _save_updates(Dwelling, updates)

    # households
    new_households = [Household(**fields) for _ref, fields in plan.households_new]
    Household.objects.bulk_create(new_households, batch_size=BATCH)
    household_id = dict(plan.household_ids)
    household_id.update((cast(str, h.external_ref), h.pk) for h in new_households)
    del new_households
    plan.households_new.clear()
    _save_updates(
        Household, [(Household(pk=pk, **f), changed) for pk, f, changed in plan.households_update]
    )
    for pk, fields, _c in plan.households_update:
        household_id[fields["external_ref"]] = pk

    # tenancies: updates first, so that a tenancy that ends frees its dwelling for the next
    events = []
    _save_updates(
        Tenancy,
        [
            (Tenancy(pk=pk, **{k: v for k, v in f.items() if not k.startswith("_")}), changed)
            for pk, f, changed, _diff, _kind in plan.tenancies_update
        ],
    )
    for pk, _f, _changed, diff, kind in plan.tenancies_update:
        events.append(TenancyEvent(tenancy_id=pk, kind=kind, at=now, by=user, changes=diff))
    new_tenancies = []
    kinds = []
    for _ref, fields, kind in plan.tenancies_new:
        values = {k: v for k, v in fields.items() if not k.startswith("_")}
        new_tenancies.append(
            Tenancy(
                dwelling_id=dwelling_id[fields["_dwelling_ref"]],
                household_id=household_id[fields["_household_ref"]],
                **values,
            )
        )
        kinds.append((kind, fields))
    Tenancy.objects.bulk_create(new_tenancies, batch_size=BATCH)
    for tenancy, (kind, fields) in zip(new_tenancies, kinds, strict=True):
        changes = {
            "dwelling": [None, fields["_dwelling_ref"]],
            "household": [None, fields["_household_ref"]],
            "start_date": [None, tenancy.start_date.isoformat()],
        }
        if tenancy.end_date:
            changes["end_date"] = [None, tenancy.end_date.isoformat()]
        if tenancy.probation_end:
            changes["probation_end"] = [None, tenancy.probation_end.isoformat()]
        events.append(
            TenancyEvent(tenancy_id=tenancy.pk, kind=kind, at=now, by=user, changes=changes)
        )
    TenancyEvent.objects.bulk_create(events, batch_size=BATCH)
    from wijkpunt.households.timeline import add_tenancy_events

    add_tenancy_events(e.pk for e in events)

    # residents (their households may come from this import or already be in Wijkpunt)
    if plan.residents_new or plan.residents_update:

        def resident(pk, fields):
            values = {k: v for k, v in fields.items() if not k.startswith("_")}
            return Resident(pk=pk, household_id=household_id[fields["_household_ref"]], **values)

        Resident.objects.bulk_create(
            [resident(None, f) for _ref, f in plan.residents_new], batch_size=BATCH
        )
        _save_updates(
            Resident, [(resident(pk, f), changed) for pk, f, changed in plan.residents_update]
        )


def _save_updates(model, updates: list[tuple[Any, set[str]]]) -> None:
    """bulk_update, grouped by the set of fields that changed (usually one or two groups)."""
    groups: dict[frozenset[str], list] = {}
    for obj, changed in updates:
        groups.setdefault(frozenset(changed), []).append(obj)
    for fields, objs in groups.items():
        model.objects.bulk_update(objs, sorted(fields), batch_size=500)


# --- Import jobs (the staff pages and the background task) ----------------------------------


def create_import_job(
    *, upload: UploadedFile, user, total_rows: int | None = None, language: str | None = None
) -> ImportJob:
    """Store an uploaded file and check it: small files right away, large ones in the
    background. ``total_rows`` comes from ``inspect_file`` when the form has already run it."""
    if upload.file is None or upload.name is None:  # an UploadedFile always has both
        raise ValueError("The upload has no file or no name.")
    rows = total_rows
    if rows is None:
        _kinds, rows = inspect_file(upload.file, upload.name)
    upload.seek(0)
    job = ImportJob(
        original_name=upload.name[:255],
        total_rows=rows,
        created_by=user,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    job.file.save(upload.name, upload, save=False)
    job.save()
    if rows > settings.IMPORT_BACKGROUND_ROWS:
        _move(job, ImportJobStatus.VALIDATING)
        job.save(update_fields=["status", "updated_at"])
        _enqueue(job)
    else:
        run_import_job(job_id=job.pk)
        job.refresh_from_db()
    return job


def confirm_import_job(*, job: ImportJob, user) -> ImportJob:
    """The person has seen the check and imports the file now."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJobStatus.VALIDATED or not job.report.get("ok"):
            return job
        _move(job, ImportJobStatus.RUNNING)
        job.processed_rows = 0
        job.stage = ""
        job.started_at = timezone.now()
        job.save(update_fields=["status", "processed_rows", "stage", "started_at", "updated_at"])
    if job.total_rows > settings.IMPORT_BACKGROUND_ROWS:
        _enqueue(job)
    else:
        run_import_job(job_id=job.pk, user=user)
        job.refresh_from_db()
    return job


def _move(job: ImportJob, target: str) -> None:
    """Every status change of an import job passes the workflow's table (raises otherwise)."""
    workflow.check_transition(job.status, target)
    job.status = target


def _enqueue(job: ImportJob) -> None:
    from wijkpunt.housing.tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(job.pk))


def run_import_job(*, job_id: int, user=None) -> None:
    """Check (status pending/validating) or import (status running) the job's file, keeping
    the progress up to date. Used inline for small files and by the background task."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in workflow.WORKER_STATUSES:
        return
    dry_run = job.status != ImportJobStatus.RUNNING
    if dry_run and job.status == ImportJobStatus.PENDING:
        _move(job, ImportJobStatus.VALIDATING)
    job.processed_rows = 0
    job.stage = "reading"
    job.save(update_fields=["status", "processed_rows", "stage", "updated_at"])
    user = user or job.created_by

    def progress(rows: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(
            processed_rows=rows, total_rows=max(rows, job.total_rows), updated_at=timezone.now()
        )

    def on_write() -> None:
        ImportJob.objects.filter(pk=job_id).update(stage="writing", updated_at=timezone.now())

    try:
        with translation.override(job.language), job.file.open("rb") as fileobj:
            report = import_registry(
                files=[(job.original_name, fileobj)],
                user=user,
                dry_run=dry_run,
                progress=progress,
                on_write=on_write,
            )
    except Exception:
        logger.exception("Registry import %s failed", job_id)
        with translation.override(job.language):
            message = _(
                "Something went wrong while reading this file. Nothing has been imported. "
                "Try again, or ask the administrator to look at the log."
            )
        report = {
            "ok": False,
            "dry_run": dry_run,
            "problems": [
                {"source": job.original_name, "line": None, "column": "", "message": message}
            ],
            "notices": [],
            "counts": {},
        }
    job.refresh_from_db()
    if dry_run:
        target = ImportJobStatus.VALIDATED if report["ok"] else ImportJobStatus.FAILED
    else:
        target = ImportJobStatus.DONE if report.get("applied") else ImportJobStatus.FAILED
    if target not in workflow.allowed_transitions(job.status):
        # someone cancelled the job while this worker was still busy with it
        logger.warning(
            "Registry import %s is %s now; not marking it %s", job_id, job.status, target
        )
        return
    _move(job, target)
    job.report = report
    job.stage = ""
    job.processed_rows = report.get("rows", job.processed_rows)
    job.total_rows = max(job.total_rows, job.processed_rows)
    if not dry_run:
        job.finished_at = timezone.now()
    job.save()
    if job.status in {ImportJobStatus.DONE, ImportJobStatus.FAILED}:
        discard_import_file(job=job)


def discard_import_file(*, job: ImportJob) -> None:
    """Personal data is kept no longer than needed: the file goes once it is imported."""
    if job.file:
        try:
            job.file.delete(save=False)
        except OSError:  # already gone
            logger.warning("Could not remove the file of import %s", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def cancel_import_job(*, job: ImportJob, user) -> ImportJob:
    """Drop a checked file that will not be imported, or a job whose worker stopped (the
    import is all or nothing, so a stopped job wrote nothing)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJobStatus.VALIDATED and not job.is_stalled:
            return job
        _move(job, ImportJobStatus.FAILED)
        job.report = {**job.report, "cancelled": True}
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "report", "finished_at", "updated_at"])
    discard_import_file(job=job)
    return job


# --- Short addresses of QR posters -----------------------------------------------------------


def short_code_for(
    *, building: Building | None = None, common_space: CommonSpace | None = None
) -> str:
    """The short code of a building's or a common space's poster, made the first time it is
    asked for (existing ones got theirs in a migration) and never changed afterwards."""
    target: dict[str, Building | CommonSpace | None] = (
        {"common_space": common_space} if common_space is not None else {"building": building}
    )
    found = ShortCode.objects.filter(**target).values_list("code", flat=True).first()
    if found:
        return found
    for _attempt in range(20):
        code = shortcodes.random_code()
        try:
            with transaction.atomic():
                ShortCode.objects.create(code=code, **target)
            return code
        except IntegrityError:
            # the code is taken, or another request just gave this place its code
            found = ShortCode.objects.filter(**target).values_list("code", flat=True).first()
            if found:
                return found
    raise RuntimeError("No free short code after 20 attempts")  # pragma: no cover


# --- Export ----------------------------------------------------------------------------------


def export_registry(
    *,
    fileobj: IO[bytes],
    fmt: str,
    user=None,
    estates: Sequence[Estate] | None = None,
    residents: bool = False,
    request: HttpRequest | None = None,
    purpose: str = "",
) -> int:
    """Write the registry (dwellings, or residents) to ``fileobj`` in the import format, and
    record one audit entry per household whose data leaves Wijkpunt. Returns the row count."""
    estate_ids = [e.pk for e in estates] if estates is not None else None
    if residents:
        rows, household_ids = exporting.write_residents(fileobj, fmt=fmt, estate_ids=estate_ids)
    else:
        rows, household_ids = exporting.write_dwellings(fileobj, fmt=fmt, estate_ids=estate_ids)
    record_list_read(
        request=request,
        actor=user,
        action=AuditAction.EXPORT,
        object_type="household",
        household_ids=household_ids,
        purpose=purpose or ("registry export (residents)" if residents else "registry export"),
    )
    return rows
