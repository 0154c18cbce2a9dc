"""A small built-in occupation set for the demo, in Dutch and English.

44 entry-level and skilled occupations in the sectors of the demo, each with a handful of
skills. Written for Werkpad (not copied from ESCO): the URIs are made up and stable
(``urn:werkpad:demo:occupation:<key>``, ``urn:werkpad:demo:skill:<key>``); only the ISCO-08 unit
group codes and titles are the public classification's. The base language is Dutch; English
labels are in ``occupation_labels["en"]`` and ``skill_labels["en"]``.
"""

from __future__ import annotations

from types import MappingProxyType

from werkpad.core.taxonomy.model import IscoGroup, Labels, Occupation, Skill, Taxonomy

__all__ = ["SECTORS", "demo_sector_of", "demo_taxonomy"]

PREFIX = "urn:werkpad:demo:"

#: Sector key -> (Dutch name, English name).
SECTORS = MappingProxyType(
    {
        "logistiek": ("Logistiek", "Logistics"),
        "horeca": ("Horeca", "Hospitality"),
        "bouw": ("Bouw en techniek", "Construction and engineering"),
        "productie": ("Productie", "Manufacturing"),
        "detailhandel": ("Detailhandel", "Retail"),
        "schoonmaak": ("Schoonmaak", "Cleaning"),
        "zorg": ("Zorg en welzijn", "Care and welfare"),
        "ict_kantoor": ("ICT en kantoor", "ICT and office"),
        "agrarisch": ("Agrarisch", "Agriculture"),
    }
)

# ISCO-08 unit groups used below: code -> English title.
_ISCO = {
    "2221": "Nursing professionals",
    "2512": "Software developers",
    "2643": "Translators, interpreters and other linguists",
    "3512": "Information and communications technology user support technicians",
    "4110": "General office clerks",
    "4222": "Contact centre information clerks",
    "4224": "Hotel receptionists",
    "4226": "Receptionists (general)",
    "4321": "Stock clerks",
    "5120": "Cooks",
    "5131": "Waiters",
    "5132": "Bartenders",
    "5223": "Shop sales assistants",
    "5230": "Cashiers and ticket clerks",
    "5311": "Child care workers",
    "5321": "Health care assistants",
    "5322": "Home-based personal care workers",
    "6113": "Gardeners, horticultural and nursery growers",
    "7112": "Bricklayers and related workers",
    "7115": "Carpenters and joiners",
    "7126": "Plumbers and pipe fitters",
    "7131": "Painters and related workers",
    "7212": "Welders and flame cutters",
    "7223": "Metal working machine tool setters and operators",
    "7411": "Building and related electricians",
    "7512": "Bakers, pastry-cooks and confectionery makers",
    "7543": "Product graders and testers (excluding foods and beverages)",
    "8189": "Stationary plant and machine operators not elsewhere classified",
    "8332": "Heavy truck and lorry drivers",
    "8344": "Lifting truck operators",
    "9111": "Domestic cleaners and helpers",
    "9112": "Cleaners and helpers in offices, hotels and other establishments",
    "9122": "Vehicle, window and related cleaners",
    "9211": "Crop farm labourers",
    "9212": "Livestock farm labourers",
    "9214": "Garden and horticultural labourers",
    "9321": "Hand packers",
    "9329": "Manufacturing labourers not elsewhere classified",
    "9333": "Freight handlers",
    "9334": "Shelf fillers",
    "9412": "Kitchen helpers",
    "9621": "Messengers, package deliverers and luggage porters",
}

# key: (skill type, reuse level, Dutch label, English label)
_SKILLS: dict[str, tuple[str, str, str, str]] = {
    "heftruck": ("skill/competence", "sector-specific", "heftruck besturen", "operate a forklift"),
    "orderpicken": ("skill/competence", "sector-specific", "orders verzamelen", "pick orders"),
    "scanner": (
        "skill/competence",
        "cross-sector",
        "handscanner gebruiken",
        "use a handheld scanner",
    ),
    "laden": (
        "skill/competence",
        "cross-sector",
        "goederen laden en lossen",
        "load and unload goods",
    ),
    "voorraad": ("skill/competence", "cross-sector", "voorraad bijhouden", "keep stock records"),
    "rijbewijs_c": (
        "skill/competence",
        "sector-specific",
        "vrachtwagen besturen (rijbewijs C)",
        "drive a truck (licence C)",
    ),
    "rijbewijs_b": (
        "skill/competence",
        "cross-sector",
        "auto besturen (rijbewijs B)",
        "drive a car (licence B)",
    ),
    "route": ("skill/competence", "cross-sector", "route plannen", "plan routes"),
    "tillen": ("skill/competence", "transversal", "veilig tillen", "lift heavy loads safely"),
    "veiligheid": (
        "skill/competence",
        "transversal",
        "veiligheidsregels volgen",
        "follow health and safety procedures",
    ),
    "haccp": (
        "knowledge",
        "cross-sector",
        "hygiëneregels voor voedsel (HACCP)",
        "food hygiene rules (HACCP)",
    ),
    "koken": ("skill/competence", "occupation-specific", "maaltijden bereiden", "prepare meals"),
    "snijden": (
        "skill/competence",
        "sector-specific",
        "snijtechnieken toepassen",
        "use cutting techniques",
    ),
    "afwassen": (
        "skill/competence",
        "sector-specific",
        "vaat en keukengerei schoonmaken",
        "wash dishes and kitchen utensils",
    ),
    "bedienen": ("skill/competence", "sector-specific", "gasten bedienen", "serve guests"),
    "koffie": ("skill/competence", "occupation-specific", "koffie zetten", "prepare coffee drinks"),
    "kassa": ("skill/competence", "cross-sector", "kassa bedienen", "operate a cash register"),
    "klant": (
        "skill/competence",
        "transversal",
        "klantvriendelijk werken",
        "provide customer service",
    ),
    "reserveren": (
        "skill/competence",
        "sector-specific",
        "reserveringen verwerken",
        "handle reservations",
    ),
    "engels": ("skill/competence", "transversal", "Engels spreken", "speak English"),
    "nederlands": ("skill/competence", "transversal", "Nederlands spreken", "speak Dutch"),
    "tekening": (
        "knowledge",
        "sector-specific",
        "bouwtekeningen lezen",
        "read construction drawings",
    ),
    "hout": ("skill/competence", "sector-specific", "hout bewerken", "work with wood"),
    "metselen": ("skill/competence", "occupation-specific", "metselen", "lay bricks"),
    "elektra": (
        "skill/competence",
        "sector-specific",
        "elektrische installaties aanleggen",
        "install electrical systems",
    ),
    "leidingen": ("skill/competence", "sector-specific", "leidingen aanleggen", "install pipes"),
    "schilderen": (
        "skill/competence",
        "sector-specific",
        "oppervlakken schilderen",
        "paint surfaces",
    ),
    "lassen": ("skill/competence", "occupation-specific", "metaal lassen", "weld metal"),
    "vca": (
        "knowledge",
        "sector-specific",
        "veilig werken op de bouwplaats (VCA)",
        "safe work on construction sites (VCA)",
    ),
    "gereedschap": (
        "skill/competence",
        "cross-sector",
        "handgereedschap gebruiken",
        "use hand tools",
    ),
    "machine": (
        "skill/competence",
        "sector-specific",
        "productiemachines bedienen",
        "operate production machines",
    ),
    "inpakken": ("skill/competence", "cross-sector", "producten inpakken", "pack products"),
    "kwaliteit": (
        "skill/competence",
        "cross-sector",
        "productkwaliteit controleren",
        "check product quality",
    ),
    "cnc": (
        "skill/competence",
        "occupation-specific",
        "CNC-machines programmeren",
        "program CNC machines",
    ),
    "vakkenvullen": ("skill/competence", "sector-specific", "schappen bijvullen", "stock shelves"),
    "verkopen": ("skill/competence", "cross-sector", "producten verkopen", "sell products"),
    "bakken": (
        "skill/competence",
        "occupation-specific",
        "brood en banket bakken",
        "bake bread and pastry",
    ),
    "schoonmaken": ("skill/competence", "cross-sector", "ruimtes schoonmaken", "clean rooms"),
    "middelen": (
        "knowledge",
        "sector-specific",
        "schoonmaakmiddelen veilig gebruiken",
        "safe use of cleaning chemicals",
    ),
    "ramen": ("skill/competence", "occupation-specific", "ramen wassen", "clean windows"),
    "hoogte": ("skill/competence", "cross-sector", "werken op hoogte", "work at height"),
    "bedden": ("skill/competence", "sector-specific", "bedden opmaken", "make beds"),
    "verzorgen": (
        "skill/competence",
        "sector-specific",
        "helpen bij persoonlijke verzorging",
        "assist with personal care",
    ),
    "medicatie": (
        "skill/competence",
        "sector-specific",
        "medicijnen toedienen",
        "administer medication",
    ),
    "observeren": (
        "skill/competence",
        "sector-specific",
        "gezondheid van cliënten observeren",
        "observe the health of clients",
    ),
    "kinderen": (
        "skill/competence",
        "sector-specific",
        "kinderen begeleiden",
        "supervise children",
    ),
    "empathie": (
        "skill/competence",
        "transversal",
        "empathisch communiceren",
        "communicate with empathy",
    ),
    "programmeren": (
        "skill/competence",
        "occupation-specific",
        "software programmeren",
        "write software",
    ),
    "computer": ("skill/competence", "transversal", "computer gebruiken", "use a computer"),
    "ictproblemen": (
        "skill/competence",
        "sector-specific",
        "ICT-problemen oplossen",
        "solve ICT problems",
    ),
    "administratie": (
        "skill/competence",
        "cross-sector",
        "administratie bijhouden",
        "keep administrative records",
    ),
    "telefoon": (
        "skill/competence",
        "cross-sector",
        "telefoongesprekken afhandelen",
        "handle telephone calls",
    ),
    "tolken": (
        "skill/competence",
        "occupation-specific",
        "mondeling tolken",
        "interpret spoken language",
    ),
    "gewassen": ("skill/competence", "sector-specific", "gewassen verzorgen", "tend crops"),
    "oogsten": ("skill/competence", "sector-specific", "gewassen oogsten", "harvest crops"),
    "vee": ("skill/competence", "sector-specific", "vee verzorgen", "care for livestock"),
    "melken": ("skill/competence", "occupation-specific", "koeien melken", "milk cows"),
    "tuin": ("skill/competence", "occupation-specific", "tuinen onderhouden", "maintain gardens"),
    "team": ("skill/competence", "transversal", "in een team werken", "work in a team"),
}

# key, sector, ISCO code, Dutch labels (preferred first), English labels (preferred first),
# essential skills, optional skills
_Row = tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_OCCUPATIONS: tuple[_Row, ...] = (
    # logistiek
    (
        "orderpicker",
        "logistiek",
        "9333",
        ("orderpicker", "orderverzamelaar", "magazijnmedewerker orderpicking"),
        ("order picker", "order selector", "warehouse picker"),
        ("orderpicken", "scanner", "tillen"),
        ("heftruck", "team"),
    ),
    (
        "heftruckchauffeur",
        "logistiek",
        "8344",
        ("heftruckchauffeur", "heftruckbestuurder", "vorkheftruckchauffeur", "reachtruckchauffeur"),
        ("forklift operator", "forklift driver", "fork-lift truck driver"),
        ("heftruck", "laden", "veiligheid"),
        ("scanner", "voorraad"),
    ),
    (
        "magazijnmedewerker",
        "logistiek",
        "4321",
        ("magazijnmedewerker", "medewerker magazijn", "logistiek medewerker", "voorraadbeheerder"),
        ("warehouse worker", "warehouse operative", "stock handler"),
        ("voorraad", "laden", "scanner"),
        ("heftruck", "orderpicken", "computer"),
    ),
    (
        "vrachtwagenchauffeur",
        "logistiek",
        "8332",
        ("vrachtwagenchauffeur", "chauffeur vrachtwagen", "beroepschauffeur", "truckchauffeur"),
        ("truck driver", "lorry driver", "heavy goods vehicle driver", "HGV driver"),
        ("rijbewijs_c", "route", "laden"),
        ("veiligheid", "nederlands"),
    ),
    (
        "pakketbezorger",
        "logistiek",
        "9621",
        ("pakketbezorger", "koerier", "postbezorger", "bezorger"),
        ("parcel delivery driver", "courier", "delivery driver", "parcel carrier"),
        ("rijbewijs_b", "route", "tillen"),
        ("klant", "scanner"),
    ),
    # horeca
    (
        "kok",
        "horeca",
        "5120",
        ("kok", "zelfstandig werkend kok", "chef-kok", "restaurantkok"),
        ("cook", "chef", "line cook"),
        ("koken", "haccp", "snijden"),
        ("team", "voorraad"),
    ),
    (
        "keukenhulp",
        "horeca",
        "9412",
        ("keukenhulp", "afwasser", "keukenassistent", "medewerker spoelkeuken"),
        ("kitchen assistant", "dishwasher", "kitchen porter", "kitchen helper"),
        ("afwassen", "haccp", "snijden"),
        ("team", "schoonmaken"),
    ),
    (
        "bediening",
        "horeca",
        "5131",
        ("medewerker bediening", "serveerster", "ober", "kelner"),
        ("waiter", "waitress", "server", "restaurant server"),
        ("bedienen", "klant", "kassa"),
        ("engels", "reserveren"),
    ),
    (
        "barista",
        "horeca",
        "5132",
        ("barista", "koffiebarmedewerker", "barmedewerker"),
        ("barista", "coffee bar attendant", "bartender"),
        ("koffie", "klant", "kassa"),
        ("haccp", "engels"),
    ),
    (
        "hotelreceptionist",
        "horeca",
        "4224",
        ("hotelreceptionist", "receptiemedewerker hotel", "front office medewerker"),
        ("hotel receptionist", "front desk clerk", "front office agent"),
        ("reserveren", "klant", "engels"),
        ("computer", "telefoon", "kassa"),
    ),
    # bouw en techniek
    (
        "timmerman",
        "bouw",
        "7115",
        ("timmerman", "bouwtimmerman", "houtbewerker", "timmervrouw"),
        ("carpenter", "construction carpenter", "joiner"),
        ("hout", "tekening", "gereedschap"),
        ("vca", "hoogte"),
    ),
    (
        "metselaar",
        "bouw",
        "7112",
        ("metselaar", "voeger", "steenlegger"),
        ("bricklayer", "mason", "brick mason"),
        ("metselen", "tekening", "vca"),
        ("tillen", "gereedschap"),
    ),
    (
        "elektricien",
        "bouw",
        "7411",
        ("elektricien", "elektromonteur", "installatiemonteur elektra"),
        ("electrician", "electrical installer", "building electrician"),
        ("elektra", "tekening", "veiligheid"),
        ("vca", "gereedschap"),
    ),
    (
        "loodgieter",
        "bouw",
        "7126",
        ("loodgieter", "installateur sanitair", "monteur gas water sanitair"),
        ("plumber", "pipe fitter", "plumbing installer"),
        ("leidingen", "tekening", "gereedschap"),
        ("vca", "klant"),
    ),
    (
        "schilder",
        "bouw",
        "7131",
        ("schilder", "huisschilder", "gebouwenschilder"),
        ("painter", "house painter", "painter and decorator"),
        ("schilderen", "gereedschap", "veiligheid"),
        ("hoogte", "vca"),
    ),
    (
        "lasser",
        "bouw",
        "7212",
        ("lasser", "constructiebankwerker", "metaallasser"),
        ("welder", "welding operator", "fabricator welder"),
        ("lassen", "tekening", "veiligheid"),
        ("gereedschap", "kwaliteit"),
    ),
    # productie
    (
        "productiemedewerker",
        "productie",
        "9329",
        ("productiemedewerker", "operator productie", "fabrieksmedewerker", "lijnmedewerker"),
        ("production worker", "factory worker", "production line worker"),
        ("machine", "veiligheid", "team"),
        ("inpakken", "kwaliteit"),
    ),
    (
        "inpakker",
        "productie",
        "9321",
        ("inpakker", "medewerker inpak", "verpakkingsmedewerker"),
        ("packer", "hand packer", "packaging operative"),
        ("inpakken", "tillen", "kwaliteit"),
        ("scanner", "team"),
    ),
    (
        "machineoperator",
        "productie",
        "8189",
        ("machineoperator", "procesoperator", "machinebediener"),
        ("machine operator", "process operator", "machine operative"),
        ("machine", "kwaliteit", "veiligheid"),
        ("computer", "gereedschap"),
    ),
    (
        "cncverspaner",
        "productie",
        "7223",
        ("CNC-verspaner", "CNC-operator", "draaier frezer"),
        ("CNC machinist", "CNC operator", "machine tool operator"),
        ("cnc", "tekening", "kwaliteit"),
        ("machine", "computer"),
    ),
    (
        "kwaliteitscontroleur",
        "productie",
        "7543",
        ("kwaliteitscontroleur", "kwaliteitsinspecteur", "medewerker kwaliteitscontrole"),
        ("quality inspector", "quality controller", "quality control inspector"),
        ("kwaliteit", "administratie", "veiligheid"),
        ("computer", "team"),
    ),
    # detailhandel
    (
        "kassamedewerker",
        "detailhandel",
        "5230",
        ("kassamedewerker", "caissière", "kassière", "medewerker kassa"),
        ("cashier", "checkout operator", "till operator"),
        ("kassa", "klant", "nederlands"),
        ("vakkenvullen", "team"),
    ),
    (
        "vakkenvuller",
        "detailhandel",
        "9334",
        ("vakkenvuller", "medewerker vulploeg", "winkelmedewerker vulploeg"),
        ("shelf stacker", "shelf filler", "stock clerk"),
        ("vakkenvullen", "tillen", "voorraad"),
        ("scanner", "team"),
    ),
    (
        "verkoopmedewerker",
        "detailhandel",
        "5223",
        ("verkoopmedewerker", "winkelmedewerker", "verkoper", "verkoopster"),
        ("shop assistant", "sales assistant", "retail assistant"),
        ("verkopen", "klant", "kassa"),
        ("vakkenvullen", "nederlands"),
    ),
    (
        "bakkerijmedewerker",
        "detailhandel",
        "7512",
        ("bakkerijmedewerker", "bakker", "broodbakker", "banketbakker"),
        ("bakery worker", "baker", "pastry baker"),
        ("bakken", "haccp", "verkopen"),
        ("kassa", "klant"),
    ),
    # schoonmaak
    (
        "schoonmaker",
        "schoonmaak",
        "9112",
        ("schoonmaker", "schoonmaakmedewerker", "interieurverzorger", "schoonmaakster"),
        ("cleaner", "office cleaner", "janitor", "cleaning operative"),
        ("schoonmaken", "middelen", "veiligheid"),
        ("team", "tillen"),
    ),
    (
        "glazenwasser",
        "schoonmaak",
        "9122",
        ("glazenwasser", "glazenwasser gevelreiniging", "glasbewassing medewerker"),
        ("window cleaner", "window washer", "facade cleaner"),
        ("ramen", "hoogte", "veiligheid"),
        ("middelen", "rijbewijs_b"),
    ),
    (
        "kamermeisje",
        "schoonmaak",
        "9112",
        ("kamermeisje", "room attendant", "medewerker huishouding hotel", "roomboy"),
        ("room attendant", "chambermaid", "housekeeping attendant"),
        ("bedden", "schoonmaken", "middelen"),
        ("team", "engels"),
    ),
    (
        "huishoudelijkehulp",
        "schoonmaak",
        "9111",
        ("huishoudelijke hulp", "huishoudster", "medewerker huishoudelijke zorg"),
        ("domestic helper", "home help", "housekeeper"),
        ("schoonmaken", "middelen", "empathie"),
        ("nederlands", "klant"),
    ),
    # zorg en welzijn
    (
        "verzorgende",
        "zorg",
        "5321",
        ("verzorgende IG", "verzorgende", "zorgmedewerker", "verzorgster"),
        ("care assistant", "nursing assistant", "healthcare assistant"),
        ("verzorgen", "medicatie", "observeren"),
        ("empathie", "nederlands"),
    ),
    (
        "helpendezorg",
        "zorg",
        "5321",
        ("helpende zorg en welzijn", "helpende", "zorghulp"),
        ("care helper", "assistant carer", "care support worker"),
        ("verzorgen", "empathie", "schoonmaken"),
        ("observeren", "nederlands"),
    ),
    (
        "verpleegkundige",
        "zorg",
        "2221",
        ("verpleegkundige", "verpleger", "verpleegster", "wijkverpleegkundige"),
        ("nurse", "registered nurse", "community nurse"),
        ("medicatie", "observeren", "verzorgen"),
        ("empathie", "administratie", "nederlands"),
    ),
    (
        "thuiszorgmedewerker",
        "zorg",
        "5322",
        ("thuiszorgmedewerker", "medewerker thuiszorg", "thuishulp", "wijkziekenverzorgende"),
        ("home care worker", "home carer", "domiciliary care worker"),
        ("verzorgen", "empathie", "rijbewijs_b"),
        ("schoonmaken", "observeren"),
    ),
    (
        "kinderopvang",
        "zorg",
        "5311",
        (
            "pedagogisch medewerker kinderopvang",
            "leidster kinderdagverblijf",
            "groepsleider kinderopvang",
        ),
        ("childcare worker", "nursery worker", "early years practitioner"),
        ("kinderen", "empathie", "nederlands"),
        ("veiligheid", "team"),
    ),
    # ICT en kantoor
    (
        "softwareontwikkelaar",
        "ict_kantoor",
        "2512",
        ("softwareontwikkelaar", "programmeur", "software developer", "webontwikkelaar"),
        ("software developer", "programmer", "software engineer", "web developer"),
        ("programmeren", "computer", "engels"),
        ("team", "ictproblemen"),
    ),
    (
        "helpdeskmedewerker",
        "ict_kantoor",
        "3512",
        ("ICT-helpdeskmedewerker", "servicedeskmedewerker", "medewerker ICT-support"),
        ("IT helpdesk worker", "service desk analyst", "IT support technician"),
        ("ictproblemen", "telefoon", "klant"),
        ("computer", "engels"),
    ),
    (
        "administratiefmedewerker",
        "ict_kantoor",
        "4110",
        ("administratief medewerker", "kantoormedewerker", "officemedewerker"),
        ("administrative assistant", "office clerk", "office administrator"),
        ("administratie", "computer", "nederlands"),
        ("telefoon", "team"),
    ),
    (
        "receptionist",
        "ict_kantoor",
        "4226",
        ("receptionist", "receptioniste", "baliemedewerker", "telefoniste"),
        ("receptionist", "front desk receptionist", "reception clerk"),
        ("telefoon", "klant", "nederlands"),
        ("computer", "engels"),
    ),
    (
        "klantenservicemedewerker",
        "ict_kantoor",
        "4222",
        ("klantenservicemedewerker", "callcentermedewerker", "medewerker klantcontact"),
        ("customer service agent", "call centre agent", "contact centre agent"),
        ("telefoon", "klant", "computer"),
        ("nederlands", "engels"),
    ),
    (
        "tolk",
        "ict_kantoor",
        "2643",
        ("tolk", "tolk-vertaler", "sociaal tolk"),
        ("interpreter", "community interpreter", "language interpreter"),
        ("tolken", "nederlands", "empathie"),
        ("engels", "telefoon"),
    ),
    # agrarisch
    (
        "kassenmedewerker",
        "agrarisch",
        "9214",
        ("medewerker glastuinbouw", "kassenmedewerker", "tuinder", "teeltmedewerker"),
        ("greenhouse worker", "horticultural worker", "glasshouse worker"),
        ("gewassen", "oogsten", "team"),
        ("tillen", "inpakken"),
    ),
    (
        "oogstmedewerker",
        "agrarisch",
        "9211",
        ("oogstmedewerker", "seizoenarbeider", "fruitplukker", "aspergesteker"),
        ("harvest worker", "fruit picker", "seasonal farm worker"),
        ("oogsten", "tillen", "team"),
        ("inpakken", "kwaliteit"),
    ),
    (
        "melkveehouderij",
        "agrarisch",
        "9212",
        ("medewerker melkveehouderij", "veehouderijmedewerker", "melker"),
        ("dairy farm worker", "livestock worker", "milker"),
        ("vee", "melken", "veiligheid"),
        ("machine", "tillen"),
    ),
    (
        "hovenier",
        "agrarisch",
        "6113",
        ("hovenier", "tuinman", "groenvoorziener", "medewerker groenvoorziening"),
        ("gardener", "landscape gardener", "groundskeeper"),
        ("tuin", "gereedschap", "gewassen"),
        ("rijbewijs_b", "tillen"),
    ),
)


def _occupation_uri(key: str) -> str:
    return f"{PREFIX}occupation:{key}"


def _skill_uri(key: str) -> str:
    return f"{PREFIX}skill:{key}"


_SECTOR_OF = MappingProxyType({_occupation_uri(row[0]): row[1] for row in _OCCUPATIONS})


def demo_sector_of(occupation_uri: str) -> str | None:
    """The :data:`SECTORS` key of a demo occupation (``None`` for any other URI)."""
    return _SECTOR_OF.get(occupation_uri)


def demo_taxonomy() -> Taxonomy:
    """A fresh :class:`Taxonomy` (base language Dutch, English labels too) of the demo set."""
    taxonomy = Taxonomy(language="nl")
    skill_nl: dict[str, Labels] = {}
    skill_en: dict[str, Labels] = {}
    for key, (skill_type, reuse_level, dutch, english) in _SKILLS.items():
        uri = _skill_uri(key)
        taxonomy.skills[uri] = Skill(uri, dutch, (), skill_type, reuse_level)
        skill_nl[uri] = Labels(dutch)
        skill_en[uri] = Labels(english)
    taxonomy.skill_labels = {"nl": skill_nl, "en": skill_en}

    for isco_code in sorted({row[2] for row in _OCCUPATIONS}):
        group = IscoGroup(f"{PREFIX}isco:C{isco_code}", isco_code, _ISCO[isco_code])
        taxonomy.isco_groups[group.uri] = group

    occupation_nl: dict[str, Labels] = {}
    occupation_en: dict[str, Labels] = {}
    for number, (key, _sector, code, nl_labels, en_labels, essential, optional) in enumerate(
        _OCCUPATIONS, start=1
    ):
        uri = _occupation_uri(key)
        occupation = Occupation(uri, f"{code}.D{number}", code, nl_labels[0], nl_labels[1:])
        taxonomy.occupations[uri] = occupation
        occupation_nl[uri] = occupation.labels
        occupation_en[uri] = Labels(en_labels[0], en_labels[1:])
        taxonomy.essential_skills[uri] = tuple(_skill_uri(skill) for skill in essential)
        taxonomy.optional_skills[uri] = tuple(_skill_uri(skill) for skill in optional)
        taxonomy.occupation_broader[uri] = (f"{PREFIX}isco:C{code}",)
    taxonomy.occupation_labels = {"nl": occupation_nl, "en": occupation_en}
    return taxonomy
