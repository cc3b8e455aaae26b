"""Workbooks for the XLSForm tests, made in memory: a sheet is a list of rows, the first the
header."""

from __future__ import annotations

import io

from openpyxl import Workbook

SCALE_LIST = [
    ["tevreden", "1", "Heel ontevreden", "Très insatisfait", "Very unhappy"],
    ["tevreden", "2", "Ontevreden", "Insatisfait", "Unhappy"],
    ["tevreden", "3", "Neutraal", "Neutre", "Neutral"],
    ["tevreden", "4", "Tevreden", "Satisfait", "Happy"],
    ["tevreden", "5", "Heel tevreden", "Très satisfait", "Very happy"],
    ["tevreden", "geen_mening", "Geen mening", "Sans avis", "No opinion"],
]
CHOICES_HEADER = ["list_name", "name", "label::Dutch (nl)", "label::French (fr)",
                  "label::English (en)"]  # fmt: skip
SURVEY_HEADER = ["type", "name", "label::Dutch (nl)", "label::French (fr)", "hint::Dutch (nl)",
                 "required", "relevant", "constraint", "appearance"]  # fmt: skip


def book(survey, choices=None, settings=None, extra=None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings),
                        *(extra or {}).items()):  # fmt: skip
        if rows is None:
            continue
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def full_book() -> bytes:
    """Every supported construct at once."""
    survey = [
        SURVEY_HEADER,
        ["begin_group", "dienst", "Dienstverlening", "Service", "", "", "", "", ""],
        ["select_one janee", "contact", "Had u contact met ons?", "Contact ?", "Het laatste jaar",
         "yes", "", "", ""],
        ["select_multiple reden or_other", "reden", "Waarover?", "Sujet ?", "", "",
         "${contact} = 'ja'", "count-selected(.) <= 2", ""],
        ["select_one tevreden", "tevreden", "Hoe tevreden bent u?", "Satisfait ?", "", "", "", "",
         ""],
        ["select_one cijfer", "cijfer", "Welk cijfer?", "Quelle note ?", "", "", "", "", ""],
        ["integer", "personen", "Met hoeveel bent u?", "Combien ?", "", "",
         "selected(${reden}, 'herstel') or ${contact} != 'nee'", ". >= 1 and . <= 12", ""],
        ["decimal", "jaren", "Hoeveel jaar woont u hier?", "Années ?", "", "", "${personen} > 2",
         ". >= 0", ""],
        ["begin_group", "gebouw", "Uw gebouw", "Votre immeuble", "", "", "", "", "table-list"],
        ["select_one tevreden", "hal", "Netheid van de hal", "Propreté du hall", "", "yes", "", "",
         ""],
        ["select_one tevreden", "lift", "De lift", "L'ascenseur", "", "", "", "", ""],
        ["end_group", "", "", "", "", "", "", "", ""],
        ["end_group", "", "", "", "", "", "", "", ""],
        ["note", "overgang", "Nu over het buurtwerk.", "Le travail de quartier.", "", "", "", "",
         ""],
        ["text", "woord", "Uw buurt in één woord?", "Un mot ?", "", "", "", "", ""],
        ["text", "ideeen", "Welke ideeën heeft u?", "Des idées ?", "", "", "${cijfer} >= 5", "",
         "multiline"],
    ]  # fmt: skip
    choices = [
        CHOICES_HEADER,
        ["janee", "ja", "Ja", "Oui", "Yes"],
        ["janee", "nee", "Nee", "Non", "No"],
        ["reden", "herstel", "Een herstelling", "Une réparation", "A repair"],
        ["reden", "huur", "De huur", "Le loyer", "The rent"],
        ["reden", "buren", "De buren", "Les voisins", "The neighbours"],
        *SCALE_LIST,
        *(["cijfer", str(n), str(n), str(n), str(n)] for n in range(11)),
    ]
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        ["Bewonersbevraging", "bewoners_2026", "3", "Dutch (nl)"],
    ]
    return book(survey, choices, settings)
