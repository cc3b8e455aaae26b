# ruff: noqa: E501
"""Writes docs/examples/bewonersbevraging.xlsx, the example XLSForm of docs/surveys-xlsform.md.
Run once from the repository root: ``python docs/examples/make_bewonersbevraging.py``."""

from pathlib import Path

from openpyxl import Workbook

L = ["label::Dutch (nl)", "label::French (fr)", "label::English (en)"]
SURVEY = [
    ["type", "name", *L, "hint::Dutch (nl)", "required", "relevant", "constraint", "appearance",
     "wijkpunt::faces"],
    ["begin_group", "dienstverlening", "Dienstverlening van de woonmaatschappij",
     "Service de la société de logement", "Service of the housing company", "", "", "", "", "", ""],
    ["select_one janee", "contact", "Had u het voorbije jaar contact met de woonmaatschappij?",
     "Avez-vous eu contact avec la société de logement l'année passée ?",
     "Did you contact the housing company in the past year?", "", "yes", "", "", "", ""],
    ["select_multiple reden or_other", "reden", "Waarover ging het?", "De quoi s'agissait-il ?",
     "What was it about?", "Kies er hoogstens drie.", "", "${contact} = 'ja'",
     "count-selected(.) <= 3", "", ""],
    ["select_one tevreden", "tevreden_dienst", "Hoe tevreden bent u over hoe we u hielpen?",
     "Êtes-vous satisfait de notre aide ?", "How satisfied are you with how we helped you?", "", "",
     "${contact} = 'ja'", "", "", "yes"],
    ["select_one cijfer", "cijfer_woning", "Welk cijfer van 0 tot 10 geeft u uw woning?",
     "Quelle note de 0 à 10 donnez-vous à votre logement ?",
     "What mark from 0 to 10 do you give your home?", "", "yes", "", "", "", ""],
    ["begin_group", "gebouw", "Hoe tevreden bent u over …", "Êtes-vous satisfait de …",
     "How satisfied are you with …", "", "", "", "", "table-list", ""],
    ["select_one tevreden", "netheid", "de netheid van de gemeenschappelijke delen",
     "la propreté des parties communes", "the cleanliness of the shared areas", "", "", "", "", "",
     ""],
    ["select_one tevreden", "herstellingen", "de snelheid van herstellingen",
     "la rapidité des réparations", "how fast repairs are done", "", "", "", "", "", ""],
    ["select_one tevreden", "veiligheid", "de veiligheid in en rond het gebouw",
     "la sécurité dans et autour de l'immeuble", "safety in and around the building", "", "", "",
     "", "", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", ""],
    ["begin_group", "buurtwerk", "Buurtwerk", "Travail de quartier", "Community work", "", "", "",
     "", "", ""],
    ["note", "uitleg_buurtwerk", "Het buurtwerk organiseert activiteiten en helpt buren elkaar te leren kennen.",
     "Le travail de quartier organise des activités et aide les voisins à se connaître.",
     "Community work organises activities and helps neighbours get to know each other.", "", "",
     "", "", "", ""],
    ["integer", "activiteiten", "Naar hoeveel activiteiten van het buurtwerk ging u dit jaar?",
     "À combien d'activités êtes-vous allé cette année ?",
     "How many community activities did you go to this year?", "", "", "", ". >= 0 and . <= 50",
     "", ""],
    ["select_one tevreden", "tevreden_buurtwerk", "Hoe tevreden bent u over het buurtwerk?",
     "Êtes-vous satisfait du travail de quartier ?", "How satisfied are you with community work?",
     "", "", "${activiteiten} > 0", "", "", "yes"],
    ["text", "idee", "Welk idee heeft u voor uw buurt?", "Quelle idée avez-vous pour votre quartier ?",
     "What idea do you have for your neighbourhood?", "Schrijf geen namen.", "", "", "",
     "multiline", ""],
    ["end_group", "", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip
CHOICES = [
    ["list_name", "name", *L],
    ["janee", "ja", "Ja", "Oui", "Yes"],
    ["janee", "nee", "Nee", "Non", "No"],
    ["reden", "herstelling", "Een herstelling", "Une réparation", "A repair"],
    ["reden", "huur", "Huur of kosten", "Loyer ou charges", "Rent or charges"],
    ["reden", "buren", "Problemen met buren", "Problèmes avec les voisins", "Trouble with neighbours"],
    ["reden", "papieren", "Papieren of contract", "Papiers ou contrat", "Papers or contract"],
    ["tevreden", "1", "Heel ontevreden", "Très insatisfait", "Very dissatisfied"],
    ["tevreden", "2", "Ontevreden", "Insatisfait", "Dissatisfied"],
    ["tevreden", "3", "Niet tevreden, niet ontevreden", "Ni satisfait ni insatisfait", "Neither"],
    ["tevreden", "4", "Tevreden", "Satisfait", "Satisfied"],
    ["tevreden", "5", "Heel tevreden", "Très satisfait", "Very satisfied"],
    ["tevreden", "geen_mening", "Geen mening", "Sans avis", "No opinion"],
    *(["cijfer", str(n), str(n), str(n), str(n)] for n in range(11)),
]  # fmt: skip
SETTINGS = [
    ["form_title", "form_title::French (fr)", "form_title::English (en)", "form_id", "version",
     "default_language"],
    ["Bewonersbevraging dienstverlening en buurtwerking",
     "Enquête auprès des habitants : service et travail de quartier",
     "Residents' survey: service and community work", "bewonersbevraging", "1", "Dutch (nl)"],
]  # fmt: skip

wb = Workbook()
wb.remove(wb.active)
for title, rows in (("survey", SURVEY), ("choices", CHOICES), ("settings", SETTINGS)):
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
wb.save(Path(__file__).with_name("bewonersbevraging.xlsx"))
