#!/usr/bin/env python3
"""Build data/gazetteers/countries.tsv (kinds `country` and `demonym`).

Usage:
    npm install --prefix /tmp/countrydata cldr-localenames-full cldr-core \
        i18n-iso-countries countries-list
    python3 tools/build_countries.py /tmp/countrydata [-o data/gazetteers/countries.tsv]

SRC may be the npm prefix (holding node_modules/) or the node_modules folder itself.
Python 3 standard library only.

Inputs (read from SRC):
  cldr-localenames-full  main/en/territories.json            English names, -alt-short/-alt-variant
  cldr-core              supplemental/codeMappings.json       ISO alpha-3 (cross-check)
                         supplemental/territoryContainment.json  the UN member list ("UN")
  i18n-iso-countries     codes.json, langs/en.json            ISO alpha-2/alpha-3 list, aliases
  countries-list         countries.min.json                   more aliases ("Burma", "Holland")

Hand-typed tables below (general knowledge, checked against common news usage): canonical
names news uses, official long names, extra aliases, flags, the policy for the
countries-list alias column (many aliases are former names), and all demonyms (no
package in the allowed set carries demonyms).
"""

import argparse
import json
import os
import re
import sys
import unicodedata

# --------------------------------------------------------------------------------------
# Scope
# --------------------------------------------------------------------------------------

# ISO 3166-1 entries (from i18n-iso-countries codes.json) that are left out.
EXCLUDE_CODES = {
    "AQ",  # Antarctica: a continent, belongs to places.tsv (type=continent)
}

# ids `type=` for entries that are not UN member states (UN members get no type).
OBSERVERS = {"VA", "PS"}                  # UN observer states
STATE_NO_TYPE = {"TW", "XK"}              # de facto / partly recognised states: no type
# every other non-UN ISO entry gets type=territory

# alpha-3 overrides (CLDR and i18n-iso-countries both say XKK; XKX is the code used by
# the World Bank, the EU and most data sets that carry Kosovo).
ALPHA3_OVERRIDE = {"XK": "XKX"}

# Constituent countries of the United Kingdom: own `country` entries.
CONSTITUENTS = {
    "England": {"ids": "cc=GB;type=constituent", "aliases": []},
    "Scotland": {"ids": "cc=GB;type=constituent", "aliases": []},
    "Wales": {"ids": "cc=GB;type=constituent", "aliases": []},
    "Northern Ireland": {"ids": "cc=GB;type=constituent", "aliases": []},
}

# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------

# Canonical name (the short English name news uses) where CLDR's main name is not it.
# Otherwise the canonical is CLDR's main name with "&" -> "and" and "St." -> "Saint".
CANONICAL = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "HK": "Hong Kong",
    "MO": "Macau",
    "MM": "Myanmar",
    "PS": "Palestine",
    "TR": "Turkey",
    "TL": "East Timor",
    "VA": "Vatican City",
    "VC": "Saint Vincent and the Grenadines",
    "GS": "South Georgia and the South Sandwich Islands",
    "HM": "Heard Island and McDonald Islands",
    "UM": "United States Minor Outlying Islands",
    "CC": "Cocos Islands",
    "PN": "Pitcairn Islands",
    "BQ": "Caribbean Netherlands",
    "SJ": "Svalbard and Jan Mayen",
}

# Source names that are dropped (inverted ISO forms, parenthesised forms, display labels).
REJECT = {
    "Congo - Kinshasa", "Congo - Brazzaville", "Congo (DRC)", "Congo (Republic)",
    "Hong Kong SAR China", "Macao SAR China", "Myanmar (Burma)",
    "Falkland Islands (Islas Malvinas)", "Falkland Islands (Malvinas)",
    "Korea, Republic of", "Taiwan, Province of China", "Netherlands (Kingdom of the)",
    "Holy See (Vatican City State)", "Virgin Islands, British", "Virgin Islands, U.S.",
    "Micronesia, Federated States of", "Moldova, Republic of",
    "Saint Martin (French part)", "Sint Maarten (Dutch part)", "Cocos (Keeling) Islands",
    "U.S. Outlying Islands", "St. Vincent & Grenadines", "St. Vincent and Grenadines",
    "Saint Vincent and Grenadines",
    "Heard & McDonald Islands", "Heard and McDonald Islands",
    "South Georgia & South Sandwich Islands", "South Georgia and South Sandwich Islands",
    "The Republic of North Macedonia",  # kept without "The"
    "Republic of The Gambia",           # kept as "Republic of the Gambia" below
    "Aland",                            # ASCII form of Åland without "Islands": too short
}
# (code, name) pairs dropped: a name two sources give to two entries.
REJECT_FOR = {("CG", "Congo")}  # "Congo" alone -> Democratic Republic of the Congo
# Names with a comma kept (all other comma forms are inverted ISO names).
KEEP_COMMA = {"Bonaire, Sint Eustatius and Saba"}

# countries-list `alias` column: many are former names. None = drop, else flags string.
ALIAS_POLICY = {
    "UAE": "", "Emirates": "weak", "East Pakistan": None, "Upper Volta": "weak",
    "Bahrein": None, "Dahomey": "weak", "Bechuanaland": None, "Byelorussia": "weak",
    "Belorussia": "weak", "British Honduras": None, "Zaire": "weak",
    "Congo-Kinshasa": "", "DR Congo": "", "DRC": "", "Ubangi-Shari": None,
    "Congo-Brazzaville": "", "Cote d'Ivoire": "", "Cabo Verde": "", "Cape Verde": "",
    "Czech Republic": "", "Česká republika": None, "Spanish Sahara": None,
    "Abyssinia": "weak", "UK": "", "Britain": "", "Great Britain": "",
    "Gold Coast": None,  # more often the Australian city
    "Portuguese Guinea": None, "Dutch East Indies": None, "Persia": "weak",
    "Kirghizia": "weak", "Kyrgyz Republic": "", "Kampuchea": "weak",
    "Gilbert Islands": None, "DPRK": "", "Republic of Korea": "", "Ceylon": "weak",
    "Basutoland": None, "Moldavia": None,  # also a Romanian region
    "Macedonia": "weak", "FYROM": "", "French Sudan": None, "Burma": "",
    "Macau": "", "Nyasaland": None, "South West Africa": None, "Holland": "weak",
    "Rumania": "weak", "Roumania": "weak", "Russian Federation": "",
    "Syrian Arab Republic": "", "Swaziland": "", "Siam": "weak", "Turkmenia": "weak",
    "Turkey": "", "Turkiye": "", "Ellice Islands": None, "Formosa": "weak",
    "Tanganyika": None,  # also the lake
    "US": "", "USA": "", "America": "", "United States of America": "",
    "Holy See": "", "Vatican": "", "Lao PDR": "", "Myanmar (Burma)": None,
    "Viet Nam": "", "New Hebrides": None, "Northern Rhodesia": None,
    "Rhodesia": "weak", "Southern Rhodesia": None,
}

# Official long names (conventional long forms), typed.
OFFICIAL = {
    "AD": "Principality of Andorra", "AL": "Republic of Albania", "AM": "Republic of Armenia",
    "AO": "Republic of Angola", "AR": "Argentine Republic", "AT": "Republic of Austria",
    "AU": "Commonwealth of Australia", "AZ": "Republic of Azerbaijan",
    "BD": "People's Republic of Bangladesh", "BE": "Kingdom of Belgium",
    "BG": "Republic of Bulgaria", "BH": "Kingdom of Bahrain", "BI": "Republic of Burundi",
    "BJ": "Republic of Benin", "BN": "Brunei Darussalam",
    "BO": "Plurinational State of Bolivia", "BR": "Federative Republic of Brazil",
    "BS": "Commonwealth of The Bahamas", "BT": "Kingdom of Bhutan",
    "BW": "Republic of Botswana", "BY": "Republic of Belarus",
    "CD": "Democratic Republic of Congo", "CF": "Central African Republic",
    "CG": "Republic of Congo", "CH": "Swiss Confederation",
    "CI": "Republic of Côte d'Ivoire", "CL": "Republic of Chile",
    "CM": "Republic of Cameroon", "CN": "People's Republic of China",
    "CO": "Republic of Colombia", "CR": "Republic of Costa Rica", "CU": "Republic of Cuba",
    "CV": "Republic of Cabo Verde", "CY": "Republic of Cyprus",
    "DE": "Federal Republic of Germany", "DJ": "Republic of Djibouti",
    "DK": "Kingdom of Denmark", "DM": "Commonwealth of Dominica",
    "DZ": "People's Democratic Republic of Algeria", "EC": "Republic of Ecuador",
    "EE": "Republic of Estonia", "EG": "Arab Republic of Egypt", "ER": "State of Eritrea",
    "ES": "Kingdom of Spain", "ET": "Federal Democratic Republic of Ethiopia",
    "FI": "Republic of Finland", "FJ": "Republic of Fiji",
    "FM": "Federated States of Micronesia", "FR": "French Republic",
    "GA": "Gabonese Republic",
    "GB": "United Kingdom of Great Britain and Northern Ireland",
    "GH": "Republic of Ghana", "GM": "Republic of the Gambia", "GN": "Republic of Guinea",
    "GQ": "Republic of Equatorial Guinea", "GR": "Hellenic Republic",
    "GT": "Republic of Guatemala", "GW": "Republic of Guinea-Bissau",
    "GY": "Co-operative Republic of Guyana", "HN": "Republic of Honduras",
    "HR": "Republic of Croatia", "HT": "Republic of Haiti", "ID": "Republic of Indonesia",
    "IE": "Republic of Ireland", "IL": "State of Israel", "IN": "Republic of India",
    "IQ": "Republic of Iraq", "IR": "Islamic Republic of Iran", "IT": "Italian Republic",
    "JO": "Hashemite Kingdom of Jordan", "KE": "Republic of Kenya",
    "KG": "Kyrgyz Republic", "KH": "Kingdom of Cambodia", "KI": "Republic of Kiribati",
    "KM": "Union of the Comoros", "KN": "Federation of Saint Kitts and Nevis",
    "KP": "Democratic People's Republic of Korea", "KR": "Republic of Korea",
    "KW": "State of Kuwait", "KZ": "Republic of Kazakhstan",
    "LA": "Lao People's Democratic Republic", "LB": "Lebanese Republic",
    "LI": "Principality of Liechtenstein",
    "LK": "Democratic Socialist Republic of Sri Lanka", "LR": "Republic of Liberia",
    "LS": "Kingdom of Lesotho", "LT": "Republic of Lithuania",
    "LU": "Grand Duchy of Luxembourg", "LV": "Republic of Latvia", "LY": "State of Libya",
    "MA": "Kingdom of Morocco", "MC": "Principality of Monaco", "MD": "Republic of Moldova",
    "MG": "Republic of Madagascar", "MH": "Republic of the Marshall Islands",
    "MK": "Republic of North Macedonia", "ML": "Republic of Mali",
    "MM": "Republic of the Union of Myanmar", "MR": "Islamic Republic of Mauritania",
    "MT": "Republic of Malta", "MU": "Republic of Mauritius", "MV": "Republic of Maldives",
    "MW": "Republic of Malawi", "MX": "United Mexican States",
    "MZ": "Republic of Mozambique", "NA": "Republic of Namibia", "NE": "Republic of Niger",
    "NG": "Federal Republic of Nigeria", "NI": "Republic of Nicaragua",
    "NL": "Kingdom of the Netherlands", "NO": "Kingdom of Norway",
    "NP": "Federal Democratic Republic of Nepal", "NR": "Republic of Nauru",
    "OM": "Sultanate of Oman", "PA": "Republic of Panama", "PE": "Republic of Peru",
    "PG": "Independent State of Papua New Guinea", "PH": "Republic of the Philippines",
    "PK": "Islamic Republic of Pakistan", "PL": "Republic of Poland",
    "PR": "Commonwealth of Puerto Rico", "PS": "State of Palestine",
    "PT": "Portuguese Republic", "PW": "Republic of Palau", "PY": "Republic of Paraguay",
    "QA": "State of Qatar", "RS": "Republic of Serbia", "RU": "Russian Federation",
    "RW": "Republic of Rwanda", "SA": "Kingdom of Saudi Arabia",
    "SC": "Republic of Seychelles", "SD": "Republic of the Sudan",
    "SE": "Kingdom of Sweden", "SG": "Republic of Singapore", "SI": "Republic of Slovenia",
    "SK": "Slovak Republic", "SL": "Republic of Sierra Leone",
    "SM": "Republic of San Marino", "SN": "Republic of Senegal",
    "SO": "Federal Republic of Somalia", "SR": "Republic of Suriname",
    "SS": "Republic of South Sudan",
    "ST": "Democratic Republic of São Tomé and Príncipe",
    "SV": "Republic of El Salvador", "SY": "Syrian Arab Republic",
    "SZ": "Kingdom of Eswatini", "TD": "Republic of Chad", "TG": "Togolese Republic",
    "TH": "Kingdom of Thailand", "TJ": "Republic of Tajikistan",
    "TL": "Democratic Republic of Timor-Leste", "TN": "Republic of Tunisia",
    "TO": "Kingdom of Tonga", "TR": "Republic of Türkiye",
    "TT": "Republic of Trinidad and Tobago", "TW": "Republic of China",
    "TZ": "United Republic of Tanzania", "UG": "Republic of Uganda",
    "US": "United States of America", "UY": "Oriental Republic of Uruguay",
    "UZ": "Republic of Uzbekistan", "VA": "Vatican City State",
    "VE": "Bolivarian Republic of Venezuela", "VN": "Socialist Republic of Vietnam",
    "VU": "Republic of Vanuatu", "WS": "Independent State of Samoa",
    "XK": "Republic of Kosovo", "YE": "Republic of Yemen",
    "ZA": "Republic of South Africa", "ZM": "Republic of Zambia",
    "ZW": "Republic of Zimbabwe", "EH": "Sahrawi Arab Democratic Republic",
}

# Extra surface forms (typed): "name" or "name/flags", separated by "|".
EXTRA = {
    "US": "U.S.|US/exact|U.S.A.|USA|America|United States",
    "GB": "U.K.|UK|Britain|Great Britain",
    "AE": "U.A.E.|UAE",
    "CN": "PRC|mainland China",
    "KR": "ROK|Korea/weak|S. Korea|Republic of Korea",
    "KP": "DPRK|N. Korea",
    "CD": "DRC|DR Congo|D.R. Congo|Congo|Congo-Kinshasa|Democratic Republic of Congo",
    "CG": "Congo-Brazzaville|Republic of Congo",
    "CI": "Côte d'Ivoire|Cote d'Ivoire",
    "BA": "Bosnia-Herzegovina|Bosnia",
    "BS": "The Bahamas",
    "GM": "The Gambia",
    "NL": "The Netherlands",
    "CZ": "Czechia",
    "TR": "Türkiye|Turkiye|Republic of Turkey",
    "TL": "Timor-Leste|Timor Leste",
    "MK": "Former Yugoslav Republic of Macedonia",
    "VA": "Vatican|Holy See|Vatican City State",
    "PS": "State of Palestine|Palestinian territories",
    "TW": "Chinese Taipei",
    "HK": "Hong Kong SAR",
    "MO": "Macao|Macau SAR|Macao SAR",
    "VN": "Viet Nam",
    "LA": "Lao PDR",
    "SZ": "Swaziland",
    "CV": "Cabo Verde",
    "IE": "Republic of Ireland",
    "NZ": "Aotearoa",
    "TT": "Trinidad",
    "SR": "Surinam",
    "FK": "Falklands|Malvinas|Islas Malvinas",
    "FO": "Faroes|Faeroe Islands",
    "SJ": "Svalbard",
    "GS": "South Georgia/weak",
    "CC": "Keeling Islands",
    "AX": "Åland|Aland Islands",
    "RE": "Reunion/exact,weak",
    "CW": "Curacao/exact",
    "ST": "Sao Tome and Principe|São Tomé",
    "BL": "Saint Barthelemy|St. Barts|St Barts",
    "PM": "Saint-Pierre and Miquelon",
    "VI": "US Virgin Islands|United States Virgin Islands",
    "KN": "St. Kitts|St Kitts|Saint Kitts",
    "MM": "Burma",
    "RU": "Russian Federation",
}

# Flags on particular forms (applied wherever the form occurs).
FLAGS = {
    "US": "exact", "China": "exact", "Turkey": "exact", "Guinea": "exact",
    "Chile": "exact", "Japan": "exact", "Panama": "exact", "Guernsey": "exact",
    "Jersey": "exact,weak", "Chad": "exact,weak", "Georgia": "weak", "Jordan": "weak",
    "Dominica": "weak", "Micronesia": "weak", "Macedonia": "weak", "Korea": "weak",
    "Reunion": "exact,weak", "Curacao": "exact", "Holland": "weak", "Persia": "weak",
    "Emirates": "weak",
}

# --------------------------------------------------------------------------------------
# Demonyms (typed from general knowledge). "+s" adds the plural; "/flags" sets flags.
# --------------------------------------------------------------------------------------

DEMONYMS = {
    # Europe
    "AD": "Andorran+s", "AL": "Albanian+s", "AT": "Austrian+s", "AX": "Ålander+s",
    "BA": "Bosnian+s|Herzegovinian+s", "BE": "Belgian+s", "BG": "Bulgarian+s",
    "BY": "Belarusian+s|Belarussian+s", "CH": "Swiss", "CY": "Cypriot+s|Greek Cypriot+s|Turkish Cypriot+s",
    "CZ": "Czech+s", "DE": "German+s", "DK": "Danish|Dane+s", "EE": "Estonian+s",
    "ES": "Spanish|Spaniard+s", "FI": "Finnish|Finn/weak|Finns", "FO": "Faroese|Faroe Islander+s",
    "FR": "French|Frenchman|Frenchmen|Frenchwoman|Frenchwomen",
    "GB": "British|Briton+s|Brit+s", "GG": "Guernseyman|Guernseymen", "GI": "Gibraltarian+s",
    "GR": "Greek+s", "HR": "Croatian+s|Croat+s", "HU": "Hungarian+s",
    "IE": "Irish|Irishman|Irishmen|Irishwoman|Irishwomen", "IM": "Manx",
    "IS": "Icelandic|Icelander+s", "IT": "Italian+s", "JE": "Jerseyman|Jerseymen",
    "LI": "Liechtensteiner+s", "LT": "Lithuanian+s", "LU": "Luxembourger+s|Luxembourgish",
    "LV": "Latvian+s", "MC": "Monegasque+s|Monégasque+s", "MD": "Moldovan+s",
    "ME": "Montenegrin+s", "MK": "Macedonian/weak|Macedonians/weak|North Macedonian+s", "MT": "Maltese",
    "NL": "Dutch|Dutchman|Dutchmen|Dutchwoman|Dutchwomen", "NO": "Norwegian+s",
    "PL": "Polish|Pole/exact|Poles/exact", "PT": "Portuguese", "RO": "Romanian+s",
    "RS": "Serbian+s|Serb+s", "RU": "Russian+s", "SE": "Swedish|Swede/exact|Swedes/exact",
    "SI": "Slovenian+s|Slovene+s", "SK": "Slovak+s|Slovakian+s", "SM": "Sammarinese",
    "UA": "Ukrainian+s", "XK": "Kosovar+s|Kosovan+s",
    # UK constituents
    "England": "English/weak|Englishman|Englishmen|Englishwoman|Englishwomen",
    "Scotland": "Scottish|Scot+s|Scotsman|Scotsmen|Scotswoman|Scotswomen",
    "Wales": "Welsh|Welshman|Welshmen|Welshwoman|Welshwomen",
    "Northern Ireland": "Northern Irish",
    # Caucasus, Central Asia
    "AM": "Armenian+s", "AZ": "Azerbaijani+s|Azeri+s", "GE": "Georgian/weak|Georgians/weak",
    "KG": "Kyrgyz|Kyrgyzstani+s", "KZ": "Kazakh+s|Kazakhstani+s", "TJ": "Tajik+s|Tajikistani+s",
    "TM": "Turkmen+s", "UZ": "Uzbek+s|Uzbekistani+s",
    # Middle East
    "AE": "Emirati+s", "AF": "Afghan+s", "BH": "Bahraini+s", "IL": "Israeli+s",
    "IQ": "Iraqi+s", "IR": "Iranian+s|Persian/weak|Persians/weak", "JO": "Jordanian+s",
    "KW": "Kuwaiti+s", "LB": "Lebanese", "OM": "Omani+s", "PS": "Palestinian+s",
    "QA": "Qatari+s", "SA": "Saudi+s|Saudi Arabian+s", "SY": "Syrian+s",
    "TR": "Turkish|Turk+s", "YE": "Yemeni+s",
    # South and East Asia
    "BD": "Bangladeshi+s", "BN": "Bruneian+s", "BT": "Bhutanese", "CN": "Chinese",
    "HK": "Hong Konger+s|Hongkonger+s", "ID": "Indonesian+s", "IN": "Indian+s",
    "JP": "Japanese", "KH": "Cambodian+s", "KP": "North Korean+s",
    "KR": "South Korean+s|Korean/weak|Koreans/weak", "LA": "Laotian+s|Lao",
    "LK": "Sri Lankan+s", "MM": "Burmese", "MN": "Mongolian+s", "MO": "Macanese",
    "MV": "Maldivian+s", "MY": "Malaysian+s", "NP": "Nepali+s|Nepalese",
    "PH": "Filipino+s|Filipina+s|Philippine", "PK": "Pakistani+s", "SG": "Singaporean+s",
    "TH": "Thai+s", "TL": "East Timorese|Timorese", "TW": "Taiwanese", "VN": "Vietnamese",
    # Africa
    "AO": "Angolan+s", "BF": "Burkinabe|Burkinabè", "BI": "Burundian+s", "BJ": "Beninese",
    "BW": "Motswana|Batswana|Botswanan+s", "CD": "Congolese/weak",
    "CF": "Central African/weak|Central Africans/weak", "CI": "Ivorian+s",
    "CM": "Cameroonian+s", "CV": "Cape Verdean+s|Cabo Verdean+s", "DJ": "Djiboutian+s",
    "DZ": "Algerian+s", "EG": "Egyptian+s", "EH": "Sahrawi+s|Saharawi+s", "ER": "Eritrean+s",
    "ET": "Ethiopian+s", "GA": "Gabonese", "GH": "Ghanaian+s", "GM": "Gambian+s",
    "GN": "Guinean+s", "GQ": "Equatorial Guinean+s|Equatoguinean+s",
    "GW": "Bissau-Guinean+s", "KE": "Kenyan+s", "KM": "Comorian+s|Comoran+s",
    "LR": "Liberian+s", "LS": "Basotho|Mosotho", "LY": "Libyan+s", "MA": "Moroccan+s",
    "MG": "Malagasy", "ML": "Malian+s", "MR": "Mauritanian+s", "MU": "Mauritian+s",
    "MW": "Malawian+s", "MZ": "Mozambican+s", "NA": "Namibian+s", "NE": "Nigerien+s",
    "NG": "Nigerian+s", "RE": "Réunionese|Reunionese", "RW": "Rwandan+s|Rwandese",
    "SC": "Seychellois", "SD": "Sudanese", "SH": "Saint Helenian+s", "SL": "Sierra Leonean+s",
    "SN": "Senegalese", "SO": "Somali+s|Somalian+s", "SS": "South Sudanese",
    "ST": "São Toméan+s|Sao Tomean+s", "SZ": "Swazi+s", "TD": "Chadian+s",
    "TG": "Togolese", "TN": "Tunisian+s", "TZ": "Tanzanian+s", "UG": "Ugandan+s",
    "YT": "Mahoran+s", "ZA": "South African+s", "ZM": "Zambian+s", "ZW": "Zimbabwean+s",
    # Americas
    "AG": "Antiguan+s|Barbudan+s", "AI": "Anguillan+s", "AR": "Argentine+s|Argentinian+s|Argentinean+s",
    "AW": "Aruban+s", "BB": "Barbadian+s|Bajan+s", "BM": "Bermudian+s|Bermudan+s",
    "BO": "Bolivian+s", "BR": "Brazilian+s", "BS": "Bahamian+s", "BZ": "Belizean+s",
    "CA": "Canadian+s", "CL": "Chilean+s", "CO": "Colombian+s", "CR": "Costa Rican+s",
    "CU": "Cuban+s", "CW": "Curaçaoan+s|Curacaoan+s", "DO": "Dominican+s",
    "EC": "Ecuadorian+s|Ecuadoran+s", "FK": "Falkland Islander+s|Falklander+s",
    "GD": "Grenadian+s", "GF": "French Guianese", "GL": "Greenlander+s|Greenlandic",
    "GP": "Guadeloupean+s", "GT": "Guatemalan+s", "GY": "Guyanese", "HN": "Honduran+s",
    "HT": "Haitian+s", "JM": "Jamaican+s", "KN": "Kittitian+s|Nevisian+s",
    "KY": "Caymanian+s", "LC": "Saint Lucian+s|St. Lucian+s", "MQ": "Martinican+s",
    "MS": "Montserratian+s", "MX": "Mexican+s", "NI": "Nicaraguan+s", "PA": "Panamanian+s",
    "PE": "Peruvian+s", "PR": "Puerto Rican+s", "PY": "Paraguayan+s",
    "SR": "Surinamese|Surinamer+s", "SV": "Salvadoran+s|Salvadorean+s",
    "TC": "Turks and Caicos Islander+s",
    "TT": "Trinidadian+s|Tobagonian+s|Trinbagonian+s", "US": "American+s",
    "UY": "Uruguayan+s", "VC": "Vincentian+s", "VE": "Venezuelan+s",
    "VG": "British Virgin Islander+s",
    # Oceania
    "AS": "American Samoan+s", "AU": "Australian+s", "CK": "Cook Islander+s",
    "CX": "Christmas Islander+s", "CC": "Cocos Islander+s",
    "FJ": "Fijian+s", "FM": "Micronesian/weak|Micronesians/weak", "GU": "Guamanian+s",
    "KI": "I-Kiribati", "MH": "Marshallese", "MP": "Northern Mariana Islander+s",
    "NC": "New Caledonian+s", "NF": "Norfolk Islander+s", "NR": "Nauruan+s", "NU": "Niuean+s",
    "NZ": "New Zealander+s", "PF": "French Polynesian+s|Tahitian+s", "PG": "Papua New Guinean+s",
    "PN": "Pitcairn Islander+s", "PW": "Palauan+s", "SB": "Solomon Islander+s",
    "TK": "Tokelauan+s", "TO": "Tongan+s", "TV": "Tuvaluan+s", "VU": "Ni-Vanuatu",
    "WF": "Wallisian+s|Futunan+s", "WS": "Samoan+s",
}

# --------------------------------------------------------------------------------------


def die(msg):
    sys.exit("build_countries: " + msg)


def find_modules(src):
    for cand in (os.path.join(src, "node_modules"), src):
        if os.path.isdir(os.path.join(cand, "cldr-localenames-full")):
            return cand
    die("no cldr-localenames-full under %s (or %s/node_modules)" % (src, src))


def load(mod, *parts):
    with open(os.path.join(mod, *parts), encoding="utf-8") as f:
        return json.load(f)


def pkg_info(mod, name):
    p = load(mod, name, "package.json")
    return name, p.get("version", "?"), p.get("license", "?")


def clean(name):
    """Normalise a source name: NFC, curly apostrophe -> ', '&' -> 'and', spaces."""
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\u2019", "'").replace("\u02bc", "'")
    name = re.sub(r"\s+", " ", name).strip()
    return name


def saint_variants(name):
    """'Saint Lucia' <-> 'St. Lucia' <-> 'St Lucia'."""
    out = {name}
    m = re.match(r"^(Saint|St\.|St) (.*)$", name)
    if m:
        rest = m.group(2)
        out |= {"Saint " + rest, "St. " + rest, "St " + rest}
    return out


def amp_variants(name):
    if " & " in name:
        return {name, name.replace(" & ", " and ")}
    return {name}


def split_forms(spec):
    """'A|B/exact|C+s' -> [(A,''),(B,'exact'),(C,''),(Cs,'')]."""
    out = []
    for part in spec.split("|"):
        part = part.strip()
        if not part:
            continue
        flags = ""
        if "/" in part:
            part, flags = part.split("/", 1)
        if part.endswith("+s"):
            base = part[:-2]
            out.append((base, flags))
            out.append((base + "s", flags))
        else:
            out.append((part, flags))
    return out


def merge_flags(*fl):
    s = []
    for f in fl:
        for x in (f or "").split(","):
            x = x.strip()
            if x and x not in s:
                s.append(x)
    order = {"exact": 0, "weak": 1}
    return ",".join(sorted(s, key=lambda x: (order.get(x, 9), x)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", help="npm prefix (or node_modules) holding the source packages")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("-o", "--out",
                    default=os.path.join(here, "..", "data", "gazetteers", "countries.tsv"))
    args = ap.parse_args()
    mod = find_modules(args.src)

    pkgs = [pkg_info(mod, n) for n in
            ("cldr-localenames-full", "cldr-core", "i18n-iso-countries", "countries-list")]
    terr = load(mod, "cldr-localenames-full", "main", "en",
                "territories.json")["main"]["en"]["localeDisplayNames"]["territories"]
    cmap = load(mod, "cldr-core", "supplemental", "codeMappings.json")["supplemental"]["codeMappings"]
    contain = load(mod, "cldr-core", "supplemental",
                   "territoryContainment.json")["supplemental"]["territoryContainment"]
    un = set(contain["UN"]["_contains"])
    codes = load(mod, "i18n-iso-countries", "codes.json")
    i18n = load(mod, "i18n-iso-countries", "langs", "en.json")["countries"]
    clist = load(mod, "countries-list", "countries.min.json")

    warnings = []
    alpha3 = {}
    for row in codes:
        a2, a3 = row[0], row[1]
        if a2 in EXCLUDE_CODES:
            continue
        c3 = cmap.get(a2, {}).get("_alpha3")
        if c3 and c3 != a3:
            warnings.append("alpha-3 differs for %s: i18n %s, CLDR %s" % (a2, a3, c3))
        alpha3[a2] = ALPHA3_OVERRIDE.get(a2, a3)
    missing_un = un - set(alpha3)
    if missing_un:
        die("UN members missing from the ISO list: %s" % sorted(missing_un))

    # entity key -> dict(canonical, ids, forms{name: flags})
    ents = {}

    def ids_for(a2):
        ids = "iso2=%s;iso3=%s" % (a2, alpha3[a2])
        if a2 in un or a2 in STATE_NO_TYPE:
            return ids
        if a2 in OBSERVERS:
            return ids + ";type=observer"
        return ids + ";type=territory"

    def add(key, name, flags=""):
        name = clean(name)
        e = ents[key]
        if name in REJECT or (key, name) in REJECT_FOR:
            return
        if "(" in name or ("," in name and name not in KEEP_COMMA):
            warnings.append("dropped %s form %r" % (key, name))
            return
        variants = set()
        for v in amp_variants(name):
            variants |= saint_variants(v)
            if v.startswith("The "):
                variants.add(v[4:])
        for v in variants:
            if v in REJECT or (key, v) in REJECT_FOR:
                continue
            e["forms"][v] = merge_flags(e["forms"].get(v, ""), flags, FLAGS.get(v, ""))

    for a2 in sorted(alpha3):
        main_name = terr.get(a2)
        if main_name is None:
            die("CLDR has no English name for %s" % a2)
        canon = CANONICAL.get(a2)
        if canon is None:
            canon = clean(main_name).replace(" & ", " and ")
            canon = re.sub(r"^St\. ", "Saint ", canon)
        ents[a2] = {"canonical": canon, "ids": ids_for(a2), "forms": {}}
        add(a2, canon)
        for suffix in ("", "-alt-short", "-alt-variant", "-alt-chagos"):
            if a2 + suffix in terr:
                add(a2, terr[a2 + suffix])
        v = i18n.get(a2)
        for n in ([v] if isinstance(v, str) else (v or [])):
            add(a2, n)
        c = clist.get(a2)
        if c:
            add(a2, c["name"])
            for al in c.get("alias", []) or []:
                if al not in ALIAS_POLICY:
                    warnings.append("countries-list alias %r (%s) not in ALIAS_POLICY: kept weak" % (al, a2))
                    add(a2, al, "weak")
                elif ALIAS_POLICY[al] is not None:
                    add(a2, al, ALIAS_POLICY[al])
        if a2 in OFFICIAL:
            add(a2, OFFICIAL[a2])
        for n, fl in split_forms(EXTRA.get(a2, "")):
            add(a2, n, fl)

    for cname, info in CONSTITUENTS.items():
        ents[cname] = {"canonical": cname, "ids": info["ids"], "forms": {}}
        add(cname, cname)
        for al in info["aliases"]:
            add(cname, al)

    # rows
    rows = []
    for key, e in ents.items():
        for name, flags in e["forms"].items():
            rows.append((name, "country", e["canonical"], e["ids"], flags))
        for name, flags in split_forms(DEMONYMS.get(key, "")):
            rows.append((clean(name), "demonym", e["canonical"], e["ids"], merge_flags(flags)))
    for key in DEMONYMS:
        if key not in ents:
            die("demonym key %s names no entity" % key)

    # checks: duplicates (case-insensitive name + kind), one ids set per canonical
    seen = {}
    for r in rows:
        k = (r[0].casefold(), r[1])
        if k in seen:
            prev = seen[k]
            if prev[2] != r[2]:
                die("%r (%s) names both %r and %r" % (r[0], r[1], prev[2], r[2]))
            # same name in another capitalisation: keep the form with fewer capitals
            # (the engine also accepts Title Case and ALL CAPS of it), merge flags
            upper = lambda x: sum(ch.isupper() for ch in x)
            keep = r[0] if upper(r[0]) < upper(prev[0]) else prev[0]
            seen[k] = (keep, r[1], r[2], r[3], merge_flags(prev[4], r[4]))
            warnings.append("case variants %r / %r for %s: kept %r" % (prev[0], r[0], r[2], keep))
            continue
        seen[k] = r
    rows = list(seen.values())
    ids_by_canon = {}
    for r in rows:
        ids_by_canon.setdefault(r[2], set()).add(r[3])
    bad = {c: s for c, s in ids_by_canon.items() if len(s) != 1}
    if bad:
        die("canonicals with several id sets: %r" % bad)
    country_canons = {r[2] for r in rows if r[1] == "country"}
    for r in rows:
        if r[1] == "demonym" and r[2] not in country_canons:
            die("demonym %r -> %r: no such country canonical" % (r[0], r[2]))
    for c in country_canons:
        if not any(r[0] == c and r[1] == "country" for r in rows):
            die("canonical %r has no row of its own" % c)
    for r in rows:
        if "\t" in "".join(r) or any(not x.strip() == x for x in r):
            die("bad field in %r" % (r,))
        if "  " in r[0]:
            die("double space in %r" % r[0])

    def fold(x):
        x = unicodedata.normalize("NFKD", x)
        return "".join(ch for ch in x if not unicodedata.combining(ch)).casefold()

    rows.sort(key=lambda r: (fold(r[2]), r[2], fold(r[0]), r[0], r[1]))

    src_line = "; ".join("npm %s %s (%s)" % p for p in pkgs)
    header = [
        "# countries.tsv: countries, territories, UK constituent countries and demonyms.",
        "# Source: %s;" % src_line,
        "#   canonical names, official long names, extra aliases, flags and all demonyms typed",
        "#   by hand from general knowledge (see tools/build_countries.py).",
        "# License: Unicode-3.0 (CLDR), MIT (i18n-iso-countries, countries-list); see NOTICE.",
        "# Generated by tools/build_countries.py; do not edit by hand.",
        "# name\tkind\tcanonical\tids\tflags",
    ]
    out = os.path.abspath(args.out)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    # report
    n_c = sum(1 for r in rows if r[1] == "country")
    n_d = sum(1 for r in rows if r[1] == "demonym")
    no_dem = sorted(e["canonical"] for k, e in ents.items() if k not in DEMONYMS)
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    print("wrote %s: %d rows (%d country, %d demonym), %d entities (%d UN members)"
          % (out, len(rows), n_c, n_d, len(ents), len(un & set(ents))))
    print("entities without demonyms: %s" % ", ".join(no_dem))


if __name__ == "__main__":
    main()
