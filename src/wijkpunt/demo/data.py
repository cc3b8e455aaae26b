"""The made-up world of the demo: organisations, estates, streets, names and demo accounts.

Everything place-specific in the demo lives in this file; ``generate.py`` only reads it.
All people, addresses, phone numbers and e-mail addresses are fictitious: phone numbers use
the ``0470 00 .. ..`` range and e-mail addresses use example.org, example.be or the demo
domain below.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Shared demo credentials (documented in docs/demo.md) -----------------------------------

DEMO_PASSWORD = "wijkpunt-demo"
# Base32, 32 characters (20 bytes) like the secrets allauth generates itself.
DEMO_TOTP_SECRET = "WIJKPUNTDEMOSECRETWIJKPUNTDEMO23"
DEMO_ACCOUNT_DOMAIN = "demo.wijkpunt.be"
# Every e-mail address in the demo ends in one of these.
DEMO_EMAIL_DOMAINS = ("example.org", "example.be", DEMO_ACCOUNT_DOMAIN)
# Prefix of every external reference the demo writes; it is how --reset finds demo data.
REF_PREFIX = "demo-"

POSTCODE = "8560"
MUNICIPALITY = "Wevelgem"

# --- Organisations -------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str  # partners.OrganisationKind value
    short_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    opening_hours: str = ""
    teams: tuple[str, ...] = ()
    # Estate slugs the organisation works in; None means every demo estate.
    estates: tuple[str, ...] | None = None
    # What the partner helps tenants with, shown in the portal (empty: a text per kind).
    description: str = ""


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        key="housing",
        name="Woonmaatschappij Heulebeek",
        short_name="WM Heulebeek",
        kind="housing",
        phone="056 00 10 00",
        email="info.heulebeek@example.be",
        address="Kortrijkstraat 120, 8560 Wevelgem",
        opening_hours="Ma–vr 9–12 u, di ook 14–18 u",
        teams=("Technische dienst", "Verhuurdienst", "Woonconsulenten"),
    ),
    OrganisationSpec(
        key="ocmw",
        name="OCMW Wevelgem",
        short_name="OCMW",
        kind="ocmw",
        phone="056 00 20 00",
        email="onthaal.ocmw@example.be",
        address="Vanackerestraat 18, 8560 Wevelgem",
        opening_hours="Ma–vr 8.30–12 u, wo ook 13.30–17 u",
        teams=("Onthaal", "Sociale dienst", "Budgetbegeleiding"),
    ),
    OrganisationSpec(
        key="community",
        name="Buurtwerk Wevelgem",
        short_name="Buurtwerk",
        kind="community",
        phone="056 00 30 00",
        email="buurtwerk@example.be",
        address="Buurtlokaal, Wallaysplein 9, 8560 Wevelgem",
        opening_hours="Di en do 13–17 u in het buurtlokaal",
        estates=("wallaysplein", "vlashof"),
    ),
    OrganisationSpec(
        key="caw",
        name="CAW Zuid-West-Vlaanderen",
        short_name="CAW",
        kind="other",
        phone="056 00 40 00",
        email="caw.zwvl@example.be",
        address="Lange Steenstraat 3, 8500 Kortrijk",
        opening_hours="Ma–vr 9–17 u",
        estates=("wallaysplein", "vlashof", "leiemeersen"),
        description=(
            "Gratis en vertrouwelijke hulp bij problemen thuis, geweld, schulden of dakloosheid."
        ),
    ),
    OrganisationSpec(
        key="police",
        name="Politiezone Grensleie – wijkwerking",
        short_name="Wijkagent",
        kind="other",
        phone="056 00 50 00",
        email="wijkagent@example.be",
        estates=("wallaysplein", "leiemeersen"),
        description="Uw wijkagent: voor veiligheid en overlast in de wijk. Bij nood: bel 112.",
    ),
    OrganisationSpec(
        key="school",
        name="Basisschool De Vlieger – brugfiguur",
        short_name="Brugfiguur",
        kind="other",
        phone="056 00 60 00",
        email="brugfiguur.devlieger@example.be",
        estates=("wallaysplein",),
        description="Helpt gezinnen met vragen over school, kinderopvang en vrije tijd.",
    ),
)

# --- Estates and their buildings ------------------------------------------------------------


@dataclass(frozen=True)
class BlockSpec:
    """An apartment block: ``floors`` storeys above the ground floor, ``units`` per storey."""

    street: str
    number: str
    name: str
    floors: int
    units: int
    lift: bool
    senior: bool = False  # all senior flats (assistentiewoningen-light)
    duplex_top: bool = False  # the two top storeys are duplexes
    studios: int = 0  # studios per storey


@dataclass(frozen=True)
class RowSpec:
    """A row of single-family houses at numbers first, first+step, ..."""

    street: str
    first: int
    count: int
    step: int = 2
    bedrooms: tuple[int, ...] = (2, 3, 3, 4)


@dataclass(frozen=True)
class EstateSpec:
    slug: str
    name: str
    city: str  # the deelgemeente
    latitude: float
    longitude: float
    description: str
    is_new: bool = False
    # New estates: months between the first move-in day and today (negative = still to come).
    opened_months_ago: int = 0
    # Share of dwellings let today.
    occupancy: float = 0.9
    blocks: tuple[BlockSpec, ...] = ()
    rows: tuple[RowSpec, ...] = ()
    # (name, kind, block name or "") — kind is a housing.CommonSpaceKind value.
    common_spaces: tuple[tuple[str, str, str], ...] = ()
    # Oldest possible start of a tenancy, for estates that are not new.
    built_year: int = 1975


ESTATES: tuple[EstateSpec, ...] = (
    EstateSpec(
        slug="wallaysplein",
        name="Wallaysplein",
        city="Wevelgem",
        latitude=50.8092,
        longitude=3.1858,
        description=(
            "Wijk uit de jaren zeventig met vier appartementsblokken rond een plein, een "
            "blok met seniorenflats en rijwoningen. Buurtwerk heeft er een buurtlokaal."
        ),
        occupancy=0.89,
        built_year=1974,
        blocks=(
            BlockSpec("Wallaysplein", "1", "Blok A", floors=4, units=6, lift=False, studios=1),
            BlockSpec("Wallaysplein", "3", "Blok B", floors=4, units=6, lift=False, studios=1),
            BlockSpec("Wallaysplein", "5", "Blok C", floors=5, units=6, lift=True),
            BlockSpec("Wallaysplein", "7", "Blok D", floors=5, units=6, lift=True),
            BlockSpec(
                "Pastoor Debaenstraat",
                "2",
                "Seniorenblok",
                floors=2,
                units=6,
                lift=True,
                senior=True,
            ),
        ),
        rows=(
            RowSpec("Vlasbloemstraat", 1, 16, bedrooms=(2, 3, 3, 3, 4)),
            RowSpec("Vlasbloemstraat", 2, 14, bedrooms=(2, 3, 3, 4)),
            RowSpec("Spoelstraat", 1, 14, bedrooms=(2, 2, 3, 3, 4)),
        ),
        common_spaces=(
            ("Buurtlokaal Wallaysplein", "meeting_room", ""),
            ("Plein en speeltuin", "playground", ""),
            ("Groenzone achter blok C en D", "garden", ""),
            ("Fietsenberging blok A en B", "storage", "Blok A"),
            ("Fietsenberging blok C en D", "storage", "Blok C"),
            ("Containerpark Wallaysplein", "bins", ""),
            ("Wasruimte blok D", "laundry", "Blok D"),
            ("Parking Wallaysplein", "parking", ""),
        ),
    ),
    EstateSpec(
        slug="vlashof",
        name="Vlashof",
        city="Gullegem",
        latitude=50.8431,
        longitude=3.2036,
        description=(
            "Nieuwe wijk met twee appartementsgebouwen en grondgebonden woningen rond een "
            "gedeelde tuin. De eerste huurders kwamen in het voorjaar."
        ),
        is_new=True,
        opened_months_ago=8,
        occupancy=0.8,
        blocks=(
            BlockSpec(
                "Vlashof", "2", "Gebouw Zwingel", floors=3, units=8, lift=True, duplex_top=True
            ),
            BlockSpec("Vlashof", "4", "Gebouw Repel", floors=3, units=8, lift=True, studios=1),
        ),
        rows=(
            RowSpec("Roterijstraat", 1, 16, bedrooms=(2, 3, 3, 4)),
            RowSpec("Roterijstraat", 2, 12, bedrooms=(3, 3, 4)),
        ),
        common_spaces=(
            ("Gedeelde tuin Vlashof", "garden", ""),
            ("Speelplek Vlashof", "playground", ""),
            ("Fietsenberging Zwingel", "storage", "Gebouw Zwingel"),
            ("Fietsenberging Repel", "storage", "Gebouw Repel"),
            ("Afvalberging Vlashof", "bins", ""),
        ),
    ),
    EstateSpec(
        slug="leiemeersen",
        name="Leiemeersen",
        city="Wevelgem",
        latitude=50.8003,
        longitude=3.1712,
        description=(
            "Nieuwe wijk bij de Leie met drie appartementsgebouwen en een rij woningen. De "
            "eerste bewoners zijn net verhuisd; de andere woningen worden nog toegewezen."
        ),
        is_new=True,
        opened_months_ago=2,
        occupancy=0.45,
        blocks=(
            BlockSpec("Meersenpad", "1", "Gebouw Jaagpad", floors=5, units=6, lift=True, studios=1),
            BlockSpec("Meersenpad", "3", "Gebouw Sluis", floors=5, units=6, lift=True),
            BlockSpec(
                "Meersenpad", "5", "Gebouw Kaai", floors=4, units=6, lift=True, duplex_top=True
            ),
        ),
        rows=(RowSpec("Oude Leiearm", 2, 24, bedrooms=(2, 3, 3, 4)),),
        common_spaces=(
            ("Binnentuin Leiemeersen", "garden", ""),
            ("Fietsenstalling Meersenpad", "storage", ""),
            ("Afvalberging Meersenpad", "bins", ""),
            ("Ondergrondse parking", "parking", ""),
        ),
    ),
    EstateSpec(
        slug="kapelleveld",
        name="Kapelleveld",
        city="Moorsele",
        latitude=50.8398,
        longitude=3.1526,
        description=(
            "Nieuwe wijk in aanbouw met twee gebouwen en rijwoningen. De toewijzing loopt; "
            "de eerste huurders verhuizen in het voorjaar."
        ),
        is_new=True,
        opened_months_ago=-5,
        occupancy=0.0,
        blocks=(
            BlockSpec("Kapelleveld", "10", "Gebouw Noord", floors=4, units=6, lift=True),
            BlockSpec(
                "Kapelleveld", "12", "Gebouw Zuid", floors=3, units=6, lift=True, senior=True
            ),
        ),
        rows=(
            RowSpec("Veldkapelstraat", 1, 16, bedrooms=(2, 3, 3, 4)),
            RowSpec("Veldkapelstraat", 2, 12, bedrooms=(3, 3, 4)),
        ),
        common_spaces=(
            ("Hof Kapelleveld", "garden", ""),
            ("Fietsenberging Kapelleveld", "storage", ""),
            ("Afvalberging Kapelleveld", "bins", ""),
            ("Speelweide", "playground", ""),
        ),
    ),
)

# --- People ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Names and languages of households of one background."""

    key: str
    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    # (language code, weight) of the household's contact language: nl-be, fr or en.
    languages: tuple[tuple[str, int], ...] = (("nl-be", 1),)
    # Home languages (in Dutch, as staff write them) and the chance one is recorded.
    home_languages: tuple[str, ...] = ()
    home_language_share: float = 0.0
    email_domain: str = "example.be"
    # First names for people born before 1960, when they differ from today's.
    elder_male: tuple[str, ...] = ()
    elder_female: tuple[str, ...] = ()


ORIGINS: tuple[Origin, ...] = (
    Origin(
        key="flemish",
        weight=44,
        male=(
            "Jan",
            "Luc",
            "Marc",
            "Dirk",
            "Geert",
            "Koen",
            "Pieter",
            "Wim",
            "Bart",
            "Stijn",
            "Jens",
            "Lars",
            "Robbe",
            "Wout",
            "Arne",
            "Noël",
            "Roger",
            "André",
            "Gilbert",
            "Daniël",
            "Jef",
            "Lowie",
            "Mats",
            "Seppe",
            "Kobe",
        ),
        female=(
            "An",
            "Els",
            "Katrien",
            "Veerle",
            "Sofie",
            "Lien",
            "Ine",
            "Hilde",
            "Greet",
            "Marleen",
            "Rita",
            "Christiane",
            "Jeannine",
            "Nicole",
            "Lotte",
            "Emma",
            "Fien",
            "Febe",
            "Nele",
            "Hannelore",
            "Margriet",
            "Yvonne",
            "Liesbeth",
            "Lore",
            "Ellen",
        ),
        surnames=(
            "Vandenberghe",
            "Vanneste",
            "Desmet",
            "Declercq",
            "Vercruysse",
            "Verhaeghe",
            "Deconinck",
            "Vanhoutte",
            "Deprez",
            "Debruyne",
            "Lambrecht",
            "Claeys",
            "Maes",
            "Vermeulen",
            "Goethals",
            "Decock",
            "Vandamme",
            "Demeyere",
            "Vanlerberghe",
            "Ghesquière",
            "Dewitte",
            "Verschuere",
            "Callewaert",
            "Vandekerckhove",
            "Windels",
            "Depoorter",
            "Bossuyt",
            "Tack",
            "Lefevere",
            "Soenen",
        ),
        languages=(("nl-be", 1),),
    ),
    Origin(
        key="walloon",
        weight=5,
        male=(
            "Jean-Pierre",
            "Michel",
            "Philippe",
            "Thierry",
            "Olivier",
            "Benoît",
            "Julien",
            "Maxime",
            "Nicolas",
        ),
        female=(
            "Isabelle",
            "Nathalie",
            "Véronique",
            "Sylvie",
            "Chantal",
            "Manon",
            "Camille",
            "Julie",
            "Léa",
        ),
        elder_male=("Jacques", "René", "Marcel", "Fernand", "Jean"),
        elder_female=("Monique", "Jacqueline", "Françoise", "Simone", "Ghislaine"),
        surnames=(
            "Dubois",
            "Lambert",
            "Dupont",
            "Leclercq",
            "Lejeune",
            "Renard",
            "Collard",
            "Delhaye",
            "Wauters",
            "Hennebert",
        ),
        languages=(("fr", 3), ("nl-be", 1)),
    ),
    Origin(
        key="moroccan",
        weight=11,
        male=(
            "Mohamed",
            "Ahmed",
            "Youssef",
            "Hamza",
            "Bilal",
            "Karim",
            "Mustafa",
            "Ilias",
            "Anas",
            "Said",
        ),
        female=(
            "Fatima",
            "Khadija",
            "Nadia",
            "Samira",
            "Malika",
            "Yasmina",
            "Salma",
            "Imane",
            "Soukaina",
            "Hafsa",
        ),
        surnames=(
            "El Amrani",
            "Benali",
            "El Idrissi",
            "Bouzid",
            "Ait Lahcen",
            "Azzouzi",
            "Chaouki",
            "El Ouardi",
            "Haddouchi",
            "Belhaj",
            "Mansouri",
            "Tahiri",
        ),
        languages=(("nl-be", 4), ("fr", 2)),
        home_languages=("Arabisch", "Tamazight (Berbers)"),
        home_language_share=0.6,
    ),
    Origin(
        key="turkish",
        weight=8,
        male=("Mehmet", "Mustafa", "Hasan", "Emre", "Burak", "Yusuf", "Kemal", "Osman"),
        female=("Ayşe", "Elif", "Zeynep", "Fatma", "Emine", "Hatice", "Büşra", "Merve"),
        surnames=(
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Öztürk",
            "Aydın",
            "Arslan",
            "Doğan",
            "Koç",
        ),
        languages=(("nl-be", 1),),
        home_languages=("Turks",),
        home_language_share=0.6,
    ),
    Origin(
        key="polish",
        weight=5,
        male=("Piotr", "Tomasz", "Paweł", "Krzysztof", "Marek", "Jakub"),
        female=("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna", "Monika"),
        surnames=(
            "Kowalski",
            "Nowak",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
        ),
        languages=(("nl-be", 2), ("en", 2)),
        home_languages=("Pools",),
        home_language_share=0.8,
        email_domain="example.org",
    ),
    Origin(
        key="romanian",
        weight=5,
        male=("Ion", "Andrei", "Mihai", "Florin", "Gheorghe", "Adrian"),
        female=("Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Alina"),
        surnames=(
            "Popescu",
            "Ionescu",
            "Popa",
            "Dumitru",
            "Stan",
            "Constantin",
            "Munteanu",
            "Rusu",
        ),
        languages=(("nl-be", 2), ("en", 1), ("fr", 1)),
        home_languages=("Roemeens",),
        home_language_share=0.8,
        email_domain="example.org",
    ),
    Origin(
        key="syrian",
        weight=5,
        male=("Omar", "Khaled", "Ahmad", "Mahmoud", "Ali", "Rami"),
        female=("Rasha", "Hiba", "Lina", "Amal", "Rania", "Noor"),
        surnames=(
            "Al Hassan",
            "Al Khatib",
            "Haddad",
            "Darwish",
            "Sabbagh",
            "Al Ahmad",
            "Kassem",
            "Mahfouz",
        ),
        languages=(("nl-be", 2), ("en", 2)),
        home_languages=("Arabisch", "Koerdisch"),
        home_language_share=0.9,
        email_domain="example.org",
    ),
    Origin(
        key="afghan",
        weight=4,
        male=("Ahmad", "Mohammad", "Rahim", "Farid", "Jawad", "Hamid"),
        female=("Fatima", "Zahra", "Maryam", "Shabnam", "Parwana", "Nilofar"),
        surnames=("Ahmadi", "Rahimi", "Hakimi", "Karimi", "Sultani", "Popal", "Noori"),
        languages=(("nl-be", 2), ("en", 1)),
        home_languages=("Dari", "Pasjtoe"),
        home_language_share=0.9,
        email_domain="example.org",
    ),
    Origin(
        key="congolese",
        weight=4,
        male=("Patrick", "Jean-Claude", "Christian", "Didier", "Junior", "Emmanuel"),
        female=("Grâce", "Merveille", "Chantal", "Ruth", "Esther", "Divine"),
        surnames=("Mbuyi", "Kabongo", "Ilunga", "Tshibangu", "Mukendi", "Kalonji", "Lukusa"),
        languages=(("fr", 3), ("nl-be", 1)),
        home_languages=("Lingala", "Tshiluba", "Swahili"),
        home_language_share=0.4,
    ),
    Origin(
        key="eritrean",
        weight=3,
        male=("Yonas", "Dawit", "Tesfaye", "Samuel", "Filmon", "Robel"),
        female=("Senait", "Helen", "Selam", "Lidya", "Ruta", "Mebrat"),
        surnames=("Tesfay", "Gebremedhin", "Haile", "Kidane", "Berhane", "Tekle", "Weldu"),
        languages=(("en", 2), ("nl-be", 1)),
        home_languages=("Tigrinya",),
        home_language_share=0.95,
        email_domain="example.org",
    ),
    Origin(
        key="ukrainian",
        weight=3,
        male=("Oleksandr", "Andriy", "Dmytro", "Serhiy", "Mykola"),
        female=("Olena", "Iryna", "Natalia", "Oksana", "Tetiana"),
        surnames=("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk"),
        languages=(("en", 2), ("nl-be", 1)),
        home_languages=("Oekraïens", "Russisch"),
        home_language_share=0.9,
        email_domain="example.org",
    ),
    Origin(
        key="bulgarian",
        weight=3,
        male=("Georgi", "Dimitar", "Ivan", "Nikolay"),
        female=("Desislava", "Mariya", "Petya", "Gergana"),
        surnames=("Ivanov", "Georgiev", "Dimitrov", "Petrov", "Stoyanov"),
        languages=(("nl-be", 1), ("en", 1)),
        home_languages=("Bulgaars", "Turks"),
        home_language_share=0.8,
        email_domain="example.org",
    ),
)

# Why a tenancy ended, recorded in the history (the household left the dwelling).
END_REASONS: tuple[tuple[str, int], ...] = (
    ("notice_by_tenant", 45),
    ("deceased", 20),
    ("internal_move", 15),
    ("moved_to_care_home", 12),
    ("termination", 8),
)

# --- Demo accounts --------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffAccount:
    local_part: str  # before @DEMO_ACCOUNT_DOMAIN
    full_name: str
    organisation: str  # OrganisationSpec.key
    role: str  # partners.Role value
    team: str = ""
    estates: tuple[str, ...] = ()  # empty: every estate of the organisation
    language: str = "nl-be"
    superuser: bool = False


STAFF_ACCOUNTS: tuple[StaffAccount, ...] = (
    StaffAccount("technieker", "Tom Vandenberghe", "housing", "technician", "Technische dienst"),
    StaffAccount(
        "woonconsulent",
        "Wendy Desmet",
        "housing",
        "woonconsulent",
        "Woonconsulenten",
        estates=("wallaysplein", "vlashof"),
    ),
    StaffAccount("verhuur", "Veerle Vanneste", "housing", "letting", "Verhuurdienst"),
    StaffAccount("coordinator", "Koen Debruyne", "housing", "coordinator"),
    StaffAccount("onthaal", "Olivia Lambrecht", "ocmw", "ocmw_reception", "Onthaal"),
    StaffAccount(
        "maatschappelijkwerker", "Samira El Idrissi", "ocmw", "social_worker", "Sociale dienst"
    ),
    StaffAccount("budget", "Bart Vermeulen", "ocmw", "budget_worker", "Budgetbegeleiding"),
    StaffAccount(
        "buurtwerker", "Sara Claeys", "community", "buurtwerker", estates=("wallaysplein",)
    ),
    StaffAccount("partner", "Pieter Maes", "caw", "partner_worker"),
    StaffAccount("beheerder", "Ann Verhaeghe", "housing", "administrator", superuser=True),
)


@dataclass(frozen=True)
class Member:
    first_name: str
    last_name: str
    relation: str  # housing.ResidentRelation value
    age: int


@dataclass(frozen=True)
class TenantAccount:
    """A tenant whose household the demo places in a chosen estate, with a portal account."""

    local_part: str
    language: str
    estate: str
    bedrooms: int
    # Months between the start of the tenancy and today.
    months_ago: int
    members: tuple[Member, ...]
    other_language: str = ""
    preferred_contact: str = "email"
    household_name: str = ""


TENANT_ACCOUNTS: tuple[TenantAccount, ...] = (
    TenantAccount(
        "huurder",
        language="nl-be",
        estate="wallaysplein",
        bedrooms=2,
        months_ago=9 * 12 + 4,
        household_name="Gezin Vercruysse",
        members=(
            Member("Marleen", "Vercruysse", "head", 41),
            Member("Lowie", "Vercruysse", "child", 14),
            Member("Fien", "Vercruysse", "child", 9),
        ),
    ),
    TenantAccount(
        "locataire",
        language="fr",
        estate="wallaysplein",
        bedrooms=3,
        months_ago=5 * 12 + 1,
        household_name="Gezin Mbuyi – Kabongo",
        other_language="Lingala",
        preferred_contact="sms",
        members=(
            Member("Grâce", "Mbuyi", "head", 38),
            Member("Patrick", "Kabongo", "partner", 42),
            Member("Divine", "Kabongo", "child", 12),
            Member("Emmanuel", "Kabongo", "child", 7),
        ),
    ),
    TenantAccount(
        "tenant",
        language="en",
        estate="vlashof",
        bedrooms=2,
        months_ago=7,
        household_name="Gezin Tesfay",
        other_language="Tigrinya",
        members=(
            Member("Senait", "Tesfay", "head", 31),
            Member("Ruta", "Haile", "child", 6),
            Member("Robel", "Haile", "child", 3),
        ),
    ),
)

# Share of current main tenants (with an e-mail address) who use the tenant portal.
PORTAL_SHARE = 0.3
