"""Small general word lists for the rule-based back-ends.

General English news vocabulary only: country short forms, world regions, religious and
political groups, well-known international organisations and news agencies, head nouns of
organisations, events, laws and places, personal titles, reporting verbs and pronouns. Every
list says where it comes from in :data:`SOURCES`; none is drawn from an article or a gold file.
Country, demonym, city and province names are not here: they are generated from maintained
packages (:mod:`evalkit.extractors.gazetteer`). Every entry is written as it appears in text;
lookups are case-sensitive unless a function says otherwise.
"""

from __future__ import annotations

import re


def _lines(block: str) -> frozenset[str]:
    """Entries separated by ``;`` or new lines, stripped."""
    return frozenset(e.strip() for e in re.split(r"[;\n]", block) if e.strip())


#: Short forms of country names that news style guides use (AP and Reuters style: ``U.S.``,
#: ``U.K.``), the UK's constituent countries, and ``Britain``/``America`` as the common names of
#: the UK and the US. The generated gazetteer leaves out two- and three-letter codes because
#: most ISO codes are also words (``CAN``, ``IN``, ``IT``); these are the ones used as names.
NEWS_COUNTRY_FORMS: dict[str, str] = {
    "US": "United States", "U.S.": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Britain": "United Kingdom", "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates",
    "DRC": "Democratic Republic of the Congo", "PRC": "China", "England": "England",
    "Scotland": "Scotland", "Wales": "Wales", "Northern Ireland": "Northern Ireland",
}

#: Named regions, seas, rivers and mountains without a government (LOC): the world's oceans
#: and major seas, continental regions and large mountain ranges and rivers as listed in any
#: world atlas. Continents themselves come from the generated gazetteer.
LOCATIONS: frozenset[str] = _lines(
    """
    Europe; Asia; Africa; North America; South America; Latin America; Middle East; Balkans
    Caucasus; Scandinavia; Siberia; Sahel; Arctic; Antarctica; Donbas; Black Sea; Baltic Sea
    Mediterranean; Red Sea; Caspian Sea; Atlantic; Pacific; Indian Ocean; Persian Gulf
    Gulf of Mexico; Dnieper; Danube; Nile; Alps; Himalayas
    """
)

#: Religious, political and ethnic groups (NORP) beyond the national demonyms of the generated
#: gazetteer: the world religions and their branches, the main party labels of English-speaking
#: democracies, and the nations of the UK, as in OntoNotes' NORP definition.
NORP_GROUPS: frozenset[str] = _lines(
    """
    European; Europeans; Arab; Arabs; Kurdish; Kurds; Jewish; Jews; Muslim; Muslims
    Christian; Christians; Catholic; Catholics; Protestant; Protestants; Orthodox; Sunni
    Shia; Shiite; Hindu; Hindus; Buddhist; Buddhists; Democrat; Democrats; Democratic
    Republican; Republicans; Conservative; Conservatives; Labour; Tory; Tories; Soviet
    Britons; Scots; English; Scottish; Welsh; Western; Latino; Latinos; Asian; Asians
    African; Africans; Communist; Communists; Socialist; Socialists; Marxist; Maoist; Islamist
    """
)

#: Well-known organisations (ORG): the UN and its main agencies, the main international alliances
#: and blocs, the global news agencies that wire stories credit, institutions named by their
#: building, and the largest technology platforms. Dotted forms of the acronyms (``U.N.``) are
#: derived from these in :mod:`evalkit.extractors.gazetteer`.
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

#: Head nouns that make a capitalised sequence (or a GPE + noun) an organisation: generic
#: organisation nouns, company-form suffixes and the words company names end in.
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
        Cooperation; Co-operation; Forum; Corp.; Co.; Inc.; Ltd.; Plc; LLC; AG; SA; GmbH
        Agencies; Ministries; Commissions; Councils; Committees; Associations; Unions
        Depot; Stores; Motors; Mart; Foods; Pharmaceuticals; Systems; Technologies; Electronics
        Petroleum; Insurance; Capital; Communications; Entertainment; Studios; Pictures
        Records; Laboratories; Labs; Enterprises; Brands; Resources; Logistics; Railways
        Railroad; Telecom; Motor; Steel; Airline; International; Watch; League; Power; Energy
        Electric; Utilities
        """
    )
)

#: Head nouns that open an organisation's name in Portuguese, Spanish, French and Italian
#: (``Agência Estado``, ``Banco do Brasil``, ``Partido Socialista``): the name's first word.
FRONT_ORG_HEADS: frozenset[str] = _lines(
    """
    Agência; Agencia; Agence; Agenzia; Banco; Banca; Banque; Companhia; Compañía; Compagnie
    Instituto; Institut; Istituto; Partido; Parti; Partito; Ministério; Ministerio; Ministère
    Ministero; Universidade; Universidad; Université; Università; Fundação; Fundación
    Fondation; Fondazione; Associação; Asociación; Association; Associazione; Grupo; Groupe
    Gruppo; Empresa; Movimento; Movimiento; Mouvement; Sociedade; Sociedad; Société; Società
    Frente; Front; Conselho; Consejo; Conseil; Consiglio; Comissão; Comisión; Commissione
    Câmara; Cámara; Federação; Federación; Fédération; Federazione; Confederação
    Confederación; Confédération; Tribunal; Tribunale; Corte; Cour; Secretaria; Secretaría
    """
)

#: Head nouns that open the name of a site or structure in Portuguese, Spanish, French and
#: Italian (``Granja do Torto``, ``Palacio de la Moneda``): FAC.
FRONT_FAC_HEADS: frozenset[str] = _lines(
    """
    Granja; Fazenda; Hacienda; Estância; Estancia; Palácio; Palacio; Palais; Palazzo; Castelo
    Castillo; Château; Castello; Praça; Plaza; Piazza; Estádio; Estadio; Stade; Stadio
    Aeroporto; Aeropuerto; Aéroport; Ponte; Puente; Torre; Igreja; Iglesia; Église; Chiesa
    Catedral; Cathédrale; Cattedrale; Basílica; Basilica; Rua; Avenida; Calle; Rue
    """
)

#: Generic geographic nouns that open the name of a river, lake, mountain, island or bay in
#: Portuguese, Spanish, French and Italian (``Rio Doce``, ``Lago Titicaca``): LOC.
FRONT_LOC_HEADS: frozenset[str] = _lines(
    """
    Rio; Río; Lago; Lagoa; Laguna; Lac; Monte; Mont; Sierra; Serra; Cerro; Pico; Isla; Ilha
    Île; Isola; Cordillera; Golfo; Golfe; Baía; Bahía; Baie; Cabo; Capo
    """
)

#: Combining forms of nationality words (``Sino-Japanese``, ``Franco-German``), with the
#: demonym they stand for (the demonyms themselves are in the generated gazetteer; a test checks
#: that each one is there).
COMBINING_FORMS: dict[str, str] = {
    "Sino": "Chinese", "Anglo": "English", "Franco": "French", "Russo": "Russian",
    "Indo": "Indian", "Afro": "African", "Euro": "European", "Greco": "Greek", "Graeco": "Greek",
    "Italo": "Italian", "Germano": "German", "Austro": "Austrian", "Hispano": "Spanish",
    "Luso": "Portuguese", "Judeo": "Jewish", "Turco": "Turkish", "Nippo": "Japanese",
    "Polono": "Polish", "Serbo": "Serbian", "Hungaro": "Hungarian", "Dano": "Danish",
}

#: Capitalised words that name no entity: generic media capitalised by style (AP wrote
#: ``Internet`` and ``Web`` until 2016) and time standards (``UTC``, ``GMT``).
GENERIC_CAPITALISED: frozenset[str] = _lines(
    """
    Internet; Web; World Wide Web; UTC; GMT
    """
)

#: Fixed-date holidays of the Gregorian calendar observed across countries, with their date
#: in the gold format (``XXXX-MM-DD``, no year): dates, never entities (OntoNotes DATE).
FIXED_HOLIDAYS: dict[str, str] = {
    "Christmas": "XXXX-12-25", "Christmas Day": "XXXX-12-25", "Christmas Eve": "XXXX-12-24",
    "Boxing Day": "XXXX-12-26", "New Year's Day": "XXXX-01-01", "New Year’s Day": "XXXX-01-01",
    "New Year's Eve": "XXXX-12-31", "New Year’s Eve": "XXXX-12-31", "Halloween": "XXXX-10-31",
    "Valentine's Day": "XXXX-02-14", "Valentine’s Day": "XXXX-02-14", "May Day": "XXXX-05-01",
    "All Saints' Day": "XXXX-11-01", "All Saints’ Day": "XXXX-11-01", "Epiphany": "XXXX-01-06",
}

#: Head nouns of named documents (OntoNotes WORK_OF_ART: titled reports and papers).
WORK_HEADS: frozenset[str] = frozenset({"report", "papers", "manifesto", "diaries", "memoirs"})

#: Common nouns for kinds of creative work; a title right after one (``the single Do They
#: Know It's Christmas?``, ``his book "Dreams from My Father"``) is a WORK_OF_ART.
WORK_CUE_NOUNS: frozenset[str] = frozenset(
    """song single album record film movie book novel memoir play musical opera documentary
    series sitcom show programme program poem painting sculpture anthem hymn""".split()
)

#: Words that open the name of an event: military operations (``Operation Condor``) and named
#: storms (``Hurricane Katrina``, ``Typhoon Haiyan``).
EVENT_FRONT_HEADS: frozenset[str] = frozenset({"Operation", "Hurricane", "Typhoon", "Cyclone", "Storm"})

#: Government portfolios named after an office title and ``of`` (``Secretary of State``,
#: ``Minister of Foreign Affairs``): part of the title, never of the name after it.
PORTFOLIOS: frozenset[str] = frozenset(
    """State Defense Defence Foreign Affairs Finance Health Education Justice Interior Home
    Labor Labour Commerce Energy Agriculture Transportation Transport Treasury Homeland
    Security Trade Industry Economy Environment Culture Information War Veterans Housing
    Internal External Public Works Development Planning Tourism Sport Sports Science
    Technology Communications Fisheries Mines Petroleum Water Navy Army""".split()
)

#: Lowercase geographic nouns after a name: ``Sudan's troubled Darfur region`` (LOC),
#: ``Rakhine state`` (GPE); the name alone is the mention (gold/GUIDELINES.md G-E4).
REGION_NOUNS_AFTER: dict[str, str] = {
    "region": "LOC", "valley": "LOC", "desert": "LOC", "peninsula": "LOC", "basin": "LOC",
    "mountains": "LOC", "highlands": "LOC", "delta": "LOC", "province": "GPE", "state": "GPE",
    "district": "GPE", "county": "GPE", "prefecture": "GPE", "oblast": "GPE", "city": "GPE",
    "town": "GPE", "village": "GPE", "municipality": "GPE", "governorate": "GPE",
}

#: Generic nouns ending the name of a natural feature (GeoNames feature classes H, T and L:
#: streams, lakes, mountains, coasts): ``Marañón River``, ``Lake Volta`` is read by its front.
LOC_HEADS: frozenset[str] = frozenset(
    """river lake mountains mountain range basin valley desert sea ocean bay gulf strait
    island islands peninsula delta plateau glacier falls canyon lagoon reef""".split()
)

#: Top-level internet domains that make a word a web site's name (``Amazon.com``): ORG.
WEB_DOMAINS: frozenset[str] = frozenset("com org net gov edu info biz io tv co.uk org.uk".split())

#: Prefixes joined by a hyphen to the title or name they qualify (``then-U.S. Secretary``,
#: ``ex-President``): not part of the name.
NAME_PREFIXES: frozenset[str] = frozenset({"then", "ex", "former", "now"})

#: Head words of named product classes and models (``Type 09-1 Han Class``): PRODUCT.
PRODUCT_HEADS: frozenset[str] = frozenset({"class"})

#: Designators written before a model code (``Type 09-1``, ``Model 3``, ``Project 941``).
PRODUCT_DESIGNATORS: frozenset[str] = frozenset({"Type", "Model", "Project", "Mark", "Series", "Block"})

#: Institution head nouns that, after a country name (``Ukraine’s interior ministry``,
#: ``US army``), make one organisation mention spanning both, even in lower case.
GPE_INSTITUTION_HEADS: frozenset[str] = frozenset(
    {"ministry", "embassy", "consulate", "army", "navy", "government", "parliament", "police", "administration"}
)

#: Head nouns of named events (OntoNotes EVENT: wars, summits, games, disasters with a name).
EVENT_HEADS: frozenset[str] = frozenset(
    "war wars revolution summit olympics games cup championship championships festival".split()
)

#: Head nouns of named laws, treaties and agreements (OntoNotes LAW); also in lower case after a
#: name (``the CAN-SPAM act``).
LAW_HEADS: frozenset[str] = frozenset(
    "act law treaty accord accords agreement convention constitution charter protocol bill amendment".split()
)

#: Head nouns that make a capitalised sequence a governed territory (GPE): administrative
#: divisions as ISO 3166-2 names its subdivision types.
GPE_HEADS: frozenset[str] = frozenset(
    "district province county prefecture oblast municipality territory governorate canton emirate".split()
)

#: Head nouns of named buildings and structures (OntoNotes FAC).
FAC_HEADS: frozenset[str] = frozenset(
    """airport bridge stadium arena tower palace hospital station street avenue square highway road
    farm ranch plantation dam prison""".split()
)

#: Common nouns for kinds of organisation; one of them right before an unknown name (``the
#: security firm Sophos``, ``retailer Kmart``) makes the name an organisation.
ORG_CUE_NOUNS: frozenset[str] = frozenset(
    """company firm corporation retailer operator group agency newspaper daily magazine
    broadcaster network channel station website publisher bank insurer airline carrier maker
    manufacturer producer developer chain brand team club party union organisation organization
    charity giant conglomerate startup supplier provider outlet""".split()
)

#: Abbreviations written with a full stop that belongs to the word (``Mr.``, ``Corp.``): the
#: stop is kept in the word and never ends a name run.
ABBREVIATIONS: frozenset[str] = frozenset(
    """Mr Mrs Ms Dr Prof Sr Jr St Gen Sen Rep Gov Lt Col Capt Maj Sgt Adm Rev Hon Corp Co Inc Ltd
    Bros Cie Mt Ft""".split()
)

#: Compass words that, capitalised before a place, make a region (``Eastern Africa``: LOC).
COMPASS: frozenset[str] = frozenset(
    """North South East West Northern Southern Eastern Western Central North-East North-West
    South-East South-West Northeast Northwest Southeast Southwest Upper Lower""".split()
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
        CEO; CFO; Chairperson; Secretary-General; Attorney-General; Governor-General
        Director-General; Vice-President; Vice-Chairman; Executive
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
    {"von", "van", "der", "den", "de", "del", "della", "di", "da", "do", "du", "la", "le", "bin", "ibn", "al", "el", "dos", "das"}
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
    "state": ("states", "stated"),
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
    "allege": ("allege", "alleges", "alleged"),
    "speculate": ("speculate", "speculates", "speculated"),
    "assert": ("assert", "asserts", "asserted"),
    "contend": ("contend", "contends", "contended"),
    "stress": ("stressed",),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasise", "emphasises", "emphasised"),
    "reveal": ("reveal", "reveals", "revealed"),
    "concede": ("concede", "concedes", "conceded"),
    "testify": ("testify", "testifies", "testified"),
    "complain": ("complain", "complains", "complained"),
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

#: Words after which a reporting-verb form is a noun (``heads of state``, ``a recent report``).
NOUN_MARKERS: frozenset[str] = frozenset(
    """a an the its his her their our this these those of in on for with from by recent new
    latest same annual final initial""".split()
)

#: Plural nouns that name people, for the unit of a count of coordinated nouns (G-N6, section
#: 10 item 10: ``12 doctors and nurses`` -> person). Agent nouns in ``-er``/``-or``/``-ist``/
#: ``-ian`` are recognised by their ending; these are the others.
PEOPLE_NOUNS: frozenset[str] = frozenset(
    """people persons men women children adults residents civilians citizens students pupils
    nurses doctors medics paramedics patients victims survivors refugees migrants immigrants
    staff employees workers officials officers soldiers troops police policemen policewomen
    firefighters volunteers experts analysts journalists activists protesters demonstrators
    fans spectators players athletes delegates candidates voters members relatives families
    passengers pilots crew tourists visitors pilgrims prisoners detainees suspects hostages
    judges lawyers priests monks nuns scientists researchers engineers farmers fishermen
    teachers coaches guards rebels militants fighters insurgents""".split()
)
#: Verbs whose object counts people when no noun follows the number (``killed 11``).
PEOPLE_OBJECT_VERBS: frozenset[str] = frozenset(
    """kill kills killed killing injure injures injured injuring wound wounds wounded wounding
    arrest arrests arrested arresting detain detains detained detaining evacuate evacuates
    evacuated evacuating rescue rescues rescued rescuing infect infects infected infecting
    hospitalise hospitalised hospitalize hospitalized employ employs employed employing
    displace displaces displaced displacing""".split()
)
#: Nouns counting the scored units of a game, for the counts of a match score (section 10,
#: item 6: ``3–2`` -> goal when the text speaks of goals).
SCORE_UNITS: frozenset[str] = frozenset({"goal", "point", "run", "try", "set", "game", "frame", "wicket"})


#: Where every list of this module comes from and why it is general (checked by a test: a list
#: without an entry here fails it). The generated place names are described in
#: :data:`evalkit.extractors.gazetteer.SOURCES`.
SOURCES: dict[str, str] = {
    "NEWS_COUNTRY_FORMS": "country abbreviations of AP/Reuters news style and common short names",
    "LOCATIONS": "oceans, seas, continental regions, major rivers and ranges of a world atlas",
    "NORP_GROUPS": "world religions, main party labels, UK nations (OntoNotes NORP categories)",
    "ORGANISATIONS": "UN system, international alliances and blocs, global news agencies, largest platforms",
    "ORG_HEADS": "English organisation head nouns, company-form suffixes and company-name endings",
    "FRONT_ORG_HEADS": "Portuguese, Spanish, French and Italian organisation nouns that open a name",
    "FRONT_FAC_HEADS": "Portuguese, Spanish, French and Italian structure and site nouns that open a name",
    "FRONT_LOC_HEADS": "Portuguese, Spanish, French and Italian generic geographic nouns (GeoNames feature terms)",
    "COMBINING_FORMS": "English combining forms of nationality words (Oxford English Dictionary)",
    "GENERIC_CAPITALISED": "AP style capitalised generic media nouns and time standards (ISO 8601 UTC, GMT)",
    "PRODUCT_HEADS": "head word of named ship and vehicle classes",
    "FIXED_HOLIDAYS": "fixed-date holidays of the Gregorian calendar (OntoNotes DATE)",
    "WORK_HEADS": "OntoNotes WORK_OF_ART head nouns of named documents",
    "WORK_CUE_NOUNS": "English common nouns for kinds of creative work (OntoNotes WORK_OF_ART)",
    "EVENT_FRONT_HEADS": "English words opening event names (military operation code names, WMO storm names)",
    "PORTFOLIOS": "names of government portfolios in English office titles",
    "REGION_NOUNS_AFTER": "English generic geographic nouns and ISO 3166-2 subdivision types",
    "LOC_HEADS": "generic natural-feature nouns of GeoNames feature classes H, T and L",
    "WEB_DOMAINS": "generic and common country-code internet top-level domains (IANA root zone)",
    "NAME_PREFIXES": "English hyphenated temporal prefixes of titles (AP style then-, ex-)",
    "PRODUCT_DESIGNATORS": "English designators of model codes",
    "GPE_INSTITUTION_HEADS": "closed list of gold/GUIDELINES.md G-E8",
    "EVENT_HEADS": "OntoNotes EVENT head nouns",
    "LAW_HEADS": "OntoNotes LAW head nouns",
    "GPE_HEADS": "ISO 3166-2 subdivision type names",
    "FAC_HEADS": "OntoNotes FAC head nouns and named sites (farms, dams, prisons)",
    "ORG_CUE_NOUNS": "English common nouns for kinds of organisation",
    "ABBREVIATIONS": "English abbreviations written with a full stop (titles, company forms)",
    "COMPASS": "English compass words",
    "TITLES": "English honorifics, office titles and roles",
    "NOT_NAMES": "English function words, calendar words and number words",
    "NAME_PARTICLES": "lowercase particles of European and Arabic personal names",
    "LOCATIVE_PREPOSITIONS": "English locative prepositions",
    "REPORTING_VERBS": "English verbs of communication (PARC 3.0 cue verbs)",
    "REPORTING_FORMS": "inflections of REPORTING_VERBS",
    "QUOTE_FRAME_FORMS": "subset of REPORTING_VERBS that frame quotations",
    "PRONOUN_TYPES": "English personal pronouns",
    "PRE_VERB_WORDS": "English auxiliaries and adverbs",
    "NOUN_MARKERS": "English determiners and prepositions",
    "PEOPLE_NOUNS": "English plural nouns for people by role and occupation (WordNet person.n.01 hyponyms)",
    "PEOPLE_OBJECT_VERBS": "English verbs whose object is a person (WordNet verb frames 'somebody')",
    "SCORE_UNITS": "scoring units of the major team and racket sports (their laws of the game)",
}

__all__ = [
    "COMBINING_FORMS",
    "EVENT_FRONT_HEADS",
    "FIXED_HOLIDAYS",
    "NAME_PREFIXES",
    "PORTFOLIOS",
    "REGION_NOUNS_AFTER",
    "WEB_DOMAINS",
    "WORK_CUE_NOUNS",
    "WORK_HEADS",
    "FRONT_FAC_HEADS",
    "FRONT_LOC_HEADS",
    "FRONT_ORG_HEADS",
    "GENERIC_CAPITALISED",
    "PRODUCT_DESIGNATORS",
    "PRODUCT_HEADS",
    "GPE_INSTITUTION_HEADS",
    "LOCATIONS",
    "LOC_HEADS",
    "LOCATIVE_PREPOSITIONS",
    "NAME_PARTICLES",
    "NEWS_COUNTRY_FORMS",
    "NORP_GROUPS",
    "NOT_NAMES",
    "ORGANISATIONS",
    "SOURCES",
    "EVENT_HEADS",
    "LAW_HEADS",
    "GPE_HEADS",
    "FAC_HEADS",
    "ORG_CUE_NOUNS",
    "ABBREVIATIONS",
    "COMPASS",
    "NOUN_MARKERS",
    "ORG_HEADS",
    "PRE_VERB_WORDS",
    "PEOPLE_NOUNS",
    "PEOPLE_OBJECT_VERBS",
    "PRONOUN_TYPES",
    "SCORE_UNITS",
    "QUOTE_FRAME_FORMS",
    "REPORTING_FORMS",
    "REPORTING_VERBS",
    "TITLES",
]
