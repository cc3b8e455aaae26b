"""Curated patterns for urgent signals (nl, fr, en), with negation and past-tense handling.

A signal is urgent when life, health or safety is at stake *now* or a basic utility is gone:
gas smell, fire or smoke, violence or a threat now, a person not seen for days or fallen,
suicidal words, no heating with vulnerable people in frost, water or power cut off (soon).

The patterns run on normalised text (lower case, accents folded, see ``engine.normalise``).
A hit is ignored when its clause says the danger is over or was in the past ("geen gasgeur
meer", "vorige maand was er een vechtpartij", "there was a fire last week") — except for
suicidal words, which always count. The classifier in ``engine`` catches what the patterns
miss; the patterns make sure the clearest cases are never missed."""

# ruff: noqa: E501 - the patterns read best on one line each
from __future__ import annotations

import re
from dataclasses import dataclass

W = r"(?:\s+\S+){0,%d}"  # up to n words in between


@dataclass(frozen=True)
class Pattern:
    key: str  # short English label shown to staff
    regex: re.Pattern
    strength: float = 1.0  # 1.0 = urgent on its own, 0.5 = raises the classifier's score
    negatable: bool = True  # a "no longer"/past clause cancels it


def _p(key: str, pattern: str, strength: float = 1.0, negatable: bool = True) -> Pattern:
    return Pattern(key, re.compile(pattern), strength, negatable)


NOW = (
    r"(?:\bnu\b|nu direct|op dit moment|op ditzelfde moment|momenteel|vandaag|net\b|juist|"
    r"right now|\bnow\b|at the moment|en ce moment|maintenant|en train de|au secours|help|kom (?:snel|vlug))"
)
VULNERABLE = (
    r"(?:bab(?:y|ies|ytje)|bebe|newborn|pasgebor|zuigeling|kind|kinder|kleine|child|enfant|"
    r"\boud|bejaard|elderly|\bold\b|agee|\b[6-9]\d\s*(?:jaar|j\b|ans|year)|van [7-9]\d\b|"
    r"ziek|sick|ill\b|malade|koorts|fever|fievre|zwanger|pregnant|enceinte|gehandicapt|"
    r"beademing|zuurstof|oxygen|moeder|vader|father|mother|mere|pere)"
)
COLD = (
    r"(?:vriest|vriezen|vriesweer|vorst|ijskoud|bevroren|freez|frost|gele\b|il gele|gel\b|"
    r"-\s?\d+\b|min \d+|moins \d+|minus \d+|\b1?\d\s?(?:graden|degrees|degres)|koud|cold|froid)"
)
HEATING_GONE = (
    r"(?:(?:geen|zonder|no|pas de|plus de|sans)\s+(?:\S+\s+){0,2}"
    r"(?:verwarming|chauffage|heating|heat\b|warmte)|"
    r"(?:verwarming|chauffage|heating|ketel|boiler|cv)\b(?:\s+\S+){0,4}\s+"
    r"(?:kapot|stuk|uitgevallen|werkt niet|werkt nie|doet het nie|ligt plat|valt uit|defect|"
    r"broke|broken|not working|ne (?:fonctionne|marche) (?:plus|pas)|en panne))"
)
UTILITY = r"(?:water|stroom|elektriciteit|electricite|electricity|power|\bgas\b|\bgaz\b|\beau\b|meter|compteur|energie)"
SOON = (
    r"(?:morgen|overmorgen|vandaag|vanavond|deze week|volgende week|maandag|dinsdag|woensdag|"
    r"donderdag|vrijdag|zaterdag|aan de deur|\bnu\b|demain|aujourd|cette semaine|lundi|mardi|"
    r"mercredi|jeudi|vendredi|tomorrow|today|this week|monday|tuesday|wednesday|thursday|friday)"
)
CUT_OFF = r"(?:afsluit|afgesloten|sluiten\S*(?:\s+\S+){0,4}\s+af\b|sluit\S*(?:\s+\S+){0,4}\s+af\b|couper|coupe|cut(?:ting)? off|disconnect)"

PATTERNS: tuple[Pattern, ...] = (
    # gas
    _p("gas smell", r"\bgas\s?(?:geur|lucht|lek)|gasgeur|gaslucht|odeur de gaz|gas (?:leak|smell)"),
    _p(
        "gas smell",
        r"\b(?:ruik|ruikt|rieken|riekt|stinkt|geur|smell\w*|sent\w*)" + W % 4 + r"\s+(?:gas|gaz)\b",
    ),
    # fire and smoke
    _p(
        "fire",
        r"\b(?:in )?brand\b(?!\w)|\bvuur\b|vlam(?:men)?\b|\bfire\b(?!\s*(?:door|escape|extinguisher|alarm test|drill))|incendie|\ble feu\b|flammes|\bflames?\b|brandende",
    ),
    _p(
        "smoke",
        r"(?:zwarte|dikke|veel|vol|staat vol met|overal) rook|\brook\b\s+(?:uit|onder|overal|op de trap|in de (?:gang|kelder|traphal|trap|hal|inkom))|rookontwikkeling|de (?:\w+ )?fumee(?! \w*(?:detect))|\bsmoke\b(?!\s*(?:detector|alarm|alarms|detectors))(?!.*detector)|\bfumee\b(?!.*detecteur)",
    ),
    _p(
        "sparks",
        r"vonken|\bsmelt\b|sparks|etincelles|water\W+(?:\S+\s+){0,8}(?:stopcontact|elektriciteitskast|zekeringkast|meterkast)",
    ),
    # violence and threats now
    _p(
        "weapon",
        r"(?:\b(?:een|het|met|zijn|haar|nen|ne) mes\b)|\b(?:messen|bijl|pistool|wapen|vuurwapen|couteau|arme|knife|gun|weapon|hamer)\b",
    ),
    _p(
        "violence at home",
        r"\b(?:slaat|slaan)\b(?:\s+\S+){0,2}\s+(?:mij|me|zijn vrouw|haar|mijn moeder)\b|me frappe|frappe sa femme|taper sa femme|is (?:hitting|beating) (?:me|his|her)",
    ),
    _p(
        "violence",
        r"\b(?:slaat|slaan|sla)\b(?:\s+\S+){0,3}\s+(?:mij|me|zijn vrouw|haar|op)|geslagen|\bfrappe|\bhitting\b|\bbeating\b|\battack\w*|aangevallen|aanvallen|gevecht|vechten|vechtpartij|bagarre|\bfight\w*|bloed\b|blood|\btape\b",
    ),
    _p(
        "threat to kill",
        r"vermoorden|\bdoden\b|doodmaken|doodsteken|steek\w* (?:\S+ )?dood|afmaken|\bkill\b|\btuer\b|\bdood\b(?:\s+\S+){0,2}\s+maken|iets aan te doen",
    ),
    _p(
        "break-in now",
        r"inbreker|breekt in|(?:open te breken|binnen te (?:dringen|breken))|intrus|burglar",
    ),
    # person not seen, fallen, unresponsive
    _p(
        "not seen for days",
        r"niet (?:meer )?gezien|niemand (?:\S+\s+){0,4}gezien|niks (?:meer )?gehoord|not seen|haven'?t seen|pas vu|plus vu|ne repond plus|doet (?:de deur )?niet (?:meer )?open|doet al\b(?:\s+\S+){0,4}\s+niet open|(?:deur|door) niet (?:meer )?(?:open|opgedaan)|answered the door|n'a pas ouvert|brievenbus (?:puilt|zit vol|vol)|mail is piling|boite aux lettres deborde|reageert niet|neemt (?:\S+ ){0,2}niet (?:meer )?op",
    ),
    _p(
        "fallen",
        r"\bgevallen\b|kan niet (?:meer )?(?:recht|opstaan)|ligt (?:\S+ ){0,3}op de (?:grond|vloer)|\bfell\b|has fallen|can'?t get up|cannot get up|\btombee?\b|se relever|roepen om hulp|calling for help|beweegt niet",
    ),
    _p(
        "suicidal words",
        r"zelfmoord|suicid|niet meer (?:verder )?(?:leven|wakker)|wil (?:\S+ ){0,2}sterven|wil dood|einde aan (?:\S+ ){0,2}(?:leven|alles)|een einde (?:\S+ ){0,2}maken|pillen (?:\S+ ){0,2}(?:genomen|nemen)|(?:dak|brug|raam) (?:\S+ ){0,2}springen|springen van|\btouw\b|kill (?:myself|himself|herself)|want(?:s)? to die|to live anymore|end (?:it all|my life)|veux mourir|veut mourir|me tuer|se tuer|en finir|plus vivre|afscheid",
        negatable=False,
    ),
    # utilities
    # cut-off word, utility and "soon" anywhere in the same clause (an empty match at 0)
    _p("utility cut off soon", r"^(?=.*" + CUT_OFF + r")(?=.*" + UTILITY + r")(?=.*" + SOON + r")"),
    _p(
        "no power or water",
        r"(?:geen|zonder|no|plus d'?|pas d'?)\s*(?:(?!warm|chaud|hot)\S+\s+){0,2}(?:stroom|elektriciteit|electricite|electricity|water|eau)\b(?:\s+\S+){0,3}\s*(?:meer|in heel|in de hele|du tout|at all|uit de kraan)|(?:stroom|elektriciteit|electricity|power) (?:\S+ ){0,2}(?:volledig |helemaal )?(?:uitgevallen|afgesloten|is uit|cut)|budgetmeter (?:\S+ ){0,3}(?:leeg|op nul)|(?:zit|zitten) (?:\S+ ){0,3}in het donker|bevroren",
    ),
    _p(
        "stuck in the lift",
        r"vast in de lift|lift (?:\S+ ){0,6}(?:blijven hangen|vast)|(?:zit|zitten) (?:\S+ ){0,3}vast|stuck in the lift|coince",
    ),
)
HEATING = re.compile(HEATING_GONE)
VULN = re.compile(VULNERABLE)
COLD_RE = re.compile(COLD)
NOW_RE = re.compile(NOW)
# A clause that says the danger is over, or tells about the past.
NEGATION = re.compile(
    r"\b(?:geen|niet meer|nie meer|nooit|no longer|no more|not anymore|plus d|ne sent plus|"
    r"n'y a plus|pas de)\b(?:\s+\S+){0,3}\s*$"
)
PAST = re.compile(
    r"vorige (?:week|maand|keer|nacht)|verleden (?:week|maand|jaar)|vorig jaar|\bgeleden\b|"
    r"last (?:week|month|year|night)|le mois (?:passe|dernier)|la semaine (?:passee|derniere)|"
    r"l'an dernier|opgelost|terug in orde|alles is (?:terug |weer )?(?:in orde|rustig|veilig)|"
    r"is hersteld|hersteld|gedicht|nu (?:is )?(?:het )?rustig|is nu veilig|now it is quiet|"
    r"now quiet|c'est calme|sindsdien|geen \S+ meer|niet meer naar|uitgesteld|regeling|"
    r"was er\b|er was\b|there was|il y a eu|\bwas\b.*\bmaar\b|niks aan de hand|geen brand|"
    r"no fire|pas de feu|terug gezien|alles (?:is )?in orde|test"
)
CLAUSE_SPLIT = re.compile(r"[.!?;]+|\s+(?:maar|mais|but)\s+")
THREAT_VERBS = re.compile(r"bedreig|dreig|threat|menace")


@dataclass(frozen=True)
class Hit:
    key: str
    strength: float
    cancelled: bool = False  # found, but the clause says it is over or in the past


def scan(text: str) -> list[Hit]:
    """Urgent patterns found in normalised ``text``, after negation and past-tense checks."""
    hits: list[Hit] = []
    clauses = [c for c in CLAUSE_SPLIT.split(text) if c.strip()]
    for clause in clauses or [text]:
        past = bool(PAST.search(clause))
        for pattern in PATTERNS:
            for match in pattern.regex.finditer(clause):
                if pattern.negatable and (
                    past
                    or (
                        NEGATION.search(clause[: match.start()])
                        and pattern.key != "no power or water"
                    )
                ):
                    hits.append(Hit(pattern.key, 0.0, cancelled=True))
                    break
                strength = pattern.strength
                if pattern.key in ("weapon", "violence") and not (
                    NOW_RE.search(clause) or THREAT_VERBS.search(clause) or "bloed" in clause
                ):
                    # "mijn man slaat mij" is urgent; "hamer" in a repair note is not.
                    strength = 0.5 if pattern.key == "violence" else 0.4
                hits.append(Hit(pattern.key, strength))
                break
        if not past and HEATING.search(clause):
            cold = bool(COLD_RE.search(text))
            vulnerable = bool(VULN.search(text))
            if cold and vulnerable:
                hits.append(Hit("no heating, vulnerable people, cold", 1.0))
            elif cold or vulnerable:
                hits.append(Hit("no heating", 0.4))
    return hits


def lexicon_score(hits: list[Hit]) -> float:
    return max((h.strength for h in hits), default=0.0)


def only_cancelled(hits: list[Hit]) -> bool:
    """Every danger the text names is over or in the past."""
    return bool(hits) and all(h.cancelled for h in hits)
