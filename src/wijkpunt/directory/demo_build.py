"""Writes ``wevelgem.json``: the demo's sociale kaart for the Wevelgem area, in HSDS 3.0.

Made up but plausible: the services and their kinds are what a welfare map of a Flemish
municipality holds; every street, number, phone number, e-mail address and opening hour is
invented. Ids are UUIDs derived from the names, so the file is the same every time.

    python -m wijkpunt.directory.demo_build    # rewrites data/wevelgem.json
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from wijkpunt.directory.defaults import TAXONOMY, TERMS

NAMESPACE = uuid.UUID("0d5e9a63-2f41-4c7b-9e0a-6a3f1b2c4d5e")
OUT = Path(__file__).with_name("data") / "wevelgem.json"
LAST_MODIFIED = "2026-10-01T09:00:00+02:00"
CHECKED = "2026-09-15"


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


TERM_BY_CODE = {code: (tid, parent, nl, desc) for tid, code, parent, nl, _fr, _en, desc in TERMS}


def term(code: str) -> dict:
    tid, parent, name, description = TERM_BY_CODE[code]
    out = {
        "id": tid,
        "code": code,
        "name": name,
        "description": description,
        "taxonomy_id": TAXONOMY["id"],
        "language": "nl",
    }
    if parent:
        out["parent_id"] = TERM_BY_CODE[parent][0]
    return out


# --- Organisations: key -> (name, description, e-mail, website, phone) ------------------------
ORGS = {
    "ocmw": (
        "OCMW Wevelgem",
        "Het openbaar centrum voor maatschappelijk welzijn: sociale dienst, budget, "
        "thuiszorg en woonloket, in het Sociaal Huis.",
        "sociaalhuis@wevelgem-demo.example",
        "https://sociaalhuis.wevelgem-demo.example",
        "056 49 90 00",
    ),
    "caw": (
        "CAW Zuid-West-Vlaanderen",
        "Centrum algemeen welzijnswerk: onthaal, begeleiding, opvang en jongerenonthaal.",
        "onthaal@caw-demo.example",
        "https://caw-demo.example",
        "056 49 91 00",
    ),
    "schuld": (
        "Schuldbemiddeling Leie en Mandel",
        "Erkende instelling voor schuldbemiddeling, samenwerking van de OCMW's van de regio.",
        "info@schuldbemiddeling-demo.example",
        "",
        "056 49 92 00",
    ),
    "voedsel": (
        "Voedselhulp De Korenaar",
        "Vrijwilligersvereniging die voedselpakketten verdeelt en twee sociale kruideniers "
        "openhoudt.",
        "dekorenaar@voedselhulp-demo.example",
        "",
        "056 49 93 00",
    ),
    "zorg": (
        "Zorgzaam Thuis",
        "Dienst voor gezinszorg en aanvullende thuiszorg.",
        "wevelgem@zorgzaamthuis-demo.example",
        "https://zorgzaamthuis-demo.example",
        "056 49 94 00",
    ),
    "taalpunt": (
        "Taalpunt Leiestreek",
        "Onthaal voor wie Nederlands wil leren: intake, advies over een cursus en oefenkansen.",
        "info@taalpunt-demo.example",
        "https://taalpunt-demo.example",
        "056 49 95 00",
    ),
    "cvo": (
        "Centrum voor Volwassenenonderwijs De Vlasbloem",
        "Lessen Nederlands als tweede taal, overdag en 's avonds.",
        "nt2@devlasbloem-demo.example",
        "https://devlasbloem-demo.example",
        "056 49 95 50",
    ),
    "jeugd": (
        "Jeugdwerk Wevelgem",
        "Tienerwerking, huiswerkklas en speelplein in de deelgemeenten.",
        "jeugd@wevelgem-demo.example",
        "",
        "056 49 96 00",
    ),
    "cgg": (
        "CGG Leieland",
        "Centrum voor geestelijke gezondheidszorg: hulp bij psychische problemen voor "
        "volwassenen, kinderen en jongeren.",
        "aanmelding@cggleieland-demo.example",
        "https://cggleieland-demo.example",
        "056 49 97 00",
    ),
    "wgc": (
        "Wijkgezondheidscentrum De Brug",
        "Huisartsen, verpleegkundigen en een sociaal werker onder één dak, zonder "
        "betaling per consultatie voor wie ingeschreven is.",
        "onthaal@wgcdebrug-demo.example",
        "",
        "056 49 98 00",
    ),
    "gezin": (
        "Gezinspunt Wevelgem",
        "Ondersteuning van (aanstaande) ouders: consultatiebureau en opvoedingsvragen.",
        "gezinspunt@wevelgem-demo.example",
        "",
        "056 49 98 50",
    ),
    "linde": (
        "Lokaal Dienstencentrum De Linde",
        "Ontmoetingsplek met restaurant, activiteiten en digitale hulp voor iedereen uit de buurt.",
        "delinde@wevelgem-demo.example",
        "",
        "056 49 99 00",
    ),
    "werk": (
        "Werkpunt Leie",
        "Hulp bij werk zoeken, sollicitaties en opleidingen.",
        "werkpunt@werkpunt-demo.example",
        "",
        "056 49 99 50",
    ),
    "energie": (
        "Energiehuis Leiestreek",
        "Advies over energie en renovatie voor de gemeenten van de regio.",
        "info@energiehuis-demo.example",
        "",
        "056 49 89 00",
    ),
}

# --- Locations: key -> (name, street, postcode, city, latitude, longitude, languages) ----------
LOCATIONS = {
    "sociaalhuis": ("Sociaal Huis Wevelgem", "Vlasbloemstraat 14", "8560", "Wevelgem",
                    50.81052, 3.18244, ["nl", "fr", "en"]),
    "gullegem": ("Dienstencentrum Gullegem", "Kouterweg 3", "8560", "Gullegem",
                 50.84174, 3.20113, ["nl"]),
    "moorsele": ("Antenne Moorsele", "Kapelaniestraat 22", "8560", "Moorsele",
                 50.83912, 3.15208, ["nl"]),
    "caw_kortrijk": ("CAW Onthaal Kortrijk", "Leiekaai 41", "8500", "Kortrijk",
                     50.82874, 3.26102, ["nl", "fr", "en"]),
    "nachtopvang": ("Nachtopvang De Haven", "Havenkant 7", "8500", "Kortrijk",
                    50.83311, 3.26833, ["nl", "fr", "en", "ar"]),
    "jac": ("JAC Kortrijk", "Stationsdreef 9", "8500", "Kortrijk",
            50.82482, 3.26430, ["nl", "en"]),
    "schuld": ("Kantoor schuldbemiddeling", "Menenstraat 118", "8560", "Wevelgem",
               50.80795, 3.17420, ["nl"]),
    "korenaar": ("Depot De Korenaar", "Industrieweg 5", "8560", "Wevelgem",
                 50.80412, 3.19605, ["nl", "fr"]),
    "kruidenier_w": ("Sociale kruidenier De Mand", "Lindenhofstraat 30", "8560", "Wevelgem",
                     50.81230, 3.18710, ["nl", "fr", "ar"]),
    "kruidenier_m": ("Sociale kruidenier De Mand Moorsele", "Dorpsplein 4", "8560", "Moorsele",
                     50.84021, 3.14902, ["nl"]),
    "zorg": ("Zorgzaam Thuis, kantoor Wevelgem", "Gentstraat 61", "8560", "Wevelgem",
             50.80921, 3.17855, ["nl", "fr"]),
    "taalpunt": ("Taalpunt Leiestreek", "Groeningestraat 12", "8500", "Kortrijk",
                 50.82703, 3.26201, ["nl", "fr", "en", "ar", "ru", "tr"]),
    "bib": ("Bibliotheek Wevelgem", "Schoolstraat 6", "8560", "Wevelgem",
            50.81115, 3.18032, ["nl"]),
    "cvo": ("De Vlasbloem, campus Wevelgem", "Menenstraat 240", "8560", "Wevelgem",
            50.80540, 3.16650, ["nl"]),
    "jeugdhuis": ("Jeugdhuis De Klaproos", "Sportlaan 2", "8560", "Wevelgem",
                  50.81622, 3.18890, ["nl"]),
    "speelplein": ("Speelplein Vlashof", "Vlashofweg 1", "8560", "Gullegem",
                   50.84350, 3.20520, ["nl"]),
    "cgg": ("CGG Leieland, vestiging Wevelgem", "Ieperstraat 77", "8560", "Wevelgem",
            50.80690, 3.17110, ["nl", "fr", "en"]),
    "wgc": ("Wijkgezondheidscentrum De Brug", "Wallaysstraat 18", "8560", "Wevelgem",
            50.80980, 3.18730, ["nl", "fr", "en", "ar", "tr"]),
    "gezin": ("Gezinspunt Wevelgem", "Kerkstraat 9", "8560", "Wevelgem",
              50.81190, 3.18410, ["nl", "fr"]),
    "linde": ("Lokaal Dienstencentrum De Linde", "Lindeplein 1", "8560", "Wevelgem",
              50.80850, 3.18990, ["nl"]),
    "werk": ("Werkpunt Leie", "Menenstraat 60", "8560", "Wevelgem",
             50.80890, 3.17700, ["nl", "fr", "en"]),
    "energie": ("Energiehuis Leiestreek", "Kortrijkstraat 101", "8560", "Wevelgem",
                50.81330, 3.19510, ["nl"]),
}  # fmt: skip

WEEKDAYS = "MO,TU,WE,TH,FR"
# --- Services ---------------------------------------------------------------------------------
# key, organisation, name, description, needs, locations, languages spoken, schedules
# (byday, opens, closes[, description]), phone (or None: the organisation's), status, extra
SERVICES = [
    ("ocmw-onthaal", "ocmw", "Onthaal Sociaal Huis",
     "Eerste aanspreekpunt voor elke vraag over welzijn, inkomen, wonen en zorg. Zonder "
     "afspraak in de voormiddag; in de namiddag op afspraak.",
     ["onthaal", "welzijn"], ["sociaalhuis", "gullegem", "moorsele"], ["nl", "fr", "en"],
     [(WEEKDAYS, "08:30", "12:00"), ("MO,WE", "13:30", "16:30", "op afspraak")],
     "056 49 90 01", "active", {}),
    ("ocmw-sociale-dienst", "ocmw", "Sociale dienst: leefloon en financiële steun",
     "Een maatschappelijk werker bekijkt je rechten: leefloon, aanvullende steun, "
     "tussenkomst in medische kosten, sociale tarieven.",
     ["inkomen", "welzijn"], ["sociaalhuis"], ["nl", "fr", "en"],
     [("MO,TU,TH,FR", "09:00", "12:00")], "056 49 90 10", "active",
     {"application_process": "Maak een afspraak via het onthaal of bel de sociale dienst."}),
    ("ocmw-budget", "ocmw", "Budgetbegeleiding en budgetbeheer",
     "Samen je inkomsten en uitgaven op een rij zetten, facturen opvolgen, of je budget "
     "laten beheren door het OCMW.",
     ["budgetbeheer"], ["sociaalhuis"], ["nl", "fr"],
     [("TU,TH", "09:00", "12:00"), ("TH", "13:30", "16:00")], "056 49 90 20", "active", {}),
    ("ocmw-energie", "ocmw", "Energiecel",
     "Hulp bij hoge energiefacturen, een budgetmeter, afsluiting of een betaalplan met je "
     "leverancier.",
     ["energie"], ["sociaalhuis"], ["nl", "fr"],
     [("WE", "09:00", "12:00")], "056 49 90 25", "active", {}),
    ("ocmw-poetsdienst", "ocmw", "Poetsdienst",
     "Een poetshulp komt om de week aan huis bij ouderen, zieken en gezinnen die het even "
     "niet alleen redden. Prijs volgens inkomen.",
     ["poetshulp"], ["sociaalhuis"], ["nl"],
     [(WEEKDAYS, "08:30", "12:00", "aanvragen")], "056 49 90 30", "active",
     {"fees_description": "Bijdrage volgens inkomen, tussen 6 en 14 euro per uur."}),
    ("ocmw-maaltijden", "ocmw", "Maaltijden aan huis",
     "Elke werkdag een warme maaltijd aan huis, ook dieetmaaltijden.",
     ["maaltijden"], ["sociaalhuis"], ["nl"],
     [(WEEKDAYS, "09:00", "11:00", "bestellen")], "056 49 90 35", "active", {}),
    ("ocmw-woonloket", "ocmw", "Woonloket",
     "Vragen over huren, een sociale woning, huurpremie, woningkwaliteit en verhuizen.",
     ["huisvesting"], ["sociaalhuis", "gullegem"], ["nl", "fr", "en"],
     [("MO,TH", "09:00", "12:00"), ("TH", "16:00", "19:00")], "056 49 90 40", "active", {}),
    ("ocmw-juridisch", "ocmw", "Gratis juridisch eerstelijnsadvies",
     "Een advocaat beantwoordt kort en gratis je juridische vraag: huur, schulden, "
     "echtscheiding, verblijf.",
     ["juridisch"], ["sociaalhuis"], ["nl", "fr"],
     [("1SA", "09:30", "11:30", "eerste zaterdag van de maand")], None, "active",
     {"eligibility_description": "Voor iedereen, zonder voorwaarden."}),
    ("caw-onthaal", "caw", "CAW Onthaal",
     "Met elke vraag of elk probleem kun je bij het CAW terecht: relaties, geweld, "
     "geld, wonen, verblijf, justitie. Ook zitdag in het Sociaal Huis Wevelgem.",
     ["onthaal", "welzijn"], ["caw_kortrijk", "sociaalhuis"], ["nl", "fr", "en", "ar"],
     [(WEEKDAYS, "09:00", "12:30"), ("MO,WE", "13:30", "17:00")], "056 49 91 01", "active",
     {"interpretation_services": "Tolk via telefoon of beeld op vraag (Arabisch, Pashto, "
      "Dari, Tigrinya en meer)."}),
    ("caw-schuldhulp", "caw", "Schuldhulp CAW",
     "Begeleiding bij schulden en geldzorgen, ook als je nog niet bij het OCMW aanklopt.",
     ["schulden"], ["caw_kortrijk"], ["nl", "fr"],
     [("TU,TH", "09:00", "12:30")], "056 49 91 20", "active", {}),
    ("caw-nachtopvang", "caw", "Nachtopvang De Haven",
     "Een bed, een douche en een ontbijt voor wie geen dak heeft. Aanmelden tussen 21 en "
     "22 uur.",
     ["opvang"], ["nachtopvang"], ["nl", "fr", "en", "ar"],
     [("MO,TU,WE,TH,FR,SA,SU", "21:00", "08:00")], "056 49 91 30", "active",
     {"eligibility_description": "Meerderjarigen zonder onderdak."}),
    ("caw-jac", "caw", "JAC: jongerenonthaal",
     "Voor jongeren van 12 tot 25 met een vraag over school, thuis, geld, relaties of "
     "alleen wonen. Anoniem en gratis.",
     ["jeugd", "onthaal"], ["jac"], ["nl", "en"],
     [("MO,WE,FR", "13:00", "18:00")], "056 49 91 40", "active",
     {"minimum_age": 12, "maximum_age": 25}),
    ("schuldbemiddeling", "schuld", "Schuldbemiddeling",
     "Een erkende schuldbemiddelaar onderhandelt met je schuldeisers over een haalbaar "
     "afbetalingsplan en volgt het op.",
     ["schuldbemiddeling"], ["schuld"], ["nl"],
     [("MO,TU,TH", "09:00", "12:00"), ("TU", "13:00", "16:00")], None, "active",
     {"application_process": "Aanmelden via het OCMW of het CAW."}),
    ("schuld-infosessie", "schuld", "Infosessie Omgaan met geld",
     "Vier avonden over budget, sparen, facturen lezen en valkuilen van kopen op krediet.",
     ["budgetbeheer"], ["schuld"], ["nl"],
     [("TH", "19:00", "21:00", "in maart en oktober")], None, "active", {}),
    ("voedselpakketten", "voedsel", "Voedselpakketten",
     "Om de twee weken een pakket met voeding en verzorgingsproducten, na doorverwijzing "
     "door het OCMW of het CAW.",
     ["voedsel"], ["korenaar"], ["nl", "fr"],
     [("WE", "13:30", "16:00")], "056 49 93 01", "active",
     {"eligibility_description": "Na doorverwijzing door een maatschappelijk werker."}),
    ("kruidenier-wevelgem", "voedsel", "Sociale kruidenier De Mand",
     "Winkel met voeding en huishoudproducten aan verlaagde prijs voor wie het financieel "
     "moeilijk heeft.",
     ["voedsel"], ["kruidenier_w"], ["nl", "fr", "ar"],
     [("TU,FR", "09:00", "12:00"), ("TH", "14:00", "18:00")], "056 49 93 10", "active", {}),
    ("kruidenier-moorsele", "voedsel", "Sociale kruidenier De Mand Moorsele",
     "Filiaal van de sociale kruidenier in Moorsele.",
     ["voedsel"], ["kruidenier_m"], ["nl"],
     [("WE", "09:00", "12:00")], "056 49 93 20", "temporarily closed",
     {"alert": "Gesloten wegens verbouwing tot 1 maart. Kom intussen naar De Mand in "
      "Wevelgem."}),
    ("gezinszorg", "zorg", "Gezinszorg",
     "Een verzorgende helpt bij de persoonlijke verzorging, het huishouden en de "
     "boodschappen, bij ziekte, ouderdom of een drukke gezinssituatie.",
     ["gezinszorg"], ["zorg"], ["nl", "fr"],
     [(WEEKDAYS, "08:00", "16:30")], "056 49 94 01", "active",
     {"fees_description": "Bijdrage per uur volgens inkomen en gezinssituatie."}),
    ("oppashulp", "zorg", "Oppashulp",
     "Een vrijwilliger blijft bij je partner of ouder zodat jij even op adem kunt komen.",
     ["thuiszorg"], ["zorg"], ["nl"],
     [("MO,WE,FR", "09:00", "12:00")], "056 49 94 10", "active", {}),
    ("taalpunt-intake", "taalpunt", "Nederlands leren: intake en advies",
     "We bekijken samen welke cursus Nederlands bij je past en waar en wanneer je kunt "
     "starten.",
     ["taal"], ["taalpunt", "sociaalhuis"], ["nl", "fr", "en", "ar", "ru", "tr", "uk"],
     [("MO,TU,TH", "09:00", "12:00"), ("WE", "13:00", "19:00")], "056 49 95 01", "active",
     {}),
    ("babbelpunt", "taalpunt", "Babbelpunt: Nederlands oefenen",
     "Elke week Nederlands oefenen in een kleine groep met vrijwilligers, bij een koffie.",
     ["taal", "ontmoeting"], ["bib"], ["nl"],
     [("TU", "14:00", "16:00"), ("SA", "10:00", "12:00")], None, "active", {}),
    ("nt2", "cvo", "Nederlands als tweede taal (NT2)",
     "Cursussen Nederlands van beginner tot gevorderd, overdag of 's avonds, twee keer "
     "per week.",
     ["taal", "werk"], ["cvo"], ["nl"],
     [("MO,WE", "09:00", "12:00"), ("TU,TH", "18:30", "21:30")], "056 49 95 51", "active",
     {"fees_description": "Inschrijvingsgeld; vrijstelling met leefloon of werkloosheid."}),
    ("tienerwerking", "jeugd", "Tienerwerking De Klaproos",
     "Voor tieners van 12 tot 16: chillen, spelletjes, uitstappen en een open oor.",
     ["jeugdwerk"], ["jeugdhuis"], ["nl"],
     [("WE", "14:00", "18:00"), ("FR", "19:00", "23:00")], "056 49 96 01", "active",
     {"minimum_age": 12, "maximum_age": 16}),
    ("huiswerkklas", "jeugd", "Huiswerkklas",
     "Lagere-schoolkinderen maken hun huiswerk met hulp van vrijwilligers.",
     ["jeugdwerk", "opvoeding"], ["bib"], ["nl"],
     [("MO,TU,TH", "15:45", "17:30")], None, "active", {"minimum_age": 6, "maximum_age": 12}),
    ("speelplein", "jeugd", "Speelpleinwerking Vlashof",
     "In de zomervakantie elke weekdag spelen met animatoren, voor kinderen van 3 tot 14.",
     ["jeugdwerk"], ["speelplein"], ["nl"],
     [(WEEKDAYS, "09:00", "17:00", "in juli en augustus", "2026-07-01", "2026-08-31")],
     None, "active", {"minimum_age": 3, "maximum_age": 14}),
    ("cgg-volwassenen", "cgg", "Hulp voor volwassenen",
     "Gesprekken bij angst, depressie, verslaving, rouw of een psychische crisis. "
     "Aanmelden telefonisch.",
     ["geestelijke-gezondheid"], ["cgg"], ["nl", "fr", "en"],
     [(WEEKDAYS, "09:00", "12:00", "aanmelden"), ("MO,TH", "13:00", "20:00")],
     "056 49 97 01", "active", {"minimum_age": 18}),
    ("cgg-jongeren", "cgg", "Hulp voor kinderen en jongeren",
     "Hulp bij psychische problemen van kinderen en jongeren tot 18, samen met hun ouders.",
     ["geestelijke-gezondheid", "jeugd"], ["cgg"], ["nl", "fr"],
     [(WEEKDAYS, "09:00", "12:00", "aanmelden")], "056 49 97 10", "active",
     {"maximum_age": 17}),
    ("luisterlijn", "cgg", "Luisterlijn Leieland",
     "Anoniem je verhaal kwijt bij een getrainde vrijwilliger, elke avond.",
     ["geestelijke-gezondheid"], [], ["nl"],
     [("MO,TU,WE,TH,FR,SA,SU", "19:00", "23:00")], "056 49 97 20", "active", {}),
    ("wgc-huisarts", "wgc", "Huisartsenpraktijk De Brug",
     "Huisartsen en verpleegkundigen voor wie in de wijk woont; je betaalt niet per "
     "consultatie.",
     ["eerstelijnszorg"], ["wgc"], ["nl", "fr", "en", "ar", "tr"],
     [(WEEKDAYS, "08:00", "18:30"), ("SA", "09:00", "12:00")], "056 49 98 01", "active",
     {"interpretation_services": "Tolk via Babel of een intercultureel bemiddelaar."}),
    ("wgc-sociaal", "wgc", "Sociaal werker De Brug",
     "Een sociaal werker helpt met papieren, geldzorgen en de weg naar andere diensten.",
     ["welzijn", "inkomen"], ["wgc"], ["nl", "fr", "ar"],
     [("TU,TH", "09:00", "12:00")], None, "active", {}),
    ("consultatiebureau", "gezin", "Consultatiebureau",
     "Gratis opvolging van baby's en peuters: groei, voeding, vaccinaties en vragen.",
     ["opvoeding"], ["gezin", "gullegem"], ["nl", "fr"],
     [("TU", "13:30", "16:30"), ("FR", "09:00", "11:30")], "056 49 98 51", "active",
     {"maximum_age": 3}),
    ("opvoedingswinkel", "gezin", "Opvoedingspunt",
     "Met elke vraag over opvoeden: slapen, driftbuien, schermtijd, puberteit.",
     ["opvoeding"], ["gezin"], ["nl", "fr"],
     [("WE", "13:00", "17:00")], "056 49 98 60", "active", {}),
    ("linde-ontmoeting", "linde", "Ontmoeting en activiteiten",
     "Koffie, kaarten, bewegen, uitstappen en vrijwilligerswerk: iedereen is welkom.",
     ["ontmoeting"], ["linde"], ["nl"],
     [(WEEKDAYS, "09:00", "17:00")], None, "active", {}),
    ("linde-restaurant", "linde", "Restaurant De Linde",
     "Elke middag een warme maaltijd aan democratische prijs; reserveren de dag voordien.",
     ["maaltijden", "ontmoeting"], ["linde"], ["nl"],
     [(WEEKDAYS, "11:45", "13:30")], "056 49 99 01", "active", {}),
    ("linde-digitaal", "linde", "Digipunt: hulp met je smartphone en itsme",
     "Vrijwilligers helpen met je smartphone, itsme, online bankieren en formulieren.",
     ["welzijn"], ["linde"], ["nl"],
     [("TU", "09:30", "11:30"), ("TH", "14:00", "16:00")], None, "active", {}),
    ("werkpunt", "werk", "Werk zoeken",
     "Hulp bij je cv, sollicitaties, werk in de sociale economie en een opleiding.",
     ["werk"], ["werk"], ["nl", "fr", "en"],
     [("MO,TU,TH,FR", "09:00", "12:00"), ("TU", "13:00", "16:00")], "056 49 99 51", "active",
     {}),
    ("energiesnoeiers", "energie", "Energiesnoeiers: gratis energiescan",
     "Een energiesnoeier kwam langs met lampen, een spaardouchekop en advies. Het project "
     "is gestopt; voor energievragen kun je bij de Energiecel van het OCMW terecht.",
     ["energie"], ["energie"], ["nl"],
     [], "056 49 89 01", "defunct", {}),
]  # fmt: skip


def location(key: str, owner: str) -> dict:
    name, street, postcode, city, lat, lon, languages = LOCATIONS[key]
    return {
        "id": uid("location", key),
        "location_type": "physical",
        "organization_id": uid("organization", owner),
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "addresses": [
            {
                "id": uid("address", key),
                "address_1": street,
                "city": city,
                "state_province": "West-Vlaanderen",
                "postal_code": postcode,
                "country": "BE",
                "address_type": "physical",
            }
        ],
        "languages": [
            {"id": uid("location-language", key, code), "code": code} for code in languages
        ],
        "phones": [],
        "schedules": [],
    }


# Which organisation's building a location is.
LOCATION_OWNER = {
    "sociaalhuis": "ocmw", "gullegem": "ocmw", "moorsele": "ocmw", "caw_kortrijk": "caw",
    "nachtopvang": "caw", "jac": "caw", "schuld": "schuld", "korenaar": "voedsel",
    "kruidenier_w": "voedsel", "kruidenier_m": "voedsel", "zorg": "zorg",
    "taalpunt": "taalpunt", "bib": "jeugd", "cvo": "cvo", "jeugdhuis": "jeugd",
    "speelplein": "jeugd", "cgg": "cgg", "wgc": "wgc", "gezin": "gezin", "linde": "linde",
    "werk": "werk", "energie": "energie",
}  # fmt: skip


def organization(key: str) -> dict:
    name, description, email, website, phone = ORGS[key]
    out = {
        "id": uid("organization", key),
        "name": name,
        "description": description,
        "email": email,
        "phones": [{"id": uid("organization-phone", key), "number": phone, "type": "voice"}],
    }
    if website:
        out["website"] = website
    return out


def schedule(service_key: str, index: int, spec: tuple) -> dict:
    byday, opens, closes, *rest = spec
    out = {
        "id": uid("schedule", service_key, str(index)),
        # "1SA": the first Saturday of every month
        "freq": "MONTHLY" if any(ch.isdigit() for ch in byday) else "WEEKLY",
        "byday": byday,
        "opens_at": opens,
        "closes_at": closes,
    }
    if rest:
        out["description"] = rest[0]
    if len(rest) >= 3:
        out["valid_from"], out["valid_to"] = rest[1], rest[2]
    return out


def service(spec: tuple) -> dict:
    key, org, name, description, needs, places, languages, hours, phone, status, extra = spec
    out = {
        "id": uid("service", key),
        "organization_id": uid("organization", org),
        "name": name,
        "description": description,
        "status": status,
        "email": ORGS[org][2],
        "assured_date": CHECKED,
        "last_modified": LAST_MODIFIED,
        **extra,
        "organization": organization(org),
        "phones": ([{"id": uid("phone", key), "number": phone, "type": "voice"}] if phone else []),
        "schedules": [schedule(key, i, h) for i, h in enumerate(hours)],
        "languages": [{"id": uid("language", key, code), "code": code} for code in languages],
        "service_at_locations": [
            {
                "id": uid("service-at-location", key, place),
                "location": location(place, LOCATION_OWNER[place]),
            }
            for place in places
        ],
        "attributes": [
            {
                "id": uid("attribute", key, need),
                "link_entity": "service",
                "taxonomy_term": term(need),
            }
            for need in needs
        ],
    }
    return out


def build() -> list[dict]:
    return [service(spec) for spec in SERVICES]


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Wrote {OUT} ({len(SERVICES)} services)")
