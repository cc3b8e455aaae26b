"""Open answers with what could identify a person masked: names, phone numbers, e-mail
addresses and house numbers become [name], [phone], [e-mail], [house number] (in Dutch
[naam], [telefoon], [e-mail], [huisnummer]).

- **e-mail addresses**: anything@anything.tld;
- **phone numbers**: Belgian numbers as people write them — 0470 12 34 56, 0470/12.34.56,
  056 12 34 56, 056/123456, +32 470 12 34 56, 0032 56 12 34 56;
- **house numbers**: a number after a street word (…straat, …laan, …plein, rue, avenue …),
  and after "nr", "nummer", "huisnummer", "n°", "bus", "appartement", "app", "apt", "flat";
  the street name stays, the number goes;
- **names**: words after a form of address (meneer, mevrouw, mijnheer, madame, monsieur,
  juffrouw, dhr., mevr., mr., mme, buurman, buurvrouw …), common first names (a list kept
  here), and the first and last names of the people living in the wave's estates.

Masking is careful, not perfect: the results pages say so, and open answers are only shown
to the roles that may read them (``open_answers``), for groups that are not suppressed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?32[\s./-]?(?:\(0\)[\s./-]?)?|0)"
    r"\d{1,3}(?:[\s./-]?\d){6,8}(?!\d)"
)
STREET_WORDS = (
    r"straat|laan|plein|weg|dreef|hof|steenweg|lei|kaai|park|wijk|baan|dijk|markt|singel|"
    r"pad|ring|veld|berg|hoek"
)
STREET_NUMBER = re.compile(
    rf"(?P<street>\b[A-ZÀ-Ý][\w'’-]*(?:{STREET_WORDS})|\b(?:rue|avenue|place|chaussée|"
    rf"boulevard|square|allée)\s+[\w'’ -]{{2,40}}?)\s+(?P<number>\d{{1,4}}(?:\s?[a-zA-Z]\b)?)",
    re.IGNORECASE,
)
NUMBER_WORDS = re.compile(
    r"\b(?P<word>nr\.?|nummer|huisnummer|n°|no\.?|bus|appartement|appart\.?|app\.?|apt\.?|"
    r"flat|busnummer)\s*(?P<number>\d{1,4}(?:\s?[a-zA-Z]\b)?|[a-zA-Z]\d{1,3}\b)",
    re.IGNORECASE,
)
TITLES = (
    r"meneer|mevrouw|mijnheer|madame|monsieur|mademoiselle|juffrouw|juf|meester|dokter|"
    r"dhr\.?|mevr\.?|mr\.?|mw\.?|mme\.?|mlle\.?|m\.|buurman|buurvrouw|familie|fam\.?|"
    r"mister|mrs\.?|miss|ms\.?"
)
AFTER_TITLE = re.compile(
    rf"\b(?P<title>(?i:{TITLES}))\s+(?P<name>(?:(?i:van|de|der|den|le|la|el|al|ben)\s+)*"
    r"[A-ZÀ-Ý][\w'’-]+(?:\s+(?:(?:van|de|der|den|le|la)\s+)?[A-ZÀ-Ý][\w'’-]+)?)"
)

# Common first names in Flanders and Brussels (Belgian statistics, all generations), lower case.
FIRST_NAMES = frozenset(
    [
        "aaron",
        "abdel",
        "abdelkader",
        "ahmed",
        "aicha",
        "aisha",
        "ali",
        "alice",
        "amina",
        "amir",
        "an",
        "ana",
        "andré",
        "andreas",
        "anna",
        "anne",
        "annick",
        "anouk",
        "ans",
        "anton",
        "arne",
        "arthur",
        "astrid",
        "aya",
        "bart",
        "bas",
        "bea",
        "ben",
        "benjamin",
        "bert",
        "bilal",
        "bram",
        "carine",
        "caroline",
        "charlotte",
        "chris",
        "christine",
        "daan",
        "dirk",
        "dries",
        "ecem",
        "elif",
        "elias",
        "elien",
        "elise",
        "ellen",
        "els",
        "emma",
        "emre",
        "eva",
        "fatima",
        "fatma",
        "febe",
        "filip",
        "finn",
        "frank",
        "freya",
        "gert",
        "gilles",
        "greet",
        "griet",
        "hanne",
        "hans",
        "hasan",
        "hilde",
        "ibrahim",
        "ilse",
        "imane",
        "ines",
        "inge",
        "ingrid",
        "jan",
        "jana",
        "jasper",
        "jef",
        "jeroen",
        "jo",
        "johan",
        "jonas",
        "joris",
        "josé",
        "joke",
        "julie",
        "kaat",
        "karel",
        "karim",
        "katrien",
        "kevin",
        "khadija",
        "koen",
        "kris",
        "lars",
        "laura",
        "lea",
        "leen",
        "lena",
        "leo",
        "lien",
        "lies",
        "lieve",
        "liam",
        "lisa",
        "lotte",
        "louis",
        "lucas",
        "luc",
        "lutgart",
        "luuk",
        "maarten",
        "marc",
        "maria",
        "marie",
        "marijke",
        "mark",
        "marleen",
        "martine",
        "mathias",
        "mehmet",
        "mila",
        "mohamed",
        "mohammed",
        "mustafa",
        "nadia",
        "nathalie",
        "nicole",
        "nina",
        "noah",
        "noor",
        "nora",
        "olivia",
        "omar",
        "patrick",
        "paul",
        "peter",
        "pieter",
        "rachid",
        "rania",
        "rik",
        "rita",
        "robbe",
        "roos",
        "ruben",
        "rudi",
        "saar",
        "sam",
        "sander",
        "sara",
        "sarah",
        "seppe",
        "sofie",
        "sophie",
        "stefan",
        "stijn",
        "tine",
        "tom",
        "tuur",
        "veerle",
        "vincent",
        "wim",
        "wout",
        "yasmine",
        "yusuf",
        "youssef",
        "zeynep",
    ]
)
WORD = re.compile(r"\b[A-ZÀ-Ý][\w'’-]+\b")


def tokens() -> dict[str, str]:
    return {
        "name": _("[name]"),
        "phone": _("[phone]"),
        "email": _("[e-mail]"),
        "number": _("[house number]"),
    }


def mask(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with names, phone numbers, e-mail addresses and house numbers masked."""
    t = tokens()
    text = EMAIL.sub(t["email"], text)
    text = PHONE.sub(t["phone"], text)
    text = STREET_NUMBER.sub(lambda m: f"{m.group('street')} {t['number']}", text)
    text = NUMBER_WORDS.sub(lambda m: f"{m.group('word')} {t['number']}", text)
    text = AFTER_TITLE.sub(lambda m: f"{m.group('title')} {t['name']}", text)
    residents = {n.lower() for n in names if n and len(n) >= 3}
    known = residents | FIRST_NAMES

    def name_or_word(m: re.Match) -> str:
        return t["name"] if m.group(0).lower() in known else m.group(0)

    text = WORD.sub(name_or_word, text)
    # Names written in lower case ("ik heb jef gezien"): the names of the estate's people (any
    # length, as above) and the longer first names, so that everyday words ("an", "jan") are
    # left alone. A token already placed ("[e-mail]") is skipped, whatever the names are.
    people = residents | {n for n in FIRST_NAMES if len(n) >= 5}
    if people:
        lower = re.compile(r"\[[^\]]*\]|\b(" + "|".join(sorted(map(re.escape, people))) + r")\b")
        text = lower.sub(lambda m: t["name"] if m.group(1) else m.group(0), text)
    return text


def estate_names(estate_ids: Iterable[int]) -> set[str]:
    """First and last names of the people living in these estates (one query)."""
    from wijkpunt.housing.models import Resident

    ids = list(estate_ids)
    if not ids:
        return set()
    found: set[str] = set()
    rows = (
        Resident.objects.filter(household__tenancies__dwelling__building__estate_id__in=ids)
        .values_list("first_name", "last_name")
        .distinct()
    )
    for first, last in rows:
        for part in f"{first} {last}".split():
            if len(part) >= 3 and part.lower() not in {"van", "der", "den"}:
                found.add(part)
    return found
