"""Accent- and case-insensitive matching that behaves the same on SQLite and PostgreSQL.

Both sides of a comparison are *folded*: lower case, accents removed (``Coördinator`` →
``coordinator``, ``Şahin`` → ``sahin``). In Python this is :func:`fold`; in the database it
is the :class:`Fold` expression:

- PostgreSQL: ``TRANSLATE(LOWER(x), '<accented letters>', '<plain letters>')`` — a built-in
  function, no ``unaccent`` extension needed. Combining accents (decomposed text) are removed
  because they are listed in the first argument without a counterpart.
- SQLite: a deterministic function ``wijkpunt_fold`` registered on every new connection (see
  ``WorkspaceConfig.ready``) that runs :func:`fold` itself, so both sides fold identically.
  SQLite's own ``LOWER`` and ``LIKE`` only know ASCII, which is why the folding is done in
  Python there.

Letters outside the table (Greek, Cyrillic, Arabic script, ligatures such as ``ß`` or ``œ``)
are compared as written, lower-cased where the database can.

Folding happens per row at query time, so a search scans the households of the user's
estates; that is a few thousand rows for one housing company and stays well under 50 ms.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func

# Letters without a Unicode decomposition that still have an obvious plain form.
_SPECIAL = {
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ø": "o",
    "Ø": "o",
    "ı": "i",
    "ħ": "h",
    "Ħ": "h",
    "ŧ": "t",
    "Ŧ": "t",
}
_COMBINING = "".join(chr(cp) for cp in range(0x0300, 0x0370))


def _build_table() -> tuple[str, str]:
    src: list[str] = []
    dst: list[str] = []
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        if ch in _SPECIAL:
            src.append(ch)
            dst.append(_SPECIAL[ch])
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        ).lower()
        if len(base) == 1 and base != ch.lower() and "a" <= base <= "z":
            src.append(ch)
            dst.append(base)
    return "".join(src), "".join(dst)


FOLD_FROM, FOLD_TO = _build_table()
_TRANSLATION = str.maketrans(FOLD_FROM, FOLD_TO, _COMBINING)


def fold(value: str | None) -> str:
    """Lower case without accents: the form every search compares."""
    if value is None:
        return ""
    return str(value).lower().translate(_TRANSLATION)


def _sqlite_fold(value):
    return None if value is None else fold(value)


def register_sqlite_fold(sender=None, connection=None, **kwargs) -> None:
    """Make ``wijkpunt_fold`` available on a new SQLite connection."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function("wijkpunt_fold", 1, _sqlite_fold, deterministic=True)


def connect_signals() -> None:
    connection_created.connect(register_sqlite_fold, dispatch_uid="wijkpunt_workspace_fold")


class Fold(Func):
    """The folded (lower case, unaccented) form of a text expression."""

    arity = 1
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"wijkpunt_fold({sql})", params

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        # The combining accents are in FROM without a counterpart: TRANSLATE removes them.
        return (
            f"TRANSLATE(LOWER({sql}), %s, %s)",
            (*params, FOLD_FROM + _COMBINING, FOLD_TO),
        )

    def as_sql(
        self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context
    ):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"LOWER({sql})", params


# Words that only say "box" in an address ("Lindenplein 1 bus 0.1").
_NOISE = {"bus", "box", "boite", "bte", "bt"}
_NUMBER = re.compile(r"^\d{1,5}[a-z]?$")
MAX_TERMS = 8


def split_terms(query: str) -> list[str]:
    """The folded search words of a query, without punctuation and filler words."""
    words = re.split(r"[\s,;]+", fold(query).strip())
    terms: list[str] = []
    for word in words:
        word = word.strip(".-'\"()")
        if word and word not in _NOISE and word not in terms:
            terms.append(word)
    return terms


def is_number_term(term: str) -> bool:
    """A house number or postcode ("1", "12a", "8560"): matched exactly, not as a part."""
    return bool(_NUMBER.match(term))
