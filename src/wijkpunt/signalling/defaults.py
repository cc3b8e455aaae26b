"""Wijkpunt's default configuration for signals, loaded by a migration. Administrators change
it in the configuration (admin); slugs are stable."""

# Partner workers (CAW, police, school) only ever see a signal that was handed over to their
# organisation, so they are listed wherever roles are restricted.
HOUSING_TENANT_ROLES = [
    "woonconsulent",
    "letting",
    "coordinator",
    "administrator",
    "partner_worker",
]

# slug, nl, fr, en, description (nl), visible_to_kinds, visible_to_roles, routed to kind
CATEGORIES = [
    (
        "herstelling",
        "Herstelling",
        "Réparation",
        "Repair",
        "Lekken, verwarming, elektriciteit, deuren, ramen, schimmel door een defect, lift.",
        ["housing"],
        [],
        "housing",
    ),
    (
        "huur-en-betaling",
        "Huur en betaling",
        "Loyer et paiement",
        "Rent and payment",
        "Huur, kosten, achterstal, afbetalingsplan, waarborg.",
        ["housing"],
        HOUSING_TENANT_ROLES,
        "housing",
    ),
    (
        "overlast",
        "Overlast en burenconflict",
        "Nuisances et conflits de voisinage",
        "Nuisance and neighbour disputes",
        "Lawaai, geur, huisdieren, ruzie of bedreiging tussen buren.",
        ["housing", "community"],
        [*HOUSING_TENANT_ROLES, "buurtwerker"],
        "housing",
    ),
    (
        "gemeenschappelijke-delen",
        "Gemeenschappelijke delen",
        "Parties communes",
        "Common areas",
        "Netheid en gebruik van gangen, bergingen, tuinen, afvalbergingen, vergaderzaal.",
        ["housing", "community"],
        [],
        "housing",
    ),
    (
        "welzijn-en-zorg",
        "Welzijn en zorg",
        "Bien-être et soins",
        "Wellbeing and care",
        "Eenzaamheid, zorgnood, gezondheid, verslaving, een buur die u al dagen niet zag.",
        ["ocmw"],
        ["ocmw_reception", "social_worker", "coordinator", "administrator", "partner_worker"],
        "ocmw",
    ),
    (
        "financiele-zorgen",
        "Financiële zorgen",
        "Soucis financiers",
        "Money worries",
        "Schulden, energie- en waterfacturen, deurwaarder, geen geld voor eten.",
        ["ocmw"],
        [
            "ocmw_reception",
            "social_worker",
            "budget_worker",
            "coordinator",
            "administrator",
            "partner_worker",
        ],
        "ocmw",
    ),
    (
        "woonsituatie",
        "Woonsituatie",
        "Situation de logement",
        "Housing situation",
        "Woning te klein, te groot of niet aangepast, verwaarlozing, verhuisvraag.",
        ["housing"],
        HOUSING_TENANT_ROLES,
        "housing",
    ),
    (
        "veiligheid",
        "Veiligheid",
        "Sécurité",
        "Safety",
        "Brandgevaar, inbraak, drugs, geweld, kapotte toegangsdeur.",
        ["housing"],
        [],
        "housing",
    ),
    (
        "samenleven",
        "Samenleven",
        "Vivre ensemble",
        "Living together",
        "Ideeën, vrijwilligerswerk, activiteiten, complimenten, buren leren kennen.",
        ["community", "housing"],
        [],
        "community",
    ),
    (
        "administratie",
        "Administratie en huurcontract",
        "Administration et contrat de bail",
        "Paperwork and tenancy agreement",
        "Contract, gezinswijziging, documenten, wachtlijst, huisreglement.",
        ["housing"],
        HOUSING_TENANT_ROLES,
        "housing",
    ),
]

# slug or None (every category), urgent, first response (working hours), resolution (days)
DEADLINES = [
    (None, False, 16, 10),
    (None, True, 2, 1),
    ("herstelling", False, 8, 10),
    ("huur-en-betaling", False, 16, 10),
    ("overlast", False, 16, 15),
    ("gemeenschappelijke-delen", False, 16, 10),
    ("welzijn-en-zorg", False, 8, 10),
    ("financiele-zorgen", False, 16, 15),
    ("woonsituatie", False, 24, 20),
    ("veiligheid", False, 8, 5),
    ("samenleven", False, 24, 20),
    ("administratie", False, 16, 10),
]

# What belongs in each category, in French and English (the Dutch text is in CATEGORIES).
DESCRIPTIONS = {
    "herstelling": (
        "Fuites, chauffage, électricité, portes, fenêtres, moisissure due à un défaut, ascenseur.",
        "Leaks, heating, electricity, doors, windows, mould from a defect, the lift.",
    ),
    "huur-en-betaling": (
        "Loyer, charges, arriérés, plan de paiement, garantie locative.",
        "Rent, charges, arrears, a payment plan, the deposit.",
    ),
    "overlast": (
        "Bruit, odeurs, animaux, disputes ou menaces entre voisins.",
        "Noise, smells, pets, quarrels or threats between neighbours.",
    ),
    "gemeenschappelijke-delen": (
        "Propreté et usage des couloirs, caves, jardins, locaux poubelles, salle de réunion.",
        "Cleanliness and use of halls, storage rooms, gardens, bin stores, the meeting room.",
    ),
    "welzijn-en-zorg": (
        "Solitude, besoin de soins, santé, dépendance, un voisin que vous n'avez plus vu "
        "depuis des jours.",
        "Loneliness, care needs, health, addiction, a neighbour you have not seen for days.",
    ),
    "financiele-zorgen": (
        "Dettes, factures d'énergie et d'eau, huissier, pas d'argent pour manger.",
        "Debts, energy and water bills, a bailiff, no money for food.",
    ),
    "woonsituatie": (
        "Logement trop petit, trop grand ou pas adapté, négligence, demande de déménagement.",
        "A home too small, too big or not adapted, neglect, a request to move.",
    ),
    "veiligheid": (
        "Risque d'incendie, cambriolage, drogue, violence, porte d'entrée cassée.",
        "Fire risk, burglary, drugs, violence, a broken entrance door.",
    ),
    "samenleven": (
        "Idées, bénévolat, activités, compliments, faire connaissance avec les voisins.",
        "Ideas, volunteering, activities, compliments, getting to know the neighbours.",
    ),
    "administratie": (
        "Contrat, changement de ménage, documents, liste d'attente, règlement d'ordre intérieur.",
        "The contract, changes in the household, documents, the waiting list, house rules.",
    ),
}

# Categories whose reports may be mentioned to other residents (without their words) and
# published through Open311: about a shared place, never about a person.
PUBLIC_CATEGORIES = ("herstelling", "gemeenschappelijke-delen")
