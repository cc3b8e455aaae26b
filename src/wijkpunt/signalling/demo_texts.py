# ruff: noqa: E501 - residents' sentences stay whole
"""Phrase banks for the demo's year of signals: how residents and workers write them.

Written for the demo only (the triage engine's training and test sets are separate and not
used here). Placeholders: {room}, {place}, {days}, {floor}, {neighbour}, {month}.
"""

from __future__ import annotations

# Residents' own words, per category and language. Short and long, with and without
# punctuation, as people type on a phone.
RESIDENT: dict[str, dict[str, list[str]]] = {
    "herstelling": {
        "nl": [
            "De kraan in de {room} blijft druppelen, ook als ze helemaal dicht is.",
            "Onze verwarming doet het al {days} dagen niet meer. De radiatoren blijven koud.",
            "Er zit een lek aan de afvoer onder de lavabo, er staat elke dag water in de kast.",
            "de voordeur sluit niet meer goed, het slot hapert en de wind komt binnen",
            "Schimmel op het plafond van de {room}, het wordt elke week groter.",
            "Het raam in de slaapkamer gaat niet meer open, de kruk is afgebroken.",
            "De ketel geeft een foutcode E119 en er is geen warm water.",
            "Rolluik in de living is vastgelopen, half open half dicht.",
            "wc blijft doorlopen, dat kost toch veel water",
            "Er komt water door het plafond van de badkamer, ik denk van de buren boven.",
            "De dakgoot aan de achterkant hangt los en bij regen loopt alles langs de muur.",
            "De lift in blok {place} maakt een raar geluid en stopt soms even tussen twee verdiepingen.",
            "De afzuigkap werkt niet meer en de lamp ervan ook niet.",
            "Tegels in de douche komen los, er zit water achter denk ik.",
            "Thermostaat reageert niet, de verwarming staat de hele tijd op vol.",
            "Brievenbus is opengebroken, het klepje hangt eraf.",
            "Deurbel werkt niet, de postbode heeft al twee keer een pakje teruggenomen.",
            "De ventilatie in de badkamer maakt veel lawaai, vooral 's nachts.",
            "Gootsteen in de keuken loopt heel traag weg, ontstopper helpt niet.",
        ],
        "fr": [
            "Le chauffage ne fonctionne plus depuis {days} jours, il fait très froid chez nous.",
            "Il y a une fuite sous l'évier de la cuisine, l'armoire est toute mouillée.",
            "La porte d'entrée ne ferme plus bien, la serrure bloque.",
            "Moisissure au plafond de la salle de bain, ça revient toujours.",
        ],
        "en": [
            "The heating has not worked for {days} days. The radiators stay cold.",
            "Water is leaking from the ceiling in the bathroom.",
            "The window in the bedroom will not close anymore.",
        ],
    },
    "huur-en-betaling": {
        "nl": [
            "Ik heb een brief gekregen over achterstal maar ik heb alles betaald. Kan iemand dat nakijken?",
            "Mijn huur is verhoogd maar mijn inkomen is gedaald sinds ik werkloos ben.",
            "Kan ik de huur van {month} in twee keer betalen? Mijn loon komt later.",
            "Ik begrijp de afrekening van de kosten niet, waarom moet ik 240 euro bijbetalen?",
            "Wanneer krijg ik mijn waarborg terug? Ik ben al twee maanden verhuisd binnen de wijk.",
            "Er staat twee keer huur afgehouden van mijn rekening deze maand.",
            "Ik wil graag een afbetalingsplan voor de achterstal van vorig jaar.",
            "Mijn man is overleden, moet ik nu de huurprijs laten herberekenen?",
        ],
        "fr": [
            "J'ai reçu une lettre pour des arriérés de loyer, mais j'ai tout payé.",
            "Est-ce que je peux payer le loyer de {month} en deux fois?",
        ],
        "en": [
            "I received a letter about rent arrears but I paid everything. Can someone check?",
            "Can I pay the rent of {month} in two parts?",
        ],
    },
    "overlast": {
        "nl": [
            "De buren op {floor} maken elke nacht lawaai tot 3 uur, muziek en roepen.",
            "Er hangt een sterke wietgeur in de traphal, elke avond.",
            "De hond van {neighbour} blaft de hele dag als ze niet thuis zijn.",
            "Mijn buurman scheldt mij uit als ik hem tegenkom in de gang. Ik durf niet meer buiten.",
            "Er wordt gerookt in de lift en de peuken liggen op de grond.",
            "Buren boven slepen 's nachts met meubels, ik kan niet slapen.",
            "Iemand zet elke week zijn grof vuil voor mijn deur.",
            "Gisteren was er weer luide ruzie bij de buren, met veel geroep.",
            "Jongeren hangen 's avonds rond in de inkomhal en laten alles vuil achter.",
            "De kat van de buren doet zijn behoefte in onze tuin.",
        ],
        "fr": [
            "Les voisins du dessus font du bruit toutes les nuits jusqu'à 3 heures.",
            "Mon voisin m'insulte quand je le croise dans le couloir.",
        ],
        "en": [
            "My neighbours play loud music every night until 3 am.",
            "There is a strong smell of cannabis in the staircase every evening.",
        ],
    },
    "gemeenschappelijke-delen": {
        "nl": [
            "De traphal is al twee weken niet gekuist, er liggen papiertjes en zand overal.",
            "De verlichting in de kelder van blok {place} is kapot, het is er pikdonker.",
            "In het afvallokaal staan zakken naast de containers, het stinkt en er zijn muizen.",
            "De fietsenberging staat vol met oude fietsen zonder eigenaar.",
            "Iemand heeft graffiti gespoten op de muur naast de inkom.",
            "Het gras in de gemeenschappelijke tuin is al lang niet meer gemaaid.",
            "De deur van de wasplaats valt niet meer in het slot.",
            "In de gang op {floor} staan kasten en een matras, je kan er bijna niet door.",
            "De glasbak is overvol en er ligt glas op de speelplaats.",
            "Het licht in de gang blijft de hele dag en nacht branden.",
        ],
        "fr": [
            "La cage d'escalier n'a pas été nettoyée depuis deux semaines.",
            "Il y a des sacs à côté des conteneurs, ça sent mauvais.",
        ],
        "en": [
            "The lights in the basement are broken, it is completely dark.",
            "Bags of rubbish are left next to the bins and it smells.",
        ],
    },
    "welzijn-en-zorg": {
        "nl": [
            "Meneer naast mij is heel vergeetachtig geworden, hij liep gisteren in pyjama buiten.",
            "Ik voel me heel alleen sinds mijn vrouw er niet meer is. Ik zie bijna niemand.",
            "Onze buurman drinkt veel en valt soms in de gang. Ik maak me zorgen.",
            "Mijn moeder woont alleen en kan haar boodschappen niet meer doen. Wie kan helpen?",
            "Er woont een jonge mama met een baby boven mij, ze huilt veel en lijkt het niet aan te kunnen.",
            "Ik kom mijn appartement niet meer uit sinds mijn operatie, de trap is te zwaar.",
            "Ik slaap slecht en pieker veel. Is er iemand met wie ik kan praten?",
            "Oudere buur valt regelmatig, heeft geen familie in de buurt.",
        ],
        "fr": [
            "Je me sens très seule depuis le décès de mon mari.",
            "Ma voisine âgée ne sort presque plus de chez elle, je m'inquiète pour elle.",
        ],
        "en": [
            "I feel very lonely and would like to talk to someone.",
            "My elderly neighbour hardly goes out anymore and I worry about her.",
        ],
    },
    "financiele-zorgen": {
        "nl": [
            "Ik heb een brief van de deurwaarder gekregen en weet niet wat ik moet doen.",
            "Mijn energiefactuur is 380 euro per maand geworden, dat kan ik niet betalen.",
            "Op het einde van de maand is er geen geld meer voor eten voor de kinderen.",
            "Ik heb schulden bij drie verschillende firma's en ze bellen elke dag.",
            "De waterfactuur van dit jaar is veel te hoog, ik denk dat er ergens een lek is maar ik kan het niet betalen.",
            "Kan ik hulp krijgen om mijn papieren en facturen op orde te zetten?",
            "Mijn leefloon is gestopt en ik weet niet waarom.",
        ],
        "fr": [
            "J'ai reçu une lettre de l'huissier et je ne sais pas quoi faire.",
            "Ma facture d'énergie est trop élevée, je ne peux pas la payer.",
        ],
        "en": [
            "I got a letter from a bailiff and I don't know what to do.",
            "At the end of the month there is no money left for food.",
        ],
    },
    "woonsituatie": {
        "nl": [
            "We wonen met vijf in een appartement met één slaapkamer. Kunnen we een grotere woning krijgen?",
            "Sinds mijn val kan ik de trap niet meer op, ik zou graag een woning op het gelijkvloers.",
            "Mijn kinderen zijn het huis uit, de woning is te groot voor mij alleen.",
            "Ik heb een rolstoel nodig maar de deuren zijn te smal.",
            "Kan ik een aanpassing krijgen in de badkamer, een beugel bij het toilet?",
            "Ik wil graag verhuizen naar een woning dichter bij mijn dochter.",
        ],
        "fr": [
            "Nous sommes cinq dans un appartement d'une chambre. Pouvons-nous avoir plus grand?",
        ],
        "en": [
            "We are five people in a one-bedroom flat. Can we get a bigger home?",
        ],
    },
    "veiligheid": {
        "nl": [
            "De toegangsdeur van blok {place} sluit niet meer, iedereen kan zomaar binnen.",
            "Er is vannacht ingebroken in de kelderbergingen.",
            "Er wordt in de garage gedeald, elke avond rond 22 uur.",
            "Rookmelder in de gang piept de hele tijd.",
            "Iemand heeft de brandblusser in de gang leeggespoten.",
            "Er staat een scooter in de inkomhal die de nooduitgang blokkeert.",
            "Er zijn mensen die in de kelder slapen, ik voel me niet veilig.",
        ],
        "fr": [
            "La porte d'entrée de l'immeuble ne ferme plus, tout le monde peut entrer.",
            "Il y a eu un cambriolage dans les caves cette nuit.",
        ],
        "en": [
            "The front door of the building does not lock anymore.",
            "There was a break-in in the basement storage rooms last night.",
        ],
    },
    "samenleven": {
        "nl": [
            "Zouden we in de zomer een buurtfeest kunnen doen op het plein?",
            "Ik wil graag helpen met de moestuin, wie moet ik aanspreken?",
            "Compliment voor de technieker die vorige week kwam, heel vriendelijk en snel.",
            "Kan het buurtlokaal op woensdagnamiddag open voor een huiswerkklas?",
            "Idee: een deelkast voor boeken en speelgoed in de inkomhal.",
            "Er zijn veel nieuwe buren, misschien een koffiemoment om kennis te maken?",
            "Ik kan naaien en wil dat graag aan andere buren leren.",
            "De speeltuin is super geworden, dank u!",
        ],
        "fr": [
            "Est-ce qu'on pourrait organiser une fête des voisins cet été?",
        ],
        "en": [
            "Could we organise a neighbourhood party on the square this summer?",
            "I would like to help with the vegetable garden.",
        ],
    },
    "administratie": {
        "nl": [
            "Mijn dochter is bij mij komen wonen, hoe geef ik dat door?",
            "Ik heb een kopie van mijn huurcontract nodig voor het OCMW.",
            "Mijn partner is verhuisd, moet hij van het contract af?",
            "Ik heb een attest nodig dat ik hier woon, voor de school.",
            "Waar vind ik het huisreglement? Ik wil weten of een hond mag.",
            "Mijn bankrekening is veranderd, waar geef ik het nieuwe nummer door?",
        ],
        "fr": [
            "J'ai besoin d'une copie de mon contrat de bail.",
        ],
        "en": [
            "I need a copy of my tenancy agreement.",
            "My daughter moved in with me, how do I let you know?",
        ],
    },
}

# Textbook urgent situations (PRODUCT.md: life, health or safety at stake now, or a basic
# utility gone or about to be cut off), per category and language. A demo signal is urgent
# exactly when its text comes from here, and staff triage it so.
URGENT: dict[str, dict[str, list[str]]] = {
    "herstelling": {
        "nl": [
            "Stopcontact in de keuken geeft vonken als ik de waterkoker insteek. Ik gebruik het niet meer.",
            "Geen verwarming en het vriest. Mijn baby van drie maanden is ziek.",
            "Er loopt water uit het plafond recht op de elektriciteitskast.",
        ],
        "fr": [
            "La prise de la cuisine fait des étincelles quand je branche la bouilloire.",
            "Plus de chauffage et il gèle dehors. Mon bébé de trois mois est malade.",
        ],
        "en": [
            "Sparks come out of the kitchen socket when I plug in the kettle.",
            "No heating and it is freezing outside. My three-month-old baby is ill.",
        ],
    },
    "veiligheid": {
        "nl": [
            "Ik ruik gas in de traphal bij {floor}!",
            "Er komt rook uit de kelder van blok {place} en het brandalarm gaat af.",
            "Er wordt nu gevochten in de inkomhal, iemand heeft een mes.",
        ],
        "fr": [
            "Ça sent le gaz dans la cage d'escalier!",
            "Il y a de la fumée qui sort de la cave et l'alarme incendie sonne.",
        ],
        "en": [
            "I smell gas in the staircase!",
            "Smoke is coming out of the basement and the fire alarm is ringing.",
        ],
    },
    "welzijn-en-zorg": {
        "nl": [
            "Mijn buurvrouw op {floor} heb ik al {days} dagen niet gezien, haar rolluiken blijven dicht.",
            "Het ruikt raar bij de buren en de brievenbus zit vol. Niemand doet open.",
            "Mijn buurman is gevallen in de gang en komt niet meer recht.",
            "Ik zie het niet meer zitten. Ik wil er niet meer zijn.",
        ],
        "fr": [
            "Je n'ai plus vu ma voisine depuis {days} jours, ses volets restent fermés.",
            "Mon voisin est tombé dans le couloir et n'arrive plus à se relever.",
        ],
        "en": [
            "I have not seen my neighbour for {days} days and her curtains stay closed.",
            "My neighbour fell in the hallway and cannot get up.",
        ],
    },
    "financiele-zorgen": {
        "nl": ["Ze dreigen de elektriciteit af te sluiten volgende week."],
        "fr": ["On va me couper l'électricité la semaine prochaine."],
        "en": ["They are going to cut off my electricity next week."],
    },
    "overlast": {
        "nl": ["Mijn buurman staat nu met een mes voor mijn deur en dreigt mij."],
        "fr": ["Mon voisin est devant ma porte avec un couteau et me menace."],
        "en": ["My neighbour is at my door right now with a knife, threatening me."],
    },
}

# Texts that only the person they describe can write: "f" a woman (my husband died), "m" a
# man (since my wife is gone). Used only for a reporter whose first name says so.
REPORTER_GENDER = {
    "Mijn man is overleden, moet ik nu de huurprijs laten herberekenen?": "f",
    "Ik voel me heel alleen sinds mijn vrouw er niet meer is. Ik zie bijna niemand.": "m",
    "Je me sens très seule depuis le décès de mon mari.": "f",
}

OPENERS = {
    "nl": ["", "", "", "Goedendag, ", "Hallo, ", "Beste, ", "Dag mevrouw, meneer, "],
    "fr": ["", "", "Bonjour, ", "Madame, Monsieur, "],
    "en": ["", "", "Hello, ", "Hi, "],
}
CLOSERS = {
    "nl": [
        "",
        "",
        "",
        " Kan er iemand komen kijken?",
        " Alvast bedankt.",
        " Ik ben thuis na 16 uur.",
        " Bel me gerust.",
        " Dit is al de tweede keer dat ik het meld.",
        " Mvg",
    ],
    "fr": ["", "", " Merci d'avance.", " Je suis à la maison après 16 heures."],
    "en": ["", "", " Thank you.", " I am home after 4 pm."],
}

# Words workers use when they register a signal on someone's behalf. "Mevr." and "Dhr."
# only for a caller whose first name says so (STAFF_PREFIX_GENDER).
STAFF_PREFIX_GENDER = {"f": ["Mevr. belde: "], "m": ["Dhr. belde: "]}
STAFF_PREFIX = {
    "phone": ["Telefoon van bewoner: ", "Telefonisch gemeld: "],
    "visit": ["Bij huisbezoek vastgesteld: ", "Huisbezoek: ", "Tijdens huisbezoek: "],
    "counter": ["Aan het loket: ", "Bewoner kwam langs: ", "Loket: "],
    "email": ["Mail van bewoner: ", "Per mail: "],
    "staff": ["Zelf vastgesteld tijdens ronde: ", "Gezien bij controle: ", "Opgemerkt: "],
}
NEIGHBOUR_PREFIX = [
    "Melding van een buur: ",
    "Gemeld voor de buurvrouw: ",
    "Ik meld dit voor mijn buurman: ",
]

ROOMS = ["keuken", "badkamer", "living", "slaapkamer", "berging", "toilet"]
FLOORS = ["het gelijkvloers", "de eerste verdieping", "de tweede", "de derde", "het vierde"]
NEIGHBOURS = ["de buren", "nummer 12", "de overkant", "de buren naast ons"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]

# Internal notes (staff only), per category.
NOTES: dict[str, list[str]] = {
    "herstelling": [
        "Loodgieter ingepland voor dinsdagvoormiddag.",
        "Onderdeel besteld bij de leverancier, levertijd ongeveer een week.",
        "Ter plaatse geweest: afdichting vervangen.",
        "Aannemer verwittigd, valt onder garantie.",
        "Sleutel bij de conciërge voor de technieker.",
    ],
    "huur-en-betaling": [
        "Betalingen nagekeken: overschrijving van vorige maand niet teruggevonden.",
        "Afbetalingsplan voorgesteld: 50 euro per maand.",
        "Huurprijs herberekend op basis van het nieuwe inkomen.",
    ],
    "overlast": [
        "Beide partijen gehoord. Bemiddeling voorgesteld.",
        "Brief gestuurd naar de betrokken huurder over het huisreglement.",
        "Wijkagent op de hoogte gebracht.",
        "Buurtwerker neemt contact op voor een gesprek.",
    ],
    "gemeenschappelijke-delen": [
        "Schoonmaakfirma aangesproken, extra beurt ingepland.",
        "Grof vuil laten ophalen.",
        "Lampen vervangen door de huisbewaarder.",
    ],
    "welzijn-en-zorg": [
        "Huisbezoek gepland met de maatschappelijk werker.",
        "Contact opgenomen met de huisarts, met toestemming van de bewoner.",
        "Thuiszorg aangevraagd.",
        "De bewoner was in het ziekenhuis, familie verwittigd.",
    ],
    "financiele-zorgen": [
        "Afspraak budgetbegeleiding vastgelegd.",
        "Aanvraag sociaal tarief energie ingediend.",
        "Contact met de deurwaarder: uitstel van twee weken.",
    ],
    "woonsituatie": [
        "Aanvraag interne mutatie geregistreerd.",
        "Ergotherapeut gevraagd voor advies over de aanpassing.",
    ],
    "veiligheid": [
        "Slotenmaker dringend besteld.",
        "Politie verwittigd.",
        "Netbeheerder verwittigd, zone afgesloten.",
    ],
    "samenleven": [
        "Besproken op het buurtoverleg.",
        "Buurtwerker neemt het mee naar de bewonersgroep.",
    ],
    "administratie": [
        "Gezinswijziging verwerkt.",
        "Attest opgemaakt en verstuurd.",
        "Kopie contract per post verstuurd.",
    ],
}

# Messages to the resident (plain words), per language.
MESSAGES = {
    "nl": [
        "Dank u voor uw melding. We komen langs op {day} tussen 8 en 12 uur.",
        "We hebben uw vraag doorgegeven. U hoort van ons deze week.",
        "Kunt u ons een foto sturen? Dan weten we beter wat we moeten meebrengen.",
        "Wanneer bent u thuis? Dan plannen we een bezoek.",
        "Het onderdeel is besteld. Zodra het er is, laten we het u weten.",
        "We hebben met uw buren gesproken. Laat u ons weten of het beter gaat?",
    ],
    "fr": [
        "Merci pour votre signalement. Nous passerons {day} entre 8 et 12 heures.",
        "Pouvez-vous nous envoyer une photo?",
        "Quand êtes-vous à la maison? Nous planifierons une visite.",
    ],
    "en": [
        "Thank you for your report. We will come on {day} between 8 and 12.",
        "Could you send us a photo?",
        "When are you at home? We will plan a visit.",
    ],
}
DAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
}

REPLIES = {
    "nl": [
        "Ik ben thuis op woensdag.",
        "Foto in bijlage.",
        "Ok, dank u.",
        "Het is nog niet beter.",
    ],
    "fr": ["Je suis à la maison mercredi.", "D'accord, merci."],
    "en": ["I am at home on Wednesday.", "OK, thank you."],
}

FEEDBACK_GOOD = {
    "nl": ["", "", "Snel geholpen, dank u!", "Vriendelijke technieker.", "Eindelijk opgelost."],
    "fr": ["", "Merci beaucoup!"],
    "en": ["", "Thanks, all good now."],
}
FEEDBACK_BAD = {
    "nl": [
        "Het lekt nog altijd.",
        "Er is niemand geweest.",
        "Het lawaai is na een week terug begonnen.",
        "Niet opgelost, zelfde probleem.",
    ],
    "fr": ["Ça fuit toujours.", "Personne n'est venu."],
    "en": ["Still leaking.", "Nobody came."],
}

CANCEL_REASONS = [
    "De bewoner heeft het zelf opgelost.",
    "Geen bevestiging gekregen van de bewoner na drie pogingen.",
    "Valt niet onder de huisvestingsmaatschappij: doorverwezen naar de gemeente.",
]

# The reason for a hand-over names the partner it goes to (per OrganisationSpec.key).
HANDOVER_NOTES = {
    "ocmw": [
        "Meer een vraag voor het OCMW: doorgegeven met toestemming van de bewoner.",
        "Sociale vraag achter de melding: het OCMW neemt over, met toestemming van de bewoner.",
    ],
    "caw": [
        "Doorgegeven aan het CAW voor verdere begeleiding, met toestemming van de bewoner.",
        "Het CAW neemt de begeleiding over: de bewoner gaat akkoord.",
    ],
}
