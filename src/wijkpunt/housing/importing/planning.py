"""Comparing checked rows with the database: what exists (a few queries per table, keyed by
the source's reference), what the file creates and what it changes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkpunt.housing.importing.columns import LOOKUP_CHUNK
from wijkpunt.housing.importing.values import (
    Row,
    _cmp,
    _iso,
    address_key,
    building_key,
    knows_building,
)
from wijkpunt.housing.models import (
    Building,
    Dwelling,
    Estate,
    Household,
    Resident,
    Tenancy,
)

if TYPE_CHECKING:
    from wijkpunt.housing.importing.changes import ChangeLog


@dataclass
class Plan:
    """What a real run writes. Filled by ``RegistryImport.plan``."""

    new_estates: list[Estate] = field(default_factory=list)
    # what already exists: building key / reference -> primary key
    building_ids: dict[tuple, int] = field(default_factory=dict)
    dwelling_ids: dict[str, int] = field(default_factory=dict)
    household_ids: dict[str, int] = field(default_factory=dict)
    buildings_new: list[tuple[Any, dict]] = field(default_factory=list)  # (key, fields)
    buildings_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)
    dwellings_new: list[tuple[str, dict]] = field(default_factory=list)
    dwellings_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)
    households_new: list[tuple[str, dict]] = field(default_factory=list)
    households_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)
    tenancies_new: list[tuple[str, dict, str]] = field(default_factory=list)  # ..., event kind
    tenancies_update: list[tuple[int, dict, set[str], dict, str]] = field(default_factory=list)
    residents_new: list[tuple[str, dict]] = field(default_factory=list)
    residents_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)


class Planner:
    """The database phase of ``RegistryImport`` (a mixin: it adds problems to the import)."""

    # provided by RegistryImport
    dwelling_rows: list[Row]
    resident_rows: list[Row]
    notices: list[str]
    counts: dict[str, dict[str, int]]
    changes: ChangeLog
    estates_created: list[str]
    plan_: Plan | None
    _unreadable: bool
    _headers: dict[tuple[str, str], str]

    if TYPE_CHECKING:

        def problem(
            self, row: Row | None, column_field: str, message: str, source: str = ""
        ) -> None: ...

        def check_rows(self) -> None: ...

    def plan(self) -> Plan:
        """Look up what exists (a few queries per table), check the rows against it and work
        out what to create and update. Problems found here are added to ``problems``."""
        self.check_rows()
        plan = Plan()
        self.plan_ = plan
        # Every row is compared with the database, also a row that has a problem already:
        # each check needs only its own cells, so that one check finds every problem. (A plan
        # with problems is never written: an import is all or nothing.)
        drows = self.dwelling_rows
        self._plan_estates([r for r in drows if r.has("estate")], plan)
        building_ids = self._plan_buildings([r for r in drows if knows_building(r)], plan)
        dwelling_ids = self._plan_dwellings(
            [r for r in drows if r.has("dwelling_ref")], plan, building_ids
        )
        household_ids = self._plan_households([r for r in drows if r.has("household_ref")], plan)
        self._plan_tenancies(drows, plan, dwelling_ids, household_ids)
        self._plan_residents(
            [r for r in self.resident_rows if r.has("resident_ref", "household_ref")],
            plan,
            household_ids,
        )
        plan.building_ids = {k: v for k, v in building_ids.items() if v}
        plan.dwelling_ids = {k: v for k, v in dwelling_ids.items() if v}
        plan.household_ids = {k: v for k, v in household_ids.items() if v}
        return plan

    def _log_changes(
        self,
        model,
        row: Row,
        subject: str,
        changed: set[str],
        current: Mapping[str, Any],
        fields: dict,
        *,
        household_id: int | None = None,
        special: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """Every changed field of one record, for the preview."""
        headers = {f: h for (source, f), h in self._headers.items() if source == row.source}
        for f in sorted(changed):
            self.changes.add(
                model=model,
                subject=subject,
                field=f,
                old=current.get(f),
                new=fields.get(f),
                headers=headers,
                household_id=household_id,
                shown=(special or {}).get(f),
            )

    def _plan_estates(self, rows: list[Row], plan: Plan) -> None:
        by_name: dict[str, Estate] = {}
        self._estate_names = {}
        for estate in Estate.objects.only("id", "name", "slug"):
            self._estate_names[estate.pk] = estate.name
            by_name[estate.name.lower()] = estate
            by_name[estate.slug.lower()] = estate
        slugs = {e.slug for e in by_name.values()}
        self._estates = by_name
        for row in rows:
            name = row.values["estate"]
            if name.lower() in by_name:
                continue
            base = slugify(name)[:50] or "wijk"
            slug, n = base, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            estate = Estate(name=name, slug=slug, municipality=row.get("city", ""))
            by_name[name.lower()] = estate
            plan.new_estates.append(estate)
            self.estates_created.append(name)
            self.notices.append(
                _("Estate %(name)s does not exist yet and will be created (line %(line)s).")
                % {"name": name, "line": row.line}
            )

    def _plan_buildings(self, rows: list[Row], plan: Plan) -> dict[tuple, int | None]:
        """Buildings are matched by gebouw_ref, or by address when the file has no reference.
        A building without a reference in Wijkpunt takes the file's reference."""
        existing = {}
        self._building_labels: dict[int, str] = {}
        by_ref: dict[str, Mapping[str, Any]] = {}
        by_address: dict[tuple, Mapping[str, Any]] = {}
        for b in Building.objects.values(
            "id",
            "external_ref",
            "estate_id",
            "name",
            "street",
            "number",
            "postcode",
            "city",
            "latitude",
            "longitude",
        ):
            existing[b["id"]] = b
            self._building_labels[b["id"]] = b["external_ref"] or f"{b['street']} {b['number']}"
            if b["external_ref"]:
                by_ref[b["external_ref"]] = b
            by_address[(b["street"].lower(), b["number"].lower(), b["postcode"].lower())] = b
        result: dict[tuple, int | None] = {}
        self._building_rows: dict[tuple, Row] = {}
        for row in rows:
            key = building_key(row)
            if key in result or key in self._building_rows:
                continue
            v = row.values
            ref = v.get("building_ref") or None
            current = by_ref.get(ref) if ref else None
            at_address = by_address.get(address_key(row))
            if current is None and at_address is not None:
                if ref and at_address["external_ref"] and at_address["external_ref"] != ref:
                    self.problem(
                        row,
                        "building_ref",
                        _(
                            "Wijkpunt already has building %(other)s at this address; the file "
                            "calls it %(ref)s."
                        )
                        % {"other": at_address["external_ref"], "ref": ref},
                    )
                    # the dwellings are still checked against the building at this address
                    result[key] = at_address["id"]
                    self._building_rows[key] = row
                    continue
                current = at_address
            elif (
                current is not None and at_address is not None and at_address["id"] != current["id"]
            ):
                self.problem(
                    row,
                    "street",
                    _("Wijkpunt already has another building at this address (%(ref)s).")
                    % {"ref": at_address["external_ref"] or at_address["id"]},
                )
                result[key] = current["id"]
                self._building_rows[key] = row
                continue
            estate = self._estates[v["estate"].lower()]
            fields = {
                "street": v["street"],
                "number": v["number"],
                "postcode": v["postcode"],
                "city": v["city"],
            }
            for f in ("latitude", "longitude"):
                if f in v:
                    fields[f] = v[f]
            if "building_name" in v:
                fields["name"] = v["building_name"]
            if ref:
                fields["external_ref"] = ref
            if current is None:
                fields["estate"] = estate
                plan.buildings_new.append((key, fields))
                self.counts["buildings"]["created"] += 1
                result[key] = None
            else:
                changed = {f for f, value in fields.items() if _cmp(current[f]) != _cmp(value)}
                if estate.pk != current["estate_id"]:
                    changed.add("estate")
                fields = {**_pick(current, BUILDING_FIELDS), **fields, "estate": estate}
                self._log_changes(
                    Building,
                    row,
                    _("Building %(name)s") % {"name": self._building_labels[current["id"]]},
                    changed,
                    current,
                    fields,
                    special={
                        "estate": (self._estate_names.get(current["estate_id"], ""), estate.name)
                    },
                )
                if changed:
                    plan.buildings_update.append((current["id"], fields, changed))
                    self.counts["buildings"]["updated"] += 1
                else:
                    self.counts["buildings"]["unchanged"] += 1
                result[key] = current["id"]
            self._building_rows[key] = row
        return result

    def _plan_dwellings(
        self, rows: list[Row], plan: Plan, building_ids: dict[tuple, int | None]
    ) -> dict[str, int | None]:
        refs = [r.values["dwelling_ref"] for r in rows]
        existing = _by_ref(
            Dwelling,
            refs,
            "id",
            "external_ref",
            "building_id",
            "unit",
            "dwelling_type",
            "bedrooms",
            "floor",
            "has_lift",
            "adapted",
        )
        # dwellings on the buildings of the file, to find a unit that is already taken
        known_buildings = [i for i in building_ids.values() if i]
        slots: dict[tuple[int, str], Mapping[str, Any]] = {}
        for chunk in _chunks(known_buildings):
            for d in Dwelling.objects.filter(building_id__in=chunk).values(
                "id", "external_ref", "building_id", "unit"
            ):
                slots[(d["building_id"], d["unit"].lower())] = d
        file_refs = set(refs)
        result: dict[str, int | None] = {}
        adopted: dict[str, dict] = {}
        for row in rows:
            v = row.values
            # without a complete address the building is unknown: the other checks still run
            key = building_key(row) if knows_building(row) else None
            building_id = building_ids.get(key) if key else None
            ref = v["dwelling_ref"]
            current = existing.get(ref)
            unit = v.get("unit", current["unit"] if current else "")
            if building_id and "unit" not in row.bad:
                taken = slots.get((building_id, unit.lower()))
                if taken and (current is None or taken["id"] != current["id"]):
                    if taken["external_ref"] and taken["external_ref"] not in file_refs:
                        self.problem(
                            row,
                            "unit" if "unit" in v else "dwelling_ref",
                            _("Wijkpunt already has dwelling %(other)s at this address and unit.")
                            % {"other": taken["external_ref"]},
                        )
                        result[ref] = current["id"] if current else None
                        continue
                    if current is None and not taken["external_ref"]:
                        # a dwelling entered by hand, without a reference: it takes this one
                        current = adopted[ref] = {
                            **Dwelling.objects.filter(pk=taken["id"])
                            .values(
                                "id",
                                "external_ref",
                                "building_id",
                                "unit",
                                "dwelling_type",
                                "bedrooms",
                                "floor",
                                "has_lift",
                                "adapted",
                            )
                            .get()
                        }
            fields: dict[str, Any] = {"external_ref": ref, "unit": unit}
            for f in ("dwelling_type", "bedrooms", "floor", "has_lift", "adapted"):
                if f in v:
                    fields[f] = v[f]
            if current is None:
                fields["_building_key"] = key
                plan.dwellings_new.append((ref, fields))
                self.counts["dwellings"]["created"] += 1
                result[ref] = None
            else:
                changed = {f for f, value in fields.items() if current[f] != value}
                if building_id != current["building_id"]:
                    changed.add("building")
                fields = {**_pick(current, DWELLING_FIELDS), **fields, "_building_key": key}
                new_building = (
                    self._building_labels.get(building_id, "")
                    if building_id
                    else (v.get("building_ref") or f"{v.get('street', '')} {v.get('number', '')}")
                )
                self._log_changes(
                    Dwelling,
                    row,
                    _("Dwelling %(ref)s") % {"ref": ref},
                    changed,
                    current,
                    fields,
                    special={
                        "building": (
                            self._building_labels.get(current["building_id"], ""),
                            new_building,
                        )
                    },
                )
                if changed:
                    plan.dwellings_update.append((current["id"], fields, changed))
                    self.counts["dwellings"]["updated"] += 1
                else:
                    self.counts["dwellings"]["unchanged"] += 1
                result[ref] = current["id"]
        return result

    def _plan_households(self, rows: list[Row], plan: Plan) -> dict[str, int | None]:
        rows_by_ref: dict[str, Row] = {}
        for row in rows:
            if row.get("household_ref"):
                rows_by_ref.setdefault(row.values["household_ref"], row)
        existing = _by_ref(
            Household,
            list(rows_by_ref),
            "id",
            "external_ref",
            "name",
            "language",
            "phone",
            "email",
        )
        result: dict[str, int | None] = {}
        for ref, row in rows_by_ref.items():
            v = row.values
            fields: dict[str, Any] = {"external_ref": ref}
            for src, dst in (
                ("household_name", "name"),
                ("language", "language"),
                ("phone", "phone"),
                ("email", "email"),
            ):
                if src in v:
                    fields[dst] = v[src]
            current = existing.get(ref)
            if current is None:
                plan.households_new.append((ref, fields))
                self.counts["households"]["created"] += 1
                result[ref] = None
            else:
                changed = {f for f, value in fields.items() if current[f] != value}
                fields = {**_pick(current, HOUSEHOLD_FIELDS), **fields}
                self._log_changes(
                    Household,
                    row,
                    f"{current['name']} ({ref})",
                    changed,
                    current,
                    fields,
                    household_id=current["id"],
                )
                if changed:
                    plan.households_update.append((current["id"], fields, changed))
                    self.counts["households"]["updated"] += 1
                else:
                    self.counts["households"]["unchanged"] += 1
                result[ref] = current["id"]
        return result

    def _plan_tenancies(
        self,
        rows: list[Row],
        plan: Plan,
        dwelling_ids: dict[str, int | None],
        household_ids: dict[str, int | None],
    ) -> None:
        trows = [r for r in rows if r.has("tenancy_ref", "household_ref", "dwelling_ref")]
        existing = _by_ref(
            Tenancy,
            [r.values["tenancy_ref"] for r in trows],
            "id",
            "external_ref",
            "dwelling_id",
            "household_id",
            "start_date",
            "end_date",
            "probation_end",
            "dwelling__external_ref",
            "household__external_ref",
        )
        # open tenancies on the dwellings of the file that the file does not mention
        open_on: dict[int, Mapping[str, Any]] = {}
        known = [i for i in dwelling_ids.values() if i]
        for chunk in _chunks(known):
            for t in Tenancy.objects.filter(dwelling_id__in=chunk, end_date__isnull=True).values(
                "id", "external_ref", "dwelling_id"
            ):
                open_on[t["dwelling_id"]] = t
        ended_in_file = {
            existing[r.values["tenancy_ref"]]["id"]
            for r in trows
            if r.values["tenancy_ref"] in existing and r.get("end_date")
        }
        for row in trows:
            v = row.values
            ref = v["tenancy_ref"]
            dref, href = v["dwelling_ref"], v["household_ref"]
            if dref not in dwelling_ids or href not in household_ids:
                continue
            fields = {
                "external_ref": ref,
                "start_date": v.get("start_date"),
                "end_date": v.get("end_date"),
                "probation_end": v.get("probation_end"),
            }
            if "end_date" not in v or "probation_end" not in v:
                current = existing.get(ref)
                for f in ("end_date", "probation_end"):
                    if f not in v:
                        fields[f] = current[f] if current else None
            current = existing.get(ref)
            dwelling_id = dwelling_ids[dref]
            if current is not None:
                had_dwelling = reference(
                    Dwelling, current["dwelling_id"], current["dwelling__external_ref"]
                )
                had_household = reference(
                    Household, current["household_id"], current["household__external_ref"]
                )
                if had_dwelling != dref:
                    self.problem(
                        row,
                        "tenancy_ref",
                        _(
                            "Tenancy %(ref)s belongs to dwelling %(other)s in Wijkpunt, "
                            "not %(this)s."
                        )
                        % {
                            "ref": ref,
                            "other": had_dwelling,
                            "this": dref,
                        },
                    )
                if had_household != href:
                    self.problem(
                        row,
                        "tenancy_ref",
                        _(
                            "Tenancy %(ref)s belongs to household %(other)s in Wijkpunt, not "
                            "%(this)s."
                        )
                        % {
                            "ref": ref,
                            "other": had_household,
                            "this": href,
                        },
                    )
                if had_dwelling != dref or had_household != href:
                    continue
            if (
                fields["end_date"] is None
                and "end_date" not in row.bad
                and dwelling_id
                and dwelling_id in open_on
            ):
                other = open_on[dwelling_id]
                if (current is None or other["id"] != current["id"]) and other[
                    "id"
                ] not in ended_in_file:
                    self.problem(
                        row,
                        "tenancy_ref",
                        _(
                            "Dwelling %(dwelling)s already has an open tenancy in Wijkpunt "
                            "(%(other)s). A dwelling has one open tenancy: add the end date of "
                            "%(other)s to the file first."
                        )
                        % {"dwelling": dref, "other": other["external_ref"] or "?"},
                    )
                    continue
            if current is None:
                fields["_dwelling_ref"] = dref
                fields["_household_ref"] = href
                kind = "started" if dwelling_id else "imported"
                plan.tenancies_new.append((ref, fields, kind))
                self.counts["tenancies"]["created"] += 1
            else:
                changed = {
                    f
                    for f in ("start_date", "end_date", "probation_end")
                    if current[f] != fields[f]
                }
                self._log_changes(
                    Tenancy,
                    row,
                    _("Tenancy %(ref)s (household %(household)s)")
                    % {"ref": ref, "household": href},
                    changed,
                    current,
                    fields,
                    household_id=current["household_id"],
                )
                if changed:
                    diff = {f: [_iso(current[f]), _iso(fields[f])] for f in sorted(changed)}
                    kind = (
                        "ended"
                        if current["end_date"] is None and fields["end_date"]
                        else ("changed")
                    )
                    plan.tenancies_update.append((current["id"], fields, changed, diff, kind))
                    self.counts["tenancies"]["updated"] += 1
                else:
                    self.counts["tenancies"]["unchanged"] += 1

    def _plan_residents(
        self, rows: list[Row], plan: Plan, household_ids: dict[str, int | None]
    ) -> None:
        if not rows:
            return
        missing = {r.values["household_ref"] for r in rows} - household_ids.keys()
        for ref, h in _by_ref(Household, sorted(missing), "id", "external_ref").items():
            household_ids[ref] = h["id"]  # a household already in Wijkpunt
        known_households = household_ids
        existing = _by_ref(
            Resident,
            [r.values["resident_ref"] for r in rows],
            "id",
            "external_ref",
            "household_id",
            "household__external_ref",
            "first_name",
            "last_name",
            "relation",
            "birth_year",
            "phone",
            "email",
        )
        for row in rows:
            v = row.values
            href = v["household_ref"]
            if href not in known_households:
                if self._unreadable:  # the household may be in the table that was unreadable
                    continue
                self.problem(
                    row,
                    "household_ref",
                    _("Household %(ref)s is not in Wijkpunt and not in the dwellings file.")
                    % {"ref": href},
                )
                continue
            fields: dict[str, Any] = {"external_ref": v["resident_ref"]}
            for f in ("first_name", "last_name", "relation", "birth_year", "phone", "email"):
                if f in v:
                    fields[f] = v[f]
            fields["_household_ref"] = href
            current = existing.get(v["resident_ref"])
            if current is None:
                plan.residents_new.append((v["resident_ref"], fields))
                self.counts["residents"]["created"] += 1
            else:
                changed = {
                    f
                    for f, value in fields.items()
                    if not f.startswith("_") and current[f] != value
                }
                had_household = reference(
                    Household, current["household_id"], current["household__external_ref"]
                )
                if had_household != href:
                    changed.add("household")
                fields = {**_pick(current, RESIDENT_FIELDS), **fields}
                self._log_changes(
                    Resident,
                    row,
                    f"{current['first_name']} {current['last_name']} ({v['resident_ref']})",
                    changed,
                    current,
                    fields,
                    household_id=current["household_id"],
                    special={"household": (had_household, href)},
                )
                if changed:
                    plan.residents_update.append((current["id"], fields, changed))
                    self.counts["residents"]["updated"] += 1
                else:
                    self.counts["residents"]["unchanged"] += 1


BUILDING_FIELDS = (
    "external_ref",
    "name",
    "street",
    "number",
    "postcode",
    "city",
    "latitude",
    "longitude",
)
DWELLING_FIELDS = (
    "external_ref",
    "unit",
    "dwelling_type",
    "bedrooms",
    "floor",
    "has_lift",
    "adapted",
)
HOUSEHOLD_FIELDS = ("external_ref", "name", "language", "phone", "email")
RESIDENT_FIELDS = (
    "external_ref",
    "first_name",
    "last_name",
    "relation",
    "birth_year",
    "phone",
    "email",
)


def _pick(values: Mapping[str, Any], names: Sequence[str]) -> dict:
    return {name: values[name] for name in names}


def _by_ref(model, refs: Sequence[str], *fields: str) -> dict[str, dict]:
    """Existing rows by external reference, in a few queries. A reference written by the
    export for a row that had none (``WP-D12``) finds that row by its number."""
    result: dict[str, dict] = {}
    refs = list(refs)
    for chunk in _chunks(refs):
        for item in model.objects.filter(external_ref__in=chunk).values(*fields):
            result[item["external_ref"]] = item
    prefix = FALLBACK_PREFIX.get(model)
    if prefix:
        numbers = {
            int(r[len(prefix) :]): r
            for r in refs
            if r not in result and r.startswith(prefix) and r[len(prefix) :].isdigit()
        }
        for chunk in _chunks(list(numbers)):
            for item in model.objects.filter(pk__in=chunk, external_ref__isnull=True).values(
                *fields
            ):
                result[numbers[item["id"]]] = item
    return result


FALLBACK_PREFIX = {Dwelling: "WP-D", Household: "WP-H", Tenancy: "WP-T", Resident: "WP-R"}


def reference(model, pk: int, external_ref: str | None) -> str:
    """The reference the export writes: the source's own, or WP-<letter><number>."""
    return external_ref or f"{FALLBACK_PREFIX[model]}{pk}"


def _chunks(items: list, size: int = LOOKUP_CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
