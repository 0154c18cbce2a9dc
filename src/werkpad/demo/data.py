"""Built-in reference data for the demo population. No run-time reads outside the package.

Sources of the calibration figures (kept as literal numbers here):

- [003] startbaan trials, Bijlage 1, Tabel 1 (all participants, n = 607) and Tabel 2;
- [002] "Een nieuw bestaan, een nieuwe baan", Figuur 6.4 (country of origin, N = 990);
- municipality codes, coordinates, population, province and labour-market region: CBS 2025.

Names are plausible combinations of common given names and family names per language region;
they are drawn at random and do not describe real persons.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkpad.core.taxonomy.demo import demo_sector_of, demo_taxonomy

# ---------------------------------------------------------------------------------------------
# Municipalities (CBS 2025): code, name, province, labour-market region, lat, lon, population.


@dataclass(frozen=True)
class MunicipalityData:
    code: str
    name: str
    province: str
    region: str
    latitude: float
    longitude: float
    population: int
    postcode_prefixes: tuple[int, ...]  # plausible 4-digit postcode ranges (first two digits)


MUNICIPALITIES: tuple[MunicipalityData, ...] = (
    MunicipalityData(
        "GM0344", "Utrecht", "Utrecht", "Midden-Utrecht", 52.0915, 5.07602, 378121, (35,)
    ),
    MunicipalityData(
        "GM0307", "Amersfoort", "Utrecht", "Amersfoort", 52.17452, 5.38454, 163764, (38,)
    ),
    MunicipalityData(
        "GM0599", "Rotterdam", "Zuid-Holland", "Rijnmond", 51.92668, 4.30476, 673804, (30, 31)
    ),
    MunicipalityData(
        "GM0518", "'s-Gravenhage", "Zuid-Holland", "Haaglanden", 52.06924, 4.30099, 569468, (25,)
    ),
    MunicipalityData(
        "GM0363",
        "Amsterdam",
        "Noord-Holland",
        "Groot Amsterdam",
        52.36384,
        4.91041,
        941927,
        (10, 11),
    ),
    MunicipalityData(
        "GM0034", "Almere", "Flevoland", "Flevoland", 52.36724, 5.24646, 232619, (13,)
    ),
    MunicipalityData(
        "GM0794", "Helmond", "Noord-Brabant", "Helmond-De Peel", 51.47667, 5.65859, 96860, (57,)
    ),
    MunicipalityData(
        "GM0772", "Eindhoven", "Noord-Brabant", "Zuidoost-Brabant", 51.44973, 5.4582, 249783, (56,)
    ),
    MunicipalityData(
        "GM0193", "Zwolle", "Overijssel", "Regio Zwolle", 52.51907, 6.11945, 134147, (80,)
    ),
    MunicipalityData(
        "GM0014", "Groningen", "Groningen", "Groningen", 53.21783, 6.62038, 244427, (97,)
    ),
    MunicipalityData(
        "GM0268", "Nijmegen", "Gelderland", "Rijk van Nijmegen", 51.83891, 5.83783, 189871, (65,)
    ),
    MunicipalityData(
        "GM0855", "Tilburg", "Noord-Brabant", "Midden-Brabant", 51.5832, 5.07711, 230746, (50,)
    ),
)

# Municipalities with a COA reception location in the demo (asylum seekers live there).
COA_LOCATIONS: tuple[str, ...] = ("GM0363", "GM0344", "GM0193", "GM0014", "GM0268")

# ---------------------------------------------------------------------------------------------
# Countries of origin: [002] Figuur 6.4 (counts of N = 990). Ukraine is raised from 2 to 12 so
# that the demo holds "a few" Ukrainians under temporary protection; "Sovjet-Unie" is merged into
# Rusland; "Andere landen of staatsloos" (47) is spread over OTHER_COUNTRIES; "Onbekend" (50)
# gives an empty country.


@dataclass(frozen=True)
class Origin:
    country: str  # ISO 3166-1 alpha-2 (nationality too; XX = stateless); languages ISO 639
    weight: int
    nationality: str
    mother_tongue: str
    contact_language: str  # ISO 639 code
    names: str  # key of NAMES
    extra_languages: tuple[str, ...] = ()


ORIGINS: tuple[Origin, ...] = (
    Origin("SY", 421, "SY", "ar", "ar", "arabic", ("ku", "tr")),
    Origin("ER", 196, "ER", "ti", "ti", "tigrinya", ("am", "ar")),
    Origin("IR", 71, "IR", "fa", "fa", "persian", ("ku", "az")),
    Origin("AF", 30, "AF", "prs", "fa", "afghan", ("ps", "ur")),
    Origin("IQ", 28, "IQ", "ar", "ar", "arabic", ("ku",)),
    Origin("YE", 24, "YE", "ar", "ar", "arabic", ()),
    Origin("TR", 20, "TR", "tr", "tr", "turkish", ("ku",)),
    Origin("SO", 18, "SO", "so", "so", "somali", ("ar",)),
    Origin("SD", 13, "SD", "ar", "ar", "sudanese", ()),
    Origin("EG", 13, "EG", "ar", "ar", "arabic", ()),
    Origin("UG", 11, "UG", "lg", "en", "east_african", ("sw",)),
    Origin("PK", 11, "PK", "ur", "ur", "south_asian", ("pa",)),
    Origin("ET", 7, "ET", "am", "am", "ethiopian", ("om", "ti")),
    Origin("MA", 7, "MA", "ar", "ar", "arabic", ("zgh", "fr")),
    Origin("PS", 4, "PS", "ar", "ar", "arabic", ()),
    Origin("CD", 3, "CD", "ln", "fr", "central_african", ("sw",)),
    Origin("GN", 3, "GN", "ff", "fr", "west_african", ()),
    Origin("SA", 3, "SA", "ar", "ar", "arabic", ()),
    Origin("VN", 2, "VN", "vi", "vi", "vietnamese", ()),
    Origin("RU", 4, "RU", "ru", "ru", "russian", ()),
    Origin("UA", 12, "UA", "uk", "uk", "ukrainian", ("ru",)),
    Origin("BD", 2, "BD", "bn", "bn", "south_asian", ()),
    Origin("__other__", 47, "", "", "", "", ()),
    Origin("", 50, "", "", "", "", ()),
)

# A stateless person (nationality XX) is registered with the country they fled from.
OTHER_COUNTRIES: tuple[Origin, ...] = (
    Origin("LB", 1, "LB", "ar", "ar", "arabic", ("fr",)),
    Origin("LY", 1, "LY", "ar", "ar", "arabic", ()),
    Origin("SY", 1, "XX", "ar", "ar", "arabic", ()),
    Origin("BI", 1, "BI", "rn", "fr", "central_african", ("sw",)),
    Origin("NG", 1, "NG", "yo", "en", "west_african", ()),
    Origin("DZ", 1, "DZ", "ar", "ar", "arabic", ("fr",)),
    Origin("GE", 1, "GE", "ka", "ka", "georgian", ("ru",)),
    Origin("CO", 1, "CO", "es", "es", "latin", ()),
)

# ---------------------------------------------------------------------------------------------
# Given names (male, female) and family names per language region. Tigrinya, Amharic and Somali
# naming uses the father's given name as second name: those regions have no family-name list.

# fmt: off
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "arabic": (
        (
            "Ahmad", "Mohammad", "Omar", "Khaled", "Yousef", "Ali", "Hassan", "Mahmoud", "Ibrahim",
            "Sami", "Rami", "Bilal", "Tarek", "Firas", "Karim", "Nabil", "Amjad", "Majd", "Hadi",
            "Anas", "Ayman", "Fadi", "Ghassan", "Jamal", "Walid", "Zaid", "Issa", "Mustafa",
        ),
        (
            "Fatima", "Aisha", "Maryam", "Rania", "Hiba", "Nour", "Lina", "Rasha", "Dima", "Reem",
            "Amal", "Yasmin", "Huda", "Salma", "Layla", "Hala", "Samar", "Ghada", "Rima", "Sawsan",
            "Nada", "Asma", "Lama", "Batoul",
        ),
        (
            "Al-Hamwi", "Haddad", "Khatib", "Mansour", "Darwish", "Haj Ali", "Al-Masri", "Saleh",
            "Ismail", "Kassem", "Al-Halabi", "Hamdan", "Nasser", "Youssef", "Al-Sayed", "Othman",
            "Barakat", "Hijazi", "Al-Zoubi", "Shami", "Qasim", "Al-Ahmad", "Sabbagh", "Jaber",
            "Al-Khalil", "Aboud", "Najjar", "Diab", "Hammoud", "Kurdi",
        ),
    ),
    "kurdish": (
        ("Rojhat", "Serhat", "Baran", "Dilshad", "Rêzan", "Azad", "Shivan", "Hogir", "Berzan"),
        ("Rojin", "Berivan", "Nasrin", "Dilan", "Zozan", "Hêvî", "Ronahi", "Viyan", "Avesta"),
        ("Barzani", "Kobani", "Ahmad", "Hesso", "Sheikhmous", "Khalaf", "Osman", "Mamo"),
    ),
    "tigrinya": (
        (
            "Yonas", "Tesfay", "Mehari", "Dawit", "Samuel", "Habtom", "Kidane", "Berhane",
            "Filmon", "Amanuel", "Michael", "Yohannes", "Goitom", "Tekle", "Haile", "Mussie",
            "Robel", "Natnael", "Efrem", "Ghebre", "Tewelde", "Semere", "Abraham", "Biniam",
        ),
        (
            "Helen", "Senait", "Selam", "Rahel", "Luwam", "Winta", "Saba", "Yordanos", "Hanna",
            "Mebrat", "Freweini", "Eden", "Ruta", "Nebiat", "Almaz", "Tsega", "Feven", "Mihret",
        ),
        (),
    ),
    "ethiopian": (
        ("Abebe", "Tadesse", "Getachew", "Bekele", "Girma", "Solomon", "Alemu", "Dereje", "Kebede"),
        ("Meron", "Tigist", "Hirut", "Bethlehem", "Selamawit", "Aster", "Genet", "Mahlet"),
        (),
    ),
    "somali": (
        ("Abdi", "Abdullahi", "Mohamed", "Hassan", "Ahmed", "Farah", "Yusuf", "Omar", "Abdirahman"),
        ("Hodan", "Ayaan", "Hibo", "Sahra", "Fadumo", "Ifrah", "Nimco", "Khadra", "Ubah"),
        (),
    ),
    "sudanese": (
        ("Abdelrahman", "Osman", "Elfatih", "Mohamed", "Babiker", "Adam", "Hamid", "Musa"),
        ("Amna", "Fatima", "Hawa", "Safaa", "Zainab", "Mawahib", "Nafisa", "Sumaya"),
        ("Osman", "Abdalla", "Elhassan", "Babiker", "Adam", "Ibrahim", "Eltayeb", "Musa"),
    ),
    "persian": (
        (
            "Reza", "Amir", "Mehdi", "Hossein", "Saeed", "Babak", "Farhad", "Kaveh", "Arash",
            "Navid", "Behnam", "Pouya", "Siavash", "Omid", "Kian", "Milad",
        ),
        (
            "Maryam", "Shirin", "Neda", "Parisa", "Leila", "Sara", "Mahsa", "Nazanin", "Azadeh",
            "Golnaz", "Roya", "Fereshteh", "Shabnam", "Niloufar",
        ),
        (
            "Ahmadi", "Hosseini", "Karimi", "Rezaei", "Moradi", "Mohammadi", "Jafari", "Rahimi",
            "Sadeghi", "Ghorbani", "Heidari", "Nazari", "Kazemi", "Tehrani", "Shirazi", "Amini",
        ),
    ),
    "afghan": (
        ("Ahmad", "Mohammad", "Farid", "Najib", "Wahid", "Sayed", "Jawad", "Mansoor", "Hamid"),
        ("Zahra", "Fariba", "Marzia", "Mina", "Shabana", "Freshta", "Nazila", "Sakina", "Madina"),
        (
            "Ahmadzai", "Sultani", "Hakimi", "Noori", "Rahimi", "Hussaini", "Amiri", "Sharifi",
            "Safi", "Popal", "Stanekzai", "Wardak", "Haidari", "Azizi",
        ),
    ),
    "turkish": (
        ("Mehmet", "Mustafa", "Emre", "Burak", "Serkan", "Murat", "Kemal", "Oğuz", "Hakan", "Can"),
        ("Ayşe", "Elif", "Zeynep", "Fatma", "Emine", "Merve", "Büşra", "Esra", "Gül", "Seda"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"),
    ),
    "ukrainian": (
        ("Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Taras", "Bohdan", "Yurii", "Ivan"),
        ("Olena", "Iryna", "Nataliia", "Oksana", "Tetiana", "Yuliia", "Kateryna", "Svitlana"),
        (
            "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Shevchuk", "Boiko",
            "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Moroz",
        ),
    ),
    "russian": (
        ("Aleksei", "Dmitri", "Sergei", "Pavel", "Nikolai", "Andrei"),
        ("Anna", "Elena", "Olga", "Natalia", "Irina", "Svetlana"),
        ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Morozov"),
    ),
    "south_asian": (
        ("Imran", "Bilal", "Asif", "Faisal", "Tariq", "Rashid", "Rahim", "Sohel", "Kamal"),
        ("Ayesha", "Sana", "Nadia", "Farzana", "Rubina", "Shirin", "Nasreen", "Tahmina"),
        ("Khan", "Hussain", "Malik", "Chaudhry", "Qureshi", "Rahman", "Islam", "Hossain"),
    ),
    "east_african": (
        ("Joseph", "Moses", "Isaac", "Ronald", "Brian", "Godfrey", "Patrick", "Emmanuel"),
        ("Grace", "Esther", "Sarah", "Ruth", "Brenda", "Joan", "Mercy", "Harriet"),
        ("Okello", "Mugisha", "Nakato", "Ssemwogerere", "Tumusiime", "Opio", "Kato", "Byaruhanga"),
    ),
    "central_african": (
        ("Jean", "Patrice", "Christian", "Didier", "Eric", "Olivier", "Pacifique", "Cédric"),
        ("Marie", "Clarisse", "Chantal", "Aline", "Josiane", "Esperance", "Nadège", "Divine"),
        ("Mbuyi", "Kabila", "Ndayishimiye", "Nkurunziza", "Mukendi", "Ilunga", "Niyonzima", "Tshibanda"),
    ),
    "west_african": (
        ("Mamadou", "Ibrahima", "Alpha", "Oumar", "Chinedu", "Tunde", "Samuel", "Abdoulaye"),
        ("Aminata", "Mariama", "Fatoumata", "Kadiatou", "Ngozi", "Funmilayo", "Adaeze", "Hawa"),
        ("Diallo", "Barry", "Bah", "Sow", "Okafor", "Adeyemi", "Balogun", "Camara"),
    ),
    "vietnamese": (
        ("Minh", "Tuan", "Hung", "Duc", "Long", "Quang"),
        ("Lan", "Hoa", "Mai", "Linh", "Thao", "Huong"),
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"),
    ),
    "georgian": (
        ("Giorgi", "Levan", "Davit", "Nika", "Irakli"),
        ("Nino", "Tamar", "Mariam", "Ana", "Eka"),
        ("Beridze", "Kapanadze", "Gelashvili", "Lomidze", "Mamedov"),
    ),
    "latin": (
        ("Andrés", "Carlos", "Juan", "Diego", "Santiago"),
        ("María", "Valentina", "Camila", "Daniela", "Paula"),
        ("García", "Rodríguez", "Martínez", "Gómez", "Hernández", "Vargas"),
    ),
}

# Dutch names for coaches and staff (fictional combinations).
STAFF_FIRST = (
    "Anouk", "Bas", "Charlotte", "Daan", "Esther", "Femke", "Gerrit", "Hanneke", "Ilse", "Joost",
    "Karin", "Lotte", "Marloes", "Niels", "Olga", "Pieter", "Renske", "Sander", "Tessa", "Ruud",
    "Wouter", "Yvonne", "Ziya", "Sevda", "Mounir", "Samira", "Kofi", "Linda", "Marco", "Ingrid",
    "Jeroen", "Merel", "Thijs", "Fleur", "Roel", "Saskia", "Hamza", "Noor", "Dewi", "Erik",
)
STAFF_LAST = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "Vermeulen", "van Dijk", "Postma", "El Idrissi", "Yıldırım", "Boateng", "Kramer", "Prins",
)
# fmt: on

# ---------------------------------------------------------------------------------------------
# Occupations per demo sector, from the built-in demo taxonomy
# (:func:`werkpad.core.taxonomy.demo.demo_taxonomy`), which the app uses when no ESCO is imported:
# the records carry its URIs, so that work experience, desired occupations and vacancies are
# understood by the matching without ESCO files. With ESCO imported the URIs are unknown and the
# matching falls back to the Dutch labels (the occupation search).
#
# Sector keys follow werkpad.employers.choices.Sector where it has one (the taxonomy's "bouw" is
# "bouw_techniek" here); ICT/kantoor and agrarisch are kept as their own keys.

#: Demo taxonomy sector -> demo (employer) sector key.
TAXONOMY_SECTOR = {"bouw": "bouw_techniek"}

#: Self-development category ([001]: minimal, some, strong) of each demo occupation, by URI key:
#: entry-level work is "minimal", work with a vocational step up "some", a profession "strong".
CATEGORY: dict[str, str] = {
    "orderpicker": "minimal",
    "heftruckchauffeur": "some",
    "magazijnmedewerker": "minimal",
    "vrachtwagenchauffeur": "some",
    "pakketbezorger": "minimal",
    "kok": "some",
    "keukenhulp": "minimal",
    "bediening": "minimal",
    "barista": "minimal",
    "hotelreceptionist": "some",
    "timmerman": "some",
    "metselaar": "some",
    "elektricien": "strong",
    "loodgieter": "some",
    "schilder": "minimal",
    "lasser": "some",
    "productiemedewerker": "minimal",
    "inpakker": "minimal",
    "machineoperator": "some",
    "cncverspaner": "strong",
    "kwaliteitscontroleur": "some",
    "kassamedewerker": "minimal",
    "vakkenvuller": "minimal",
    "verkoopmedewerker": "minimal",
    "bakkerijmedewerker": "some",
    "schoonmaker": "minimal",
    "glazenwasser": "minimal",
    "kamermeisje": "minimal",
    "huishoudelijkehulp": "minimal",
    "verzorgende": "strong",
    "helpendezorg": "some",
    "verpleegkundige": "strong",
    "thuiszorgmedewerker": "some",
    "kinderopvang": "some",
    "softwareontwikkelaar": "strong",
    "helpdeskmedewerker": "some",
    "administratiefmedewerker": "some",
    "receptionist": "some",
    "klantenservicemedewerker": "some",
    "tolk": "some",
    "kassenmedewerker": "minimal",
    "oogstmedewerker": "minimal",
    "melkveehouderij": "minimal",
    "hovenier": "some",
}


@dataclass(frozen=True)
class OccupationData:
    key: str  # the demo taxonomy key (last part of the URI)
    label: str  # Dutch preferred label, capitalised as typed in a file
    uri: str
    category: str
    sector: str  # demo sector key


def _demo_occupations() -> dict[str, tuple[OccupationData, ...]]:
    by_sector: dict[str, list[OccupationData]] = {}
    for uri, occupation in demo_taxonomy().occupations.items():
        taxonomy_sector = demo_sector_of(uri)
        if taxonomy_sector is None:  # pragma: no cover - every demo occupation has a sector
            continue
        sector = TAXONOMY_SECTOR.get(taxonomy_sector, taxonomy_sector)
        key = uri.rsplit(":", 1)[-1]
        label = occupation.preferred_label
        by_sector.setdefault(sector, []).append(
            OccupationData(
                key=key,
                label=label[:1].upper() + label[1:],
                uri=uri,
                category=CATEGORY.get(key, "some"),
                sector=sector,
            )
        )
    return {sector: tuple(rows) for sector, rows in by_sector.items()}


#: Demo sector key -> its occupations (in the demo taxonomy's order).
SECTORS: dict[str, tuple[OccupationData, ...]] = _demo_occupations()
OCCUPATIONS: dict[str, OccupationData] = {o.key: o for rows in SECTORS.values() for o in rows}
SECTOR_OF_URI: dict[str, str] = {o.uri: o.sector for o in OCCUPATIONS.values()}

# Sector weights by education (none/primary/low, middle, high).
SECTOR_WEIGHTS: dict[str, dict[str, int]] = {
    "low": {
        "logistiek": 22,
        "horeca": 16,
        "bouw_techniek": 16,
        "productie": 14,
        "detailhandel": 10,
        "schoonmaak": 10,
        "zorg": 3,
        "ict_kantoor": 1,
        "agrarisch": 8,
    },
    "middle": {
        "logistiek": 14,
        "horeca": 12,
        "bouw_techniek": 22,
        "productie": 12,
        "detailhandel": 12,
        "schoonmaak": 4,
        "zorg": 10,
        "ict_kantoor": 8,
        "agrarisch": 6,
    },
    "high": {
        "logistiek": 6,
        "horeca": 6,
        "bouw_techniek": 10,
        "productie": 4,
        "detailhandel": 8,
        "schoonmaak": 2,
        "zorg": 24,
        "ict_kantoor": 36,
        "agrarisch": 4,
    },
}

DIPLOMA_TITLES: dict[str, tuple[str, ...]] = {
    "middle": (
        "Diploma middelbare school",
        "Vakdiploma elektrotechniek",
        "Vakdiploma autotechniek",
        "Diploma verpleging (mbo)",
        "Vakdiploma bouw",
    ),
    "high": (
        "Bachelor bedrijfskunde",
        "Bachelor informatica",
        "Bachelor civiele techniek",
        "Master farmacie",
        "Bachelor Engelse taal en letterkunde",
        "Artsexamen",
        "Bachelor economie",
        "Bachelor onderwijskunde",
    ),
}

# Reasons ([003] Tabel 8 and 9): (code of participants.choices.StatusReason, note, weight).
ON_HOLD_REASONS = (
    ("family", "", 2),
    ("medical", "", 6),
    ("pregnancy", "", 4),
    ("other", "Verhuizing naar andere gemeente", 5),
)
DROPOUT_REASONS = (
    ("language_education", "Kiest voor opleiding", 12),
    ("pregnancy", "", 3),
    ("medical", "", 14),
    ("partner_income", "", 5),
    ("other", "Geen contact meer", 29),
)
END_REASONS = (
    ("", "Inburgering afgerond", 15),
    ("", "Contract afgelopen", 18),
    ("", "Verhuisd", 6),
)
