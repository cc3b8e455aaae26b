"""The columns of a registry file and the words accepted in its cells (docs/import-format.md)."""

from __future__ import annotations

import datetime as dt
import re

from wijkpunt.housing.models import DwellingType, ResidentRelation

DWELLINGS = "dwellings"
RESIDENTS = "residents"
ENTITIES = ("buildings", "dwellings", "households", "tenancies", "residents")
LOOKUP_CHUNK = 2000  # references per IN (...) query: well below every database's limit
PROGRESS_EVERY = 500

# --- Columns ---------------------------------------------------------------------------------
# field -> accepted header names (after normalising: lower case, spaces and dashes as "_").
# The first name is the Dutch one the export writes.
DWELLING_COLUMNS: dict[str, tuple[str, ...]] = {
    "dwelling_ref": ("woning_ref", "dwelling_ref", "woningref"),
    "estate": ("wijk", "estate", "patrimonium"),
    "building_ref": ("gebouw_ref", "building_ref", "gebouwref"),
    "building_name": ("gebouwnaam", "building_name", "gebouw_naam"),
    "street": ("straat", "street", "straatnaam"),
    "number": ("huisnummer", "number", "house_number", "nummer"),
    "unit": ("bus", "unit", "busnummer"),
    "postcode": ("postcode", "postal_code", "zip"),
    "city": ("gemeente", "city", "municipality", "woonplaats"),
    "dwelling_type": ("type", "dwelling_type", "woningtype"),
    "bedrooms": ("slaapkamers", "bedrooms"),
    "floor": ("verdieping", "floor"),
    "has_lift": ("lift", "has_lift"),
    "adapted": ("aangepast", "adapted"),
    "latitude": ("latitude", "breedtegraad", "lat"),
    "longitude": ("longitude", "lengtegraad", "lon", "lng"),
    "household_ref": ("gezin_ref", "household_ref", "gezinref"),
    "household_name": ("gezinsnaam", "household_name", "gezin_naam"),
    "language": ("taal", "language"),
    "phone": ("telefoon", "phone", "telefoonnummer", "gsm"),
    "email": ("email", "e_mail", "e_mailadres", "emailadres"),
    "tenancy_ref": ("huur_ref", "tenancy_ref", "huurref", "contract_ref"),
    "start_date": ("startdatum", "start_date", "begindatum"),
    "end_date": ("einddatum", "end_date"),
    "probation_end": ("proefperiode_einde", "probation_end", "einde_proefperiode"),
}
DWELLING_REQUIRED = ("dwelling_ref", "estate", "street", "number", "postcode", "city")

RESIDENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "resident_ref": ("bewoner_ref", "resident_ref", "bewonerref"),
    "household_ref": ("gezin_ref", "household_ref", "gezinref"),
    "first_name": ("voornaam", "first_name"),
    "last_name": ("achternaam", "last_name", "familienaam", "naam"),
    "relation": ("relatie", "relation"),
    "birth_year": ("geboortejaar", "birth_year"),
    "phone": ("telefoon", "phone", "telefoonnummer", "gsm"),
    "email": ("email", "e_mail", "e_mailadres", "emailadres"),
}
RESIDENT_REQUIRED = ("resident_ref", "household_ref", "first_name", "last_name")

# Columns that hold (or look like they hold) a national register number: refused outright.
NATIONAL_NUMBER_HEADERS = re.compile(
    r"(rijksregister|insz|inss|niss|national_?(register_?)?number|numero_national|"
    r"national_?id|ssin|bis_?nummer|^rrn$|^nn$|^nrn$)"
)
NATIONAL_NUMBER_VALUE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})[-. ]?(\d{3})\.?(\d{2})$")

TRUE_WORDS = {"ja", "j", "yes", "y", "1", "waar", "true", "oui", "vrai", "x"}
FALSE_WORDS = {"nee", "neen", "n", "no", "0", "onwaar", "false", "non", "faux"}
DWELLING_TYPES = {
    "appartement": DwellingType.APARTMENT,
    "apartment": DwellingType.APARTMENT,
    "flat": DwellingType.APARTMENT,
    "huis": DwellingType.HOUSE,
    "woning": DwellingType.HOUSE,
    "eengezinswoning": DwellingType.HOUSE,
    "rijwoning": DwellingType.HOUSE,
    "house": DwellingType.HOUSE,
    "studio": DwellingType.STUDIO,
    "duplex": DwellingType.DUPLEX,
    "serviceflat": DwellingType.SENIOR_FLAT,
    "seniorenflat": DwellingType.SENIOR_FLAT,
    "seniorenwoning": DwellingType.SENIOR_FLAT,
    "senior": DwellingType.SENIOR_FLAT,
    "senior flat": DwellingType.SENIOR_FLAT,
}
LANGUAGES = {
    "nl": "nl-be",
    "nl-be": "nl-be",
    "nl_be": "nl-be",
    "nederlands": "nl-be",
    "vlaams": "nl-be",
    "dutch": "nl-be",
    "fr": "fr",
    "fr-be": "fr",
    "frans": "fr",
    "français": "fr",
    "francais": "fr",
    "french": "fr",
    "en": "en",
    "engels": "en",
    "english": "en",
}
RELATIONS = {
    "hoofdhuurder": ResidentRelation.HEAD,
    "huurder": ResidentRelation.HEAD,
    "head": ResidentRelation.HEAD,
    "main tenant": ResidentRelation.HEAD,
    "partner": ResidentRelation.PARTNER,
    "medehuurder": ResidentRelation.PARTNER,
    "co-huurder": ResidentRelation.PARTNER,
    "kind": ResidentRelation.CHILD,
    "child": ResidentRelation.CHILD,
    "ander": ResidentRelation.OTHER,
    "andere": ResidentRelation.OTHER,
    "other": ResidentRelation.OTHER,
}
FLOOR_WORDS = {"gelijkvloers": 0, "gv": 0, "ground": 0, "kelder": -1}
MAX_LENGTHS = {
    "dwelling_ref": 64,
    "building_ref": 64,
    "household_ref": 64,
    "tenancy_ref": 64,
    "resident_ref": 64,
    "estate": 150,
    "building_name": 150,
    "street": 150,
    "number": 20,
    "unit": 20,
    "postcode": 10,
    "city": 100,
    "household_name": 200,
    "phone": 40,
    "email": 254,
    "first_name": 100,
    "last_name": 100,
}
EXCEL_EPOCH = dt.date(1899, 12, 30)


def normalise_header(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)
