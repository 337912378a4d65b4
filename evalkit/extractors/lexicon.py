"""Small general word lists for the rule-based back-ends.

General English news vocabulary only: countries and their demonyms, world capitals and large
cities, US states, well-known international organisations and news agencies, organisation
head nouns, personal titles, reporting verbs and pronouns. Nothing here is drawn from any gold
file. Every entry is written as it appears in text; lookups are case-sensitive unless a
function says otherwise.
"""

from __future__ import annotations

import re


def _lines(block: str) -> frozenset[str]:
    """Entries separated by ``;`` or new lines, stripped."""
    return frozenset(e.strip() for e in re.split(r"[;\n]", block) if e.strip())


#: Country -> demonym adjective. Short forms used in news are listed as countries of their own.
COUNTRY_DEMONYMS: dict[str, str] = {
    "Afghanistan": "Afghan", "Albania": "Albanian", "Algeria": "Algerian",
    "Argentina": "Argentine", "Armenia": "Armenian", "Australia": "Australian",
    "Austria": "Austrian", "Azerbaijan": "Azerbaijani", "Bahrain": "Bahraini",
    "Bangladesh": "Bangladeshi", "Belarus": "Belarusian", "Belgium": "Belgian",
    "Bolivia": "Bolivian", "Bosnia": "Bosnian", "Brazil": "Brazilian", "Bulgaria": "Bulgarian",
    "Cambodia": "Cambodian", "Cameroon": "Cameroonian", "Canada": "Canadian", "Chad": "Chadian",
    "Chile": "Chilean", "China": "Chinese", "Colombia": "Colombian", "Congo": "Congolese",
    "Croatia": "Croatian", "Cuba": "Cuban", "Cyprus": "Cypriot", "Czechia": "Czech",
    "Denmark": "Danish", "Ecuador": "Ecuadorian", "Egypt": "Egyptian", "Eritrea": "Eritrean",
    "Estonia": "Estonian", "Ethiopia": "Ethiopian", "Finland": "Finnish", "France": "French",
    "Georgia": "Georgian", "Germany": "German", "Ghana": "Ghanaian", "Greece": "Greek",
    "Guatemala": "Guatemalan", "Haiti": "Haitian", "Honduras": "Honduran",
    "Hungary": "Hungarian", "Iceland": "Icelandic", "India": "Indian", "Indonesia": "Indonesian",
    "Iran": "Iranian", "Iraq": "Iraqi", "Ireland": "Irish", "Israel": "Israeli", "Italy": "Italian",
    "Jamaica": "Jamaican", "Japan": "Japanese", "Jordan": "Jordanian",
    "Kazakhstan": "Kazakh", "Kenya": "Kenyan", "Kosovo": "Kosovan", "Kuwait": "Kuwaiti",
    "Kyrgyzstan": "Kyrgyz", "Laos": "Laotian", "Latvia": "Latvian", "Lebanon": "Lebanese",
    "Libya": "Libyan", "Lithuania": "Lithuanian", "Luxembourg": "Luxembourgish",
    "Malaysia": "Malaysian", "Mali": "Malian", "Malta": "Maltese", "Mexico": "Mexican",
    "Moldova": "Moldovan", "Mongolia": "Mongolian", "Montenegro": "Montenegrin",
    "Morocco": "Moroccan", "Mozambique": "Mozambican", "Myanmar": "Burmese", "Nepal": "Nepali",
    "Netherlands": "Dutch", "New Zealand": "New Zealander", "Nicaragua": "Nicaraguan",
    "Niger": "Nigerien", "Nigeria": "Nigerian", "North Korea": "North Korean",
    "Norway": "Norwegian", "Oman": "Omani", "Pakistan": "Pakistani", "Palestine": "Palestinian",
    "Panama": "Panamanian", "Paraguay": "Paraguayan", "Peru": "Peruvian",
    "Philippines": "Filipino", "Poland": "Polish", "Portugal": "Portuguese", "Qatar": "Qatari",
    "Romania": "Romanian", "Russia": "Russian", "Rwanda": "Rwandan",
    "Saudi Arabia": "Saudi", "Senegal": "Senegalese", "Serbia": "Serbian",
    "Singapore": "Singaporean", "Slovakia": "Slovak", "Slovenia": "Slovenian",
    "Somalia": "Somali", "South Africa": "South African", "South Korea": "South Korean",
    "South Sudan": "South Sudanese", "Spain": "Spanish", "Sri Lanka": "Sri Lankan",
    "Sudan": "Sudanese", "Sweden": "Swedish", "Switzerland": "Swiss", "Syria": "Syrian",
    "Taiwan": "Taiwanese", "Tajikistan": "Tajik", "Tanzania": "Tanzanian", "Thailand": "Thai",
    "Tunisia": "Tunisian", "Turkey": "Turkish", "Türkiye": "Turkish",
    "Turkmenistan": "Turkmen", "Uganda": "Ugandan", "Ukraine": "Ukrainian",
    "United Arab Emirates": "Emirati", "United Kingdom": "British", "Britain": "British",
    "United States": "American", "America": "American", "Uruguay": "Uruguayan",
    "Uzbekistan": "Uzbek", "Venezuela": "Venezuelan", "Vietnam": "Vietnamese",
    "Yemen": "Yemeni", "Zambia": "Zambian", "Zimbabwe": "Zimbabwean",
    "US": "American", "USA": "American", "UK": "British", "UAE": "Emirati", "England": "English",
    "Scotland": "Scottish", "Wales": "Welsh",
}

#: Countries and country short forms (GPE).
COUNTRIES: frozenset[str] = frozenset(COUNTRY_DEMONYMS)

#: Territories, regions with a government, capitals and large cities, US states (GPE).
PLACES: frozenset[str] = _lines(
    """
    Gaza; West Bank; Crimea; Kashmir; Hong Kong; Macau; Puerto Rico; Greenland; Tibet; Kurdistan
    Abu Dhabi; Abuja; Accra; Addis Ababa; Algiers; Amman; Amsterdam; Ankara; Athens; Baghdad
    Baku; Bangkok; Barcelona; Beijing; Beirut; Belgrade; Berlin; Bern; Bogotá; Brasília
    Bratislava; Brussels; Bucharest; Budapest; Buenos Aires; Cairo; Canberra; Cape Town
    Caracas; Chicago; Chisinau; Copenhagen; Damascus; Delhi; New Delhi; Dhaka; Doha; Dubai
    Dublin; Edinburgh; Frankfurt; Geneva; Hanoi; Havana; Helsinki; Islamabad; Istanbul
    Jakarta; Jerusalem; Johannesburg; Kabul; Karachi; Khartoum; Kinshasa; Kyiv; Kiev; Kharkiv
    Odesa; Odessa; Lviv; Dnipro; Lagos; Lisbon; Ljubljana; London; Los Angeles; Luanda; Madrid
    Manila; Melbourne; Mexico City; Milan; Minsk; Mogadishu; Moscow; Mumbai; Munich; Nairobi
    New York; Nicosia; Oslo; Ottawa; Paris; Prague; Pyongyang; Rabat; Riga; Riyadh; Rome
    San Francisco; Santiago; São Paulo; Sarajevo; Seoul; Shanghai; Singapore; Skopje; Sofia
    St Petersburg; Stockholm; Sydney; Taipei; Tallinn; Tashkent; Tbilisi; Tehran; Tel Aviv
    Tirana; Tokyo; Toronto; Tripoli; Tunis; Vienna; Vilnius; Warsaw; Washington; Wellington
    Yerevan; Zagreb; Zurich; Minneapolis; Houston; Miami; Boston; Atlanta; Seattle; Dallas
    Alabama; Alaska; Arizona; Arkansas; California; Colorado; Connecticut; Delaware; Florida
    Hawaii; Idaho; Illinois; Indiana; Iowa; Kansas; Kentucky; Louisiana; Maine; Maryland
    Massachusetts; Michigan; Minnesota; Mississippi; Missouri; Montana; Nebraska; Nevada
    New Hampshire; New Jersey; New Mexico; North Carolina; North Dakota; Ohio; Oklahoma; Oregon
    Pennsylvania; Rhode Island; South Carolina; South Dakota; Tennessee; Texas; Utah; Vermont
    Virginia; West Virginia; Wisconsin; Wyoming
    """
)

#: Named regions, seas, rivers and mountains without a government (LOC).
LOCATIONS: frozenset[str] = _lines(
    """
    Europe; Asia; Africa; North America; South America; Latin America; Middle East; Balkans
    Caucasus; Scandinavia; Siberia; Sahel; Arctic; Antarctica; Donbas; Black Sea; Baltic Sea
    Mediterranean; Red Sea; Caspian Sea; Atlantic; Pacific; Indian Ocean; Persian Gulf
    Gulf of Mexico; Dnieper; Danube; Nile; Alps; Himalayas
    """
)

#: Nationalities, religious and political groups (NORP): demonyms with their plurals.
NORP: frozenset[str] = frozenset(
    {d for d in COUNTRY_DEMONYMS.values()}
    | {d + "s" for d in COUNTRY_DEMONYMS.values() if d[-1] not in "sh" and not d.endswith("ese")}
    | _lines(
        """
        European; Europeans; Arab; Arabs; Kurdish; Kurds; Jewish; Jews; Muslim; Muslims
        Christian; Christians; Catholic; Catholics; Protestant; Protestants; Orthodox; Sunni
        Shia; Shiite; Hindu; Hindus; Buddhist; Buddhists; Democrat; Democrats; Democratic
        Republican; Republicans; Conservative; Conservatives; Labour; Tory; Tories; Soviet
        Palestinians; Israelis; Britons; Scots; Western; Latino; Latinos; Asian; African
        """
    )
)

#: Well-known organisations and news agencies, and institutions named by their building (ORG).
ORGANISATIONS: frozenset[str] = _lines(
    """
    UN; United Nations; Nato; NATO; EU; European Union; European Commission; IMF; World Bank
    WHO; World Health Organization; Red Cross; OPEC; OSCE; Interpol; Hamas; Hezbollah; Taliban
    Reuters; Associated Press; AP; AFP; Agence France-Presse; Bloomberg; BBC; CNN; Al Jazeera
    Interfax; Tass; TASS; Xinhua; Kremlin; White House; Pentagon; Downing Street; Congress
    Senate; Parliament; Bundestag; Knesset; Duma; Supreme Court; Google; Apple; Microsoft
    Amazon; Meta; Facebook; Twitter; Telegram; YouTube; TikTok; Tesla; OpenAI
    """
)

#: Head nouns that make a capitalised sequence (or a GPE + noun) an organisation.
ORG_HEADS: frozenset[str] = frozenset(
    w.lower()
    for w in _lines(
        """
        Ministry; Army; Navy; Embassy; Consulate; Times; News; Post; Journal; Agency; Council
        Committee; Commission; Party; Bank; University; College; Company; Corporation; Corp
        Inc; Ltd; Group; Office; Department; Union; Organisation; Organization; Institute
        Foundation; Association; Federation; Court; Parliament; Assembly; Government; Police
        Service; Services; Forces; Guard; Administration; Authority; Board; Bureau; Cabinet
        Senate; Congress; Command; Airlines; Airways; Telegraph; Guardian; Herald; Tribune
        Gazette; Press; Network; Broadcasting; Television; Radio; Fund; Alliance; Coalition
        Movement; Front; Brigade; Battalion; Regiment; Church; Club; Team; Industries
        Holdings; Group; Partners; Exchange; Reserve; Secretariat; Directorate; Inspectorate
        """
    )
)

#: Institution head nouns that, after a country name (``Ukraine’s interior ministry``,
#: ``US army``), make one organisation mention spanning both, even in lower case.
GPE_INSTITUTION_HEADS: frozenset[str] = frozenset(
    {"ministry", "embassy", "consulate", "army", "navy", "government", "parliament", "police", "administration"}
)

#: Titles and roles written before a person's name; they are never part of the name.
TITLES: frozenset[str] = frozenset(
    t.lower()
    for t in _lines(
        """
        Mr; Mrs; Ms; Miss; Dr; Prof; Professor; Sir; Dame; Lord; Lady; President; Vice
        Prime; Minister; Chancellor; Secretary; Senator; Sen; Rep; Representative; Governor
        Gov; Mayor; General; Gen; Colonel; Col; Major; Maj; Captain; Capt; Lieutenant; Lt
        Sergeant; Sgt; Admiral; Adm; Commander; Judge; Justice; King; Queen; Prince; Princess
        Pope; Cardinal; Bishop; Archbishop; Rabbi; Imam; Sheikh; Ambassador; Envoy; Speaker
        Chairman; Chairwoman; Chair; Director; Spokesman; Spokeswoman; Spokesperson; Foreign
        Defence; Defense; Interior; Finance; Deputy; Acting; Former; Chief; Leader; Premier
        Sheriff; Officer; Agent; Coach; Saint; St; Father; Sister; Brother; Emir; Crown
        """
    )
)

#: Capitalised words that begin sentences or headlines but are not names.
NOT_NAMES: frozenset[str] = frozenset(
    w.lower()
    for w in _lines(
        """
        A; An; The; This; That; These; Those; It; Its; He; His; Him; She; Her; They; Their; Them
        We; Our; Us; I; My; Me; You; Your; There; Here; What; Which; Who; Whom; Whose; Why; How
        When; Where; While; If; As; But; And; Or; Nor; So; Yet; Then; Also; Although; Though
        Because; Since; After; Before; During; Despite; Until; Unless; Whether; In; On; At; By
        For; From; To; Of; With; Without; Within; Into; Over; Under; Among; Between; Against
        Across; Through; About; Above; Below; Near; Other; Another; Some; Any; All; Each; Every
        Many; Most; Much; More; Less; Few; Several; No; None; Not; Nothing; One; Such; Both
        Either; Neither; Only; Even; Still; Just; Already; However; Meanwhile; Instead; Now
        Today; Yesterday; Tomorrow; Later; Earlier; Last; Next; First; Yes; Please; Thank
        Thanks; According; Asked; Said; Says; Like; Unlike; Once; Perhaps; Maybe; Indeed
        Monday; Tuesday; Wednesday; Thursday; Friday; Saturday; Sunday; January; February
        March; April; May; June; July; August; September; October; November; December
        Spring; Summer; Autumn; Winter; Mon; Tue; Wed; Thu; Fri; Sat; Sun; Jan; Feb; Mar; Apr
        Jun; Jul; Aug; Sep; Sept; Oct; Nov; Dec; Am; Pm; OK
        Two; Three; Four; Five; Six; Seven; Eight; Nine; Ten; Eleven; Twelve; Thirteen; Fifteen
        Twenty; Thirty; Forty; Fifty; Sixty; Seventy; Eighty; Ninety; Hundred; Hundreds
        Thousand; Thousands; Million; Millions; Billion; Dozens; Second; Third; Fourth; Fifth
        Half; Double; Twice
        """
    )
)

#: Lowercase name particles allowed between capitalised name parts (``Ursula von der Leyen``).
NAME_PARTICLES: frozenset[str] = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "ibn", "al", "el", "dos", "das"}
)

#: Prepositions after which an unknown single capitalised word is most likely a place.
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset(
    {"in", "from", "to", "near", "at", "into", "across", "outside", "inside", "towards", "toward", "around", "throughout", "via"}
)

#: Reporting verbs by lemma, with their inflected forms.
REPORTING_VERBS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "report": ("report", "reports", "reported", "reporting"),
    "deny": ("deny", "denies", "denied", "denying"),
    "urge": ("urge", "urges", "urged", "urging"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "add": ("add", "adds", "added"),
    "state": ("state", "states", "stated"),
    "announce": ("announce", "announces", "announced"),
    "warn": ("warn", "warns", "warned", "warning"),
    "insist": ("insist", "insists", "insisted"),
    "explain": ("explain", "explains", "explained"),
    "argue": ("argue", "argues", "argued"),
    "confirm": ("confirm", "confirms", "confirmed"),
    "note": ("note", "notes", "noted"),
    "suggest": ("suggest", "suggests", "suggested"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "admit": ("admit", "admits", "admitted"),
    "accuse": ("accuse", "accuses", "accused"),
    "ask": ("ask", "asks", "asked"),
    "reply": ("reply", "replies", "replied"),
    "tweet": ("tweet", "tweets", "tweeted"),
    "post": ("posted",),
    "describe": ("describe", "describes", "described"),
    "call": ("called",),
    "declare": ("declare", "declares", "declared"),
    "predict": ("predict", "predicts", "predicted"),
    "promise": ("promise", "promises", "promised"),
    "vow": ("vow", "vows", "vowed"),
    "estimate": ("estimates", "estimated"),
}

#: Every inflected reporting-verb form, for regular expressions.
REPORTING_FORMS: frozenset[str] = frozenset(f for forms in REPORTING_VERBS.values() for f in forms)

#: Reporting verbs of the frame ``X said`` that may close a quotation (``“…,” he said``).
QUOTE_FRAME_FORMS: frozenset[str] = frozenset(
    f for lemma in ("say", "tell", "write", "add", "insist", "explain", "argue", "warn", "note",
                    "reply", "tweet", "ask", "claim", "deny", "declare", "promise", "vow", "post", "state", "urge")
    for f in REPORTING_VERBS[lemma]
)

#: Personal pronouns that may be the source of an attribution, with what they can refer to.
PRONOUN_TYPES: dict[str, tuple[str, ...]] = {
    "he": ("PERSON",),
    "she": ("PERSON",),
    "they": ("PERSON", "ORG", "NORP", "GPE"),
    "it": ("ORG", "GPE"),
    "we": ("ORG", "GPE", "PERSON", "NORP"),
    "i": (),
}

#: Auxiliaries and adverbs that may stand between a subject and its reporting verb.
PRE_VERB_WORDS: frozenset[str] = frozenset(
    """has have had also then later again earlier previously repeatedly publicly privately
    reportedly already once often first recently has would will could might may must can
    did does do not never always quickly simply""".split()
)

__all__ = [
    "COUNTRIES",
    "COUNTRY_DEMONYMS",
    "GPE_INSTITUTION_HEADS",
    "LOCATIONS",
    "LOCATIVE_PREPOSITIONS",
    "NAME_PARTICLES",
    "NORP",
    "NOT_NAMES",
    "ORGANISATIONS",
    "ORG_HEADS",
    "PLACES",
    "PRE_VERB_WORDS",
    "PRONOUN_TYPES",
    "QUOTE_FRAME_FORMS",
    "REPORTING_FORMS",
    "REPORTING_VERBS",
    "TITLES",
]
