"""Every write of the sociale kaart: importing an HSDS directory (a file, or a local HSDS API).

All or nothing: the whole input is read and checked first (``hsds.read``, then the records it
refers to outside the file), and only when nothing is wrong is it written, in one transaction.
The HSDS ids are the identity: a record already in the directory is updated in place, a new
one is added. For a service (a location, a phone…) in the input, its lists of phones, opening
hours, languages, locations and needs are complete: what the directory had beyond them is
removed. An import never removes a service, an organisation or a location: a service that
stopped gets the status ``defunct`` in its source."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkpunt.directory import harvest, hsds
from wijkpunt.directory.models import (
    Address,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTaxonomy,
    Taxonomy,
    TaxonomyTerm,
)

# (key in hsds.Directory, model, what the summary calls it), in the order they are written.
KINDS: tuple[tuple[str, type[models.Model], Any], ...] = (
    ("taxonomies", Taxonomy, gettext_lazy("Taxonomies")),
    ("terms", TaxonomyTerm, gettext_lazy("Taxonomy terms")),
    ("organizations", Organization, gettext_lazy("Organisations")),
    ("locations", Location, gettext_lazy("Locations")),
    ("addresses", Address, gettext_lazy("Addresses")),
    ("services", Service, gettext_lazy("Services")),
    ("service_at_locations", ServiceAtLocation, gettext_lazy("Services at locations")),
    ("phones", Phone, gettext_lazy("Phone numbers")),
    ("languages", Language, gettext_lazy("Languages")),
    ("schedules", Schedule, gettext_lazy("Opening hours")),
    ("links", ServiceTaxonomy, gettext_lazy("Needs of services")),
)
# Terms and taxonomies are configuration: an import adds new ones and only refers to the
# ones the directory has (their names are kept up to date in the configuration site).
CREATE_ONLY = {"taxonomies", "terms"}
REFERENCE_MODELS: dict[str, type[models.Model]] = {
    "organization": Organization,
    "location": Location,
    "term": TaxonomyTerm,
    "taxonomy": Taxonomy,
}
# The children of a record whose list in the input is complete: (owner kind in the input,
# child kind, the child's foreign key to the owner).
CHILD_LISTS = (
    ("services", "phones", "service_id"),
    ("services", "schedules", "service_id"),
    ("services", "languages", "service_id"),
    ("services", "service_at_locations", "service_id"),
    ("services", "links", "service_id"),
    ("service_at_locations", "phones", "service_at_location_id"),
    ("service_at_locations", "schedules", "service_at_location_id"),
    ("locations", "addresses", "location_id"),
    ("locations", "phones", "location_id"),
    ("locations", "schedules", "location_id"),
    ("locations", "languages", "location_id"),
    ("organizations", "phones", "organization_id"),
    ("phones", "languages", "phone_id"),
)
CHUNK = 900  # ids per IN (…): below SQLite's oldest limit of bound parameters


@dataclass
class ImportSummary:
    """What an import did, per kind of record: created, updated, unchanged, removed."""

    source: str = ""
    counts: dict[str, Counter] = field(default_factory=dict)
    not_kept: Counter = field(default_factory=Counter)

    def count(self, kind: str, what: str) -> int:
        return self.counts.get(kind, Counter())[what]

    def lines(self) -> list[str]:
        """One line per kind of record that the input held, in the active language."""
        lines = []
        for kind, _model, label in KINDS:
            counted = self.counts.get(kind)
            if not counted or not sum(counted.values()):
                continue
            line = _("%(kind)s: %(created)s new, %(updated)s changed, %(unchanged)s unchanged") % {
                "kind": label,
                "created": counted["created"],
                "updated": counted["updated"],
                "unchanged": counted["unchanged"],
            }
            if counted["removed"]:
                line += ", " + _("%(n)s removed") % {"n": counted["removed"]}
            lines.append(line)
        if self.not_kept:
            parts = ", ".join(f"{key} ({n})" for key, n in sorted(self.not_kept.items()))
            lines.append(_("Not kept (Wijkpunt does not use them): %(parts)s") % {"parts": parts})
        return lines


def _chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    batch = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _existing_ids(model: type[models.Model], ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for batch in _chunks(ids):
        found.update(model._default_manager.filter(pk__in=batch).values_list("pk", flat=True))
    return found


def _check_references(directory: hsds.Directory) -> None:
    """Every record the input refers to but does not hold is in the directory already."""
    problems: list[hsds.Problem] = []
    for kind, refs in directory.references.items():
        if not refs:
            continue
        known = _existing_ids(REFERENCE_MODELS[kind], refs)
        problems.extend(
            hsds.Problem(path, hsds.missing_reference(kind))
            for rid, path in refs.items()
            if rid not in known
        )
    if problems:
        problems.sort(key=lambda p: p.path)
        raise hsds.DirectoryInvalid(problems)


def _remove_stale(directory: hsds.Directory, summary: ImportSummary) -> None:
    tables = directory.tables()
    models_by_kind = {kind: model for kind, model, _label in KINDS}
    for owner_kind, child_kind, fk in CHILD_LISTS:
        owners = tables[owner_kind]
        if not owners:
            continue
        model = models_by_kind[child_kind]
        keep = tables[child_kind]
        stale: list[uuid.UUID] = []
        for batch in _chunks(owners):
            stale.extend(
                pk
                for pk in model._default_manager.filter(**{f"{fk}__in": batch}).values_list(
                    "pk", flat=True
                )
                if pk not in keep
            )
        for batch in _chunks(stale):
            _total, by_model = model._default_manager.filter(pk__in=batch).delete()
            for label, n in by_model.items():
                for kind, kind_model, _label in KINDS:
                    if kind_model._meta.label == label:
                        summary.counts.setdefault(kind, Counter())["removed"] += n


def _timestamps(model: type[models.Model]) -> bool:
    return model in (Organization, Service, Location)


def _upsert(
    kind: str, model: type[models.Model], rows: dict[uuid.UUID, dict], now, counted: Counter
) -> None:
    if not rows:
        return
    existing: dict[Any, models.Model] = {}
    for batch in _chunks(rows):
        existing.update(model._default_manager.in_bulk(batch))
    to_create, to_update = [], []
    changed_fields: set[str] = set()
    for pk, row in rows.items():
        values = dict(row)
        obj = existing.get(pk)
        if obj is None:
            obj = model(pk=pk, **values)
            if _timestamps(model):
                obj.created_at = obj.updated_at = now  # type: ignore[attr-defined]
            if model is Service and values.get("last_modified") is None:
                obj.last_modified = now  # type: ignore[attr-defined]
            to_create.append(obj)
            counted["created"] += 1
            continue
        if kind in CREATE_ONLY:
            counted["unchanged"] += 1
            continue
        if model is Service and values.get("last_modified") is None:
            del values["last_modified"]  # the source does not say: the import's moment
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if not changed:
            counted["unchanged"] += 1
            continue
        for name in changed:
            setattr(obj, name, values[name])
        changed_fields.update(changed)
        if _timestamps(model):
            obj.updated_at = now  # type: ignore[attr-defined]
            changed_fields.add("updated_at")
        if model is Service and "last_modified" not in values:
            obj.last_modified = now  # type: ignore[attr-defined]
            changed_fields.add("last_modified")
        to_update.append(obj)
        counted["updated"] += 1
    model._default_manager.bulk_create(to_create, batch_size=500)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(changed_fields), batch_size=200)


@transaction.atomic
def import_directory(*, data: Any, source: str = "") -> ImportSummary:
    """Import an HSDS directory: the bytes or text of a JSON file, or its parsed value.

    Raises ``hsds.DirectoryInvalid`` with every problem (nothing is written then)."""
    if isinstance(data, bytes | str):
        data = hsds.parse_json(data)
    directory = hsds.read(data)
    _check_references(directory)
    summary = ImportSummary(source=source, not_kept=directory.not_kept)
    _remove_stale(directory, summary)
    now = timezone.now()
    tables = directory.tables()
    for kind, model, _label in KINDS:
        _upsert(kind, model, tables[kind], now, summary.counts.setdefault(kind, Counter()))
    return summary


def import_from_api(*, url: str, fetch: Callable[[str], Any] | None = None) -> ImportSummary:
    """Import every service of an HSDS API (``url`` is its base, e.g.
    ``http://sociale-kaart.local/hsds``): its pages of services first, then all at once."""
    services = harvest.read_api(url, fetch=fetch or harvest.get_json)
    return import_directory(data=services, source=url)
