"""Reading an HSDS 3.0 directory: parse, check every record, report every problem with its
JSON path, and hand the import a clean, normalised set of rows.

Accepted shapes (docs/directory.md):

- a list of services in the "full service" shape (``GET /services/{id}``): each with its
  nested ``organization``, ``service_at_locations`` (each with its ``location`` and that
  location's ``addresses``), ``phones``, ``schedules``, ``languages`` and ``attributes`` (the
  taxonomy terms);
- one such service;
- a page of the HSDS API (``{"contents": [...], ...}``);
- an object with top-level lists ``organizations``, ``services``, ``locations``,
  ``taxonomies`` and ``taxonomy_terms``, whose records refer to each other by id
  (``organization_id``, ``location_id``, ``taxonomy_term_id``, ``parent_id``).

Nothing is written here. ``read()`` returns a :class:`Directory` or raises
:class:`DirectoryInvalid` with every problem found, each as ``path: message`` — for example
``services[3].schedules[0].opens_at: not a time (HH:MM)``. Messages are in the active language.

Ids are the stable identity: every record needs an HSDS id (a UUID). A record that occurs
twice (an organisation nested in several services) must be the same each time."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from wijkpunt.directory.models import WEEKDAYS, Frequency, LocationType, ServiceStatus

# Refuse a file with more problems than this after listing the first ones (a file with
# thousands of errors is the wrong file).
MAX_PROBLEMS = 200
MAX_SERVICES = 20_000
MAX_TEXT = 10_000
MAX_NUMBER = 10**15
COORDINATE = Decimal("0.000001")
TIME = re.compile(
    r"([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"
)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
COUNTRY = re.compile(r"[A-Za-z]{2}")
MONTHLY_DAY = re.compile(r"([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)")

# Parts of HSDS that Wijkpunt does not keep (reported in the import's summary, not refused).
NOT_KEPT = {
    "service": (
        "program_id", "wait_time", "fees", "accreditations", "assurer_email", "licenses",
        "service_areas", "funding", "cost_options", "program", "required_documents",
        "contacts", "metadata",
    ),
    "organization": (
        "tax_status", "tax_id", "year_incorporated", "legal_status", "logo", "uri", "funding",
        "contacts", "programs", "organization_identifiers", "attributes", "metadata",
    ),
    "location": (
        "external_identifier", "external_identifier_type", "contacts", "accessibility",
        "attributes", "metadata",
    ),
    "service_at_location": ("contacts", "attributes", "metadata"),
    "schedule": (
        "dtstart", "timezone", "until", "count", "wkst", "byweekno", "bymonthday",
        "byyearday", "schedule_link", "attributes", "metadata",
    ),
    "phone": ("contact_id", "attributes", "metadata"),
    "address": ("attributes", "metadata"),
    "language": ("attributes", "metadata"),
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DirectoryInvalid(ValueError):
    """The directory cannot be imported; ``problems`` lists every reason with its path."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems


@dataclass
class Directory:
    """Normalised rows, by model, by id: field name → value as the model stores it."""

    organizations: dict[uuid.UUID, dict] = field(default_factory=dict)
    services: dict[uuid.UUID, dict] = field(default_factory=dict)
    locations: dict[uuid.UUID, dict] = field(default_factory=dict)
    addresses: dict[uuid.UUID, dict] = field(default_factory=dict)
    service_at_locations: dict[uuid.UUID, dict] = field(default_factory=dict)
    phones: dict[uuid.UUID, dict] = field(default_factory=dict)
    schedules: dict[uuid.UUID, dict] = field(default_factory=dict)
    languages: dict[uuid.UUID, dict] = field(default_factory=dict)
    taxonomies: dict[uuid.UUID, dict] = field(default_factory=dict)
    terms: dict[uuid.UUID, dict] = field(default_factory=dict)
    links: dict[uuid.UUID, dict] = field(default_factory=dict)
    # References to records that are not in the file: they must be in the database.
    references: dict[str, dict[uuid.UUID, str]] = field(default_factory=dict)
    not_kept: Counter = field(default_factory=Counter)

    def tables(self) -> dict[str, dict[uuid.UUID, dict]]:
        return {
            "taxonomies": self.taxonomies,
            "terms": self.terms,
            "organizations": self.organizations,
            "locations": self.locations,
            "addresses": self.addresses,
            "services": self.services,
            "service_at_locations": self.service_at_locations,
            "phones": self.phones,
            "languages": self.languages,
            "schedules": self.schedules,
            "links": self.links,
        }


class _Stop(Exception):
    """Too many problems: stop reading."""


_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.out = Directory()
        # first path and raw object of every record seen, per kind and id
        self.seen: dict[tuple[str, uuid.UUID], tuple[str, Any]] = {}

    # --- problems -----------------------------------------------------------------------
    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    # --- values -------------------------------------------------------------------------
    def obj(self, value: Any, path: str) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, _("not an object ({…})"))
            return None
        return value

    def items(self, record: dict, key: str, path: str) -> list[tuple[str, dict]]:
        """The objects of a list field (absent or null: none)."""
        value = record.get(key)
        if value is None:
            return []
        where = _join(path, key)
        if not isinstance(value, list):
            self.problem(where, _("not a list ([…])"))
            return []
        found = []
        for index, item in enumerate(value):
            item_path = _join(where, index)
            if self.obj(item, item_path) is not None:
                found.append((item_path, item))
        return found

    def text(
        self, record: dict, key: str, path: str, *, max_length: int = MAX_TEXT, required=False
    ) -> str:
        value = record.get(key)
        where = _join(path, key)
        if value is None or value == "":
            if required:
                self.problem(where, _("missing: this field is required"))
            return ""
        if not isinstance(value, str):
            self.problem(where, _("not a text"))
            return ""
        value = value.strip()
        if "\x00" in value:
            self.problem(where, _("contains a character that is not allowed"))
            return ""
        if required and not value:
            self.problem(where, _("missing: this field is required"))
        if len(value) > max_length:
            self.problem(where, _("longer than %(max)s characters") % {"max": max_length})
            return ""
        return value

    def hsds_id(self, record: dict, key: str, path: str, *, required=False) -> uuid.UUID | None:
        value = record.get(key)
        where = _join(path, key)
        if value is None or value == "":
            if required:
                self.problem(where, _("missing: every record needs an id (a UUID)"))
            return None
        if isinstance(value, str):
            try:
                return uuid.UUID(value.strip())
            except ValueError:
                pass
        self.problem(where, _("not a UUID (for example 4f3c2a10-…)"))
        return None

    def choice(self, record: dict, key: str, path: str, choices, *, default: str = "") -> str:
        value = self.text(record, key, path, max_length=50)
        if not value:
            return default
        allowed = [str(c) for c in choices]
        if value not in allowed:
            self.problem(
                _join(path, key), _("not one of %(allowed)s") % {"allowed": ", ".join(allowed)}
            )
            return default
        return value

    def email(self, record: dict, key: str, path: str) -> str:
        value = self.text(record, key, path, max_length=254)
        if value:
            try:
                _email(value)
            except ValidationError:
                self.problem(_join(path, key), _("not an e-mail address"))
                return ""
        return value

    def url(self, record: dict, key: str, path: str) -> str:
        value = self.text(record, key, path, max_length=500)
        if value:
            try:
                _url(value)
            except ValidationError:
                self.problem(_join(path, key), _("not a web address (http:// or https://)"))
                return ""
        return value

    def number(self, record: dict, key: str, path: str) -> float | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(_join(path, key), _("not a number"))
            return None
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            return math.inf  # past every limit of the callers, and past what a float holds
        return value

    def whole(self, record: dict, key: str, path: str, *, low: int, high: int) -> int | None:
        value = self.number(record, key, path)
        if value is None:
            return None
        if not math.isfinite(value) or value != int(value) or not low <= value <= high:
            self.problem(
                _join(path, key),
                _("not a whole number from %(low)s to %(high)s") % {"low": low, "high": high},
            )
            return None
        return int(value)

    def coordinate(self, record: dict, key: str, path: str, limit: int) -> Decimal | None:
        value = self.number(record, key, path)
        if value is None:
            return None
        if not (math.isfinite(value) and -limit <= value <= limit):
            self.problem(
                _join(path, key), _("not between -%(limit)s and %(limit)s") % {"limit": limit}
            )
            return None
        return Decimal(str(value)).quantize(COORDINATE, rounding=ROUND_HALF_EVEN)

    def time(self, record: dict, key: str, path: str) -> dt.time | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        match = TIME.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None:
            self.problem(_join(path, key), _("not a time (HH:MM)"))
            return None
        # Local time of the place (a UTC offset is accepted and not converted).
        return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))

    def date(self, record: dict, key: str, path: str) -> dt.date | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and DATE.fullmatch(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(_join(path, key), _("not a date (YYYY-MM-DD)"))
        return None

    def moment(self, record: dict, key: str, path: str) -> dt.datetime | None:
        value = record.get(key)
        if value is None or value == "":
            return None
        parsed = None
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip().replace("Z", "+00:00"))
            except ValueError:
                parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            try:  # in UTC: PostgreSQL takes offsets up to 15:59 only
                return parsed.astimezone(dt.UTC)
            except (OverflowError, ValueError):
                pass
        self.problem(
            _join(path, key), _("not a date and time with its time zone (2026-03-15T10:30:00Z)")
        )
        return None

    def not_kept(self, kind: str, record: dict) -> None:
        for key in NOT_KEPT.get(kind, ()):
            if record.get(key) not in (None, "", [], {}):
                self.out.not_kept[f"{kind}.{key}"] += 1

    # --- records ------------------------------------------------------------------------
    def first(self, kind: str, record_id: uuid.UUID, raw: Any, path: str) -> bool:
        """True the first time a record is met; a repeat must be the same record."""
        key = (kind, record_id)
        if key not in self.seen:
            self.seen[key] = (path, raw)
            return True
        first_path, first_raw = self.seen[key]
        if raw != first_raw:
            self.problem(
                _join(path, "id"),
                _("this id is given earlier (%(first)s) with other contents")
                % {"first": first_path},
            )
        return False

    def reference(self, kind: str, record_id: uuid.UUID, path: str) -> None:
        self.out.references.setdefault(kind, {}).setdefault(record_id, path)

    def organization(self, path: str, record: dict) -> uuid.UUID | None:
        org_id = self.hsds_id(record, "id", path, required=True)
        if org_id is None or not self.first("organization", org_id, record, path):
            return org_id
        self.not_kept("organization", record)
        parent = self.hsds_id(record, "parent_organization_id", path)
        if parent is not None:
            self.reference("organization", parent, _join(path, "parent_organization_id"))
        self.out.organizations[org_id] = {
            "name": self.text(record, "name", path, max_length=255, required=True),
            "alternate_name": self.text(record, "alternate_name", path, max_length=255),
            "description": self.text(record, "description", path),
            "email": self.email(record, "email", path),
            "website": self.url(record, "website", path),
            "parent_id": parent,
        }
        for index, (phone_path, phone) in enumerate(self.items(record, "phones", path)):
            self.phone(phone_path, phone, index, organization_id=org_id)
        for location_path, location in self.items(record, "locations", path):
            self.location(location_path, location, organization_id=org_id)
        for service_path, service in self.items(record, "services", path):
            self.service(service_path, service, organization_id=org_id)
        return org_id

    def taxonomy(self, path: str, record: dict) -> uuid.UUID | None:
        taxonomy_id = self.hsds_id(record, "id", path, required=True)
        if taxonomy_id is None or not self.first("taxonomy", taxonomy_id, record, path):
            return taxonomy_id
        self.out.taxonomies[taxonomy_id] = {
            "name": self.text(record, "name", path, max_length=255, required=True),
            "description": self.text(record, "description", path),
            "uri": self.url(record, "uri", path),
            "version": self.text(record, "version", path, max_length=50),
        }
        return taxonomy_id

    def term(self, path: str, record: dict) -> uuid.UUID | None:
        term_id = self.hsds_id(record, "id", path, required=True)
        if term_id is None or not self.first("term", term_id, record, path):
            return term_id
        taxonomy_id = self.hsds_id(record, "taxonomy_id", path)
        detail = record.get("taxonomy_detail")
        if detail is not None and self.obj(detail, _join(path, "taxonomy_detail")) is not None:
            detail_id = self.taxonomy(_join(path, "taxonomy_detail"), detail)
            if taxonomy_id is not None and detail_id is not None and detail_id != taxonomy_id:
                self.problem(
                    _join(path, "taxonomy_id"), _("differs from the id of taxonomy_detail")
                )
            taxonomy_id = taxonomy_id or detail_id
        elif taxonomy_id is not None:
            self.reference("taxonomy", taxonomy_id, _join(path, "taxonomy_id"))
        parent = self.hsds_id(record, "parent_id", path)
        if parent is not None:
            if parent == term_id:
                self.problem(_join(path, "parent_id"), _("a term cannot be its own parent"))
            else:
                self.reference("term", parent, _join(path, "parent_id"))
        name = self.text(record, "name", path, max_length=255, required=True)
        language = self.text(record, "language", path, max_length=20).lower()
        self.out.terms[term_id] = {
            "taxonomy_id": taxonomy_id,
            "parent_id": parent,
            "code": self.text(record, "code", path, max_length=100),
            "name": name,
            "name_fr": name if language.startswith("fr") else "",
            "name_en": name if language.startswith("en") else "",
            "description": self.text(record, "description", path),
            "language": language,
            "term_uri": self.url(record, "term_uri", path),
        }
        return term_id

    def location(
        self, path: str, record: dict, *, organization_id: uuid.UUID | None = None
    ) -> uuid.UUID | None:
        location_id = self.hsds_id(record, "id", path, required=True)
        if location_id is None or not self.first("location", location_id, record, path):
            return location_id
        self.not_kept("location", record)
        given_org = self.hsds_id(record, "organization_id", path)
        if given_org is not None and organization_id is not None and given_org != organization_id:
            self.problem(
                _join(path, "organization_id"), _("differs from the organisation it is listed in")
            )
        org = given_org or organization_id
        if given_org is not None:
            self.reference("organization", given_org, _join(path, "organization_id"))
        latitude = self.coordinate(record, "latitude", path, 90)
        longitude = self.coordinate(record, "longitude", path, 180)
        if (latitude is None) != (longitude is None) and not self.problems_at(path):
            self.problem(path, _("give both latitude and longitude, or neither"))
            latitude = longitude = None
        self.out.locations[location_id] = {
            "organization_id": org,
            "location_type": self.choice(
                record, "location_type", path, LocationType.values, default=LocationType.PHYSICAL
            ),
            "name": self.text(record, "name", path, max_length=255),
            "alternate_name": self.text(record, "alternate_name", path, max_length=255),
            "description": self.text(record, "description", path),
            "transportation": self.text(record, "transportation", path),
            "url": self.url(record, "url", path),
            "latitude": latitude,
            "longitude": longitude,
        }
        for index, (address_path, address) in enumerate(self.items(record, "addresses", path)):
            self.address(address_path, address, index, location_id)
        for index, (phone_path, phone) in enumerate(self.items(record, "phones", path)):
            self.phone(phone_path, phone, index, location_id=location_id)
        for index, (schedule_path, schedule) in enumerate(self.items(record, "schedules", path)):
            self.schedule(schedule_path, schedule, index, location_id=location_id)
        for index, (language_path, language) in enumerate(self.items(record, "languages", path)):
            self.language(language_path, language, index, location_id=location_id)
        return location_id

    def problems_at(self, path: str) -> bool:
        return any(p.path.startswith(path + ".") for p in self.problems)

    def address(self, path: str, record: dict, position: int, location_id: uuid.UUID) -> None:
        address_id = self.hsds_id(record, "id", path, required=True)
        if address_id is None or not self.first("address", address_id, record, path):
            return
        self.not_kept("address", record)
        country = self.text(record, "country", path, max_length=100) or "BE"
        if not COUNTRY.fullmatch(country):
            self.problem(_join(path, "country"), _("not a country code of two letters (BE)"))
            country = "BE"
        self.out.addresses[address_id] = {
            "location_id": location_id,
            "attention": self.text(record, "attention", path, max_length=255),
            "address_1": self.text(record, "address_1", path, max_length=255, required=True),
            "address_2": self.text(record, "address_2", path, max_length=255),
            "city": self.text(record, "city", path, max_length=100, required=True),
            "region": self.text(record, "region", path, max_length=100),
            "state_province": self.text(record, "state_province", path, max_length=100),
            "postal_code": self.text(record, "postal_code", path, max_length=20),
            "country": country.upper(),
            "address_type": self.choice(
                record, "address_type", path, LocationType.values, default=LocationType.PHYSICAL
            ),
            "position": position,
        }

    def phone(self, path: str, record: dict, position: int, **owner: uuid.UUID) -> None:
        phone_id = self.hsds_id(record, "id", path, required=True)
        if phone_id is None or not self.first("phone", phone_id, record, path):
            return
        self.not_kept("phone", record)
        self.out.phones[phone_id] = {
            "service_id": None,
            "location_id": None,
            "organization_id": None,
            "service_at_location_id": None,
            **owner,
            "number": self.text(record, "number", path, max_length=50, required=True),
            "extension": self.whole(record, "extension", path, low=0, high=99_999_999),
            "type": self.text(record, "type", path, max_length=20),
            "description": self.text(record, "description", path),
            "position": position,
        }
        for index, (language_path, language) in enumerate(self.items(record, "languages", path)):
            self.language(language_path, language, index, phone_id=phone_id)

    def language(self, path: str, record: dict, position: int, **owner: uuid.UUID) -> None:
        language_id = self.hsds_id(record, "id", path, required=True)
        if language_id is None or not self.first("language", language_id, record, path):
            return
        self.not_kept("language", record)
        code = self.text(record, "code", path, max_length=20)
        if not code:
            self.problem(
                _join(path, "code"), _("missing: give the ISO 639 code of the language (nl)")
            )
        elif not LANGUAGE_CODE.fullmatch(code):
            self.problem(_join(path, "code"), _("not an ISO 639 language code (nl, fr, ar)"))
        self.out.languages[language_id] = {
            "service_id": None,
            "location_id": None,
            "phone_id": None,
            **owner,
            "code": code.lower(),
            "name": self.text(record, "name", path, max_length=100),
            "note": self.text(record, "note", path),
            "position": position,
        }

    def schedule(self, path: str, record: dict, position: int, **owner: uuid.UUID) -> None:
        schedule_id = self.hsds_id(record, "id", path, required=True)
        if schedule_id is None or not self.first("schedule", schedule_id, record, path):
            return
        self.not_kept("schedule", record)
        freq = self.text(record, "freq", path, max_length=10).upper()
        if freq and freq not in Frequency.values:
            self.problem(_join(path, "freq"), _("not one of WEEKLY, MONTHLY"))
            freq = ""
        byday = self.byday(record, path, monthly=freq == Frequency.MONTHLY)
        opens_at = self.time(record, "opens_at", path)
        closes_at = self.time(record, "closes_at", path)
        if (record.get("opens_at") in (None, "")) != (record.get("closes_at") in (None, "")):
            missing = "closes_at" if record.get("closes_at") in (None, "") else "opens_at"
            self.problem(_join(path, missing), _("give both the opening and the closing time"))
        if opens_at is not None and not byday and not self.problems_at(path):
            self.problem(_join(path, "byday"), _("give the days (for example MO,TU,FR)"))
        valid_from = self.date(record, "valid_from", path)
        valid_to = self.date(record, "valid_to", path)
        if valid_from and valid_to and valid_to < valid_from:
            self.problem(_join(path, "valid_to"), _("before valid_from"))
        self.out.schedules[schedule_id] = {
            "service_id": None,
            "location_id": None,
            "service_at_location_id": None,
            **owner,
            "freq": freq,
            "interval": self.whole(record, "interval", path, low=1, high=52),
            "byday": byday,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "description": self.text(record, "description", path),
            "notes": self.text(record, "notes", path),
            "attending_type": self.text(record, "attending_type", path, max_length=255),
            "position": position,
        }

    def byday(self, record: dict, path: str, *, monthly: bool) -> str:
        raw = self.text(record, "byday", path, max_length=60).upper()
        if not raw:
            return ""
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        where = _join(path, "byday")
        if monthly:
            if not all(MONTHLY_DAY.fullmatch(p) for p in parts):
                self.problem(where, _("not a list of days such as 1MO,-1FR"))
                return ""
            return ",".join(parts)
        unknown = [p for p in parts if p not in WEEKDAYS]
        if unknown:
            self.problem(
                where,
                _("unknown day %(days)s: use MO, TU, WE, TH, FR, SA, SU")
                % {"days": ", ".join(unknown)},
            )
            return ""
        return ",".join(d for d in WEEKDAYS if d in parts)

    def service(self, path: str, record: dict, *, organization_id: uuid.UUID | None = None) -> None:
        service_id = self.hsds_id(record, "id", path, required=True)
        if service_id is None or not self.first("service", service_id, record, path):
            return
        self.not_kept("service", record)
        given_org = self.hsds_id(record, "organization_id", path)
        nested = record.get("organization")
        org = organization_id
        if nested is not None and self.obj(nested, _join(path, "organization")) is not None:
            nested_id = self.organization(_join(path, "organization"), nested)
            if org is not None and nested_id is not None and nested_id != org:
                self.problem(
                    _join(path, "organization"),
                    _("differs from the organisation it is listed in"),
                )
            org = org or nested_id
        if given_org is not None:
            if org is not None and given_org != org:
                self.problem(
                    _join(path, "organization_id"), _("differs from the id of organization")
                )
            elif org is None:
                org = given_org
                self.reference("organization", given_org, _join(path, "organization_id"))
        if org is None and not self.problems_at(path):
            self.problem(path, _("no organisation: give organization or organization_id"))
        minimum = self.whole(record, "minimum_age", path, low=0, high=150)
        maximum = self.whole(record, "maximum_age", path, low=0, high=150)
        if minimum is not None and maximum is not None and maximum < minimum:
            self.problem(_join(path, "maximum_age"), _("lower than minimum_age"))
        status = record.get("status")
        if status in (None, ""):
            self.problem(
                _join(path, "status"),
                _("missing: active, inactive, defunct or temporarily closed"),
            )
        self.out.services[service_id] = {
            "organization_id": org,
            "name": self.text(record, "name", path, max_length=255, required=True),
            "alternate_name": self.text(record, "alternate_name", path, max_length=255),
            "description": self.text(record, "description", path),
            "url": self.url(record, "url", path),
            "email": self.email(record, "email", path),
            "status": self.choice(
                record, "status", path, ServiceStatus.values, default=ServiceStatus.ACTIVE
            ),
            "interpretation_services": self.text(record, "interpretation_services", path),
            "application_process": self.text(record, "application_process", path),
            "fees_description": self.text(record, "fees_description", path),
            "eligibility_description": self.text(record, "eligibility_description", path),
            "minimum_age": minimum,
            "maximum_age": maximum,
            "alert": self.text(record, "alert", path),
            "assured_date": self.date(record, "assured_date", path),
            "last_modified": self.moment(record, "last_modified", path),
        }
        for index, (phone_path, phone) in enumerate(self.items(record, "phones", path)):
            self.phone(phone_path, phone, index, service_id=service_id)
        for index, (schedule_path, schedule) in enumerate(self.items(record, "schedules", path)):
            self.schedule(schedule_path, schedule, index, service_id=service_id)
        for index, (language_path, language) in enumerate(self.items(record, "languages", path)):
            self.language(language_path, language, index, service_id=service_id)
        for index, (sal_path, sal) in enumerate(self.items(record, "service_at_locations", path)):
            self.service_at_location(sal_path, sal, index, service_id)
        terms: dict[uuid.UUID, str] = {}
        for index, (attr_path, attribute) in enumerate(self.items(record, "attributes", path)):
            self.attribute(attr_path, attribute, index, service_id, terms)

    def service_at_location(
        self, path: str, record: dict, position: int, service_id: uuid.UUID
    ) -> None:
        sal_id = self.hsds_id(record, "id", path, required=True)
        if sal_id is None or not self.first("service_at_location", sal_id, record, path):
            return
        self.not_kept("service_at_location", record)
        given_service = self.hsds_id(record, "service_id", path)
        if given_service is not None and given_service != service_id:
            self.problem(_join(path, "service_id"), _("differs from the service it is listed in"))
        location_id = self.hsds_id(record, "location_id", path)
        nested = record.get("location")
        if nested is not None and self.obj(nested, _join(path, "location")) is not None:
            nested_id = self.location(_join(path, "location"), nested)
            if location_id is not None and nested_id is not None and nested_id != location_id:
                self.problem(_join(path, "location_id"), _("differs from the id of location"))
            location_id = nested_id
        elif location_id is not None:
            self.reference("location", location_id, _join(path, "location_id"))
        elif not self.problems_at(path):
            self.problem(path, _("no location: give location or location_id"))
        self.out.service_at_locations[sal_id] = {
            "service_id": service_id,
            "location_id": location_id,
            "description": self.text(record, "description", path),
            "position": position,
        }
        for index, (phone_path, phone) in enumerate(self.items(record, "phones", path)):
            self.phone(phone_path, phone, index, service_at_location_id=sal_id)
        for index, (schedule_path, schedule) in enumerate(self.items(record, "schedules", path)):
            self.schedule(schedule_path, schedule, index, service_at_location_id=sal_id)

    def attribute(
        self,
        path: str,
        record: dict,
        position: int,
        service_id: uuid.UUID,
        terms: dict[uuid.UUID, str],
    ) -> None:
        term_id = self.hsds_id(record, "taxonomy_term_id", path)
        nested = record.get("taxonomy_term")
        if nested is None and term_id is None:
            self.out.not_kept["service.attributes without a taxonomy term"] += 1
            return
        attribute_id = self.hsds_id(record, "id", path, required=True)
        entity = record.get("link_entity")
        if entity not in (None, "", "service"):
            self.problem(_join(path, "link_entity"), _("an attribute of a service links a service"))
        if nested is not None and self.obj(nested, _join(path, "taxonomy_term")) is not None:
            nested_id = self.term(_join(path, "taxonomy_term"), nested)
            if term_id is not None and nested_id is not None and nested_id != term_id:
                self.problem(
                    _join(path, "taxonomy_term_id"), _("differs from the id of taxonomy_term")
                )
            term_id = nested_id
        elif term_id is not None:
            self.reference("term", term_id, _join(path, "taxonomy_term_id"))
        if term_id is not None:
            if term_id in terms:
                self.problem(
                    path,
                    _("this taxonomy term is given twice for this service (also %(first)s)")
                    % {"first": terms[term_id]},
                )
            terms[term_id] = path
        if attribute_id is None or not self.first("attribute", attribute_id, record, path):
            return
        self.out.links[attribute_id] = {
            "service_id": service_id,
            "term_id": term_id,
            "link_type": self.text(record, "link_type", path, max_length=100),
            "value": self.text(record, "value", path, max_length=255),
            "position": position,
        }

    # --- the whole file -----------------------------------------------------------------
    def read(self, data: Any) -> None:
        if isinstance(data, list):
            self.services_at("services", data)
            return
        if not isinstance(data, dict):
            self.problem("", _("An HSDS file is a list of services, or an object with lists."))
            return
        if "contents" in data:
            contents = data["contents"]
            if not isinstance(contents, list):
                self.problem("contents", _("not a list ([…])"))
                return
            self.services_at("contents", contents)
            return
        lists = ("taxonomies", "taxonomy_terms", "organizations", "locations", "services")
        if not any(key in data for key in lists):
            if "id" in data and "name" in data:  # one service
                self.service("service", data)
                return
            self.problem(
                "",
                _(
                    "An HSDS file is a list of services, or an object with lists of "
                    "organizations, services and locations."
                ),
            )
            return
        for path, record in self.items(data, "taxonomies", ""):
            self.taxonomy(path, record)
        for path, record in self.items(data, "taxonomy_terms", ""):
            self.term(path, record)
        for path, record in self.items(data, "organizations", ""):
            self.organization(path, record)
        for path, record in self.items(data, "locations", ""):
            self.location(path, record)
        self.services_at("services", data.get("services") or [])

    def services_at(self, path: str, services: Any) -> None:
        if not isinstance(services, list):
            self.problem(path, _("not a list ([…])"))
            return
        if len(services) > MAX_SERVICES:
            self.problem(
                path, _("more than %(max)s services: split the file") % {"max": MAX_SERVICES}
            )
            return
        for index, record in enumerate(services):
            item = _join(path, index)
            if self.obj(record, item) is not None:
                self.service(item, record)


def parse_json(raw: bytes | str) -> Any:
    """The JSON value of a file, or DirectoryInvalid saying why it is not JSON."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise DirectoryInvalid([Problem("", _("The file is not UTF-8 text."))]) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise DirectoryInvalid([Problem("", _("The file is nested too deeply."))]) from None
    except json.JSONDecodeError as exc:
        where = _("line %(line)s, column %(column)s") % {"line": exc.lineno, "column": exc.colno}
        raise DirectoryInvalid(
            [Problem("", _("The file is not valid JSON (%(where)s).") % {"where": where})]
        ) from None
    except ValueError:  # e.g. a number of more than 4,300 digits
        raise DirectoryInvalid([Problem("", _("The file is not valid JSON."))]) from None


def read(data: Any) -> Directory:
    """Check a parsed HSDS value and return its normalised rows, or raise DirectoryInvalid
    with every problem. References to records outside the file are returned to be checked
    against the database (``Directory.references``)."""
    reader = _Reader()
    try:
        reader.read(data)
    except _Stop:
        reader.problems.append(
            Problem("", _("Stopped after %(n)s problems.") % {"n": MAX_PROBLEMS})
        )
    except RecursionError:
        reader.problems.append(Problem("", _("The file is nested too deeply.")))
    if reader.problems:
        raise DirectoryInvalid(reader.problems)
    out = reader.out
    # A reference is satisfied by a record elsewhere in the file.
    in_file = {
        "organization": out.organizations,
        "location": out.locations,
        "term": out.terms,
        "taxonomy": out.taxonomies,
    }
    out.references = {
        kind: {rid: path for rid, path in refs.items() if rid not in in_file[kind]}
        for kind, refs in out.references.items()
    }
    return out


def missing_reference(kind: str) -> str:
    return {
        "organization": _("no such organisation in the file or in the directory"),
        "location": _("no such location in the file or in the directory"),
        "term": _("no such taxonomy term in the file or in the directory"),
        "taxonomy": _("no such taxonomy in the file or in the directory"),
    }[kind]
