"""Names of the languages a service speaks, in the reader's language, from their ISO 639 code.

Django names about a hundred languages in every language it is translated to; these are the
ones it does not know that services in Flanders often speak."""

from __future__ import annotations

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

EXTRA_NAMES = {
    "am": _("Amharic"),
    "ber": _("Berber (Tamazight)"),
    "tzm": _("Berber (Tamazight)"),
    "ku": _("Kurdish"),
    "kmr": _("Kurdish (Kurmanji)"),
    "prs": _("Dari"),
    "ps": _("Pashto"),
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "vgt": _("Flemish Sign Language"),
}


def language_name(code: str, fallback: str = "") -> str:
    """The language's name in the active language: "Arabisch" for ``ar`` in Dutch."""
    code = (code or "").lower()
    primary = code.split("-")[0]
    if code in EXTRA_NAMES:
        return str(EXTRA_NAMES[code])
    if primary in EXTRA_NAMES:
        return str(EXTRA_NAMES[primary])
    for candidate in (code, primary):
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return fallback or code
