"""Writes Wijkpunt's own labelled training set for triage: ``data/train_generated.tsv``.

The set is generated from phrase banks per category (situations, places, times, openers,
closers) and then rewritten in the registers that real signals come in: a formal e-mail, a
quick phone message without punctuation, Flemish spoken language, Dutch as a second language,
a staff member's telegram-style note, typos. Some texts add a second, smaller theme; some are
negated or about the past. The hand-written examples are in ``data/train_handwritten.tsv``.
The held-out set (``data/heldout.tsv``) was written separately and is never used here.

Regenerate (deterministic)::

    python -m wijkpunt.triage.trainingset
"""

from __future__ import annotations

import random
import re
from functools import partial
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED = 20250611

SLOTS_NL = {
    "kamer": [
        "badkamer",
        "keuken",
        "slaapkamer",
        "living",
        "woonkamer",
        "toilet",
        "kelder",
        "berging",
        "gang",
        "zolder",
        "kinderkamer",
        "salon",
        "veranda",
        "inkomhal",
    ],
    "tijd": [
        "sinds gisteren",
        "al een week",
        "al drie dagen",
        "sinds vorige maand",
        "al weken",
        "vanochtend",
        "sinds het weekend",
        "al twee maanden",
        "telkens als het regent",
        "sinds maandag",
        "al een tijdje",
        "sinds de feestdagen",
        "opnieuw",
        "weer",
        "sinds een paar dagen",
        "nu al voor de derde keer",
    ],
    "buur": [
        "de buren",
        "mijn buurman",
        "de buurvrouw van hiernaast",
        "de mensen boven mij",
        "de bewoners van nummer {nr}",
        "de nieuwe huurders op de {verd} verdieping",
        "de jongeman van de {verd}",
        "de familie onder ons",
        "de overburen",
        "de bewoner van appartement {nr}",
    ],
    "verd": ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "gelijkvloers"],
    "gebouw": ["ons gebouw", "de blok", "onze blok", "het gebouw", "de residentie", "blok {L}"],
    "L": list("ABCDEFG"),
    "nr": [str(i) for i in range(1, 80)],
    "naam": [
        "Peeters",
        "Janssens",
        "Maes",
        "Yilmaz",
        "El Amrani",
        "De Smet",
        "Vermeulen",
        "Diallo",
        "Kowalski",
        "Nguyen",
        "Claeys",
        "Vandenberghe",
        "Bulut",
        "Mertens",
        "Popescu",
        "Benali",
        "Declercq",
        "Van Damme",
    ],
    "bedrag": ["120", "250", "480", "75", "1.200", "900", "340", "2.000", "60", "615"],
    "maand": ["januari", "februari", "maart", "april", "mei", "juni", "september", "oktober"],
    "kind": ["mijn baby", "mijn zoontje van 2", "mijn dochter", "de kinderen", "mijn kleinkind"],
    "oud": [
        "de oude man van nummer {nr}",
        "mevrouw {naam}",
        "meneer {naam}",
        "de oude vrouw",
        "onze buurvrouw van 85",
        "de oude meneer op de {verd}",
        "mijn buurman die alleen woont",
        "het oude madammeke van hiernaast",
    ],
}

# --- Dutch phrase banks per category: (text, urgent) -------------------------------------

NL: dict[str, list[tuple[str, bool]]] = {
    "herstelling": [
        ("de kraan in de {kamer} lekt {tijd}", False),
        ("er druppelt water van het plafond in de {kamer}", False),
        ("er is een lek in de {kamer}, er staat water op de vloer", False),
        ("de verwarming werkt niet {tijd}", False),
        ("de radiatoren in de {kamer} blijven koud", False),
        ("de ketel valt telkens uit en we hebben geen warm water", False),
        ("er is geen warm water meer {tijd}", False),
        ("er zit schimmel op de muren van de {kamer} door vocht", False),
        ("de muur in de {kamer} is nat en er komt zwarte schimmel", False),
        ("het stopcontact in de {kamer} werkt niet meer", False),
        ("de zekering springt telkens als ik de wasmachine aanzet", False),
        ("het slot van mijn voordeur is kapot, de sleutel draait niet", False),
        ("het raam van de {kamer} gaat niet meer dicht", False),
        ("de lift staat {tijd} stil", False),
        ("de lift is weer kapot en ik woon op de {verd}", False),
        ("de afvoer van de douche is verstopt", False),
        ("het toilet blijft doorlopen", False),
        ("de wc spoelt niet meer door", False),
        ("het dak lekt {tijd}", False),
        ("de bel en de parlofoon doen het niet", False),
        ("het rolluik in de {kamer} is kapot en blijft half hangen", False),
        ("de thermostaat reageert niet meer", False),
        ("de ventilatie in de badkamer maakt veel lawaai en zuigt niet", False),
        ("er komen tegels los in de {kamer}", False),
        ("een kastdeur in de keuken is uit de scharnieren gevallen", False),
        ("het lampje in de {kamer} flikkert en er ruikt iets verbrand aan het stopcontact", True),
        ("er is condensatie aan de ramen en vochtplekken op het plafond", False),
        ("de gootsteen loopt niet meer weg", False),
        ("het ruikt naar riool in de {kamer}", False),
        ("de rookmelder piept, ik denk dat de batterij leeg is", False),
        ("de brievenbus is kapot", False),
        ("de deur van de {kamer} klemt", False),
        ("de dakgoot is verstopt en het water loopt langs de gevel", False),
        ("het licht in de traphal is kapot", False),
        ("de boiler lekt", False),
        ("de ruit van de {kamer} is gebarsten", False),
        ("de waterdruk is heel laag", False),
        ("de buizen zijn bevroren, er komt geen water uit de kraan", True),
        ("we hebben helemaal geen stroom meer in heel de woning", True),
        ("geen verwarming en het vriest, {kind} is ziek en het is hier 12 graden", True),
        (
            "de verwarming is uitgevallen en mijn moeder van 90 zit in de kou, het vriest buiten",
            True,
        ),
        ("iemand zit vast in de lift", True),
        ("er spuit water uit een leiding en het loopt naar het stopcontact", True),
        ("de verwarming werkt terug, bedankt voor de snelle herstelling", False),
        ("er is geen lek meer maar de vochtplek op het plafond moet nog geschilderd worden", False),
        ("de lekkende kraan is nog altijd niet gemaakt", False),
        ("wanneer komt de technieker voor de herstelling van de deur", False),
        ("de nieuwe keukenkraan wiebelt", False),
        ("de douchekop is kapot", False),
        ("de gevel heeft barsten en er komt water binnen", False),
        ("de schoorsteen van de ketel is beschadigd", False),
        ("de verwarming maakt een raar geluid", False),
        ("de vloer in de {kamer} komt omhoog", False),
    ],
    "huur-en-betaling": [
        ("ik begrijp mijn huurprijs niet, waarom is die gestegen", False),
        ("mijn huur is verhoogd met {bedrag} euro", False),
        ("ik heb een achterstand van {bedrag} euro huur", False),
        ("kan ik een afbetalingsplan krijgen voor de huurachterstand", False),
        ("ik kan deze maand de huur niet op tijd betalen", False),
        ("ik heb een aanmaning gekregen voor de huur van {maand}", False),
        ("wanneer krijg ik mijn huurwaarborg terug", False),
        ("de afrekening van de huurlasten klopt niet", False),
        ("waarom moet ik {bedrag} euro bijbetalen voor de lasten", False),
        ("ik heb de huur twee keer betaald in {maand}", False),
        ("ik wil de huur via domiciliëring betalen", False),
        ("wat is het rekeningnummer om de huur te storten", False),
        ("mijn inkomen is gedaald, kan de huurprijs herberekend worden", False),
        ("ik kreeg een brief over de jaarlijkse huuraanpassing", False),
        ("de provisie voor de kosten is te hoog", False),
        ("ik wil mijn huurachterstand in schijven betalen", False),
        ("de betaling van {maand} staat niet op mijn rekening bij jullie", False),
        ("de huur is te duur voor mij sinds mijn pensioen", False),
        ("kan ik de huur later in de maand betalen als mijn leefloon binnen is", False),
        ("ik kreeg een herinnering maar ik heb al betaald", False),
        ("hoeveel bedraagt de waarborg voor een appartement", False),
        ("de verbruikskosten voor water in de afrekening zijn veel te hoog", False),
        ("ik wil een kopie van mijn betalingsoverzicht van dit jaar", False),
        ("mijn huurpremie is gestopt, wat moet ik doen", False),
        ("er is een fout in de berekening van mijn huur", False),
        ("ik heb een vraag over de kosten voor de poetsdienst in de afrekening", False),
        ("ik betaal te veel huur volgens mij", False),
        ("de huur is niet meer gedomicilieerd door mijn bank", False),
        ("jullie dreigen met een procedure bij de vrederechter voor de huurachterstand", False),
        ("de lastenafrekening van vorig jaar heb ik nooit gekregen", False),
    ],
    "overlast": [
        ("{buur} maken elke nacht lawaai met harde muziek", False),
        ("{buur} geven {tijd} feestjes tot 4 uur 's nachts", False),
        ("{buur} roepen en schreeuwen de hele dag", False),
        ("de hond van {buur} blaft de hele dag", False),
        ("{buur} boren en kloppen op de muur 's avonds laat", False),
        ("het ruikt naar wiet in de gang, {buur} roken dat de hele tijd", False),
        ("{buur} roken op het balkon en de rook komt in mijn slaapkamer", False),
        ("{buur} voeren de duiven en alles ligt vol uitwerpselen", False),
        ("ik heb ruzie met {buur} over de parkeerplaats", False),
        ("{buur} schelden mij uit als ik voorbij kom", False),
        ("{buur} hebben mij vorige week bedreigd", False),
        ("de kinderen van {buur} voetballen tegen mijn gevel", False),
        ("{buur} stampen de hele avond, ik kan niet slapen", False),
        ("er hangt een vieze geur uit het appartement van {buur}", False),
        ("de kat van {buur} doet haar behoefte in mijn tuintje", False),
        ("{buur} gooien sigarettenpeuken van het balkon op mijn terras", False),
        ("{buur} laten de wasmachine om middernacht draaien", False),
        ("er is al maanden een burenruzie op onze verdieping", False),
        ("ik ben het lawaai van {buur} beu", False),
        ("{buur} klagen altijd over mijn kinderen, kan er iemand bemiddelen", False),
        ("{buur} zijn agressief en dreigen met slaan", False),
        ("{buur} zijn nu aan het vechten in de gang, er wordt geroepen", True),
        ("{buur} staat aan mijn deur te bonken en roept dat hij mij gaat vermoorden", True),
        ("{buur} bedreigt mij nu met een mes", True),
        ("vorige maand was er een vechtpartij tussen {buur}, nu is het rustig", False),
        ("er is geen lawaai meer sinds het gesprek met de buurtwerker, bedankt", False),
        ("de tv van {buur} staat keihard", False),
        ("{buur} hebben een papegaai die de hele dag krijst", False),
        ("{buur} zetten hun vuilzakken voor mijn deur", False),
        ("{buur} maken ruzie met elkaar en ik hoor alles door de muur", False),
        ("ik durf niet meer buiten door de pesterijen van {buur}", False),
        ("{buur} spelen elke avond met hun motor op de parking", False),
    ],
    "gemeenschappelijke-delen": [
        ("de traphal is heel vuil {tijd}", False),
        ("er ligt afval in de gang van {gebouw}", False),
        ("de containers in het vuilnislokaal zijn overvol", False),
        ("er staat grof vuil in de fietsenberging", False),
        ("de gemeenschappelijke tuin wordt niet onderhouden, het gras is veel te hoog", False),
        ("er staan fietsen en kinderwagens in de inkomhal", False),
        ("de poetsfirma is {tijd} niet meer komen poetsen", False),
        ("het stinkt in het vuilnislokaal", False),
        ("er liggen duivenuitwerpselen in de traphal", False),
        ("kan ik de ontmoetingsruimte huren voor een verjaardag", False),
        ("wie moet de gang poetsen, er is geen poetsrooster", False),
        ("in de kelderberging staan spullen van iemand die verhuisd is", False),
        ("de sleutel van de fietsenstalling is kwijt", False),
        ("de speeltuin van {gebouw} ligt vol glas en blikjes", False),
        ("er wordt in de lift geplast", False),
        ("de wasruimte is altijd bezet door dezelfde mensen", False),
        ("de hagen in de gemeenschappelijke tuin moeten gesnoeid worden", False),
        ("het sorteren van het afval gebeurt niet, alles ligt door elkaar", False),
        ("iemand heeft een oude zetel in de gang gezet", False),
        ("de bewoners laten hun schoenen en rommel op de overloop staan", False),
        ("er zijn muizen in de kelder bij de vuilbakken", False),
        ("de brievenbussen in de inkom hangen vol reclame en papier op de grond", False),
        ("de parking achter {gebouw} ligt vol zwerfvuil", False),
        ("wanneer worden de ramen van de traphal gewassen", False),
        ("mogen we een bankje in de gemeenschappelijke tuin zetten", False),
        ("er hangen graffiti in de fietsenberging", False),
        ("de gangen worden niet meer gedweild", False),
        ("er staan vuilzakken in de traphal die stinken", False),
        ("de afspraken over de tuin worden niet gevolgd", False),
        ("de zaal beneden is vuil achtergelaten na het feest", False),
    ],
    "welzijn-en-zorg": [
        ("ik voel mij heel eenzaam, ik zie niemand", False),
        ("{oud} komt bijna niet meer buiten en lijkt in de war", False),
        ("ik maak mij zorgen over {oud}, ze eet niet goed meer", False),
        ("{oud} heb ik al dagen niet gezien, de brievenbus puilt uit", True),
        ("{oud} is al vier dagen niet meer buiten geweest en doet niet open", True),
        ("ik hoor {oud} roepen, ze is gevallen en kan niet recht", True),
        ("{oud} ligt op de grond in de gang en reageert niet", True),
        ("ik wil niet meer leven, ik zie het niet meer zitten", True),
        ("mijn buurman zegt dat hij een einde aan zijn leven wil maken", True),
        ("ik denk aan zelfmoord", True),
        ("mijn moeder heeft hulp nodig bij het wassen en aankleden", False),
        ("ik kan het huishouden niet meer alleen aan sinds mijn operatie", False),
        ("ik zou graag gezinszorg of poetshulp aanvragen", False),
        ("mijn buurman drinkt veel en verwaarloost zichzelf", False),
        ("ik ben depressief en heb nood aan een gesprek", False),
        ("mijn man heeft dementie en loopt soms weg", False),
        ("ik heb hulp nodig om naar de dokter te gaan", False),
        ("ik kom net uit het ziekenhuis en woon alleen", False),
        ("ik zoek iemand die mij kan helpen met warme maaltijden", False),
        ("{oud} vergeet het gas af te zetten en is vergeetachtig", False),
        ("mijn zoon is verslaafd aan drugs en ik weet niet meer wat te doen", False),
        ("ik ben heel moe en kan niet meer voor mijn kinderen zorgen", False),
        ("ik maak mij zorgen over het kindje van {buur}, het huilt altijd en is alleen", False),
        ("ik heb psychische problemen en zoek begeleiding", False),
        ("{oud} zit de hele dag alleen, kan er eens iemand op bezoek gaan", False),
        ("ik zag {oud} vorige week vallen maar ze is nu terug thuis en het gaat", False),
        ("ik heb {oud} terug gezien, alles is in orde", False),
        ("ik heb een personenalarm nodig want ik val soms", False),
        ("ik heb geen familie meer en voel mij verloren", False),
        ("mijn buurvrouw heeft een rolstoel nodig en geraakt niet meer buiten", False),
        ("mijn vrouw is ziek en ik heb hulp nodig voor de thuisverpleging", False),
        ("de buurman heeft zich opgesloten en zegt dat hij pillen gaat nemen om te sterven", True),
    ],
    "financiele-zorgen": [
        ("ik heb schulden en geraak er niet meer uit", False),
        ("mijn energiefactuur is veel te hoog, ik kan die niet betalen", False),
        ("de waterfactuur van {bedrag} euro kan ik niet betalen", False),
        ("er is een deurwaarder langs geweest", False),
        ("de deurwaarder heeft een brief gestuurd voor beslag", False),
        ("ik heb geen geld meer voor eten deze maand", False),
        ("kan ik hulp krijgen van de voedselbank", False),
        ("ik zou budgetbegeleiding willen", False),
        ("ik zit in collectieve schuldenregeling en heb een vraag", False),
        ("ik heb een lening en kan de afbetalingen niet meer volgen", False),
        ("de ziekenhuisfactuur van mijn zoon is te hoog voor mij", False),
        ("mijn budgetmeter is leeg en ik heb geen geld om op te laden, nu geen stroom", True),
        ("Fluvius komt morgen de elektriciteit afsluiten", True),
        ("het water wordt deze week afgesloten omdat ik niet betaald heb", True),
        ("ik kreeg een brief dat gas en stroom volgende week worden afgesloten", True),
        ("mijn gas is afgesloten en ik heb kleine kinderen, het is koud", True),
        ("ik heb een afbetalingsplan met de energieleverancier nodig", False),
        ("ik heb facturen van de schoolrekening die ik niet kan betalen", False),
        ("ik heb een aanmaning van de elektriciteitsleverancier", False),
        ("kan het OCMW helpen met mijn openstaande facturen", False),
        ("mijn uitkering is gestopt en ik heb geen inkomen meer", False),
        ("ik heb recht op een sociaal tarief voor energie maar krijg het niet", False),
        ("het incassobureau belt mij elke dag", False),
        ("ik heb een voorschot van mijn leefloon nodig", False),
        ("ik kan de apotheek niet meer betalen", False),
        ("ik heb een vraag over mijn leefloon", False),
        ("mijn stookoliefactuur is onbetaalbaar", False),
        ("ik heb mijn schulden afbetaald, de budgetbegeleiding mag stoppen", False),
        ("de afsluiting van het water is uitgesteld, ik heb een regeling", False),
        ("ik heb mijn gsm-rekening niet kunnen betalen en ze dreigen met een deurwaarder", False),
    ],
    "woonsituatie": [
        ("onze woning is te klein, we zijn met zes in een appartement met twee slaapkamers", False),
        ("ik woon alleen in een huis met drie slaapkamers, het is te groot voor mij", False),
        ("ik kan de trappen niet meer op, ik heb een aangepaste woning nodig", False),
        ("ik zou graag verhuizen naar een andere woning", False),
        ("ik wil een mutatie aanvragen naar een appartement met lift", False),
        ("ik zit in een rolstoel en de woning is niet aangepast", False),
        ("het appartement van {buur} is helemaal verwaarloosd en vol rommel", False),
        ("{oud} verzamelt alles, de woning staat vol tot aan het plafond", False),
        ("mijn woning is niet meer geschikt sinds mijn knieoperatie", False),
        ("we krijgen een baby en hebben een extra slaapkamer nodig", False),
        ("de kinderen zijn het huis uit, ik wil iets kleiners", False),
        ("ik wil ruilen van woning met iemand uit een andere wijk", False),
        ("de woning van {buur} ziet er vuil en verwaarloosd uit, er komen kakkerlakken uit", False),
        ("ik heb een beugel en een douchestoel nodig in de badkamer om veilig te wonen", False),
        ("ik wil dichter bij mijn dochter wonen, kan ik verhuizen", False),
        ("we slapen met vier in één kamer", False),
        ("ik wil een woning op het gelijkvloers door mijn gezondheid", False),
        ("hoe lang duurt een interne verhuis", False),
        ("mijn kinderen moeten in de living slapen want er is geen plaats", False),
        ("de woning is te duur om te verwarmen en veel te groot", False),
        ("{buur} houdt tientallen katten in het appartement en het is onbewoonbaar", False),
        ("ik zoek een woning zonder trappen voor mijn man met parkinson", False),
        ("ik ben gescheiden en wil een kleinere woning", False),
        ("de woning van mijn vader is een stort geworden, hij laat niemand binnen", False),
        ("ik heb mijn aanvraag voor een grotere woning ingediend, hoe ver staat die", False),
    ],
    "veiligheid": [
        ("ik ruik gas in de {kamer}", True),
        ("er hangt een sterke gasgeur in de traphal", True),
        ("het ruikt naar gas bij de meters in de kelder", True),
        ("er is brand in het appartement van {buur}", True),
        ("er komt rook uit de kelder", True),
        ("er hangt rook in de gang en het brandalarm gaat af", True),
        ("er staat een vuilbak in brand voor {gebouw}", True),
        ("mijn man slaat mij en ik ben bang", True),
        ("er wordt nu gevochten op de parking met messen", True),
        ("iemand probeert nu mijn deur open te breken", True),
        ("er staat een man met een wapen in de inkomhal", True),
        ("er is ingebroken in mijn berging", False),
        ("er is {tijd} ingebroken in de kelderbergingen van {gebouw}", False),
        ("de voordeur van het gebouw sluit niet meer, iedereen kan binnen", False),
        ("de inkomdeur van {gebouw} staat altijd open", False),
        ("er wordt gedeald in de traphal", False),
        ("er hangen vreemde jongeren rond in de kelder en ze gebruiken drugs", False),
        ("er staan spullen voor de elektriciteitskast, dat is brandgevaarlijk", False),
        ("de buren stapelen gasflessen op hun balkon", False),
        ("de verlichting op de parking is kapot, het is er heel donker en onveilig", False),
        ("mijn auto is opengebroken op de parking van {gebouw}", False),
        ("er was vorige week een kleine brand in de vuilnisruimte, alles is terug in orde", False),
        ("de brandblusser in de gang is weg", False),
        ("de nooduitgang is geblokkeerd met fietsen", False),
        ("iemand heeft de brandwerende deur opengezet met een blok", False),
        ("de camera aan de inkom werkt niet", False),
        ("ik voel mij niet veilig in {gebouw} 's avonds", False),
        ("er is geen gasgeur meer, de technieker heeft het lek gedicht", False),
        ("de rookmelder in de gang piept af en toe", False),
        ("er wordt vuurwerk afgestoken in de traphal", False),
        ("iemand heeft geprobeerd in te breken in mijn appartement terwijl ik weg was", False),
        ("de brandtrap is roestig en er ontbreken treden", False),
        ("er liggen spuiten in de speeltuin", False),
        ("mijn ex-partner staat aan de deur en dreigt mij iets aan te doen", True),
        ("het stopcontact smelt en er komen vonken uit", True),
        (
            "een kind is op de vensterbank van de vierde verdieping geklommen, het raam staat open",
            True,
        ),
    ],
    "samenleven": [
        ("ik heb een idee voor een buurtfeest in de zomer", False),
        ("ik wil graag vrijwilliger worden bij het buurtwerk", False),
        ("kunnen we een moestuin maken in de gemeenschappelijke tuin", False),
        ("dank u voor de hulp van de buurtwerker, het was heel fijn", False),
        ("proficiat voor de nieuwe speeltuin, de kinderen zijn blij", False),
        ("ik wil de nieuwe buren beter leren kennen", False),
        ("kan ik meedoen met het bewonerscomité", False),
        ("ik wil graag een taalcafé starten voor de buren", False),
        ("wanneer is de volgende bewonersvergadering", False),
        ("we willen een kookactiviteit organiseren met de buren", False),
        ("ik zou graag helpen bij de buurtbarbecue", False),
        ("kunnen we een activiteit voor de kinderen doen in de vakantie", False),
        ("bedankt aan de technieker, hij was heel vriendelijk", False),
        ("ik heb een compliment voor de poetsploeg", False),
        ("ik wil een ruilkast voor boeken in de inkomhal zetten", False),
        ("ik ben nieuw in de wijk en zou graag mensen leren kennen", False),
        ("hoe kan ik mij inschrijven voor de dag van de buren", False),
        ("ik kan goed naaien en wil dat leren aan de buren", False),
        ("mogen wij een petanquebaan aanleggen", False),
        ("het nieuwjaarsdrink was een succes, doe zo voort", False),
        ("ik stel voor om samen de tuin op te ruimen op zaterdag", False),
        ("kan de buurtwerker helpen om een repaircafé te starten", False),
        ("de oudere buren zouden graag een koffienamiddag hebben", False),
        ("ik wil mijn ervaring delen in de bewonersbevraging", False),
        ("ik wil graag helpen met huiswerkbegeleiding voor de kinderen in de wijk", False),
        ("wij willen een wandelgroep starten met buren", False),
    ],
    "administratie": [
        ("mijn partner komt bij mij wonen, wat moet ik doen", False),
        ("mijn zoon is verhuisd, hij moet uit de gezinssamenstelling", False),
        ("ik wil mijn huurcontract opzeggen", False),
        ("ik heb een attest van huur nodig voor het OCMW", False),
        ("ik heb een kopie van mijn huurcontract nodig", False),
        ("hoe lang sta ik nog op de wachtlijst voor een sociale woning", False),
        ("ik wil mij inschrijven voor een sociale woning", False),
        ("mijn man is overleden, het contract moet op mijn naam", False),
        ("ik heb een nieuw telefoonnummer en e-mailadres", False),
        ("mag ik een hond houden volgens het huisreglement", False),
        ("ik heb mijn inkomensgegevens nog niet kunnen bezorgen", False),
        ("welke documenten moet ik binnenbrengen voor de jaarlijkse huurherziening", False),
        ("er is een baby geboren, wie moet ik verwittigen", False),
        ("ik wil mijn inschrijving op de wachtlijst actualiseren", False),
        ("ik heb een brief gekregen dat ik mijn documenten moet bezorgen", False),
        ("mijn kleinzoon wil tijdelijk bij mij inwonen, mag dat", False),
        ("wat staat er in het huisreglement over barbecueën op het balkon", False),
        ("ik wil een afspraak maken op kantoor om mijn dossier te bespreken", False),
        ("hoe verloopt de plaatsbeschrijving als ik vertrek", False),
        ("mijn domicilie staat nog op het oude adres", False),
        ("ik heb mijn identiteitskaart verlengd, moet ik die doorsturen", False),
        ("kan ik een schotelantenne plaatsen, wat zegt het reglement", False),
        ("ik wil het contract op naam van mijn dochter zetten", False),
        ("ik ben getrouwd, mijn vrouw moet mee op het contract", False),
        ("waar vind ik het formulier voor de gezinswijziging", False),
        ("ik wil mijn proefperiode bespreken", False),
        ("ik heb de brief over de taalbereidheid niet begrepen", False),
        ("ik ga naar een woonzorgcentrum, hoe zeg ik de huur op", False),
    ],
}

# Short staff notes (telegram style) per category.
NOTES_NL: dict[str, list[tuple[str, bool]]] = {
    "herstelling": [
        ("schimmel slaapkamer, vraagt herstelling", False),
        ("lek plafond badkamer", False),
        ("cv-ketel defect, geen warm water", False),
        ("voordeurslot defect", False),
        ("lift buiten dienst", False),
        ("afvoer keuken verstopt", False),
        ("rolluik living kapot", False),
        ("vochtprobleem kinderkamer, ventilatie werkt niet", False),
        ("stopcontact keuken zonder stroom", False),
        ("geen verwarming, baby in huis, vriesweer", True),
        ("volledige stroomuitval woning", True),
    ],
    "huur-en-betaling": [
        ("huurachterstand 2 maanden, vraagt afbetalingsplan", False),
        ("vraag ivm huurprijsberekening", False),
        ("betwist afrekening lasten", False),
        ("vraagt terugbetaling waarborg", False),
        ("dubbele betaling huur", False),
        ("aanmaning huur ontvangen", False),
    ],
    "overlast": [
        ("klacht geluidsoverlast buren 's nachts", False),
        ("conflict met bovenburen", False),
        ("blaffende hond buren", False),
        ("geurhinder cannabis gang", False),
        ("verbale agressie buurman, vraagt bemiddeling", False),
        ("buurman bedreigt bewoner nu met mes, politie gebeld", True),
    ],
    "gemeenschappelijke-delen": [
        ("traphal vervuild", False),
        ("grofvuil in fietsenberging", False),
        ("containers overvol", False),
        ("tuin niet onderhouden", False),
        ("reservatie ontmoetingsruimte", False),
        ("kinderwagens in inkom", False),
    ],
    "welzijn-en-zorg": [
        ("alleenstaande bewoner, vereenzaming", False),
        ("vermoeden verwaarlozing zelfzorg", False),
        ("vraagt thuiszorg na ziekenhuisopname", False),
        ("buurvrouw al dagen niet gezien, brievenbus vol", True),
        ("bewoner gevallen, kan niet recht", True),
        ("uit suïcidale gedachten", True),
        ("alcoholprobleem, staat open voor hulp", False),
    ],
    "financiele-zorgen": [
        ("schulden, vraagt budgetbegeleiding", False),
        ("hoge energiefactuur", False),
        ("deurwaarder aan de deur geweest", False),
        ("geen geld voor voeding, doorverwijzing voedselbank", False),
        ("afsluiting elektriciteit gepland morgen", True),
        ("budgetmeter leeg, geen stroom", True),
    ],
    "woonsituatie": [
        ("overbewoning, 5 personen in 1-slaapkamerwoning", False),
        ("vraagt mutatie naar gelijkvloers", False),
        ("woning te groot na vertrek kinderen", False),
        ("vermoeden verzamelwoede, woning vol", False),
        ("woning niet aangepast aan rolstoel", False),
    ],
    "veiligheid": [
        ("gasgeur traphal", True),
        ("rookontwikkeling kelder", True),
        ("inbraak berging", False),
        ("inkomdeur sluit niet", False),
        ("drugsdealing in traphal", False),
        ("partnergeweld, slachtoffer nu in gevaar", True),
        ("brandgevaar: spullen voor meterkast", False),
    ],
    "samenleven": [
        ("idee buurtfeest", False),
        ("wil vrijwilliger worden", False),
        ("compliment voor buurtwerk", False),
        ("voorstel moestuin", False),
        ("interesse bewonerscomité", False),
    ],
    "administratie": [
        ("gezinswijziging: partner komt inwonen", False),
        ("opzeg huurcontract", False),
        ("vraagt attest huur", False),
        ("vraag stand wachtlijst", False),
        ("overlijden huurder, contract overzetten", False),
        ("adreswijziging / nieuw gsm-nummer", False),
    ],
}

OPENERS_NL = [
    "",
    "",
    "",
    "",
    "Goeiedag, ",
    "Hallo, ",
    "Beste, ",
    "Dag mevrouw, ",
    "Dag meneer, ",
    "Hey ",
    "Goedemiddag, ",
    "Geachte, ",
    "Beste woonconsulent, ",
    "Ik wil iets melden: ",
    "Ik heb een probleem: ",
    "Sorry dat ik stoor maar ",
    "Goeiemorgen, ",
    "Dag, ",
    "Ik bel voor het volgende: ",
    "Hallo ik ben {naam} van nummer {nr}, ",
    "Beste mensen, ",
    "Dag, ik woon in {gebouw}. ",
]
CLOSERS_NL = [
    "",
    "",
    "",
    ".",
    ". Kan er iemand komen kijken?",
    ". Wat moet ik doen?",
    ". Graag een reactie.",
    ". Alvast bedankt.",
    ". Mvg {naam}",
    ". Groetjes",
    ". Bedankt",
    ". Kunt u mij terugbellen?",
    ". Ik ben thuis na 14u.",
    "!!",
    ". Dringend aub!",
    ". Het is echt dringend.",
    ". Ik wacht op uw antwoord.",
    ". Met vriendelijke groeten, {naam}",
    ". Dank u wel",
    "?",
    ". Help mij aub",
]
PRE_NOTES = [
    "HB bij bewoner: ",
    "Tel. dhr. {naam}: ",
    "Tel. mevr. {naam}: ",
    "Huisbezoek: ",
    "Onthaal: ",
    "Melding via buurtwerker: ",
    "Bew. meldt ",
    "Nota: ",
    "Mail bewoner: ",
    "Loket: ",
    "Via buurvrouw: ",
    "Zitdag: ",
    "Signaal wijkagent: ",
]
POST_NOTES = ["", "", "", ". Opvolgen.", ". Terugbellen.", ". Bew. vraagt actie.", ". tbc", ""]

SECOND_THEMES_NL = [
    "en de lift is ook weer kapot",
    "en de gang is weer vuil",
    "ook de buren maken veel lawaai",
    "en ik heb ook een vraag over mijn huur",
    "ik ben ook heel moe van alles",
    "en de inkomdeur staat ook altijd open",
    "ik wil ook graag eens helpen bij een activiteit",
    "en mijn zoon gaat binnenkort verhuizen",
    "ook de rekeningen stapelen zich op",
]

# Flemish and spoken-language substitutions (applied word by word).
FLEMISH = {
    "niet": ["nie", "niet"],
    "wat": ["wa"],
    "dat": ["da"],
    "het is": ["'t is", "tis"],
    "een": ["ne", "nen", "een", "e"],
    "woonkamer": ["living"],
    "ik heb": ["'k heb", "ik heb"],
    "ik ben": ["'k ben", "kben"],
    "vervelend": ["ambetant"],
    "heel": ["zeer", "echt", "heel"],
    "kapot": ["kapot", "stuk", "naar de vaantjes"],
    "gek": ["zot"],
    "brandweer": ["pompiers"],
    "dat is": ["da's"],
    "iemand": ["ne mens", "iemand"],
    "nu": ["nu", "nu direct"],
    "kinderen": ["kinders", "gasten", "kinderen"],
    "veel": ["veel", "vree veel"],
    "mijn": ["mijn", "mij", "men"],
    "slaapkamer": ["slaapkamer", "kamer"],
    "zijn": ["zijn", "zijn"],
    "helemaal": ["heel", "helemaal"],
    "vuil": ["vuil", "vies", "smerig"],
}

TYPO_P = 0.03


def _fill(text: str, rnd: random.Random, slots: dict) -> str:
    for _ in range(4):
        if "{" not in text:
            break
        text = re.sub(r"\{(\w+)\}", lambda m: rnd.choice(slots[m.group(1)]), text)
    return text


def _typos(text: str, rnd: random.Random, p: float = TYPO_P) -> str:
    chars = list(text)
    out = []
    i = 0
    while i < len(chars):
        c = chars[i]
        r = rnd.random()
        if c.isalpha() and r < p / 3:
            pass  # dropped letter
        elif c.isalpha() and r < 2 * p / 3 and i + 1 < len(chars):
            out.extend([chars[i + 1], c])
            i += 1
        elif c.isalpha() and r < p:
            out.extend([c, c])
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _flemish(text: str, rnd: random.Random) -> str:
    for src, choices in FLEMISH.items():
        if rnd.random() < 0.7:
            text = re.sub(rf"\b{re.escape(src)}\b", partial(_one_of, rnd, choices), text)
    return text


def _one_of(rnd: random.Random, choices: list[str], _match: re.Match[str]) -> str:
    return rnd.choice(choices)


def _broken(text: str, rnd: random.Random) -> str:
    """Dutch as a second language: articles dropped, simple verbs, no punctuation."""
    text = re.sub(r"\b(de|het|een)\b ", lambda m: "" if rnd.random() < 0.6 else m.group(0), text)
    text = text.replace("ik heb", rnd.choice(["ik hebben", "ik heb", "mij heb"]))
    text = text.replace("werkt niet", rnd.choice(["niet werken", "werkt niet", "niet goed"]))
    text = text.replace("mijn ", rnd.choice(["mijn ", "mij ", "min "]))
    return re.sub(r"[,.!?]", "", text)


def render(core: str, rnd: random.Random) -> str:
    style = rnd.random()
    text = core
    if rnd.random() < 0.12:
        text = f"{text}, {rnd.choice(SECOND_THEMES_NL)}"
    if style < 0.30:  # written message or e-mail
        text = _fill(rnd.choice(OPENERS_NL), rnd, SLOTS_NL) + text
        text = text[0].upper() + text[1:] + _fill(rnd.choice(CLOSERS_NL), rnd, SLOTS_NL)
    elif style < 0.50:  # quick phone message
        text = text + _fill(rnd.choice(CLOSERS_NL), rnd, SLOTS_NL)
        text = re.sub(r"[,.]", "", text).lower()
    elif style < 0.68:  # Flemish spoken language
        text = _flemish(_fill(rnd.choice(OPENERS_NL), rnd, SLOTS_NL) + text, rnd)
        text = text + rnd.choice(["", " he", " zenne", ", echt ambetant", " allez", "..."])
    elif style < 0.80:  # second-language Dutch
        text = _broken(text, rnd) + rnd.choice(
            ["", " help", " aub", " dank u", " sorry mijn nederlands"]
        )
    else:  # plain
        text = text[0].upper() + text[1:] + rnd.choice([".", "", "!", "."])
    if rnd.random() < 0.35:
        text = _typos(text, rnd)
    if rnd.random() < 0.06:
        text = text.upper()
    return re.sub(r"\s+", " ", text).strip()


def render_note(note: str, rnd: random.Random) -> str:
    pre = _fill(rnd.choice(PRE_NOTES), rnd, SLOTS_NL)
    post = rnd.choice(POST_NOTES)
    return re.sub(r"\s+", " ", f"{pre}{note}{post}").strip()


# --- French and English ------------------------------------------------------------------

FR: dict[str, list[tuple[str, bool]]] = {
    "herstelling": [
        ("le robinet de la cuisine fuit depuis une semaine", False),
        ("le chauffage ne fonctionne plus", False),
        ("il y a de la moisissure dans la chambre", False),
        ("l'ascenseur est en panne", False),
        ("la serrure de ma porte est cassée", False),
        ("la toilette est bouchée", False),
        ("il y a une fuite d'eau au plafond de la salle de bain", False),
        ("pas d'eau chaude depuis hier", False),
        ("pas de chauffage et il gèle, j'ai un bébé de 3 mois", True),
        ("plus d'électricité du tout dans l'appartement", True),
        ("le volet de la chambre est bloqué", False),
    ],
    "huur-en-betaling": [
        ("je ne comprends pas le montant de mon loyer", False),
        ("j'ai un retard de loyer, puis-je avoir un plan de paiement", False),
        ("quand vais-je récupérer ma garantie locative", False),
        ("le décompte des charges est trop élevé", False),
        ("j'ai payé le loyer deux fois ce mois", False),
        ("mon loyer a augmenté sans explication", False),
    ],
    "overlast": [
        ("les voisins font du bruit toute la nuit", False),
        ("le chien du voisin aboie toute la journée", False),
        ("mon voisin m'insulte tout le temps", False),
        ("les voisins fument du cannabis dans le couloir", False),
        ("le voisin me menace avec un couteau maintenant", True),
        ("il y a une bagarre entre voisins dans l'escalier en ce moment", True),
        ("le mois passé il y a eu une dispute avec le voisin, c'est calme maintenant", False),
    ],
    "gemeenschappelijke-delen": [
        ("la cage d'escalier est très sale", False),
        ("les poubelles débordent dans le local", False),
        ("il y a des encombrants dans le local vélos", False),
        ("le jardin commun n'est pas entretenu", False),
        ("je voudrais réserver la salle commune", False),
        ("des poussettes bloquent le hall d'entrée", False),
    ],
    "welzijn-en-zorg": [
        ("je me sens très seule", False),
        (
            "je n'ai pas vu ma voisine âgée depuis plusieurs jours, la boîte aux lettres déborde",
            True,
        ),
        ("mon voisin est tombé et ne peut pas se relever", True),
        ("je ne veux plus vivre", True),
        ("j'ai besoin d'aide à domicile après mon opération", False),
        ("mon fils a un problème d'alcool", False),
        ("ma mère a besoin d'aide pour se laver", False),
    ],
    "financiele-zorgen": [
        ("j'ai des dettes et je ne m'en sors plus", False),
        ("ma facture d'énergie est trop élevée", False),
        ("un huissier est passé chez moi", False),
        ("je n'ai plus d'argent pour manger", False),
        ("l'électricité sera coupée demain", True),
        ("on va couper l'eau cette semaine", True),
        ("je voudrais une guidance budgétaire", False),
    ],
    "woonsituatie": [
        ("notre logement est trop petit pour cinq personnes", False),
        ("je voudrais déménager dans un appartement avec ascenseur", False),
        ("je ne peux plus monter les escaliers, il me faut un logement adapté", False),
        ("la maison est trop grande pour moi seule", False),
        ("l'appartement du voisin est rempli de déchets", False),
    ],
    "veiligheid": [
        ("ça sent le gaz dans la cuisine", True),
        ("il y a de la fumée dans le couloir", True),
        ("il y a un incendie dans l'immeuble", True),
        ("mon mari me frappe", True),
        ("il y a eu un cambriolage dans les caves", False),
        ("la porte d'entrée de l'immeuble ne ferme plus", False),
        ("il y a du trafic de drogue dans l'escalier", False),
        ("le détecteur de fumée bip, la pile est vide", False),
    ],
    "samenleven": [
        ("j'ai une idée pour une fête de quartier", False),
        ("je voudrais devenir bénévole", False),
        ("merci pour l'aide du travailleur de quartier", False),
        ("pouvons-nous créer un potager commun", False),
        ("je suis nouveau et je voudrais rencontrer les voisins", False),
    ],
    "administratie": [
        ("mon compagnon vient habiter chez moi", False),
        ("je veux résilier mon bail", False),
        ("j'ai besoin d'une attestation de location", False),
        ("où en est ma demande sur la liste d'attente", False),
        ("mon mari est décédé, le contrat doit passer à mon nom", False),
        ("j'ai changé de numéro de téléphone", False),
    ],
}

EN: dict[str, list[tuple[str, bool]]] = {
    "herstelling": [
        ("the kitchen tap is leaking", False),
        ("the heating is not working", False),
        ("there is mould on the bedroom wall", False),
        ("the lift is broken again", False),
        ("my door lock is broken", False),
        ("the toilet is blocked", False),
        ("water is dripping from the bathroom ceiling", False),
        ("no hot water since yesterday", False),
        ("no heating and it is freezing, my baby is sick", True),
        ("we have no electricity at all in the flat", True),
    ],
    "huur-en-betaling": [
        ("i don't understand my rent", False),
        ("i am behind on rent, can i get a payment plan", False),
        ("when do i get my deposit back", False),
        ("the service charges are too high", False),
        ("i paid the rent twice this month", False),
    ],
    "overlast": [
        ("the neighbours play loud music every night", False),
        ("the neighbour's dog barks all day", False),
        ("my neighbour keeps insulting me", False),
        ("the neighbour is threatening me with a knife right now", True),
        ("there was a fight last month but now it is quiet", False),
        ("i am tired of the noise upstairs", False),
    ],
    "gemeenschappelijke-delen": [
        ("the stairwell is very dirty", False),
        ("the bins are overflowing", False),
        ("someone dumped furniture in the bike storage", False),
        ("the shared garden is not maintained", False),
        ("can we book the community room", False),
    ],
    "welzijn-en-zorg": [
        ("i feel very lonely", False),
        ("i have not seen my old neighbour for days and her mail is piling up", True),
        ("my neighbour fell and cannot get up", True),
        ("i don't want to live anymore", True),
        ("i need help at home after my surgery", False),
        ("my son has a drinking problem", False),
    ],
    "financiele-zorgen": [
        ("i have debts and cannot pay them", False),
        ("my energy bill is too high", False),
        ("a bailiff came to my door", False),
        ("i have no money for food", False),
        ("they will cut off my electricity tomorrow", True),
        ("my water will be disconnected this week", True),
    ],
    "woonsituatie": [
        ("our flat is too small for our family", False),
        ("i would like to move to a ground floor flat", False),
        ("the house is too big for me now", False),
        ("i need an adapted home for my wheelchair", False),
    ],
    "veiligheid": [
        ("i smell gas in the kitchen", True),
        ("there is smoke in the hallway", True),
        ("there is a fire in the building", True),
        ("my husband is hitting me", True),
        ("there was a break-in in the cellars", False),
        ("the front door of the building does not close", False),
        ("people are dealing drugs in the stairwell", False),
        ("the smoke detector is beeping, low battery", False),
    ],
    "samenleven": [
        ("i have an idea for a street party", False),
        ("i would like to volunteer", False),
        ("thank you for the help of the community worker", False),
        ("can we start a community garden", False),
    ],
    "administratie": [
        ("my partner is moving in with me", False),
        ("i want to end my lease", False),
        ("i need a rent certificate", False),
        ("how long is the waiting list", False),
        ("i have a new phone number", False),
    ],
}

OPEN_FR = ["", "", "Bonjour, ", "Madame, Monsieur, ", "Bonsoir, ", "Excusez-moi, "]
CLOSE_FR = ["", ".", ". Merci.", ". Pouvez-vous m'aider ?", ". Cordialement", " svp", "!!"]
TIME_FR = ["", "", " depuis hier", " depuis une semaine", " encore", " depuis des mois"]
OPEN_EN = ["", "", "Hello, ", "Hi, ", "Dear sir or madam, ", "Good morning, "]
CLOSE_EN = ["", ".", ". Thanks.", ". Can someone help?", ". Kind regards", " please", "!!"]
TIME_EN = ["", "", " since yesterday", " for a week", " again", " for months"]


def render_other(core: str, rnd: random.Random, lang: str) -> str:
    opens, closes, times = (
        (OPEN_FR, CLOSE_FR, TIME_FR) if lang == "fr" else (OPEN_EN, CLOSE_EN, TIME_EN)
    )
    text = rnd.choice(opens) + core + rnd.choice(times) + rnd.choice(closes)
    if rnd.random() < 0.3:
        text = text.lower()
    if rnd.random() < 0.3:
        text = _typos(text, rnd)
    return re.sub(r"\s+", " ", text).strip()


def generate(per_item: int = 5, seed: int = SEED) -> list[tuple[str, bool, str, str]]:
    """Return (category, urgent, language, text) rows, deduplicated."""
    rnd = random.Random(seed)
    rows: list[tuple[str, bool, str, str]] = []
    for category, items in NL.items():
        for core, urgent in items:
            for _ in range(per_item + (3 if urgent else 0)):
                text = render(_fill(core, rnd, SLOTS_NL), rnd)
                rows.append((category, urgent, "nl", text))
    for category, notes in NOTES_NL.items():
        for note, urgent in notes:
            for _ in range(4):
                rows.append((category, urgent, "nl", render_note(note, rnd)))
    for lang, bank in (("fr", FR), ("en", EN)):
        for category, items in bank.items():
            for core, urgent in items:
                for _ in range(4 + (2 if urgent else 0)):
                    rows.append((category, urgent, lang, render_other(core, rnd, lang)))
    seen: set[str] = set()
    unique = []
    for row in rows:
        key = row[3].lower()
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def write(path: Path | None = None) -> int:
    path = path or DATA_DIR / "train_generated.tsv"
    rows = generate()
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("category\turgent\tlanguage\ttext\n")
        for category, urgent, lang, text in rows:
            clean = text.replace("\t", " ").replace("\n", " ")
            fh.write(f"{category}\t{int(urgent)}\t{lang}\t{clean}\n")
    return len(rows)


if __name__ == "__main__":  # pragma: no cover
    print(write())
