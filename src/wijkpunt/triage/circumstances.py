"""Reasoning about circumstances: danger that is implied rather than named.

``urgency`` recognises dangers that a text names ("gasgeur", "hij slaat mij", "zelfmoord").
Many urgent signals name no danger at all; they describe circumstances from which a reader
infers it: "de post van mijn buurvrouw steekt al van dinsdag uit de bus" (someone may be lying
inside), "we zitten zonder verwarming, het vriest en ik heb een baby van drie maanden", "hij
heeft zijn vogels weggegeven en zegt dat ze beter af zijn zonder hem", "de rookmelder piept en
het ruikt naar gesmolten plastic", "mijn ex staat weer beneden en de kinderen zijn bij mij".

This module finds the *cues* of such circumstances in normalised text (lower case, accents
folded, see ``engine.normalise``), in Dutch (with Flemish spoken forms and Dutch as a second
language), French and English:

* **who is at risk**: a baby or young child, an elderly, ill, pregnant or disabled person,
  someone who lives alone;
* **since when**: days or nights (``sinds maandag``, ``al drie dagen``, ``all night``,
  ``depuis lundi``), hours, or a habit that broke (``normaal``, ``altijd``, ``usually``);
* **what is happening now**: ``nu``, ``nog altijd``, ``alweer``, ``vanavond``, ``right now``,
  ``still``, ``again``, ``en ce moment``, ``toujours``;
* **situations**: signs that someone is missing or cannot answer, someone who cannot get up,
  breathe or think clearly, indirect words about ending a life, a (former) partner or another
  person who threatens, holds someone or is at the door, shouting with crying or blows, a young
  child alone, signs of fire or smouldering, signs of carbon monoxide, a basic need gone
  (heating in the cold, water, power for medical equipment, food for the children, a roof
  tonight), something that came down;
* **what takes the danger away**: a clause about the past, a danger that is over or a
  hypothetical case (the rules of ``urgency``: "vorige maand", "is hersteld", "false alarm",
  "… maar hij was op reis"), reassurance ("alles is goed met haar", "she is fine", "elle va
  bien", "hij is bij zijn dochter"), a question about a procedure or a rule ("wat moet ik doen
  als …", "who do I call if …", "mag dat?"), a smoke alarm that beeps for its battery, no
  heating in summer.

``assess`` combines the cues into a **circumstance score** between 0 and 1: the strongest
situation (each situation's strength grows with its cues of risk, duration and "now"), plus 0.1
for each further situation (at most two), multiplied by 0.3 when reassured, 0.4 for a
procedure question, 0.6 for "now and then" and 0.3 for an alarm's battery. ``engine`` combines it with the model's
urgent score as a noisy OR: ``1 - (1 - model) * (1 - circumstances)``. A situation that is
urgent on its own scores 0.6 or more (above every urgent threshold the tuning may choose); one
that only makes the model's score count for more scores 0.2-0.5.

Speed: every pattern has a few literal *triggers* (substrings one of which must be present for
the pattern to match), looked up as 4-grams in the text's set of 4-grams; a pattern whose
triggers are absent is not run, and the cues of risk, duration and the past are only looked for
when a situation was found. About 0.08 ms of CPU per text."""

# ruff: noqa: E501 - the patterns read best on one line each
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wijkpunt.triage import urgency


class Text(str):
    """A normalised text with its character 2-, 3- and 4-grams: the triggers of every pattern
    are looked up in them (a few set operations instead of hundreds of substring searches)."""

    __slots__ = ("grams",)
    grams: frozenset[str]

    def __new__(cls, text: str) -> Text:
        self = super().__new__(cls, text)
        self.grams = frozenset([text[i : i + 4] for i in range(len(text) - 3)])
        return self


class Cues:
    """Alternatives, each a regular expression with literal triggers (one of which must occur
    in the text for the expression to match): ``search`` whether any matches, ``count`` how
    many do, ``weights`` the weights of those that do. An alternative is only run when the
    first four characters (or the whole, when shorter) of one of its triggers occur in the
    text."""

    def __init__(self, *parts: tuple) -> None:
        # (pattern, triggers) or (pattern, triggers, weight)
        self.parts = tuple(
            (re.compile(part[0]), _keys(part[1]), part[2] if len(part) > 2 else 1.0)
            for part in parts
        )

    def _runs(self, text: str):
        if not isinstance(text, Text):
            text = Text(text)
        grams = text.grams
        for regex, (keys, short), weight in self.parts:
            if keys is None or not keys.isdisjoint(grams) or any(map(text.__contains__, short)):
                yield regex, weight

    def search(self, text: str) -> bool:
        return any(regex.search(text) for regex, _weight in self._runs(text))

    def count(self, text: str) -> int:
        return sum(1 for regex, _weight in self._runs(text) if regex.search(text))

    def weights(self, text: str) -> list[float]:
        """The weights of the alternatives that match, largest first."""
        return sorted((w for regex, w in self._runs(text) if regex.search(text)), reverse=True)


def _keys(triggers: tuple[str, ...] | None) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """The 4-grams that stand for ``triggers`` (the first four characters of each trigger, or
    of its longest word when it has several: "aan de deur" -> "deur"), and the triggers
    shorter than four characters, which are searched for as they are. (None, ()): no
    triggers, always run."""
    if not triggers:
        return None, ()
    words = [max(reversed(t.split()), key=len) if " " in t.strip() else t for t in triggers]
    return (
        frozenset(w[:4] for w in words if len(w) >= 4),
        tuple(sorted({t for t, w in zip(triggers, words, strict=True) if len(w) < 4})),
    )


def _t(words: str) -> tuple[str, ...]:
    return tuple(words.split("|"))


# --- who is at risk ------------------------------------------------------------------------
AT_RISK = Cues(
    (
        r"\bbab(?:y|ys|y's|ies|ytje)\b|\bbebes?\b|zuigeling|pasgebor|newborn|nouveau-ne|tweeling|twins|jumeaux|\bkindjes?\b|kleintje|kleuter|peuter|toddler|bambin|nourrisson",
        _t(
            "bab|bebe|zuigeling|pasgebor|newborn|nouveau|tweeling|twins|jumeaux|kindje|kleintje|kleuter|peuter|toddler|bambin|nourrisson"
        ),
    ),
    (
        r"\b(?:\d{1,2}|een paar|twee|drie|vier|vijf|zes) (?:maanden|weken|maand|week) oud\b|\bvan (?:\d{1,2}|een paar|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf) (?:maanden|weken)\b|\b\d{1,2} (?:months?|weeks?) old|\b\d{1,2} (?:mois|semaines)\b|(?:van|of) (?:een|1|2|3|4|one|two|three) (?:jaar|year)\b|\b(?:van|is|of|de) [1-5] (?:jaar|j\.?|ans|years?)\b",
        _t(" oud| old|mois|semaine| jaar| year| ans| j|maanden|weken"),
    ),
    (
        r"\b(?:[7-9]\d|1[01]\d)\s*(?:jaar|j\b|j\.|ans|years?)|\b(?:van|ben|is|zijn) [7-9]\d\b|\b(?:i'?m|i am|she'?s|he'?s) [7-9]\d\b|\(\s*[7-9]\d\b|\b[7-9]\d-jarige",
        _t("7|8|9|10"),
    ),
    (
        r"bejaard|elderly|\bagee?s?\b|personne agee|\boudere? (?:man|vrouw|mevrouw|meneer|dame|heer|buur)|\boudje|\bold (?:man|woman|lady|gentleman|neighbour)|vieille|vieux monsieur|moeke|\bvake\b|bomma|bompa|grootmoeder|grootvader|grand-?mere|grand-?pere|grandad|grandma|grandpa|granny|\boma\b|\bopa\b",
        _t(
            "bejaard|elderly|age|oud|old|vieil|vieux|moeke|vake|bomma|bompa|groot|grand|granny|oma|opa"
        ),
    ),
    (
        r"dement|alzheimer|disabled|handicape|invalide|mindervalide|beperking|zoontje|dochtertje|rolstoel|rolwagen|wheelchair|chaise roulante|fauteuil roulant|gehandicapt|handicap|\bblind|aveugle|\bdoof\b|slechtziend|hartpati|hartkwaal|(?:met|with|of) (?:zijn|haar|his|her) hart\b|heart (?:condition|patient|problem)|cardiaque|\bastma|asthm|diabet|suikerpati|suikerziek|insuline|insulin|\bchemo|kanker|cancer|dialyse|dialysis|zuurstof|oxygen|oxygene|beademing|epilep|\bziek\b|zieke\b|\bsick\b|\bill\b|malade|koorts|fever|fievre|zwanger|pregnant|enceinte|bedlegerig|mantelzorg|thuisverpleging",
        _t(
            "dement|alzheimer|disabled|handicape|invalide|mindervalide|beperking|zoontje|dochtertje|rol|wheel|roulant|handicap|blind|aveugle|doof|slechtziend|hart|heart|cardia|astma|asthm|diabet|suiker|insulin|chemo|kanker|cancer|dialys|zuurstof|oxyg|beademing|epilep|ziek|sick|ill|malade|koorts|fever|fievre|zwanger|pregnant|enceinte|bedleg|mantelzorg|verpleging"
        ),
    ),
    (
        r"\b(?:woont|leeft|wonen|living|lives|vit|habite)\b(?:\s+\S+){0,2}\s+(?:alleen|alone|seule?)\b|alleenstaand|\b(?:is|ben|zijn|am)\b (?:\S+ )?alleen (?:thuis|met)|alleen met (?:de|mijn|twee|drie) (?:kinderen|kids|baby|kleine)|seule? avec (?:le bebe|les enfants|mes enfants|mon bebe|mes \S+ enfants)|alone with (?:the|my) (?:kids|children|baby)",
        _t("alleen|alone|seul"),
    ),
    (
        r"\b(?:kinderen|kinders|kids|children|enfants|(?:mijn|ons|my|mon|ma|our) (?:zoon|dochter|zoontje|dochtertje|son|daughter|fils|fille))\b",
        _t("kinder|kids|children|enfants|zoon|dochter|son|daughter|fils|fille"),
    ),
)
# A young child in particular (a child alone, a child who has not eaten).
YOUNG = Cues(
    (
        r"\bbab(?:y|ys|y's|ies|ytje)\b|\bbebes?\b|\bkind(?:je|jes|eren|ers)?\b(?! regards| wishes)|kleintje|kleuter|peuter|toddler|bambin|\bkids?\b|child(?:ren)?\b|klein(?:e)? (?:meisje|jongen|kind)|little (?:girl|boy|one)|petite? (?:fille|garcon)|\bmeisje\b|\bjongetje\b|enfants?\b|\bgosses?\b|de kleine\b|(?:oudste|jongste) is [1-9]\b|\b(?:van|of|de) [1-9] (?:jaar|ans|years?)\b|\b[1-9] (?:jaar|ans|years?) oud|\bzoontje|dochtertje|tweeling|twins|jumeaux|nourrisson|zuigeling",
        _t(
            "bab|bebe|kind|klein|little|petit|meisje|jongetje|kleuter|peuter|toddler|bambin|kid|child|enfant|gosse|oudste|jongste|jaar|ans|year|zoontje|dochtertje|tweeling|twins|jumeaux|nourrisson|zuigeling"
        ),
    ),
)

# --- since when, and is it happening now ---------------------------------------------------
DAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|het weekend|'t weekend|gisteren\w*|eergisteren|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|yesterday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|le week-end|hier|avant-hier)"
DURATION = Cues(
    (
        r"\b(?:al|sinds|sedert|since|for|depuis|pendant|already)\s+(?:\S+\s+){0,2}(?:dagen|dag|days?|jours?|week|weken|weeks?|semaines?|nachten|nights?|nuits?)\b|\b(?:twee|drie|vier|vijf|zes|zeven|2|3|4|5|6|7|two|three|four|five|six|deux|trois|quatre|cinq|plusieurs|several|enkele|een paar|paar|verschillende)\s+(?:dagen|dag|days|jours|nachten|nights|nuits)\b",
        _t("dag|day|jour|week|semaine|nacht|night|nuit"),
    ),
    (
        r"\b(?:sinds|sedert|van|vanaf|since|depuis|from) (?:last |vorige |afgelopen |dernier )?"
        + DAYS
        + r"\b",
        _t("sinds|sedert|van|since|depuis|from"),
    ),
    (
        r"\b(?:heel de|de hele|gans de|all|toute la) (?:nacht|night|nuit|dag|day|journee|avond|evening|soiree)\b|halfuur|half uur|kwartier|\bdag en nacht|day and night|jour et nuit|\b(?:al|voor) (?:een )?(?:half )?uur\b|for (?:an|over an|half an) hour|(?:une|d'une|demi-) ?heure|\buren\b|for hours|des heures",
        _t("nacht|night|nuit|dag|day|journee|uur|uren|hour|heure|avond|evening|soiree|kwartier"),
    ),
    (
        r"\b(?:normaal|altijd|elke (?:dag|ochtend|morgen|avond)|iedere dag|usually|always|every (?:day|morning|evening)|d'habitude|chaque (?:jour|matin))\b",
        _t("normaal|altijd|elke|iedere|usually|always|every|habitude|chaque"),
    ),
)
NOW = Cues(
    (urgency.NOW, None),
    (
        r"\b(?:nog altijd|nog steeds|still|toujours|encore|alweer|al weer|weer|terug|again|opnieuw|de nouveau|vanavond|vannacht|tonight|ce soir|cette nuit|aan het|bezig|sinds vanmorgen|sinds vanochtend|since this morning|depuis ce matin|vanmorgen|vanochtend|this morning|ce matin|ik hoor|hoor ik|i can hear|i hear|j'entends|on entend|we hear|we horen)\b",
        None,
    ),
)

# --- situations ------------------------------------------------------------------------------
# Someone who is normally seen or heard has not been, or cannot be reached.
ABSENCE_STRONG = Cues(
    (
        r"geen (?:teken van leven|levensteken)|no sign of life|aucun signe de vie|krijg (?:\S+ ){0,6}(?:niet|nie) (?:meer )?(?:te pakken|bereikt|aan de lijn)|kan (?:\S+ ){0,6}(?:niet|nie) (?:meer )?bereiken|can'?t (?:get hold of|reach|get through to)|(?:n'arrive|n'arrivons) (?:pas|plus) a (?:la |le |les )?(?:joindre|contacter)|ne donne plus (?:de )?nouvelles|(?:no one|nobody) (?:has|'s) seen",
        _t(
            "teken van leven|levensteken|sign of life|signe de vie|te pakken|bereik|aan de lijn|get hold|reach|get through|joindre|contacter|nouvelles|seen"
        ),
        0.3,
    ),
    (
        r"(?:\bpost\b|brieven|courrier|\bmail\b|kranten|\bkrant\b|newspapers?|journaux|journal)\b(?:\s+\S+){0,6}\s+(?:stapel\w*|ligt|liggen|steekt|steken|uit de bus|puil\w*|piling|piles?|pile up|s'accumul\w*|deborde\w*|blijft|blijven|not (?:been )?(?:taken|collected))|brievenbus (?:\S+ ){0,3}(?:vol|puilt)|boite aux lettres (?:\S+ ){0,2}(?:pleine|deborde)|letterbox (?:\S+ ){0,2}(?:full|overflowing)|ne descend plus (?:chercher|prendre)|(?:post|krant|kranten|brieven|courrier|mail|newspapers?|journal)\b(?:\s+\S+){0,6}\s+(?:niet|nie|pas|not) (?:meer )?(?:\S+ )?(?:binnengehaald|opgehaald|binnen genomen|op|releve|pris|taken in|collected)|(?:haalt|haalde|neemt) (?:\S+ ){0,5}(?:post|krant|brieven) (?:\S+ ){0,3}(?:niet|nie) (?:meer )?(?:op|binnen)|brievenbus (?:\S+ ){0,5}(?:propvol|overvol|stampvol|puilt|vol\b)|(?:rolluik|gordijn|luiken|volets|rideaux|curtains|blinds)\w*\b(?:\s+\S+){0,3}\s+(?:niet|nie|pas|not) (?:\S+ )?(?:opgetrokken|open|opengedaan|ouverts?|opened)|(?:pas|niet|not) (?:\S+ ){0,2}(?:ouvert|opened|opengedaan) (?:\S+ )?(?:ses|haar|zijn|her|his) (?:volets|rolluiken|gordijnen|curtains|blinds)",
        _t(
            "post|brieven|courrier|mail|krant|newspaper|journa|brievenbus|boite|letterbox|descend|rolluik|gordijn|luiken|volets|rideaux|curtains|blinds"
        ),
    ),
    (
        r"komt (?:\S+ ){0,2}niet (?:meer )?(?:buiten|naar beneden)|niet (?:meer )?buiten (?:geweest|gekomen)|niet komt buiten|(?:not|never) (?:been )?(?:out|outside)\b|hasn'?t (?:been out|left)|ne sort plus|n'est plus sorti",
        _t("buiten|out|sort"),
        0.15,
    ),
    (
        r"(?:neemt|nam|nemen) (?:\S+ ){0,6}nie(?:t)? (?:meer )?op\b|\b(?:hij|zij|ze|meneer|mevrouw|madame|hem|haar|buurman|buurvrouw|moeder|vader|mama|papa|oma|opa)\b (?:\S+ ){0,3}(?:antwoordt|antwoorde|reageert) (?:\S+ ){0,2}(?:niet|nie)\b|zonder (?:antwoord|reactie)|(?:nobody|no one|niemand|personne) (?:\S+ )?(?:answers|answered|opens|opened|doet open|deed open|ouvre|repond)|(?:komt|kwam) (?:\S+ ){0,2}(?:niet|nie) (?:meer )?aan de (?:deur|telefoon)|wordt (?:er )?niet (?:meer )?opgenomen|(?:does ?n'?t|didn'?t|won'?t|not|never) (?:answer|pick up)(?! (?:my|the|our) (?:question|mail|email|letter))|(?:ne|n') (?:repond|decroche) (?:pas|plus)(?! a (?:ma|mes) (?:question|mail|lettre))|(?:aanbel\w*|bel aan|belde|bellen|aangebeld|kloppen|klop\w*|knock\w*|ring\w*|frappe\w*|sonne)\b(?:\s+\S+){0,6}\s+(?:geen (?:antwoord|reactie)|niemand|no (?:answer|reply|response)|nobody|pas de reponse|personne)|(?:doet|deed|doen) (?:\S+ ){0,3}niet (?:meer )?open\b(?! te)|n'ouvre (?:pas|plus)|(?:doesn'?t|does not|didn'?t|won'?t) open (?:the door|up)|geen antwoord\s*$",
        _t(
            "neem|nam |nemen|opgenomen|answer|pick up|repond|decroche|bel|klop|knock|ring|frapp|sonne|open|ouvre|antwoord|reageert|reactie|aan de deur|aan de telefoon"
        ),
    ),
    (
        r"(?:niet|nie|not|plus|haven'?t|hasn'?t|nobody has|niemand heeft|pas) (?:\S+ ){0,3}(?:gezien|seen|vu)\b|(?:zie|hoor|see|hear) (?:ik |we |wij )?(?:hem|haar|him|her|ze|them|hen|de buurman|de buurvrouw|meneer|mevrouw)\b(?: \S+){0,2} (?:niet meer|nie meer|niets meer|niks meer|no more|anymore|plus)|(?:mij|ik) niet zien|sindsdien (?:\S+ ){0,3}(?:niet|nie) meer|(?:zie|see|vois) (?:haar|hem|her|him|la|le) (?:\S+ ){0,3}(?:elke|iedere|every|chaque|tous les) (?:dag|day|jour|jours|morning|ochtend)\b(?:\W+\w+){0,5}\W+(?:niet|not|pas)\b",
        _t("gezien|seen|vu|zie|hoor|see|hear|sindsdien|vois"),
    ),
    (
        r"(?:rare|vreemde|slechte|vieze|vreselijke|stinkende|eigenaardige|bad|strange|awful|weird|funny|horrible|terrible|mauvaise|drole d'|sterke|forte) (?:geur|lucht|smell|odeur)(?:\s+\S+){0,4}\s+(?:uit|van|from|de chez|sur le palier|on the landing|in de gang|aan (?:zijn|haar) deur|bij (?:zijn|haar))|(?:stinkt|ruikt|smells?|sent|stench) (?:\S+ ){0,4}(?:aan|bij|from|de) (?:zijn|haar|their|his|her|la) (?:deur|woning|flat|door|appartement|porte)",
        _t("geur|lucht|smell|odeur|stinkt|ruikt|sent|stench"),
        0.2,
    ),
)
ABSENCE_WEAK = Cues(
    (
        r"(?:licht|lichten|lamp|tv|televisie|radio|tele|television|light|lights|lumiere)\b(?:\s+\S+){0,6}\s+(?:aan|brandt|branden|on|allumee?s?)\b|(?:brandt|branden) (?:\S+ ){0,4}(?:licht|lamp)|dag en nacht (?:\S+ ){0,2}(?:aan|op)|(?:staat|staan) (?:\S+ ){0,3}dag en nacht",
        _t("licht|lamp|tv|televisie|radio|tele|light|lumiere|dag en nacht"),
    ),
    (
        r"(?:hond|kat|poes|dog|cat|chien|chat)\b(?:\s+\S+){0,6}\s+(?:blaft|blaffen|huilt|jankt|miauwt|barks?|barking|howl\w*|miaow\w*|meow\w*|aboie|miaule)",
        _t("hond|kat|poes|dog|cat|chien|chat"),
    ),
    (
        r"(?:rolluik|gordijn|luiken|volets|rideaux|curtains|blinds)\w*\b(?:\s+\S+){0,5}\s+(?:dicht|toe|gesloten|neer|fermes?|closed|shut|down)\b|(?:rolluik|gordijn|luiken|volets|rideaux|curtains|blinds)\w*\b|vuilzak (?:\S+ ){0,3}(?:buiten|nog)|(?:auto|car|voiture) (?:\S+ ){0,3}staat|ne descend plus|(?:raam|window|fenetre) (?:\S+ ){0,4}open",
        _t(
            "rolluik|gordijn|luiken|volets|rideaux|curtains|blinds|vuilzak|auto|car|voiture|descend|raam|window|fenetre"
        ),
    ),
)
# An explanation of the absence ("… want hij is op reis"): not a danger.
ABSENCE_EXPLAINED = re.compile(
    r"(?:durf (?:\S+ ){0,3}niet (?:meer )?(?:open|te openen)|rekeningen|facturen|incasso|bills|factures|hasj|wiet|cannabis|\bweed\b|riool|afvoer\w*|sewer|egout|canalisation|\bdrains?\b|vuilnis|afval|poubelle|bijna niet meer|nauwelijks|zelden|hardly|rarely|a peine|presque plus|flyers|folders|reclame|publicit\w*|junk mail|advertising|in de inkom|in the lobby|dans le hall|in the entrance|leegstaand\w*|empty flats|appartements vides|aan het werk|op het werk|at work|au travail|als (?:de baas|ze|hij|zij) weg (?:is|zijn)|when they'?re (?:out|at work|away)|quand (?:ils|elle|il) (?:sont|est) (?:absent|au travail)|antwoord op (?:mijn|de|onze)|answer (?:to|on) my|reponse a (?:ma|mon))"
)
# Someone who fell or cannot get up, breathe or speak; bleeding; confusion.
HELPLESS = Cues(
    (
        r"(?:krijg\w*|kan|kunnen|can'?t|cannot|could ?n'?t|n'arrive pas a|n'arrivent pas a|ne peut pas|ne peux pas) (?:\S+ ){0,3}(?:niet )?(?:meer )?(?:overeind|recht\b|opstaan|uit (?:bed|bad|de douche)|get (?:him|her|them)? ?(?:up|out)|se lever|le relever|la relever|sortir (?:de la|du) (?:baignoire|bain|lit|douche))|(?:komt|kan) (?:(?!trap|stair|escalier)\S+ ){0,3}(?:er )?niet (?:meer )?(?:af|uit|recht|op)\b(?! (?:voor|tegen|aan|met))|(?:ligt|lag|zit|zat) (?:\S+ ){0,3}(?:naast|voor) (?:het |zijn |haar |de )?bed|(?:restee?|reste) (?:\S+ ){0,2}par terre|(?:on|op) (?:the|de) (?:floor|grond|vloer) (?:all night|heel de nacht|de hele nacht)|toute la nuit par terre|(?:sitting|stuck) in the (?:tub|bath)|(?:stuck|lying) on the (?:\S+ )?floor|can'?t lift (?:him|her)|krijg (?:hem|haar) niet (?:meer )?(?:op|recht)|ne peut plus (?:bouger|se lever|marcher)|kan (?:\S+ )?(?:niet|nie) (?:meer )?(?:bewegen|stappen)",
        _t(
            "overeind|recht|opstaan|floor|lift|bouger|bewegen|stappen|uit bed|uit bad|douche|get up|get him|get her|get them|get out|lever|sortir|niet af|niet uit|niet recht|niet op|niet meer af|niet meer uit|niet meer op|naast|voor het bed|voor zijn bed|voor haar bed|par terre|floor|grond|vloer|tub|bath"
        ),
        0.5,
    ),
    (
        r"(?:bons|klap|smak|thud|bang|boum|bruit sourd|iets (?:zwaars|zwaar) (?:\S+ )?vallen|something heavy fall)\b(?:\s+\S+){0,12}\s+(?:sindsdien|sedert|since then|depuis|nu|now|maintenant)\s+(?:\S+\s+){0,4}(?:niet|nie|niets|niks|nothing|not|rien|plus|geen|stil|silent|quiet|silence)",
        _t("bons|klap|smak|thud|bang|boum|sourd|zwaar|heavy"),
        0.55,
    ),
    (
        r"(?:kan|kon|can'?t|cannot|n'arrive pas a|peut pas|peut plus) (?:\S+ ){0,2}(?:bijna |nauwelijks |hardly |barely )?(?:niet )?(?:meer )?(?:ademen|breathe|respirer)|ademt (?:moeilijk|zwaar|slecht)|snakt|snakken|gasping|hapt naar (?:adem|lucht)|lippen (?:\S+ ){0,2}(?:grijs|paars)|lips (?:\S+ ){0,2}(?:grey|gray|purple)|bloedverlies|(?:hevige|heftige|enorme) (?:\S+)?pijn|severe (?:\S+ )?pain|douleurs? (?:intense|violente|terrible)s?|(?:short|out) of breath|(?:struggling|trouble) (?:to )?breath|respire (?:tres |vraiment |de plus en plus )?(?:mal|difficilement|a peine)|lippen (?:\S+ ){0,2}blauw|blue lips|levres (?:\S+ ){0,2}bleues|\bbloedt\b|\bbloeden\b|\bbleeding\b|\bsaigne\b|hemorrag",
        _t(
            "adem|breath|respir|blauw|blue|bleues|bloed|bleed|saign|hemorrag|snak|gasp|lucht|lippen|lips|pijn|pain|douleur"
        ),
        0.65,
    ),
    (
        r"(?:klinkt|is plots|is ineens|opeens|plots|ineens|suddenly|sounds|soudain\w*|tout a coup) (?:\S+ ){0,2}(?:verward|confused|confuse|desorient\w*|gedesorienteerd)|onsamenhangend|uitgedroogd|dehydrat|deshydrat|weet (?:\S+ )?niet (?:meer )?waar (?:ze|hij|zij) (?:is|woont)|ne sait plus (?:ou|qui)|(?:doesn'?t|does not) know where (?:she|he) (?:is|lives)|(?:semble|seems) (?:completement|totally|completely) (?:perdue?|lost)|reageert (?:\S+ ){0,2}(?:traag|raar|vreemd)|(?:trilt|beeft|tremble|shaking|shakes)\b(?:\s+\S+){0,4}\s+(?:zweet|sweat\w*|transpire)|(?:zweet|sweat\w*|transpire)\w*\b(?:\s+\S+){0,4}\s+(?:trilt|beeft|tremble|shaking|shakes)|(?:praat|spreekt) (?:\S+ ){0,2}(?:raar|wartaal|onverstaanbaar)|\bcan'?t (?:speak|talk)\b|kan (?:\S+ )?niet (?:meer )?(?:praten|spreken)|ne parle plus|\bdrowsy\b|somnolent|\b(?:drinkt|boit|drinks|drinking) (?:\S+ ){0,2}(?:niet|niets|niks|plus|nothing|not)\b|\b(?:stopped|stopt|stopte|arrete\w*) (?:\S+ ){0,2}(?:taking|met|de prendre)? ?(?:his |her |zijn |haar |son |sa )?(?:insuline|insulin|medicat\w*|medicijnen|medicaments|traitement)",
        _t(
            "verward|confus|desorient|onsamenhang|uitgedroogd|dehydrat|deshydrat|weet|sait|know|perdu|lost|traag|raar|trilt|beeft|tremble|shak|praat|spreekt|speak|talk|praten|spreken|parle|drowsy|somnolent|drink|boit|stop|arret"
        ),
        0.4,
    ),
    (
        r"(?:roept|riep|crie|calls?|calling|shouts?) (?:\S+ ){0,4}(?:zwak|zachtjes|faiblement|weakly|om hulp|for help|a l'aide|au secours)|(?:ik )?hoor (?:hem|haar) (?:\S+ )?(?:roepen|kermen|kreunen|huilen)",
        _t("roep|riep|crie|call|shout|hoor"),
        0.6,
    ),
)
# Words about ending one's life that do not say so outright.
SELF_HARM = Cues(
    (
        r"(?:weg ?gegeven|weggeven|weggegeven|gaf (?:\S+ ){0,3}weg|geeft (?:\S+ ){0,3}weg\b|spullen weg\b|gave (?:away|me) (?:his|her|their|all)|given (?:away|me) (?:his|her|their)|(?:a|m'a) donne (?:son|sa|ses|tous)|heeft (?:mij|me|ons) (?:zijn|haar) (?:\S+ ){0,3}(?:gegeven|geschonken)|(?:aan|to) (?:de buren|the neighbours|les voisins|mij|me) (?:\S+ )?(?:gegeven|given|donne))",
        _t("gegeven|gaf|gave|given|donne|geschonken|weggeven|weg"),
        0.35,
    ),
    (
        r"beter af (?:\S+ )?zonder (?:mij|hem|haar|me)|better off without (?:me|him|her)|mieux sans (?:moi|lui|elle)|(?:niemand|no one|nobody|personne) (?:\S+ ){0,3}(?:mist|missen|miss|manquera|manque)\b|(?:niemand|nobody|no one|personne) (?:\S+ ){0,3}(?:last (?:van|of)|notice|merken|remarquer|burden)|\bbeter zo\b|better this way|mieux comme ca|if (?:i|she|he) (?:was|were) gone|als ik er niet meer (?:ben|zou zijn)|si je n'etais plus la|\bburden\b|\bfardeau\b|tot last",
        _t(
            "zonder|without|sans|mist|missen|miss|manque|last|notice|merken|remarquer|burden|beter zo|better this|mieux comme|gone|niet meer ben|plus la|fardeau"
        ),
    ),
    (
        r"(?:ziet|zie|zag|zien|sees?|saw|voit|vois|voyait) (?:\S+ ){0,3}(?:het nut|de zin|the point|l'interet|le sens|plus l'interet|plus le sens)|(?:heeft|heb|is) (?:\S+ ){0,2}geen (?:zin|nut) meer|geen zin (?:meer )?in (?:het )?leven|het heeft (?:\S+ )?geen zin|no point (?:anymore|in (?:living|going on)|any more)|(?:don'?t|doesn'?t|didn'?t) see the point|plus de sens|ne sert a rien de (?:vivre|continuer)",
        _t("nut|zin|point|interet|sens|sert"),
    ),
    (
        r"(?:zie|ziet|zag|zien) (?:\S+ ){0,3}(?:niet|nie) meer zitten|can'?t (?:cope|go on)\b(?! with)|ne (?:m'en sors|tiens) plus",
        _t("zitten|cope|go on|sors|tiens"),
        0.35,
    ),
    (
        r"\b(?:mijn|zijn|haar|dit|deze|my|his|her|this|ma|sa|cette|son) (?:is )?(?:laatste|last|derniere?) (?:nacht|dag|avond|night|day|evening|nuit|soiree|jour|telefoon|bericht|message|appel|call|woorden|words|mots)\b|\bafscheid|goodbye|good-bye|\badieu\b|testament\b|(?:my|his|her) will\b|zorg (?:\S+ )?(?:goed )?voor (?:mijn|m'n) (?:kat|hond|kinderen|dochter|zoon|vogels|planten)|take (?:good )?care of my (?:cat|dog|kids|children)|prends? soin de mes|(?:brief|briefje|brieven|briefjes|letters?|lettres?|mot)\b(?:\s+\S+){0,2}\s+(?:voor|aan|for|to|pour|a) (?:mijn|zijn|haar|my|his|her|ma|sa|son|ses|mes) (?:dochter|zoon|kinderen|familie|moeder|daughter|son|kids|children|family|mother|fille|fils|enfants|famille)",
        _t(
            "laatste|last|derniere|afscheid|goodbye|good-bye|adieu|brief|letter|lettre|mot|testament|will|zorg|care|soin"
        ),
    ),
    (
        r"(?:papieren|papers|affaires|zaken|papiers) (?:\S+ ){0,3}(?:geregeld|in orde gebracht|sorted|in order|regle\w*|en ordre)|(?:sorted|put) (?:out )?(?:\S+ )?(?:her|his|my) (?:papers|affairs)|(?:will|it'?ll) (?:all )?be over soon|het (?:is|zal) (?:snel|bijna|gauw) (?:allemaal )?(?:voorbij|gedaan)(?: zijn)?\s*(?:[.!,]|$)|alles (?:\S+ )?geregeld|tout (?:est )?regle|sorted (?:out )?everything|bientot fini|\b(?:verdwijnen|disparaitre|disappear)\b(?! (?:van|uit|from|de) (?:de|het|the|la|le) )|sleutel\w* (?:\S+ ){0,5}(?:voor (?:na|later|daarna)|pour apres|for after)|(?:cles|keys) (?:\S+ ){0,5}(?:pour apres|for after)",
        _t(
            "papier|papers|affaires|zaken|over soon|voorbij|gedaan|fini|verdwijn|disparaitre|disappear|voor na|voor later|pour apres|for after"
        ),
    ),
    (
        r"\b(?:wil|will|wants? to|veut|va) (?:hem|haar|him|her|le|la|lui) (?:\S+ )?(?:volgen|follow|rejoindre)|wil (?:\S+ ){0,2}bij (?:mijn|haar|zijn) (?:\S+ )?(?:man|vrouw|moeder|vader|zoon|dochter) (?:\S+ ){0,2}(?:zijn|in de hemel|in hemel)|\bmoe van (?:het )?leven|tired of (?:living|life)|fatigue de vivre|marre de (?:la )?vie|(?:niet meer|nooit meer|nie meer) (?:\S+ )?wakker (?:\S+ )?worden|(?:not|never) (?:to )?wake up (?:again|anymore)|ne plus me reveiller|(?:hoarding|saving up|stockpiling|verzamelt|spaart|stockpile\w*|garde) (?:\S+ ){0,2}(?:pills|tablets|pillen|medicijnen|slaappillen|comprimes|medicaments)|(?:doos|boite|box|pot) (?:\S+ )?(?:pillen|pills|medicaments|comprimes|slaappillen)|einde aan (?:\S+ )?(?:maakt|maken|te maken)|er een einde aan|en finir|(?:ending|end) it\b|(?:^|[.!?,] ?)(?:ik kan|ik kan het|i can'?t (?:go on|take (?:it|this))|je n'en peux) (?:niet meer|nie meer|anymore|any more|plus)\s*(?:[.!,]|$)|alles is zwart|tout est noir|(?:medicijnen|pillen|medicatie|medicaments|pills|tablets) (?:\S+ ){0,4}(?:van|voor|for|de|pour) (?:de hele|heel de|een|a|un|the whole|tout le) (?:maand|month|mois)|(?:met|with|avec) (?:een )?(?:riem|touw|koord|rope|belt|corde)\b(?:\s+\S+){0,4}\s+(?:naar|to|vers) (?:de |the |le |la )?(?:zolder|kelder|attic|loft|grenier|cave|bos|woods)",
        _t(
            "volgen|follow|rejoindre|kan|can|peux|zwart|noir|medic|pil|pills|tablets|riem|touw|koord|rope|belt|corde|hemel|moe van|tired of|fatigue de|marre|wakker|wake|reveiller|comprimes|einde|finir|end"
        ),
    ),
    (
        r"plus (?:envie|le gout) de vivre|geen zin meer (?:om )?(?:te )?leven|no (?:will|reason) to (?:live|go on)|better off dead|beter dood|mieux mort|giving (?:away|me) (?:his|her|their|all)|(?:gives|is giving) (?:away )?(?:his|her|all) (?:\S+ )?(?:things|stuff|belongings)",
        _t(
            "envie|gout de|zin meer|will to|reason to|better off|beter dood|mieux mort|giving|gives"
        ),
    ),
    (
        r"(?:zit|zat|staat|stond|sits|stands|sitting|standing|assise?|debout|est|hangt|hangs) (?:\S+ ){0,4}(?:op|on|sur) (?:de |the |le |la |un |une |a )?(?:vensterbank|dakrand|balkonrand|rand van het dak|ledge|rebord|bord du toit)\b|(?:staat|zit|stond|standing|sitting|is|est|assis) (?:\S+ ){0,2}(?:op|on|sur) (?:een|de|het|the|a|un|une|le|la) (?:brug|dak|bridge|roof|pont|toit|spoorweg|railway|rails)\b",
        _t(
            "vensterbank|dakrand|balkonrand|rand van|ledge|rebord|bord du|brug|dak|bridge|roof|pont|toit|spoor|rail"
        ),
    ),
)
# A (former) partner or another person who threatens, holds someone or is at the door.
PARTNER = r"(?:\bex\b|\bex-\w+|expartner|mijn (?:man|vent|partner|vriend|echtgenoot|lief)|mijne (?:vent|man)|(?:zijn|haar) (?:man|vriend|partner)|\bman haar\b|schoon(?:broer|vader|zoon)|\bmon (?:mari|compagnon|copain|conjoint|ex)|my (?:husband|partner|boyfriend|ex)|her (?:husband|partner|boyfriend)|\bpartner\b|\bhij\b|\bhe\b|\bil\b)"
THREAT = Cues(
    # at the door, downstairs, outside
    (
        PARTNER
        + r"(?:\s+\S+){0,8}\s+(?:staat|stond|is|zit|wacht|wait\w*)(?:\s+\S+){0,3}\s+(?:beneden|buiten|aan de (?:deur|bel|voordeur)|voor (?:de|mijn|onze) deur|aan de overkant|in de (?:gang|hal|inkom)|op de trap|er nog)",
        _t(
            "beneden|buiten|aan de deur|aan de bel|voordeur|voor de deur|voor mijn deur|voor onze deur|overkant|in de gang|in de hal|in de inkom|op de trap|er nog"
        ),
        0.3,
    ),
    (
        PARTNER
        + r"(?:\s+\S+){0,6}\s+(?:is (?:\S+ )?(?:downstairs|outside|at the door|back|still there)|is (?:\S+ )?terug\b|banging|bonkt|bonst|klopt (?:\S+ )?hard|frappe (?:\S+ )?a la porte|est (?:\S+ )?(?:en bas|devant|revenu|toujours la)|(?:qu'il )?arrive\b|komt (?:eraan|terug|vanavond)|coming (?:over|back))",
        _t(
            "downstairs|outside|at the door|back|still there|terug|banging|bonkt|bonst|klopt|frappe|en bas|devant|revenu|toujours la|arrive|komt|coming"
        ),
        0.3,
    ),
    (
        r"terugkomt|terug komt|komt terug|will be back|va revenir|revient|(?:volgt|volgde) (?:mij|me|ons)|achtervolg\w*|gevolgd|\bme suit\b|m'a suivie?|following me|followed me|opwacht\w*|wacht (?:mij|me) (?:\S+ )?op|lie in wait|waiting for me|m'attend",
        _t(
            "terug|back|revenir|revient|volg|achtervolg|gevolgd|suit|suivi|follow|opwacht|wacht|wait|attend"
        ),
        0.25,
    ),
    (
        r"opgesloten|sloot (?:mij|me|ons) op|locked (?:me|us|her) (?:in|up)|m'a enferme\w*|enferme\w* (?:moi|nous)|me suis enferme\w*|locked myself|(?:ik heb|i have|i'?ve) (?:\S+ ){0,4}(?:verstopt|opgesloten|hidden|hid)|houdt (?:\S+ ){0,4}af\b|afgepakt|took (?:my|her) (?:phone|keys)|a pris (?:mon|ma|mes) (?:telephone|cles)|laat (?:mij|me|haar|ons) niet (?:buiten|gaan|weg)|(?:mag|mogen) (?:\S+ )?niet (?:naar )?buiten|won'?t let (?:me|her|us) (?:out|leave|go)|deur op slot gedaan",
        _t(
            "opgesloten|sloot|locked|enferm|verstopt|hidden|hid|houdt|afgepakt|took|a pris|laat|let|mag|mogen|op slot"
        ),
        0.6,
    ),
    (
        r"contactverbod|straatverbod|huisverbod|restraining order|interdiction de contact|interdiction d'approcher|protection order|(?:not|isn'?t) allowed near",
        _t("verbod|restraining|interdiction|protection order|allowed near"),
        0.25,
    ),
    (
        r"(?:bij|by|a) (?:de |the |la )?(?:keel|throat|gorge)\b|wurg\w*|strangl\w*|etrangl\w*|(?:gooit|gooien|smijt|throws?|throwing|lance|jette\w*) (?:\S+ ){0,2}(?:met|with)? ?(?:stoelen|spullen|borden|chairs|things|plates|chaises|objets|assiettes)|met spullen (?:\S+ )?gegooid|ingetrapt|kicked (?:in|down)|kicking (?:the|my|our|her) door|(?:schopt|stampt|trapt) (?:\S+ )?tegen (?:de|mijn|onze) deur|(?:tape|donne des coups de pied) dans la porte|defonce|casse tout|slaat alles kapot|(?:smashing|breaking) (?:everything|things)|smashed|gooit alles kapot",
        _t(
            "keel|throat|gorge|wurg|strangl|etrangl|gooi|smijt|throw|lance|jette|ingetrapt|kicked|kicking|schopt|stampt|trapt|tape|coups|defonce|casse|kapot|smash|breaking"
        ),
        0.45,
    ),
    (
        r"\b(?:ge|je|gij|u|you|tu) (?:\S+ ){0,2}(?:wel )?(?:zult|zal|will|vas) (?:\S+ ){0,2}(?:zien|see|voir) (?:wat|what|ce)|\bdat ik (?:\S+ )?(?:wel )?zal (?:\S+ )?zien\b|\b(?:ik zal|ik ga|hij gaat|hij zal|i'?ll|he'?ll|va|vais)\b (?:\S+ ){0,2}(?:mij|me|je|u|haar|hem|jou|you|her|him|te) (?:\S+ ){0,2}(?:pakken|krijgen|hurt|avoir)\b|regler (?:ca|son compte|ses comptes)|break (?:my|your|his|her) (?:legs|neck|face)|cut (?:whoever|anyone|you|me)\b|(?:we|wij) komen (?:\S+ ){0,2}terug|on (?:va )?revien\w*|(?:will|gonna) come back (?:tonight|later)|dat (?:hij|ze) (?:\S+ )?binnen ?(?:komt|komen)|(?:he'?ll|he will) get in",
        _t(
            "zien|see|voir|pakken|krijgen|hurt|avoir|regler|break|cut|terug|revien|come back|binnen|get in"
        ),
        0.35,
    ),
    (
        r"gebroken fles|kapotte fles|broken bottle|bouteille cassee|tesson|iets scherps|something sharp|quelque chose de (?:pointu|tranchant)|koevoet|breekijzer|crowbar|pied-de-biche|bivakmuts\w*|balaclava|cagoule|\bstok\b|\bknuppel|\bbaton\b|honkbalbat|baseball bat|\bbatte\b|stuk hout|piece of wood|morceau de bois|ijzeren staaf|iron bar|barre de fer|schroevendraaier|screwdriver|tournevis|\bfists?\b|\bpoings?\b|vuisten",
        _t(
            "fles|bottle|bouteille|tesson|scherp|sharp|pointu|tranchant|koevoet|breekijzer|crowbar|pied-de|bivakmuts|balaclava|cagoule|stok|knuppel|baton|bat|hout|wood|bois|staaf|iron bar|barre|schroevendraaier|screwdriver|tournevis|fist|poing|vuist"
        ),
        0.25,
    ),
    (
        # the whole word (possessive), so that the exceptions below cannot be dodged by
        # giving a letter back ("dreige" + "n met afsluiting")
        r"(?:bedreig|\bdreig|threat|menac|intimid)\w*+(?! (?:met|with|de|d'|us with|me with) (?:een |an? |une? |la |le )?(?:deurwaarder|afsluiting|uithuiszetting|boete|procedure|rechtbank|advocaat|bailiff|eviction|court|fine|huissier|expulsion|amende|coupure|cut))"
        # "ze dreigen de elektriciteit af te sluiten", "threaten to cut off the gas": a letter
        # about a cut-off or an eviction, not a threat at home
        r"(?!(?:\s+\S+){0,5}\s+(?:af te sluiten|afsluit\w*|uit (?:huis|de woning) te zetten|(?:to )?(?:cut|disconnect|evict)\w*|de (?:couper|nous expulser|m'expulser|l'expulser)|couper|expulser))",
        _t("dreig|threat|menac|intimid"),
        0.25,
    ),
    (
        r"\b(?:slaat|sloeg|slagen|geslagen|duwt|duwde|geduwd|gestompt|geschopt|schopt|stompt|hits?|hitting|beats?|beating|beat me|pushed|punched|kicked (?:me|her|him)|frappe\w*|(?:m'a|l'a|la|le|me|nous) pousse\w*|tabasse\w*)\b(?! (?:af|door|aan|op hol|toe|alarm))",
        _t(
            "sla|sloeg|geslagen|duw|gestompt|geschopt|schopt|stompt|hit|beat|push|punch|kicked|frapp|pouss|tabass"
        ),
        0.3,
    ),
    (
        r"morrel\w*|forceren|\bforcer\b|force (?:the|a|our|my|la|le|une) (?:\S+ )?(?:door|lock|porte|serrure)|open te (?:krijgen|breken|forceren)|(?:trying|tries|tried) to (?:open|force|get into|break)|essai\w* (?:d'ouvrir|de forcer)",
        _t("morrel|forc|open te|trying|tries|tried|essai"),
        0.3,
    ),
    (
        r"ken (?:die|deze|hem|haar) (?:\S+ )?niet|(?:onbekende|vreemde) (?:man|mannen|vrouw|persoon)|don'?t know (?:him|this man|who he is)|\binconnu",
        _t("ken|onbekend|vreemde|know|inconnu"),
        0.2,
    ),
)

FEAR = Cues(
    (
        r"\b(?:bang|scared|afraid|terrified|peur|in paniek|panic\w*|paniek|panique|angst\w*)\b|durf (?:\S+ )?nie(?:t)? (?:\S+ ){0,2}(?:naar|open|buiten|thuis)|\bn'ose|daren'?t|dare not",
        _t("bang|scared|afraid|terrified|peur|paniek|panic|paniq|angst|durf|ose|dare"),
    ),
)
# Shouting and crying together: a row that is more than noise.
SHOUTING = Cues(
    (
        r"brullen|brult|schreeuw\w*|\broept\b|\broepen\b|\btier\w*|shout\w*|scream\w*|yell\w*|\bcris\b|crie\w*|hurl\w*",
        _t("brul|schreeuw|roep|tier|shout|scream|yell|cri|hurl"),
    ),
)
CRYING = Cues(
    (
        r"huil\w*|\bgil\w*|\bwenen|\bweent|crying|\bcries|sobbing|pleur\w*|a l'aide|au secours|om hulp|for help|\bcoups\b|gebonk|\bbonzen|\bthuds?\b|(?:spullen|met \S+) (?:\S+ )?gegooid|things being thrown|gooit met|lance des",
        _t(
            "huil|gil|wenen|weent|crying|cries|sobbing|pleur|aide|secours|hulp|help|coups|bonk|bonz|thud|gegooid|thrown|gooit|lance"
        ),
    ),
)
# Signs of fire or smouldering, and of carbon monoxide.
FIRE_SIGNS = Cues(
    (
        r"brandgeur|schroeigeur|schroeilucht|geschroeid|verbrand\w* (?:hout|plastic|plastiek|rubber|kabel\w*|draad|elektr\w*)|(?:smeltend\w*|gesmolten|smelt\w*) (?:plastic|plastiek|kabel\w*|draden|rubber)|(?:plastique|caoutchouc|cables?) (?:\S+ )?(?:fondu|brule)|odeur de (?:brule|plastique|caoutchouc)|(?:burning|burnt|melting|melted) (?:plastic|rubber|cables?|wires?|electrics?)|smell\w* (?:\S+ ){0,2}(?:burning|burnt|like something burning)|(?:ruikt|ruik|stinkt|riekt) (?:\S+ ){0,3}(?:verbrand|verschroeid|geschroeid|aangebrand)|verschroeid\w*|(?:ruik|ruikt|smell|smells|sent|sens) (?:\S+ ){0,3}(?:dat|that|qui) (?:\S+ )?(?:brandt|is burning|brule)|something (?:is )?burning|quelque chose (?:qui )?brule|rookgeur|rooklucht|(?:stekker|kabel|snoer|draad|plug|cable|wire|prise|fil)\w*\b(?:\s+\S+){0,3}\s+(?:is |zijn |are |est )?(?:gesmolten|melted|fondue?s?|smelt)",
        _t(
            "brandgeur|schroei|verbrand|smelt|gesmolten|fondu|brule|odeur de|burn|melt|smell|ruik|stinkt|riekt|sent|sens|rookgeur|rooklucht"
        ),
    ),
    (
        r"\broet\w*|\bsoot\b|\bsuie\b|zwart (?:geworden|uitgeslagen|geblakerd)|geblakerd|blackened|scorch\w*|noirci|(?:warm|heet|gloeiend|hot|chaud|brulant)e? (?:\S+ ){0,2}(?:stopcontact|stekker|socket|plug|prise)\b|zwarte vlek\w*|black (?:marks|stains)|traces noires|(?:stopcontact|stekker|socket|plug|prise|verdeelkast|meterkast|zekeringkast|fuse ?box|tableau electrique|verlengsnoer|snoer|extension (?:lead|cord)|rallonge|multiprise|stekkerdoos|kast)\b(?:\s+\S+){0,8}\s+(?:warm|heet|zwart|gloeit|zoem\w*|brom\w*|buzz\w*|hum\w*|bourdonn\w*|gresill\w*|knetter\w*|crackl\w*|chaud|hot|black|noir)",
        _t(
            "roet|soot|suie|zwart|geblakerd|blackened|scorch|noirci|warm|heet|gloei|hot|chaud|brulant|stopcontact|stekker|socket|plug|prise|kast|fuse|tableau|black|noires"
        ),
    ),
    (
        r"(?:zoemend|brommend|buzzing|humming|crackling|knetterend)\w* (?:\S+ ){0,6}(?:meterkast|zekeringkast|stopcontact|fuse ?box|socket|tableau)|(?:meterkast|zekeringkast|fuse ?box|tableau electrique)\b(?:\s+\S+){0,6}\s+(?:zoem\w*|geluid|noise|bruit)",
        _t("zoem|bromm|buzz|humm|crackl|knetter|meterkast|zekeringkast|fuse|tableau"),
    ),
    (
        r"(?:batterij|accu|battery|batterie)\b(?:\s+\S+){0,6}\s+(?:zwelt|opgezwollen|bol|sist|sissen|swelling|swollen|hissing|gonfle\w*|siffle)|(?:e-?bike|step|scooter|trottinette|hoverboard)\b(?:\s+\S+){0,8}\s+(?:rook|smoke|fumee|sist|hissing|gesis)|\bgesis\b",
        _t("batterij|accu|battery|batterie|bike|step|scooter|trottinette|hoverboard|gesis"),
    ),
    (
        r"(?:rook|damp|walm|smoke|fumee|vapeur)\b(?:\s+\S+){0,3}\s+(?:onder|uit|door|under|from|sous|par|de) (?:\S+ ){0,2}(?:de |the |la |le )?(?:deur|kier|door|porte|spleet|gaten|berging|kelder|meterkast|zekeringkast|verdeelkast|stopcontact|kast|toestel|droger|machine|socket|plug|fuse ?box|appliance|prise|tableau)|(?:droger|wasmachine|machine|toestel|tv|frigo|koelkast|oven|kachel|stekker|stopcontact|dryer|appliance|socket|plug|seche-linge|televisie|laptop|gsm|lader|charger|chargeur)\b(?:\s+\S+){0,3}\s+(?:begint |begon |is |staat |started |starts )?(?:te |to )?(?:roken|rookt|smoking|smokes|fume)\b",
        _t("rook|damp|walm|smoke|fumee|vapeur|roken|rookt|fume"),
    ),
    (
        r"(?:stinkt|ruikt|riekt|smells?|odeur|geur|sent) (?:\S+ ){0,3}(?:naar |of |like |de l'|d')?(?:benzine|petrol|gasoline|essence|white spirit)|(?:benzine|brandbare vloeistof|petrol|essence|liquide inflammable|aanstekervloeistof)\b(?:\s+\S+){0,5}\s+(?:\w*gegoten|gegooid|poured|verse)",
        _t("benzine|petrol|gasoline|essence|spirit|brandbare|inflammable|aansteker"),
    ),
    (
        r"(?:zwavel\w*|sulph\w*|sulfur\w*|soufre|lucifer|allumette)\b|\bs{4,}\b|\bsist\b|sisst|\bhisses\b|hissing (?:sound|noise)|\bsiffle\b",
        _t("zwavel|sulph|sulfur|soufre|lucifer|allumette|ssss|sist|hiss|siffle"),
    ),
)
SMOKE_ALARM = Cues(
    (
        r"(?:rookmelder|rookdetector|brandmelder|brandalarm|smoke (?:alarm|detector)|fire alarm|alarme (?:incendie|feu)|detecteur (?:de fumee|incendie))\b(?:\s+\S+){0,6}\s+(?:piept|(?:gaat|ging) (?:\S+ ){0,2}af\b|loeit|blijft|keeps|going off|goes off|went off|beep\w*|sonne|retentit|continue|constant|voortdurend|aan een stuk|non-stop|sans arret)",
        _t("rookmelder|rookdetector|brandmelder|brandalarm|smoke|fire alarm|alarme|detecteur"),
    ),
)
SMELL = re.compile(
    r"ruik|ruikt|rieken|riekt|stinkt|geur|lucht|smell|odeur|\bsent\b|stench|walm|brand|burn|brul|\brook\b|smoke|fumee|\bwaas\b|\bhaze\b|\bbrume\b|\bnevel\b"
)
# A burnt meal, not a fire (a pan on fire is named and caught by ``urgency``).
COOKING = re.compile(
    r"\b(?:eten|maaltijd|toast|pot|pan|frietjes|frieten|koken|kookt|kookte|bakken|cooking|cooks|food|meal|toast|casserole|repas|cuisson|popcorn|pizza)\b"
)
SMOKING = re.compile(
    urgency.SMOKING
    + r"|\b(?:mensen|buren|buurman|buurvrouw|ze|zij|hij|jongeren|people|neighbou?rs?|they|he|she|voisins?|ils|il|elle)\b (?:\S+ ){0,3}(?:roken|rookt|rookten|smoke|smoking|fument|fume)\b"
)
# Sometimes, now and then: a recurring nuisance rather than a danger now.
OCCASIONAL = re.compile(
    r"\b(?:soms|af en toe|nu en dan|sometimes|now and then|parfois|de temps en temps)\b"
)
BATTERY = re.compile(r"batterij|batterijen|\bpiles?\b|battery|batteries|batterie|\baccu\b")
CO_ALARM = Cues(
    (
        r"koolmonoxide|co[- ]?melder|co[- ]?alarm|co[- ]?detector|monoxyde|detecteur (?:de )?co\b|carbon monoxide",
        _t(
            "koolmonoxide|co-melder|co melder|comelder|co-alarm|co alarm|co-detector|"
            "co detector|monoxyde|detecteur de co|carbon monoxide"
        ),
    ),
)
CO_ALARM_GOING = re.compile(r"piep|gaat af|ging af|beep|chirp|sonne|\balarm")
CO_HEAD = re.compile(r"hoofdpijn|koppijn|headache|mal a la tete|maux de tete|mal de tete|cephal")
CO_BODY = re.compile(
    r"duizel|draaierig|misselijk|overgeven|\bbraken|slaperig|\bsuf\b|\bslap\b|flauw|dizzy|dizziness|nausea|nauseous|vomit|sleepy|drowsy|faint|\bweak\b|vertige|nausee|vomi|somnolen|fatigu|endormi"
)
GAS_APPLIANCE = re.compile(
    r"gaskachel|gasvuur|geiser|geyser|gasketel|gasboiler|\bketel\b|boiler|kachel|chauffe-eau|chaudiere|\bpoele\b|heater|gas fire|\bgas\b|\bgaz\b|fornuis|cooker"
)
# A basic need gone.
HEATING_OFF = Cues(
    (urgency.HEATING_GONE, _t("verwarming|chauffage|heating|heat|warmte|ketel|boiler|cv")),
    (
        r"(?:zonder|geen|no|sans|pas de|plus de) (?:\S+ ){0,2}(?:verwarming|chauffage|heating|warmte|heat)\b|(?:ketel|verwarming|chauffage|heating|boiler|cv|chaudiere|heater)\b(?:\s+\S+){0,3}\s+(?:uitgevallen|is uit|stuk|kapot|in panne|en panne|down|gone|off|doet (?:het )?(?:niets|niks|nie|niet) meer|werkt (?:\S+ )?(?:niet|nie) meer|ne marche plus|(?:does ?n'?t|does not) work|not working|stopped(?: working)?|died|gave up|quit|tombee? en panne|a lache|lache|valt (?:\S+ )?uit)",
        _t("verwarming|chauffage|heating|warmte|heat|ketel|boiler|cv|chaudiere"),
    ),
)
COLD = Cues(
    (urgency.COLD, None),
    (
        r"sneeuw\w*|\bsnow\w*|\bneige\w*|\bgele\b|gevroren|below zero|onder nul|sous zero|freezing|glacial|ijzig|\b(?:[0-9]|1[0-4]) ?(?:graden|degrees|degres|°) (?:binnen|inside|a l'interieur|in huis)|binnen (?:\S+ ){0,2}(?:[0-9]|1[0-4]) ?(?:graden|°)|\bwinter|\bhiver",
        _t(
            "sneeuw|snow|neige|gele|gevroren|zero|onder nul|freez|glacial|ijzig|graden|degree|degre|°|winter|hiver"
        ),
    ),
)
SUMMER = re.compile(
    r"\b(?:juni|juli|augustus|zomer|june|july|august|summer|juin|juillet|aout)\b|en ete\b|cet ete\b|l'ete\b|(?:niet|nie|not|pas) (?:\S+ ){0,2}(?:nodig|needed|besoin)|(?:warm|heet|hot|chaud|30 graden)\s+(?:buiten|outside|dehors)"
)
WATER_OFF = Cues(
    (
        r"(?:geen|zonder|no|sans|pas d'|plus d'|plus de)\s?(?:\S+ ){0,2}(?:water|eau)\b(?!\s*(?:meer )?(?:warm|chaud|hot))(?:\s+\S+){0,4}\s*(?:uit de kranen|uit de kraan|in (?:heel|de hele|ons|mijn|the whole)|meer|du tout|at all|anywhere|nulle part|kranen|taps|robinets)",
        _t("water|eau"),
    ),
    (
        r"(?:geen|no|pas d'|plus d'|plus une) (?:druppel |drop of |drop |goutte d')?(?:water|eau)\b(?!\s*(?:chaud|warm|hot))",
        _t("water|eau"),
    ),
)
POWER_OFF = Cues(
    (
        r"(?:stroom|elektriciteit|electricite|electricity|power|courant)\b(?:\s+\S+){0,4}\s+(?:is uit|uitgevallen|weg|out|off|gone|cut|coupee?|afgesloten|plat)|(?:geen|zonder|no|sans|plus d'?|plus de|pas d'?|pas de) ?(?:\S+ ){0,2}(?:stroom|elektriciteit|electricite|electricity|power|courant)\b|budgetmeter (?:\S+ ){0,3}(?:leeg|op nul|nul)|compteur a budget (?:\S+ ){0,3}vide|panne de courant|panne d'electricite|coupure de courant|power (?:cut|outage)|stroomonderbreking|stroompanne|stroomuitval|(?:frigo|koelkast|fridge)\b(?:\s+\S+){0,4}\s+(?:werkt niet|doet het niet|ne fonctionne plus|not working|stopped)",
        _t("stroom|elektri|electri|power|courant|budgetmeter|compteur|frigo|koelkast|fridge|panne"),
    ),
)
MEDICAL_DEVICE = re.compile(
    r"dialyse|dialysis|vernevelaar|nebuli|aerosol|zuurstof|oxygen|oxygene|beademing|ventilator|respirateur|cpap|apneu|apnee|voedingspomp|sondevoeding|feeding pump|insuline|insulin|medicat\w* (?:\S+ ){0,2}(?:koel|frigo|koelkast|fridge)|elektrisch bed|traplift|monte-escalier"
)
NO_FOOD = Cues(
    (
        r"(?:geen|zonder|no|pas d'|plus d'|plus de|pas de) (?:\S+ ){0,2}(?:geld|money|argent)? ?(?:meer )?(?:voor|for|pour) (?:\S+ )?(?:eten|food|manger|nourriture|melk|milk|lait|luiers|nappies|diapers|couches)",
        _t("eten|food|manger|nourriture|melk|milk|lait|luiers|nappies|diapers|couches"),
    ),
    (
        r"(?:niets|niks|nothing|rien|geen eten|no food|pas de nourriture)\b(?:\s+\S+){0,3}\s+(?:te eten|to eat|a manger|a donner|gegeten|eaten|mange)|(?:niets|niks) (?:meer )?gegeten|(?:hasn'?t|haven'?t|have not|has not|n'ont pas|n'a pas|hebben niet|heeft niet) (?:\S+ ){0,2}(?:eaten|gegeten|mange)|(?:frigo|koelkast|fridge)\b(?:\s+\S+){0,2}\s+(?:is )?(?:leeg|empty|vide)",
        _t("eten|eat|manger|mange|gegeten|frigo|koelkast|fridge"),
    ),
)
NO_ROOF = Cues(
    (
        r"(?:moet|moeten|must|have to|dois|doit|devons) (?:\S+ ){0,4}(?:uit (?:mijn|ons|het) huis|out of (?:my|our|the) (?:home|house|flat)|quitter (?:mon|notre|le) (?:logement|appartement))|op straat|on the street|a la rue|sans abri|dakloos|homeless|(?:waar|where|\bou\b) (?:\S+ ){0,6}(?:slapen|sleep|dormir)\b|nergens (?:om )?te slapen|nowhere to (?:sleep|go|stay)|uithuiszetting|uitzetting|expulsion|eviction|evicted|buitengezet",
        _t(
            "huis|home|house|flat|quitter|straat|street|rue|abri|dakloos|homeless|slapen|sleep|dormir|nowhere|uitzetting|uithuis|expulsion|evict|buitengezet"
        ),
    ),
)
SOON = re.compile(
    r"\b(?:morgen|vandaag|vanavond|vannacht|\bnu\b|straks|om \d|over een uur|binnen het uur|tomorrow|today|tonight|now|in an hour|demain|aujourd'hui|ce soir|cette nuit|maintenant|dans une heure)\b"
)
# A young child alone where a child must not be alone.
CHILD_ALONE = Cues(
    (
        r"\b(?:alleen|alone|seule?s?|zonder (?:toezicht|ouders|volwassene)|without (?:an adult|supervision|parents)|sans (?:adulte|surveillance|parents))\b(?:\s+\S+){0,6}\s+(?:op het balkon|op de vensterbank|aan het raam|bij het raam|on the balcony|on the window|sur le balcon|a la fenetre|op de parking|in the car park|in de straat|in the street|dans la rue|sur le parking|op straat|langs de weg|thuis|at home|a la maison|(?:in|op) de gang|in the stairwell|voor het (?:open )?raam|bij het (?:open )?raam|(?:in|op) de (?:trappenhal|traphal|trap)|dans l'escalier|dans la cage)|\b(?:op het balkon|on the balcony|sur le balcon|aan het raam|op de vensterbank|op de parking|in the car park|dans la rue|op straat|in the street|at home|thuis|a la maison|wandering|dwaalt|loopt (?:\S+ ){0,2}rond|erre)\b(?:\s+\S+){0,6}\s+(?:alleen|alone|seule?s?)\b",
        _t("alleen|alone|seul|zonder|without|sans"),
    ),
    (
        r"(?:geen|no|pas d'|aucun) (?:volwassene|ouders?|adult|grown-up|adulte|parent)\b|(?:de |his |her |ses )?(?:ouders|parents|mama|mum|mom|moeder|mother|mere|maman) (?:is |zijn |are |has |have |est |sont )?(?:\S+ )?(?:weg|gone|away|partis?e?s?|vertrokken)\b|(?:baby|kind|kindje|child|bebe|enfant)\b(?:\s+\S+){0,3}\s+(?:huilt|crying|pleure|schreit)\b(?:\s+\S+){0,2}\s+(?:al uren|for hours|depuis des heures|heel de nacht|de hele nacht|all night|toute la nuit)|\b(?:wandering|dwaalt|zwerft|erre)\b(?:\s+\S+){0,4}\s+(?:alone|alleen|seule?)",
        _t(
            "volwassene|ouder|adult|grown-up|parent|wandering|dwaalt|zwerft|erre|weg|gone|away|parti|vertrokken|huilt|crying|pleure|schreit"
        ),
    ),
)
# Someone frail outside in the cold, or with a window open in the frost.
OUT_IN_COLD = Cues(
    (
        r"(?:buiten|outside|dehors|raam|window|fenetre)\b(?:\s+\S+){0,6}\s+(?:open|rond|around|dwaalt|wandering|erre)|(?:loopt|lopen|walks?|walking|erre) (?:\S+ ){0,6}(?:buiten|outside|dehors)|in (?:zijn|haar) (?:pyjama|nachtkleed|nachthemd|nachtjapon|pantoffels|sloffen)|in (?:his|her) (?:pyjamas|nightie|nightgown|slippers)|en (?:pyjama|chemise de nuit|pantoufles|chaussons)|weggelopen|wandered off|\bverdwaald|s'est perdue?|(?:nog|still) (?:niet|not) (?:terug|back)|pas (?:encore )?rentree?",
        _t(
            "buiten|outside|dehors|raam|window|fenetre|loopt|lopen|walk|erre|pyjama|nacht|night|chemise|pantoffels|sloffen|slippers|pantoufles|chaussons|weggelopen|wandered|verdwaald|perdu|terug|back|rentre"
        ),
    ),
)
# Water running onto electrics (``urgency`` knows sockets and fuse boxes).
WATER_ON_ELECTRICS = re.compile(
    r"(?:water|\beau\b|lekt|leak\w*|fuite|druppelt|drips?)\W+(?:\S+\s+){0,12}(?:lichtschakelaar\w*|schakelaar\w*|\bswitch\w*|interrupteur\w*)|^(?=.*\b(?:water|eau|lekt|leaks?|leaking|fuite)\b)(?=.*(?:knippert|flikkert|flicker\w*|clignot\w*|kortsluiting|short circuit|court-circuit))"
)
# The lift out for someone who cannot take the stairs and must get to care.
LIFT_OUT = re.compile(
    r"(?:lift|ascenseur|elevator)\b(?:\s+\S+){0,4}\s+(?:staat stil|stil|kapot|stuk|defect|in panne|en panne|broken|out of order|werkt niet|doet het niet|ne (?:marche|fonctionne) (?:pas|plus))"
)
CARE_TRIP = re.compile(
    r"(?:dialyse|dialysis|chemo|ziekenhuis|hospital|hopital|dokter|doctor|medecin|afspraak|appointment|rendez-vous|zuurstof|oxygen|oxygene)"
)
WHEELCHAIR = re.compile(
    r"rolstoel|rolwagen|wheelchair|chaise roulante|fauteuil roulant|kan (?:\S+ )?geen trap|can'?t (?:use|take) the stairs"
)
# A structure that came down or may come down.
COLLAPSE = Cues(
    (
        r"(?:plafond|ceiling|balkon|balcony|balcon|muur|wall|\bmur\b|trap|stairs|escalier)\b(?:\s+\S+){0,6}\s+(?:naar beneden gekomen|ingestort|ingezakt|neergestort|collapsed|came down|caved in|effondre\w*|scheurt open)",
        _t("plafond|ceiling|balkon|balcon|muur|wall|mur|trap|stairs|escalier"),
    ),
)
# The danger is taken away.
REASSURED = re.compile(
    r"(?:alles|everything|tout) (?:is |gaat |va )?(?:\S+ )?(?:goed|ok|oke|in orde|fine|well|bien)\b|\b(?:is|gaat|zijn|are|is doing|se porte|va) (?:\S+ ){0,2}(?:goed|prima|fine|bien|ok|oke)\b(?! (?:mis|fout|wrong))|\bit'?s (?:all )?(?:fine|ok)\b|is in orde\b|kranig|in goede gezondheid|doet (?:nog )?alles zelf|gaat (?:veel )?beter|het gaat beter|va mieux|is (?:doing )?better|(?:zat|was|is) gewoon|was just|turned out|het was (?:een|maar|gewoon)|\bbleek|in het ziekenhuis|a l'hopital|in (?:the )?hospital|op (?:reis|vakantie)|en vacances|on holiday|on vacation|bij (?:zijn|haar) (?:dochter|zoon|kinderen|familie)|chez (?:sa|son) (?:fille|fils|famille)|staying with (?:his|her)|in begeleiding|(?:sindsdien|nu) (?:is het )?(?:rustig|goed|ok)\b|\bniks ergs\b|\bnothing serious\b|rien de grave|(?:is|was) (?:allemaal )?opgeruimd|nu (?:is )?(?:alles )?(?:goed|ok|oke)|(?:faulty|defect\w*|kapotte|broken) (?:alarm|melder|detector|detecteur)|detecteur defectueux|(?:nu|now|actuellement) (?:\S+ )?(?:geen|no|pas de|aucun) (?:problemen|probleem|problems?|problemes?|soucis?)|(?:gelukkig|luckily|fortunately|heureusement) (?:\S+ ){0,3}(?:niemand|niks|niets|geen|nobody|no one|nothing|personne|rien)"
)
PROCEDURE = re.compile(
    r"wat (?:moet|moeten|kan|doe) (?:ik|we|je|men) (?:\S+ ){0,2}(?:doen )?(?:als|bij|wanneer|indien)|wat te doen (?:als|bij)|hoe (?:moet|kan) ik (?:\S+ ){0,3}(?:melden|doen) (?:als|bij)|what (?:do|should|can) (?:i|we|you) do (?:if|when|in case)|who (?:do|should) (?:i|we) (?:call|contact|phone) (?:if|when|in case)|que (?:faire|dois-je faire|doit-on faire) (?:si|en cas|quand)|quelle est la procedure|qui (?:dois-je|faut-il) (?:appeler|contacter) (?:si|en cas)|\bprocedure\b|huishoudreglement|\breglement\b|staat dat ergens|\bmag (?:dat|je|men|het)\b|\bmag ik\b(?! (?:hulp|iemand))|is it (?:allowed|permitted)|est-ce (?:que c'est )?permis|am i allowed|noodnummer|emergency number|\bals ik ooit\b|\bif (?:there is |i )?ever\b|\bsi jamais\b|(?:jaarlijkse|yearly|annual|annuel\w*) (?:\S+ ){0,2}(?:onderhoud|check|service|entretien|controle)|onderhoudsbeurt|\bbang om te vallen\b"
)


@dataclass(frozen=True)
class Assessment:
    score: float  # 0 (nothing implied) … 1
    situations: tuple[str, ...] = ()  # the situations found, strongest first
    cues: tuple[str, ...] = ()  # at risk, since when, now, cold
    lowered_by: tuple[str, ...] = ()


NOTHING = Assessment(0.0)


class _Lazy:
    """Cues of the text computed on first use (most texts never need them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._done: dict[str, bool] = {}

    def found(self) -> tuple[str, ...]:
        return tuple(name for name, value in self._done.items() if value)

    def __call__(self, name: str, test: Callable[[str], object]) -> bool:
        value = self._done.get(name)
        if value is None:
            value = self._done[name] = bool(test(self.text))
        return value


# "geen zin meer", "geen antwoord meer", "geen eten meer": the danger itself, not one that is
# over (``urgency`` reads "geen X meer" as "no longer": "geen gasgeur meer").
NOT_OVER = re.compile(
    r"geen (?:\S+ )?(?:zin|nut|hoop|uitweg|kracht|antwoord|reactie|eten|geld|water|stroom|licht|warmte|verwarming|melk|luiers|plaats|slaapplaats|dak) meer|(?:since|sinds|sedert|depuis) (?:last|vorige|vorig|la semaine|le mois|hier)\b(?: \S+)?"
)


def _over(clause: str, following: str) -> bool:
    return urgency._over(NOT_OVER.sub(" ", clause), following)


def _live_clauses(text: str) -> str:
    """The clauses of ``text`` that are not about the past, a danger that is over, or a
    hypothetical case, joined again (sentence ends kept so that patterns do not cross)."""
    clauses = urgency._clauses(text)
    kept = [clause for clause, following in clauses if not _over(clause, following)]
    return " . ".join(c.strip() for c in kept) if len(kept) != len(clauses) else text


def _situations(text: str) -> tuple[dict[str, float], tuple[str, ...]]:
    """The situations found in ``text`` with their strength, and the cues that were looked
    for and found (at risk, since when, now, cold)."""
    text = Text(text)
    cue = _Lazy(text)
    risk = lambda: cue("at risk", AT_RISK.search)  # noqa: E731
    young = lambda: cue("young", YOUNG.search)  # noqa: E731
    duration = lambda: cue("since when", DURATION.search)  # noqa: E731
    now = lambda: cue("now", NOW.search)  # noqa: E731
    cold = lambda: cue("cold", COLD.search)  # noqa: E731
    found: dict[str, float] = {}

    def add(label: str, strength: float) -> None:
        found[label] = max(strength, found.get(label, 0.0))

    strong, weak = ABSENCE_STRONG.weights(text), ABSENCE_WEAK.count(text)
    if (strong or weak >= 2) and not ABSENCE_EXPLAINED.search(text):
        strength = (
            sum(strong[:2]) * (0.3 / max(strong[0], 0.3)) ** (len(strong) > 1) if strong else 0.0
        )
        strength = min(strength, 0.55) + 0.1 * min(weak, 2) + 0.2 * duration() + 0.2 * risk()
        add("signs someone is missing or cannot answer", min(0.8, strength))
    helpless = HELPLESS.weights(text)
    if helpless:
        add(
            "someone cannot get up, breathe or think clearly",
            helpless[0] + 0.2 * (risk() or duration() or now()),
        )
    self_harm = SELF_HARM.weights(text)
    if self_harm:
        # weights: 1 = the words themselves (0.65), 0.35 = a sign only (giving things away,
        # "ik zie het niet meer zitten"); two signs together count as the words
        strength = 0.65 * min(1.0, self_harm[0] + sum(self_harm[1:2]))
        add(
            "indirect words about ending a life",
            strength if len(self_harm) > 1 else 0.65 * self_harm[0],
        )
    threats = THREAT.weights(text)
    if threats:
        fear = FEAR.search(text)
        strength = (
            threats[0]
            + 0.5 * sum(threats[1:2])
            + 0.15 * fear
            + 0.2 * now()
            + 0.15 * (young() or risk())
        )
        add("threat or violence at home", min(0.85, strength))
    if SHOUTING.search(text) and CRYING.search(text):
        add("shouting with crying or blows", 0.4 + 0.2 * (young() or now() or duration()))
    alarm = SMOKE_ALARM.search(text)
    battery = bool(BATTERY.search(text))
    if FIRE_SIGNS.search(text):
        cooking = COOKING.search(text) and not alarm
        smoking = SMOKING.search(text) and not alarm
        add("signs of fire or smouldering", 0.25 if cooking or smoking else 0.6 + 0.15 * alarm)
    elif alarm and not battery and SMELL.search(text):
        add("signs of fire or smouldering", 0.6)
    elif alarm and not battery:
        add("an alarm that keeps going", 0.25 + 0.15 * (now() or duration()))
    co_alarm = CO_ALARM.search(text) and not battery and CO_ALARM_GOING.search(text)
    co_body = CO_HEAD.search(text) and CO_BODY.search(text) and GAS_APPLIANCE.search(text)
    if co_alarm or co_body:
        add("signs of carbon monoxide", 0.75)
    if HEATING_OFF.search(text) and not SUMMER.search(text):
        if cold() and risk():
            add("no heating in the cold with someone vulnerable", 0.75)
        elif cold():
            add("no heating in the cold", 0.3)
        elif risk() and duration():
            add("no heating with someone vulnerable", 0.2)
    power = POWER_OFF.search(text)
    if power and MEDICAL_DEVICE.search(text):
        add("no power for medical equipment", 0.8)
    elif power and cold() and (young() or risk()):
        add("no power or heat in the cold with someone vulnerable", 0.65)
    if WATER_OFF.search(text) and (young() or risk()) and (duration() or now()):
        add("no water with a baby or someone vulnerable", 0.65)
    if NO_FOOD.search(text) and young():
        add("no food for the children", 0.7)
    if NO_ROOF.search(text) and SOON.search(text) and (young() or risk()):
        add("no roof tonight for a family", 0.6)
    if CHILD_ALONE.search(text) and young():
        add("a young child alone", 0.65)
    elif OUT_IN_COLD.search(text) and cold() and risk():
        add("someone frail out in the cold", 0.65)
    if WATER_ON_ELECTRICS.search(text):
        add("water running onto electrics", 0.6)
    if LIFT_OUT.search(text) and WHEELCHAIR.search(text) and CARE_TRIP.search(text):
        add("lift out for someone who must get to care", 0.55 + 0.1 * bool(SOON.search(text)))
    if COLLAPSE.search(text):
        add("something came down or may come down", 0.5 + 0.15 * young())
    return found, cue.found() if found else ()


def assess(text: str) -> Assessment:
    """The circumstance score of a normalised text, with the situations and cues found."""
    situations, cues = _situations(text)
    if not situations:  # most texts end here, before the clauses are looked at
        return NOTHING
    live = _live_clauses(text)
    if live is not text:
        situations, cues = _situations(live)
    if not situations:
        return Assessment(0.0, lowered_by=("past or over",))
    ordered = sorted(situations, key=lambda k: -situations[k])
    score = min(1.0, situations[ordered[0]] + 0.1 * min(len(ordered) - 1, 2))
    lowered = []
    if REASSURED.search(live):
        score *= 0.3
        lowered.append("reassured")
    if PROCEDURE.search(live):
        score *= 0.4
        lowered.append("a question about a procedure or a rule")
    if OCCASIONAL.search(live):
        score *= 0.6
        lowered.append("now and then")
    if BATTERY.search(live) and SMOKE_ALARM.search(live) and not FIRE_SIGNS.search(live):
        score *= 0.3
        lowered.append("an alarm's battery")
    return Assessment(round(score, 4), tuple(ordered), cues, tuple(lowered))
