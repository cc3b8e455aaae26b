"""Curated patterns for urgent signals (nl, fr, en), with negation and past-tense handling.

A signal is urgent when life, health or safety is at stake *now* or a basic utility is gone:
gas smell, fire or smoke, violence or a threat now, a person not seen for days or fallen,
suicidal words, no heating with vulnerable people in frost, water or power cut off (soon).

The patterns run on normalised text (lower case, accents folded, see ``engine.normalise``).
A hit is ignored when its clause says the danger is over or was in the past ("geen gasgeur
meer", "vorige maand was er een vechtpartij", "there was a fire last week") — except for
suicidal words, which always count. A hypothetical clause ("wat als er ooit brand uitbreekt",
"in case of fire") counts as not now, and so does a clause followed by "maar"/"but"/"mais" and
a resolution ("… niet meer gezien, maar hij was gewoon op reis", "… but it was the drains").
A hedge ("misschien", "peut-être", "maybe") keeps a danger alive: "het stinkt naar gas maar
misschien is het niks" stays urgent. Some patterns are weaker in a context that usually
means no danger (cigarette smoke, a stuck lift without anybody in it). The classifier in
``engine`` catches what the patterns miss; the patterns make sure the clearest cases are
never missed."""

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
    weak_if: re.Pattern | None = None  # in a clause matching this, strength 0.4 only
    needs: re.Pattern | None = None  # in a clause not matching this, strength 0.4 only


def _p(
    key: str,
    pattern: str,
    strength: float = 1.0,
    negatable: bool = True,
    weak_if: str | None = None,
    needs: str | None = None,
) -> Pattern:
    return Pattern(
        key,
        re.compile(pattern),
        strength,
        negatable,
        re.compile(weak_if) if weak_if else None,
        re.compile(needs) if needs else None,
    )


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
SMOKING = (
    r"(?:sigaret|cigaret|cigarette|sigaar|cigar|tabak|tabac|tobacco|joint|wiet|weed|cannabis|"
    r"hasj|shisha|waterpijp|vape|barbecue|bbq|vuurkorf|\bfume\b|\bfumer\b|\bfument\b|"
    r"(?:they|he|she|people|neighbou?rs?|i|we) smoke\b|smoke (?:weed|on the|in their|cigarettes))"
)
# A person: "ligt op de grond" is about someone, not about a grille or a vase.
PERSON = (
    r"\b(?:hij|zij|ze|mevrouw|meneer|mevr|dhr|man|vrouw|vader|moeder|pa|ma|papa|mama|opa|oma|"
    r"bompa|bomma|madam\w*|vent|oudje|jongen|meisje|vriend\w*|broer|zus|nonkel|tante|partner|"
    r"buur\w*|iemand|kind\w*|zoon|dochter|bewoner\w*|hem|haar|persoon|mens|he|she|someone|"
    r"man|woman|lady|guy|neighbou?r|person|resident|il|elle|quelqu'un|madame|monsieur|dame|"
    r"homme|femme|voisin\w*)\b"
)
PERSON_OR_SELF = r"(?:" + PERSON + r"|\b(?:ik|mij|me|mijn|ben|i|my|je|j'|ma|mon)\b)"
CUT_OFF = r"(?:afsluit|afgesloten|sluiten\S*(?:\s+\S+){0,4}\s+af\b|sluit\S*(?:\s+\S+){0,4}\s+af\b|couper|coupe|cut(?:ting)? off|disconnect)"

PATTERNS: tuple[Pattern, ...] = (
    # gas
    _p(
        "gas smell",
        r"\bgas\s?(?:geur|lucht|lek)|gasgeur|gaslucht|odeur de gaz|fuite de gaz|gas (?:leak|smell)|rotte eieren|rotten eggs?|oeufs? pourris",
    ),
    _p(
        "gas smell",
        r"\b(?:ruik|ruikt|rieken|riekt|stinkt|geur|smell\w*|sent\w*)" + W % 4 + r"\s+(?:gas|gaz)\b",
    ),
    # fire and smoke
    _p(
        "fire",
        r"\b(?:in )?brand\b(?!\w)|\bvuur\b|vlam(?:men)?\b|smeul\w*|brandgeur|brandlucht|schroeilucht|odeur de brule|sent le brule|burning smell|smell\w* (?:of |like )?burning|(?:vuur|vlam) gevat|pris feu|caught fire|\bfire\b(?!\s*(?:door|escape|extinguisher|alarm test|drill))|incendie|\ble feu\b|flammes|\bflames?\b|brandende",
    ),
    _p(
        "smoke",
        r"(?:zwarte|dikke|veel|vol|staat vol met|overal) rook|\brook\b\s+(?:uit|onder|overal|op de trap|in de (?:gang|kelder|traphal|trap|hal|inkom))|rookontwikkeling|(?<!detecteur )de (?:\w+ )?fumee(?! \w*(?:detect))|\bsmoke\b(?!\s*(?:detector|alarm|alarms|detectors))(?!.*detector)|(?<!detecteur de )\bfumee\b(?!.*detecteur)|\bwalm\b",
        weak_if=SMOKING,
    ),
    _p(
        "sparks",
        r"vonken|\bsmelt\b|sparks|etincelles|knettert|water\W+(?:\S+\s+){0,12}(?:stopcontact|elektriciteitskast|zekeringkast|zekeringen|meterkast|socket|fuse ?box|electrics)|water\W+(?:\S+\s+){0,4}(?:door|uit|in|langs|through) (?:de |het |the )?(?:lamp|lampen|lichtpunt|spots?|light)\b|\beau\b(?:\s+\S+){0,10}\s+(?:prise|compteur electrique|tableau electrique)",
    ),
    # violence and threats now
    # a firearm is never an everyday object ("waterpistool", "glue gun" are not meant)
    _p(
        "firearm",
        r"\b(?:pistool|revolver|geweer|vuurwapen|vuurwapens)\b|\barme a feu|\bhomme arme\b|(?<!glue )(?<!nail )(?<!heat )(?<!water )(?<!toy )\bgun\b",
    ),
    _p(
        "weapon",
        r"(?:\b(?:een|het|met|zijn|haar|nen|ne) mes\b)|\b(?:messen|bijl|pistool|wapen|vuurwapen|couteau|arme|knife|gun|weapon|hamer|schaar|ciseaux|scissors|knuppel|honkbalknuppel|baseball bat|machete|kapmes|marteau)\b",
    ),
    _p(
        "violence at home",
        r"\b(?:slaat|slaan)\b(?:\s+\S+){0,2}\s+(?:mij|me|zijn vrouw|haar|mijn moeder)\b|me frappe|frappe sa femme|taper sa femme|is (?:hitting|beating) (?:me|his|her)",
    ),
    _p(
        "violence",
        r"\b(?:slaat|slaan|sla)\b(?:\s+\S+){0,3}\s+(?:mij|me|zijn vrouw|haar|op)|geslagen|\bfrappe|\bhitting\b|\bbeating\b|\battack\w*|aangevallen|\baanvallen\b|gevecht|neergestoken|steekpartij|schietpartij|wordt (?:\S+ )?geschoten|\bstabbed|shooting|shots fired|poignarde|coups de feu|vechten|vechtpartij|bagarre|\bfight\w*|bloed\b|blood|\btape\b",
    ),
    _p(
        "threat to kill",
        r"vermoorden|\bdoden\b|doodmaken|doodsteken|steek\w* (?:\S+ )?dood|afmaken|\bkill\b|\btuer\b|\bdood\b(?:\s+\S+){0,2}\s+maken|iets aan te doen|\b(?:mij|me|ons|haar|hem|zichzelf|mezelf) iets (?:\S+ )?aan(?:doen| te doen)|\b(?:mij|me|u|haar|hem|ons) (?:\S+ ){0,2}kapot ?maken",
    ),
    _p(
        "break-in now",
        r"inbreker|breekt in|aan het inbreken|(?:open te breken|binnen te (?:dringen|breken))|\bwrikken|(?:probeert|proberen) (?:\S+ ){0,4}(?:in te breken|binnen te (?:komen|geraken|dringen))|essai\w* d'entrer|tent\w* d'entrer|(?:trying|tries) to get in|intrus|burglar|breaking in|trying to break in|en train de (?:forcer|cambrioler)|forcent la porte",
    ),
    # person not seen, fallen, unresponsive
    _p(
        "not seen for days",
        r"niet (?:meer )?gezien|niemand (?:\S+\s+){0,4}gezien|niks (?:meer )?gehoord|not seen|haven'?t seen|pas vu|plus vu|ne repond plus|doet (?:de deur )?nie(?:t)? (?:meer )?open|doet al\b(?:\s+\S+){0,4}\s+niet open|(?:deur|door) niet (?:meer )?(?:open|opgedaan)|answered the door|n'a pas ouvert|brievenbus (?:puilt|zit vol|vol)|mail is piling|boite aux lettres deborde|neemt (?:\S+ ){0,2}nie(?:t)? (?:meer )?op",
    ),
    _p(
        "fallen",
        r"(?<!slaap )\bgevallen\b|\bfell\b|has fallen|\btombee?\b(?! en panne)",
        # "een kastdeur is uit de scharnieren gevallen" is a repair
        needs=PERSON_OR_SELF,
    ),
    _p(
        "fallen",
        r"kan nie(?:t)? (?:meer )?(?:recht|opstaan)|can'?t get up|cannot get up|se relever|roepen om hulp|(?:roep\w*|schreeuw\w*|gil\w*)\W+(?:\S+\s+){0,3}help\b|(?:roep\w*|schreeuw\w*|gil\w*) (?:\S+ ){0,2}om hulp|(?:calling|shouting|crying|screaming) for help|appelle a l'aide|crie au secours|beweegt niet",
    ),
    _p(
        "lying on the floor",
        r"(?:ligt|liggen|lag|languit) (?:\S+ ){0,3}op de (?:grond|vloer)|\bligt languit|(?:est|etait) (?:allonge\w* )?par terre|lying on the (?:floor|ground)",
        needs=PERSON,
    ),
    _p(
        "no response",
        r"reageert (?:\S+ ){0,2}nie(?:t)?\b|ne reagit (?:pas|plus)|not responding|doesn'?t respond",
        needs=PERSON,
    ),
    _p(
        "no answer, moaning",
        r"(?:aanbel\w*|bel aan|belde aan|aangebeld|klop\w*)(?:\s+\S+){0,6}\s+(?:niemand|geen reactie|geen antwoord)|niemand (?:doet|deed) open|(?:nobody|no one) (?:answers|answered|opens)|personne ne (?:repond|ouvre)|kreun\w*|\bkerm(?:en|t|de|den)\b|moaning|groaning|\bgemi(?:r|t|ss)\w*",
        strength=0.5,
    ),
    _p(
        "signs of absence",
        r"^(?=.*(?:rolluik|gordijn|luiken|volets|rideaux|curtains|blinds)\w*\b(?:\s+\S+){0,5}\s+(?:dicht|toe|gesloten|neer|fermes?|closed|shut|down)\b)(?=.*(?:dagen|days|jours|sinds|since|depuis|week|semaine))(?!.*(?:kapot|stuk|motor|defect|broken|casse|panne|bloque|vastgelopen|klemt|hapert))|(?:kranten|krant|melk|milk|newspapers?|journaux)\b(?:\s+\S+){0,5}\s+(?:ligt|liggen|staat|staan|stapel\w*|still|piling|s'accumul\w*)",
        strength=0.5,
    ),
    _p(
        "unresponsive",
        r"bewusteloos|buiten bewustzijn|flauwgevallen|unconscious|inconscient|evanoui|ademt (?:niet|nie|raar|slecht)|not breathing|respire (?:mal|plus)|ne respire",
    ),
    _p(
        "suicidal words",
        r"zelfmoord|suicid|niet meer (?:verder )?(?:leven|wakker)|wil (?:\S+ ){0,2}sterven|wil dood|einde aan (?:\S+ ){0,2}(?:leven|alles)|een einde (?:\S+ ){0,2}maken|pillen (?:\S+ ){0,2}(?:genomen|nemen)|(?:dak|brug|raam) (?:\S+ ){0,2}springen|springen van|\btouw\b|kill (?:myself|himself|herself)|want(?:s)? to die|to live anymore|end (?:it all|my life)|veux mourir|veut mourir|me tuer|se tuer|en finir|plus vivre|afscheid|pillen (?:\S+ ){0,3}(?:gespaard|opgespaard|verzameld|klaar\w*)|niemand (?:\S+ ){0,2}(?:zal|gaat) (?:mij|me|hem|haar) missen|no one (?:will|would) miss|personne ne (?:va|me|le|la) manquer|zich (?:\S+ ){0,2}ophangen|(?:me|mezelf) ophangen|se pendre|me pendre|hang (?:myself|himself|herself)|leven niet meer (?:zie|ziet|zien) zitten|\b(?:ik ben|ben ik) er (?:\S+ ){0,2}niet meer\b(?! (?:in|op|aan|geweest|thuis|binnen))(?!.*(?:verhuis|vakantie|op reis|werk|ziekenhuis|afwezig))|won'?t be (?:here|around) (?:anymore|tomorrow)|je ne serai plus la\b(?! pour)|geen zin meer in (?:het )?leven|end (?:his|her|their) life|take (?:my|his|her) (?:own )?life|(?:se|me) jeter (?:par|du|de la|des|sous|dans)\b|^(?=.*\b(?:raam|dak|brug|balkon|vensterbank|venster|fenetre|balcon|toit|pont|window|roof|bridge))(?=.*(?:\b(?:gaat|ga|wil|wilt|dreigt|gaan|zal|going to|gonna|wants? to|threaten\w* to|va|vais|veut|menace de)(?:\s+\S+){0,4}\s+(?:springen|sauter|jump)\b|op het punt (?:om )?te springen))",
        negatable=False,
    ),
    # utilities
    # cut-off word, utility and "soon" anywhere in the same clause (an empty match at 0)
    _p("utility cut off soon", r"^(?=.*" + CUT_OFF + r")(?=.*" + UTILITY + r")(?=.*" + SOON + r")"),
    _p(
        "no power or water",
        r"(?:geen|zonder|no|plus d'?|pas d'?)\s*(?:(?!warm|chaud|hot)\S+\s+){0,2}(?:stroom|elektriciteit|electricite|electricity|water|eau)\b(?:\s+\S+){0,3}\s*(?:meer|in heel|in de hele|du tout|at all|uit de kraan)|(?:stroom|elektriciteit|electricity|power) (?:\S+ ){0,2}(?:volledig |helemaal )?(?:uitgevallen|afgesloten|is uit|cut)|budgetmeter (?:\S+ ){0,3}(?:leeg|op nul)|(?:zit|zitten) (?:\S+ ){0,3}in het donker|bevroren",
        # one tap or socket without water or power is a repair, not a utility gone
        weak_if=r"\b(?:die|deze|een|1|the|that|one|ce|cette|un) (?:kraan|kraantje|tap|robinet|stopcontact|socket|prise)\b",
    ),
    _p(
        "stuck in the lift",
        r"vast in de lift|lift (?:\S+ ){0,6}(?:blijven (?:hangen|steken)|vast)|^(?=.*\blift)(?=.*\b(?:zit|zat|zitten)\b(?:\s+\S+){0,4}\s+vast\b)|(?:stuck|trapped) in (?:the )?(?:lift|elevator)|^(?=.*ascenseur)(?=.*(?:coince|bloque))",
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
    r"vorige (?:week|maand|keer|nacht|winter|zomer|herfst|lente|maandag|dinsdag|woensdag|"
    r"donderdag|vrijdag|zaterdag|zondag)|verleden (?:week|maand|jaar)|vorig (?:jaar|weekend)|"
    r"afgelopen (?:week|maand|winter|zomer|jaar|weekend)|\bgeleden\b|"
    r"last (?:week|month|year|night|winter|summer)|le mois (?:passe|dernier)|"
    r"la semaine (?:passee|derniere)|l'hiver dernier|l'annee (?:passee|derniere)|il y avait|"
    r"(?:c'|ce n')etait (?:rien|juste|seulement)|n'etait pas|\bannulee?s?\b|\breportee?s?\b|geannuleerd|"
    r"afgeblazen|(?:is|werd|al|alles) geblust|terug aangesloten|ni(?:ks|ets) gebeurd|"
    r"(?:vals|loos) alarm|false alarm|fausse alerte|turned out|it was (?:nothing|only|just)|"
    r"(?:that'?s|all) (?:sorted|fine now)|agreed a payment plan|"
    r"(?:geur|gasgeur|gaslucht|lucht|rook|smell|smoke|odeur|fumee) (?:\S+ ){0,2}(?:is|zijn|has|a) "
    r"(?:\S+ )?(?:weg|verdwenen|gone|disparu)|"
    r"l'an dernier|opgelost|terug in orde|alles is (?:terug |weer )?(?:in orde|rustig|veilig)|"
    r"is hersteld|hersteld|gedicht|nu (?:is )?(?:het )?rustig|is nu veilig|now it is quiet|"
    r"now quiet|c'est calme|sindsdien|"
    # "geen gasgeur meer" is over; "geen stroom/water/verwarming meer" is the danger itself
    r"geen (?!(?:stroom|elektriciteit|water|verwarming|chauffage|warmte|gas)\b)\S+ meer|"
    r"niet meer naar|uitgesteld|regeling|"
    r"was er\b|er was\b|there was|il y a eu|\bwas\b.*\bmaar\b|niks aan de hand|geen brand|"
    r"no fire|pas de feu|terug gezien|alles (?:is )?in orde|\btest\b|"
    r"(?:het|dat|die|dit) bleek\b|\bbleek (?:het|te|dat|gewoon|maar|een)\b"
)
# "What if", "in case of": not happening now.
HYPOTHETICAL = re.compile(
    r"\bals (?:er|ik|het) (?:\S+ ){0,2}ooit\b|stel dat|in geval van|mocht er ooit|moest er ooit|"
    r"in case of|in the event of|what if there|if there'?s ever|if ever|en cas d|si jamais|"
    r"au cas ou|\bbij (?:een )?brand\b|"
    # a question about what to do: not happening now
    r"wat (?:moet|moeten|kan|doe) (?:ik|we|je|men) (?:\S+ ){0,2}(?:doen )?(?:als|wanneer|indien)\b|"
    r"wat te doen (?:als|bij)\b|que (?:faire|dois-je faire|doit-on faire) (?:si|en cas|quand)\b|"
    r"what (?:do|should|can) (?:i|we|you) do (?:if|when|in case)\b|"
    r"who (?:do|should) (?:i|we) (?:call|contact|phone) (?:if|when|in case)\b"
)
# Doubt about the danger keeps it alive ("maar misschien is het niks").
HEDGE = re.compile(r"misschien|weet (?:\S+ )?niet of|peut-etre|je ne sais pas si|maybe|not sure")
# After "maar"/"but"/"mais": the danger of the clause before turned out to be nothing.
RESOLVED = re.compile(
    r"bleek|\bwas (?:gewoon|maar|enkel|alleen)|ni(?:ks|ets) aan de hand|(?:vals|loos) alarm|"
    r"false alarm|fausse alerte|etait rien|n'etait (?:rien|pas)|turned out|it was (?:the|only|just|"
    r"nothing)|was (?:just|only) |op reis|op vakantie|in het ziekenhuis|"
    r"bij (?:zijn|haar) (?:dochter|zoon|kinderen|familie|broer|zus|moeder|vader|vriend\w*)|"
    r"is (?:terug|weer) (?:thuis|gezien)|terug thuis|en vacances|a l'hopital|on holiday|is back|"
    r"opgelost|alles (?:is )?(?:terug )?in orde|geblust|uitgesteld|\bannulee?s?\b|\breportee?s?\b|"
    r"all fine|tout va bien|"
    r"werkt (?:\S+ )?(?:terug|weer)|works (?:again|fine)|fonctionne (?:a nouveau|de nouveau)|remarche"
)
# "… maar het is nog niet geblust": not resolved.
STILL = re.compile(r"\b(?:niet|nie|nog|not|still|pas|toujours|encore)\b")
CLAUSE_SPLIT = re.compile(r"([.!?;]+|\s+(?:maar|mais|but)\s+)")
TURN = frozenset({"maar", "mais", "but"})
THREAT_VERBS = re.compile(r"bedreig|dreig|threat|menace")
# Someone with a weapon who is walking or standing here is a danger now.
PRESENCE = re.compile(
    r"\b(?:loopt|lopen|rondloopt|rondlopen|staat|staan|zwaait|zwaaien|te zwaaien|walking|"
    r"standing|waving|running around|brandit|se promene)\b"
)


@dataclass(frozen=True)
class Hit:
    key: str
    strength: float
    cancelled: bool = False  # found, but the clause says it is over or in the past


def _clauses(text: str) -> list[tuple[str, str]]:
    """The clauses of ``text``, each with the clause after it when a "maar"/"but" turns."""
    parts = CLAUSE_SPLIT.split(text)
    clauses, separators = parts[0::2], parts[1::2]
    found = []
    for i, clause in enumerate(clauses):
        if not clause.strip():
            continue
        turns = i < len(separators) and separators[i].strip() in TURN
        found.append((clause, clauses[i + 1] if turns and i + 1 < len(clauses) else ""))
    return found or [(text, "")]


def _over(clause: str, following: str) -> bool:
    """The clause tells about the past, a danger that is over, or a hypothetical case."""
    if HEDGE.search(clause):
        return False
    if PAST.search(clause) or HYPOTHETICAL.search(clause):
        return True
    return bool(
        following
        and RESOLVED.search(following)
        and not HEDGE.search(following)
        and not STILL.search(following)
    )


def scan(text: str) -> list[Hit]:
    """Urgent patterns found in normalised ``text``, after negation and past-tense checks."""
    hits: list[Hit] = []
    for clause, following in _clauses(text):
        past = _over(clause, following)
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
                if (pattern.weak_if is not None and pattern.weak_if.search(clause)) or (
                    pattern.needs is not None and not pattern.needs.search(clause)
                ):
                    strength = min(strength, 0.4)
                if pattern.key in ("weapon", "violence") and not (
                    NOW_RE.search(clause)
                    or THREAT_VERBS.search(clause)
                    or "bloed" in clause
                    or (pattern.key == "weapon" and PRESENCE.search(clause))
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
