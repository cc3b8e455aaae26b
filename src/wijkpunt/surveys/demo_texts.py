"""The texts of the demo's survey: the seed's "Bewonersbevraging dienstverlening en
buurtwerking", in Dutch (nl-BE, the survey's main language), French and English.

Two estates are asked what they think of the housing company's service (repairs,
reachability, the rent, communication, the tenant consultant) and of the community work
(activities, the buurtwerker, the neighbourhood, living together). The definition below uses
every kind of question Wijkpunt has; ``demo_data`` turns it into rows and answers it. Open
answers and the follow-up actions are here too. Everything is made up; phone numbers use the
demo's ``0470 00 .. ..`` range and e-mail addresses ``example.be``."""

from __future__ import annotations

from typing import Any


def t(nl: str, fr: str, en: str) -> dict[str, str]:
    return {"nl-be": nl, "fr": fr, "en": en}


LANGUAGES = ["nl-be", "fr", "en"]

TITLE = t(
    "Bewonersbevraging dienstverlening en buurtwerking",
    "Enquête auprès des habitants : services et travail de quartier",
    "Residents' survey: our service and the community work",
)
INTRO = t(
    "Wat vindt u van de dienstverlening van de woonmaatschappij en van het buurtwerk in uw "
    "wijk? Uw mening helpt ons om beter te werken. Het invullen duurt ongeveer tien minuten. "
    "Uw antwoorden zijn anoniem: niemand kan zien wat u hebt geantwoord.",
    "Que pensez-vous des services de la société de logement et du travail de quartier dans "
    "votre quartier ? Votre avis nous aide à mieux travailler. Cela prend une dizaine de "
    "minutes. Vos réponses sont anonymes : personne ne peut voir ce que vous avez répondu.",
    "What do you think of the housing company's service and of the community work in your "
    "neighbourhood? Your opinion helps us work better. It takes about ten minutes. Your "
    "answers are anonymous: nobody can see what you answered.",
)
THANKS = t(
    "Dank u wel! Wij bekijken alle antwoorden samen met het buurtwerk en het OCMW. U leest "
    "de resultaten en wat we ermee doen op de pagina van uw wijk.",
    "Merci ! Nous examinons toutes les réponses avec le travail de quartier et le CPAS. Vous "
    "trouverez les résultats et ce que nous en faisons sur la page de votre quartier.",
    "Thank you! We look at all answers together with the community work and the OCMW. You "
    "can read the results, and what we do with them, on your neighbourhood's page.",
)

# --- Shared answer options --------------------------------------------------------------------

YES_NO: list[tuple[str, dict[str, str], int | None]] = [
    ("yes", t("Ja", "Oui", "Yes"), None),
    ("no", t("Nee", "Non", "No"), None),
]

# A 5-point scale: (value, label, score); "no opinion" has no score.
SATISFIED: list[tuple[str, dict[str, str], int | None]] = [
    ("1", t("Heel ontevreden", "Très mécontent", "Very unhappy"), 1),
    ("2", t("Ontevreden", "Mécontent", "Unhappy"), 2),
    ("3", t("Niet tevreden, niet ontevreden", "Ni content ni mécontent", "Neither"), 3),
    ("4", t("Tevreden", "Content", "Happy"), 4),
    ("5", t("Heel tevreden", "Très content", "Very happy"), 5),
    ("no_opinion", t("Geen mening", "Sans avis", "No opinion"), None),
]
EASY: list[tuple[str, dict[str, str], int | None]] = [
    ("1", t("Heel moeilijk", "Très difficile", "Very hard"), 1),
    ("2", t("Moeilijk", "Difficile", "Hard"), 2),
    ("3", t("Gaat wel", "Ça va", "So-so"), 3),
    ("4", t("Makkelijk", "Facile", "Easy"), 4),
    ("5", t("Heel makkelijk", "Très facile", "Very easy"), 5),
    ("no_opinion", t("Weet ik niet", "Je ne sais pas", "I don't know"), None),
]
AGREE: list[tuple[str, dict[str, str], int | None]] = [
    ("1", t("Helemaal niet akkoord", "Pas du tout d'accord", "Strongly disagree"), 1),
    ("2", t("Niet akkoord", "Pas d'accord", "Disagree"), 2),
    ("3", t("Neutraal", "Neutre", "Neutral"), 3),
    ("4", t("Akkoord", "D'accord", "Agree"), 4),
    ("5", t("Helemaal akkoord", "Tout à fait d'accord", "Strongly agree"), 5),
    ("no_opinion", t("Geen mening", "Sans avis", "No opinion"), None),
]


def options(*pairs: tuple[str, dict[str, str]]) -> list[tuple[str, dict[str, str], int | None]]:
    return [(value, label, None) for value, label in pairs]


# --- The definition ---------------------------------------------------------------------------
# Sections in order; each question: name, kind, label and what its kind needs. A grid's
# ``rows`` are its scale questions (name, label, and optionally a show_if of their own).


def _eq(question: str, value: str) -> dict[str, Any]:
    return {"mode": "all", "rules": [{"question": question, "op": "eq", "value": value}]}


SECTIONS: list[dict[str, Any]] = [
    {
        "name": "about_you",
        "title": t("Over u", "À propos de vous", "About you"),
        "questions": [
            {
                "name": "n_welcome",
                "kind": "note",
                "label": t(
                    "Eerst twee korte vragen over uw gezin. Zo weten we of we iedereen bereiken.",
                    "D'abord deux courtes questions sur votre ménage. Ainsi, nous savons si "
                    "nous touchons tout le monde.",
                    "First two short questions about your household, so that we know whether "
                    "we reach everyone.",
                ),
            },
            {
                "name": "q_years_here",
                "kind": "single",
                "required": True,
                "label": t(
                    "Hoe lang woont u al in deze wijk?",
                    "Depuis combien de temps habitez-vous dans ce quartier ?",
                    "How long have you lived in this neighbourhood?",
                ),
                "choices": options(
                    ("lt1", t("Minder dan 1 jaar", "Moins d'un an", "Less than a year")),
                    ("1to5", t("1 tot 5 jaar", "1 à 5 ans", "1 to 5 years")),
                    ("5to15", t("5 tot 15 jaar", "5 à 15 ans", "5 to 15 years")),
                    ("gt15", t("Meer dan 15 jaar", "Plus de 15 ans", "More than 15 years")),
                ),
            },
            {
                "name": "q_people",
                "kind": "number",
                "min_value": 1,
                "max_value": 12,
                "label": t(
                    "Met hoeveel personen woont u in uw woning? Uzelf meegeteld.",
                    "Combien de personnes vivent dans votre logement, vous compris ?",
                    "How many people live in your home, yourself included?",
                ),
            },
        ],
    },
    {
        "name": "service",
        "title": t(
            "De woonmaatschappij",
            "La société de logement",
            "The housing company",
        ),
        "questions": [
            {
                "name": "q_contact",
                "kind": "single",
                "required": True,
                "theme": "bereikbaarheid",
                "label": t(
                    "Had u het voorbije jaar contact met de woonmaatschappij?",
                    "Avez-vous eu contact avec la société de logement l'année passée ?",
                    "Did you contact the housing company in the past year?",
                ),
                "choices": YES_NO,
            },
            {
                "name": "q_contact_how",
                "kind": "multiple",
                "max_choices": 3,
                "allow_other": True,
                "theme": "bereikbaarheid",
                "show_if": _eq("q_contact", "yes"),
                "label": t(
                    "Hoe nam u contact op?",
                    "Comment avez-vous pris contact ?",
                    "How did you get in touch?",
                ),
                "hint": t(
                    "Kies er hoogstens drie.",
                    "Choisissez-en trois au maximum.",
                    "Choose up to three.",
                ),
                "choices": options(
                    ("phone", t("Telefoon", "Téléphone", "Phone")),
                    ("office", t("Aan het loket", "Au guichet", "At the office")),
                    ("email", t("E-mail", "E-mail", "E-mail")),
                    ("portal", t("Huurdersportaal", "Portail des locataires", "Tenant portal")),
                    (
                        "visit",
                        t(
                            "Bezoek van de woonconsulent",
                            "Visite du consultant logement",
                            "Visit of the tenant consultant",
                        ),
                    ),
                ),
            },
            {
                "name": "q_reach",
                "kind": "scale5",
                "show_faces": True,
                "theme": "bereikbaarheid",
                "label": t(
                    "Hoe makkelijk kunt u de woonmaatschappij bereiken?",
                    "Est-il facile de joindre la société de logement ?",
                    "How easy is it to reach the housing company?",
                ),
                "choices": EASY,
            },
            {
                "name": "q_repair_asked",
                "kind": "single",
                "required": True,
                "theme": "herstellingen",
                "label": t(
                    "Vroeg u het voorbije jaar een herstelling aan?",
                    "Avez-vous demandé une réparation l'année passée ?",
                    "Did you ask for a repair in the past year?",
                ),
                "choices": YES_NO,
            },
            {
                "name": "q_rent_clear",
                "kind": "scale5",
                "theme": "huur",
                "label": t(
                    "Hoe duidelijk is de afrekening van uw huur en kosten?",
                    "Le décompte de votre loyer et des charges est-il clair ?",
                    "How clear is the statement of your rent and charges?",
                ),
                "choices": SATISFIED,
            },
            {
                "name": "q_news",
                "kind": "multiple",
                "max_choices": 2,
                "theme": "communicatie",
                "label": t(
                    "Hoe krijgt u nieuws van de woonmaatschappij het liefst?",
                    "Comment préférez-vous recevoir les nouvelles de la société de logement ?",
                    "How would you like to get news from the housing company?",
                ),
                "hint": t(
                    "Kies er hoogstens twee.", "Choisissez-en deux au maximum.", "Choose up to two."
                ),
                "choices": options(
                    ("letter", t("Brief in de bus", "Lettre", "Letter")),
                    ("email", t("E-mail", "E-mail", "E-mail")),
                    ("portal", t("Huurdersportaal", "Portail des locataires", "Tenant portal")),
                    ("sms", t("Sms", "SMS", "Text message")),
                    (
                        "board",
                        t(
                            "Prikbord in de inkomhal",
                            "Panneau dans le hall",
                            "Notice board in the hall",
                        ),
                    ),
                ),
            },
            {
                "name": "q_consultant_known",
                "kind": "single",
                "theme": "woonconsulent",
                "label": t(
                    "Kent u de woonconsulent van uw wijk?",
                    "Connaissez-vous le consultant logement de votre quartier ?",
                    "Do you know the tenant consultant of your neighbourhood?",
                ),
                "choices": options(
                    ("name", t("Ja, bij naam", "Oui, de nom", "Yes, by name")),
                    ("seen", t("Ja, van zien", "Oui, de vue", "Yes, by sight")),
                    ("no", t("Nee", "Non", "No")),
                ),
            },
            {
                "name": "q_consultant",
                "kind": "scale5",
                "show_faces": True,
                "theme": "woonconsulent",
                "show_if": {
                    "mode": "any",
                    "rules": [
                        {"question": "q_consultant_known", "op": "eq", "value": "name"},
                        {"question": "q_consultant_known", "op": "eq", "value": "seen"},
                    ],
                },
                "label": t(
                    "Hoe tevreden bent u over de hulp van de woonconsulent?",
                    "Êtes-vous content de l'aide du consultant logement ?",
                    "How happy are you with the tenant consultant's help?",
                ),
                "choices": SATISFIED,
            },
            {
                "name": "q_service_score",
                "kind": "rating10",
                "required": True,
                "theme": "dienstverlening",
                "label": t(
                    "Welk cijfer op 10 geeft u de dienstverlening van de woonmaatschappij?",
                    "Quelle note sur 10 donnez-vous aux services de la société de logement ?",
                    "What mark out of 10 do you give the housing company's service?",
                ),
                "hint": t(
                    "0 is heel slecht, 10 is uitstekend.",
                    "0 est très mauvais, 10 est excellent.",
                    "0 is very bad, 10 is excellent.",
                ),
            },
        ],
    },
    {
        "name": "repairs",
        "title": t("Herstellingen", "Réparations", "Repairs"),
        "show_if": _eq("q_repair_asked", "yes"),
        "questions": [
            {
                "name": "g_repairs",
                "kind": "grid",
                "show_faces": True,
                "theme": "herstellingen",
                "label": t(
                    "Denk aan uw laatste herstelling. Hoe tevreden bent u over …",
                    "Pensez à votre dernière réparation. Êtes-vous content …",
                    "Think of your last repair. How happy are you with …",
                ),
                "choices": SATISFIED,
                "rows": [
                    (
                        "g_repairs_speed",
                        t(
                            "hoe snel het werd hersteld?",
                            "de la rapidité de la réparation ?",
                            "how quickly it was fixed?",
                        ),
                    ),
                    (
                        "g_repairs_quality",
                        t(
                            "de kwaliteit van het werk?",
                            "de la qualité du travail ?",
                            "the quality of the work?",
                        ),
                    ),
                    (
                        "g_repairs_informed",
                        t(
                            "hoe u op de hoogte werd gehouden?",
                            "de la manière dont on vous a tenu au courant ?",
                            "how you were kept informed?",
                        ),
                    ),
                ],
            },
            {
                "name": "q_repair_wait",
                "kind": "single",
                "theme": "herstellingen",
                "label": t(
                    "Hoe lang duurde het tot de herstelling klaar was?",
                    "Combien de temps a-t-il fallu pour que la réparation soit faite ?",
                    "How long did it take until the repair was done?",
                ),
                "choices": options(
                    ("week", t("Minder dan een week", "Moins d'une semaine", "Less than a week")),
                    ("month", t("1 tot 4 weken", "1 à 4 semaines", "1 to 4 weeks")),
                    ("longer", t("Langer dan een maand", "Plus d'un mois", "More than a month")),
                    (
                        "waiting",
                        t(
                            "Ik wacht nog altijd",
                            "J'attends toujours",
                            "I am still waiting",
                        ),
                    ),
                ),
            },
        ],
    },
    {
        "name": "community",
        "title": t("Het buurtwerk", "Le travail de quartier", "The community work"),
        "questions": [
            {
                "name": "n_community",
                "kind": "note",
                "label": t(
                    "Buurtwerk Wevelgem organiseert activiteiten in de wijk en helpt bewoners "
                    "om samen iets op te zetten. Nu enkele vragen daarover.",
                    "Le travail de quartier de Wevelgem organise des activités dans le quartier "
                    "et aide les habitants à monter des projets ensemble. Voici quelques "
                    "questions à ce sujet.",
                    "Buurtwerk Wevelgem organises activities in the neighbourhood and helps "
                    "residents set things up together. A few questions about that now.",
                ),
            },
            {
                "name": "q_took_part",
                "kind": "single",
                "theme": "activiteiten",
                "label": t(
                    "Deed u het voorbije jaar mee aan een activiteit in de wijk?",
                    "Avez-vous participé à une activité dans le quartier l'année passée ?",
                    "Did you take part in an activity in the neighbourhood in the past year?",
                ),
                "choices": YES_NO,
            },
            {
                "name": "q_activities",
                "kind": "multiple",
                "max_choices": 3,
                "allow_other": True,
                "theme": "activiteiten",
                "show_if": _eq("q_took_part", "yes"),
                "label": t(
                    "Aan welke activiteiten deed u mee?",
                    "À quelles activités avez-vous participé ?",
                    "Which activities did you take part in?",
                ),
                "hint": t(
                    "Kies er hoogstens drie.",
                    "Choisissez-en trois au maximum.",
                    "Choose up to three.",
                ),
                "choices": options(
                    ("party", t("Buurtfeest", "Fête de quartier", "Neighbourhood party")),
                    (
                        "coffee",
                        t(
                            "Koffienamiddag in het buurtlokaal",
                            "Après-midi café au local de quartier",
                            "Coffee afternoon in the community room",
                        ),
                    ),
                    (
                        "neighbours_day",
                        t(
                            "Buurtdrink op Dag van de Buren",
                            "Apéro de la Fête des voisins",
                            "Drinks on Neighbours' Day",
                        ),
                    ),
                    ("garden", t("Samentuin", "Potager collectif", "Community garden")),
                    (
                        "children",
                        t(
                            "Activiteit voor kinderen",
                            "Activité pour enfants",
                            "Children's activity",
                        ),
                    ),
                    (
                        "meeting",
                        t("Bewonersvergadering", "Réunion des habitants", "Residents' meeting"),
                    ),
                ),
            },
            {
                "name": "q_buurtwerker_known",
                "kind": "single",
                "theme": "buurtwerker",
                "label": t(
                    "Kent u de buurtwerker?",
                    "Connaissez-vous le travailleur de quartier ?",
                    "Do you know the community worker?",
                ),
                "choices": YES_NO,
            },
            {
                "name": "g_community",
                "kind": "grid",
                "show_faces": True,
                "theme": "buurtwerk",
                "label": t(
                    "Hoe tevreden bent u over …",
                    "Êtes-vous content …",
                    "How happy are you with …",
                ),
                "choices": SATISFIED,
                "rows": [
                    (
                        "g_community_activities",
                        t(
                            "de activiteiten in de wijk?",
                            "des activités dans le quartier ?",
                            "the activities in the neighbourhood?",
                        ),
                    ),
                    (
                        "g_community_room",
                        t(
                            "het buurtlokaal en de openingsuren?",
                            "du local de quartier et de ses heures d'ouverture ?",
                            "the community room and its opening hours?",
                        ),
                    ),
                    (
                        "g_community_worker",
                        t(
                            "de hulp van de buurtwerker?",
                            "de l'aide du travailleur de quartier ?",
                            "the community worker's help?",
                        ),
                        _eq("q_buurtwerker_known", "yes"),
                    ),
                ],
            },
        ],
    },
    {
        "name": "living",
        "title": t("Samenleven in de wijk", "Vivre ensemble dans le quartier", "Living together"),
        "questions": [
            {
                "name": "g_living",
                "kind": "grid",
                "theme": "samenleven",
                "label": t(
                    "Bent u het eens met deze zinnen?",
                    "Êtes-vous d'accord avec ces phrases ?",
                    "Do you agree with these sentences?",
                ),
                "choices": AGREE,
                "rows": [
                    (
                        "g_living_safe",
                        t(
                            "Ik voel me veilig in de wijk.",
                            "Je me sens en sécurité dans le quartier.",
                            "I feel safe in the neighbourhood.",
                        ),
                    ),
                    (
                        "g_living_neighbours",
                        t("Ik ken mijn buren.", "Je connais mes voisins.", "I know my neighbours."),
                    ),
                    (
                        "g_living_clean",
                        t(
                            "De gemeenschappelijke delen zijn net.",
                            "Les parties communes sont propres.",
                            "The shared spaces are clean.",
                        ),
                    ),
                    (
                        "g_living_quiet",
                        t(
                            "Er is weinig overlast.",
                            "Il y a peu de nuisances.",
                            "There is little nuisance.",
                        ),
                    ),
                ],
            },
            {
                "name": "q_area_score",
                "kind": "rating10",
                "theme": "samenleven",
                "label": t(
                    "Welk cijfer op 10 geeft u uw wijk als plek om te wonen?",
                    "Quelle note sur 10 donnez-vous à votre quartier comme lieu de vie ?",
                    "What mark out of 10 do you give your neighbourhood as a place to live?",
                ),
            },
            {
                "name": "q_help",
                "kind": "single",
                "theme": "samenleven",
                "label": t(
                    "Wilt u af en toe meehelpen in de wijk?",
                    "Voulez-vous aider de temps en temps dans le quartier ?",
                    "Would you like to help out in the neighbourhood now and then?",
                ),
                "choices": options(
                    ("yes", t("Ja", "Oui", "Yes")),
                    ("maybe", t("Misschien", "Peut-être", "Maybe")),
                    ("no", t("Nee", "Non", "No")),
                ),
            },
            {
                "name": "q_one_word",
                "kind": "short_text",
                "theme": "samenleven",
                "label": t(
                    "Uw wijk in één woord?",
                    "Votre quartier en un mot ?",
                    "Your neighbourhood in one word?",
                ),
            },
            {
                "name": "q_ideas",
                "kind": "long_text",
                "theme": "buurtwerk",
                "label": t(
                    "Heeft u een idee voor de wijk of voor het buurtwerk?",
                    "Avez-vous une idée pour le quartier ou le travail de quartier ?",
                    "Do you have an idea for the neighbourhood or the community work?",
                ),
            },
            {
                "name": "q_remarks",
                "kind": "long_text",
                "theme": "dienstverlening",
                "label": t(
                    "Wilt u nog iets kwijt aan de woonmaatschappij?",
                    "Voulez-vous encore dire quelque chose à la société de logement ?",
                    "Is there anything else you want to tell the housing company?",
                ),
                "hint": t(
                    "Schrijf hier geen namen: uw antwoord blijft anoniem.",
                    "N'écrivez pas de noms ici : votre réponse reste anonyme.",
                    "Please write no names here: your answer stays anonymous.",
                ),
            },
        ],
    },
]

# --- Open answers ---------------------------------------------------------------------------
# Per question and language. A few name a person, a phone number, an e-mail address or a house
# number: the results mask those.

ONE_WORD: dict[str, list[str]] = {
    "nl-be": ["Gezellig", "Rustig", "Thuis", "Druk", "Oké", "Groen", "Vuil", "Fijn", "Familie"],
    "fr": ["Calme", "Chez moi", "Bruyant", "Sympa", "Correct"],
    "en": ["Home", "Quiet", "Friendly", "Noisy", "Okay"],
}

IDEAS: dict[str, list[str]] = {
    "nl-be": [
        "Een zitbank bij de speeltuin zodat ouders kunnen zitten.",
        "Meer activiteiten voor tieners, nu hangen ze op de parking.",
        "Een repair café in het buurtlokaal, ik wil graag helpen.",
        "Koffienamiddag ook op zaterdag, want in de week werk ik.",
        "Een samentuin achter blok C. Sara van het buurtwerk weet ervan.",
        "Een kennismaking met de nieuwe buren, we kennen elkaar niet.",
        "Een petanquebaan op het plein.",
        "Bel mij gerust om mee te helpen: 0470 00 31 52.",
        "Een fietsherstelling voor de kinderen, één keer per maand.",
        "Taalcafé om Nederlands te oefenen met buren.",
    ],
    "fr": [
        "Un café de quartier le samedi.",
        "Des cours de néerlandais au local de quartier.",
        "Une fête pour les enfants en été.",
        "Je veux bien aider, mon e-mail : m.dubois@example.be.",
    ],
    "en": [
        "A meeting to get to know the new neighbours.",
        "A playground for small children near the houses.",
        "Dutch conversation group, I would join.",
    ],
}

REMARKS: dict[str, list[str]] = {
    "nl-be": [
        "Mijn herstelling van de badkamer duurt al drie maanden. Niemand belt terug.",
        "De technieker was heel vriendelijk en werkte proper.",
        "De afrekening van de kosten begrijp ik niet. Wat is 'gemeenschappelijk verbruik'?",
        "Het loket is maar één namiddag open, dat is te weinig.",
        "De lift in blok C staat te vaak stil, mijn moeder kan dan niet naar buiten.",
        "Mijn buurman Dirk Vanneste op nummer 14 maakt elke nacht lawaai.",
        "Wendy de woonconsulent heeft ons goed geholpen met de huurpremie. Merci!",
        "Er is schimmel in de slaapkamer. Bel mij op 0470 00 27 81 aub.",
        "Goed zo, ik ben tevreden.",
        "De inkomhal wordt niet genoeg gekuist.",
        "In onze nieuwe woning klemt de achterdeur en lekt het raam. Al twee keer gemeld.",
        "Liever een brief dan een e-mail, ik heb geen computer.",
        "Wanneer komt de herstelling van de voordeur van Vlashof 4?",
        "Mail mij: jan.declercq@example.be, ik wacht op antwoord over mijn kelder.",
    ],
    "fr": [
        "Ma demande de réparation du chauffage attend depuis octobre.",
        "Le décompte des charges n'est pas clair pour moi.",
        "Merci à Wendy pour son aide, très gentille.",
        "Il faut plus d'informations en français.",
    ],
    "en": [
        "Letters only in Dutch are hard for me. Please also in English.",
        "The heating in our new house works well, thank you.",
        "My neighbour at number 7 smokes in the hall every day.",
    ],
}

# --- Follow-up actions ("you said, we did") ----------------------------------------------------
# key, owner (OrganisationSpec key), estates, source question or theme, final status, texts.

ACTIONS: list[dict[str, Any]] = [
    {
        "key": "repairs",
        "owner": "housing",
        "estates": ("wallaysplein", "vlashof"),
        "question": "g_repairs_speed",
        "theme": "herstellingen",
        "status": "in_progress",
        "title": t(
            "Herstellingen sneller en met nieuws tussendoor",
            "Des réparations plus rapides, avec des nouvelles en cours de route",
            "Faster repairs, with news along the way",
        ),
        "said": t(
            "Veel bewoners vinden dat herstellingen te lang duren en horen niet hoe ver het is.",
            "Beaucoup d'habitants trouvent que les réparations prennent trop de temps et ne "
            "savent pas où elles en sont.",
            "Many residents find that repairs take too long, and do not hear how far along "
            "they are.",
        ),
        "description": t(
            "De technische dienst plant elke herstelling binnen vijf werkdagen in en laat u "
            "weten wanneer de vakman komt. U volgt uw aanvraag in het huurdersportaal.",
            "Le service technique planifie chaque réparation dans les cinq jours ouvrables et "
            "vous dit quand l'ouvrier vient. Vous suivez votre demande dans le portail.",
            "The technical service plans every repair within five working days and tells you "
            "when the worker comes. You can follow your request in the tenant portal.",
        ),
        "notes": [
            t(
                "Sinds september krijgt u een sms de dag voor de vakman komt.",
                "Depuis septembre, vous recevez un SMS la veille de la venue de l'ouvrier.",
                "Since September you get a text message the day before the worker comes.",
            ),
        ],
    },
    {
        "key": "consultant",
        "owner": "housing",
        "estates": ("wallaysplein",),
        "question": "q_reach",
        "theme": "woonconsulent",
        "status": "done",
        "title": t(
            "Zitdag van de woonconsulent in het buurtlokaal",
            "Permanence du consultant logement au local de quartier",
            "The tenant consultant's office hours in the community room",
        ),
        "said": t(
            "Het loket is moeilijk te bereiken en maar kort open.",
            "Le guichet est difficile à joindre et ouvert peu de temps.",
            "The office is hard to reach and open only briefly.",
        ),
        "description": t(
            "Elke dinsdagvoormiddag zit de woonconsulent in het buurtlokaal van het "
            "Wallaysplein. U kunt er zonder afspraak binnenlopen.",
            "Chaque mardi matin, le consultant logement est au local de quartier du "
            "Wallaysplein. Vous pouvez y passer sans rendez-vous.",
            "Every Tuesday morning the tenant consultant is in the Wallaysplein community "
            "room. You can walk in without an appointment.",
        ),
        "notes": [
            t(
                "De eerste zitdag was op dinsdag na de zomervakantie. Er kwamen twaalf bewoners.",
                "La première permanence a eu lieu le mardi après les vacances d'été. Douze "
                "habitants sont venus.",
                "The first office hours were on the Tuesday after the summer holidays. Twelve "
                "residents came.",
            ),
        ],
    },
    {
        "key": "rent",
        "owner": "housing",
        "estates": ("wallaysplein", "vlashof"),
        "question": "q_rent_clear",
        "theme": "huur",
        "status": "in_progress",
        "title": t(
            "Een duidelijkere afrekening van huur en kosten",
            "Un décompte plus clair du loyer et des charges",
            "A clearer statement of rent and charges",
        ),
        "said": t(
            "De afrekening van de kosten is voor veel bewoners niet duidelijk.",
            "Le décompte des charges n'est pas clair pour beaucoup d'habitants.",
            "For many residents the statement of charges is not clear.",
        ),
        "description": t(
            "We schrijven de afrekening opnieuw, in eenvoudige woorden, met een uitleg per "
            "kost. Bewoners lezen mee voor we hem versturen.",
            "Nous réécrivons le décompte en mots simples, avec une explication par frais. Des "
            "habitants le relisent avant l'envoi.",
            "We are rewriting the statement in plain words, with an explanation per charge. "
            "Residents read it before we send it.",
        ),
        "notes": [],
    },
    {
        "key": "saturday_coffee",
        "owner": "community",
        "estates": ("wallaysplein",),
        "question": "g_community_room",
        "theme": "activiteiten",
        "status": "in_progress",
        "title": t(
            "Het buurtlokaal ook open op zaterdag",
            "Le local de quartier ouvert aussi le samedi",
            "The community room open on Saturdays too",
        ),
        "said": t(
            "Wie in de week werkt, kan niet naar de koffienamiddag in het buurtlokaal.",
            "Ceux qui travaillent en semaine ne peuvent pas venir à l'après-midi café.",
            "People who work during the week cannot come to the coffee afternoon.",
        ),
        "description": t(
            "Het buurtlokaal gaat elke eerste zaterdag van de maand open, van 10 tot 12 uur, "
            "met koffie en een vraag van de maand. Vrijwilligers uit de wijk helpen mee.",
            "Le local de quartier ouvre chaque premier samedi du mois, de 10 à 12 heures, avec "
            "un café et une question du mois. Des bénévoles du quartier aident.",
            "The community room opens on the first Saturday of every month, from 10 to 12, "
            "with coffee and a question of the month. Volunteers from the estate help out.",
        ),
        "notes": [
            t(
                "De eerste zaterdag was een succes: 25 buren kwamen langs.",
                "Le premier samedi a été un succès : 25 voisins sont passés.",
                "The first Saturday was a success: 25 neighbours came by.",
            ),
        ],
    },
    {
        "key": "common_spaces",
        "owner": "community",
        "estates": ("wallaysplein",),
        "question": "g_living_clean",
        "theme": "samenleven",
        "status": "planned",
        "title": t(
            "Bewonersbijeenkomst over afspraken in de gemeenschappelijke delen",
            "Réunion des habitants sur les règles des parties communes",
            "Residents' meeting on agreements for the shared spaces",
        ),
        "said": t(
            "De inkomhallen en fietsenbergingen zijn niet altijd net.",
            "Les halls d'entrée et les locaux vélos ne sont pas toujours propres.",
            "The entrance halls and bicycle sheds are not always clean.",
        ),
        "description": t(
            "Samen met de bewoners maken we afspraken voor de hallen, de fietsenbergingen en "
            "het containerpark. De woonmaatschappij en het buurtwerk zijn er allebei.",
            "Avec les habitants, nous fixons des règles pour les halls, les locaux vélos et "
            "les conteneurs. La société de logement et le travail de quartier sont présents.",
            "Together with the residents we make agreements for the halls, the bicycle sheds "
            "and the bin area. The housing company and the community work are both there.",
        ),
        "notes": [],
    },
    {
        "key": "benches",
        "owner": "housing",
        "estates": ("wallaysplein",),
        "question": "",
        "theme": "samenleven",
        "status": "dropped",
        "title": t(
            "Extra zitbanken op het plein",
            "Des bancs supplémentaires sur la place",
            "More benches on the square",
        ),
        "said": t(
            "Bewoners willen meer plaatsen om te zitten op het plein.",
            "Les habitants veulent plus d'endroits pour s'asseoir sur la place.",
            "Residents want more places to sit on the square.",
        ),
        "description": t("", "", ""),
        "reason": t(
            "De gemeente richt het plein in 2027 opnieuw in. De zitbanken komen in dat plan; "
            "wij zetten er nu geen.",
            "La commune réaménage la place en 2027. Les bancs font partie de ce projet ; nous "
            "n'en plaçons pas maintenant.",
            "The municipality is redesigning the square in 2027. The benches are part of that "
            "plan, so we are not placing any now.",
        ),
        "notes": [],
    },
]
