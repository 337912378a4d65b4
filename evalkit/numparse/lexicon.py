"""Word lists the number scanner reads: qualifiers, currencies, scales, units, calendar words.

All keys are lower case. Multi-word entries are tuples of words.
"""

from __future__ import annotations

#: Qualifier phrases -> the canonical qualifier of :data:`evalkit.model.QUALIFIERS`.
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("some",): "about",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("at", "least"): "at least",
    ("at", "most"): "at most",
    ("more", "than"): "more than",
    ("over",): "more than",
    ("less", "than"): "less than",
    ("fewer", "than"): "less than",
    ("under",): "less than",
    ("up", "to"): "up to",
    ("exactly",): "exact",
    ("in", "excess", "of"): "more than",
    ("no", "fewer", "than"): "at least",
    ("no", "less", "than"): "at least",
    ("no", "more", "than"): "at most",
    ("as", "many", "as"): "up to",
    ("just", "over"): "more than",
    ("just", "under"): "nearly",
    ("well", "over"): "more than",
}

#: ISO 4217 codes the scanner reads when written in capitals before or after an amount
#: (``SEK 5m``, ``10 million CHF``); ``usd``, ``eur`` and ``gbp`` are also read in lower case.
CURRENCY_CODES = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "SEK", "NOK", "DKK", "ISK", "BRL", "ARS", "MXN",
    "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "PKR", "RUB", "UAH", "PLN", "CZK", "HUF", "TRY",
    "ZAR", "KRW", "ILS", "SAR", "AED", "EGP", "NGN", "KES", "IDR", "THB", "TWD", "XOF", "XAF",
})
#: ``over`` before a duration is the preposition of a period (``$5bn over five years``, no
#: qualifier) unless one of these words comes before it (``for over five years``, ``lasted
#: over two years``) ...
OVER_DURATION_LEADS = frozenset({
    "for", "of", "in", "than", "after", "within", "aged", "lasted", "lasting", "lasts", "last",
    "served", "spent", "took", "taken", "takes", "be", "is", "are", "was", "were", "been",
    "being", "now", "still",
})
#: ... or one of these after it (``over five years old``, ``over two years ago``).
OVER_DURATION_TAILS = frozenset({"old", "ago", "long", "older", "younger", "earlier", "later"})

#: Currency marks written before the amount -> ISO 4217 code. A bare ``$`` is USD; a
#: country letter before it names another dollar or real (``R$`` BRL, ``S$`` SGD).
CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL", "nt$": "TWD", "mx$": "MXN",
    "£": "GBP", "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB", "₹": "INR", "₩": "KRW",
    "₺": "TRY", "₪": "ILS", "₦": "NGN",
}
#: Currency words written after the amount -> ISO 4217 code. A bare ``franc(s)`` is the
#: Swiss franc, bare ``krona``/``kronor`` the Swedish crown; ``kroner`` (Danish or Norwegian)
#: needs its country word. Singular ``real`` is left out: ``two real threats`` is no money.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH",
    "hryvnias": "UAH", "hryvnas": "UAH", "rupee": "INR", "rupees": "INR", "franc": "CHF",
    "francs": "CHF", "krona": "SEK", "kronor": "SEK", "reais": "BRL", "zloty": "PLN",
    "zlotys": "PLN", "lira": "TRY", "shekel": "ILS", "shekels": "ILS", "naira": "NGN",
    "usd": "USD", "eur": "EUR", "gbp": "GBP",
    # ISO 4217 currency names that belong to one country only.
    "cedi": "GHS", "cedis": "GHS", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR",
    "taka": "BDT", "forint": "HUF", "forints": "HUF", "koruna": "CZK", "korunas": "CZK",
    "birr": "ETB", "soles": "PEN", "kwanza": "AOA", "hryvnya": "UAH", "tenge": "KZT",
    "lari": "GEL", "dram": "AMD", "drams": "AMD", "leva": "BGN", "quetzales": "GTQ",
}
#: ISO 4217 currency names shared by several countries: the code is the one whose country
#: (name or demonym) the text names most often (``kroner`` in a text about Norway: NOK).
AMBIGUOUS_CURRENCY_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "kroner": {"NOK": ("norway", "norwegian"), "DKK": ("denmark", "danish")},
    "krone": {"NOK": ("norway", "norwegian"), "DKK": ("denmark", "danish")},
    "crowns": {"SEK": ("sweden", "swedish"), "CZK": ("czech", "czechia"), "NOK": ("norway", "norwegian"), "DKK": ("denmark", "danish")},
    "pesos": {
        "MXN": ("mexico", "mexican"), "ARS": ("argentina", "argentine", "argentinian"),
        "COP": ("colombia", "colombian"), "CLP": ("chile", "chilean"),
        "PHP": ("philippines", "philippine", "filipino"), "UYU": ("uruguay", "uruguayan"),
        "DOP": ("dominican",), "CUP": ("cuba", "cuban"),
    },
    "shillings": {
        "KES": ("kenya", "kenyan"), "UGX": ("uganda", "ugandan"),
        "TZS": ("tanzania", "tanzanian"), "SOS": ("somalia", "somali"),
    },
    "dinars": {
        "IQD": ("iraq", "iraqi"), "JOD": ("jordan", "jordanian"), "KWD": ("kuwait", "kuwaiti"),
        "DZD": ("algeria", "algerian"), "TND": ("tunisia", "tunisian"), "RSD": ("serbia", "serbian"),
        "LYD": ("libya", "libyan"), "BHD": ("bahrain", "bahraini"),
    },
    "rand": {"ZAR": ("south africa", "south african")},
    "kwacha": {"ZMW": ("zambia", "zambian"), "MWK": ("malawi", "malawian")},
    "dirhams": {"AED": ("emirates", "emirati", "dubai", "abu dhabi"), "MAD": ("morocco", "moroccan")},
    "riyals": {"SAR": ("saudi",), "QAR": ("qatar", "qatari"), "OMR": ("oman", "omani"), "YER": ("yemen", "yemeni")},
}
#: Currency names of two or three words after the amount (``5 million US dollars``).
CURRENCY_PHRASES: dict[tuple[str, ...], str] = {
    ("us", "dollar"): "USD", ("us", "dollars"): "USD", ("american", "dollars"): "USD",
    ("australian", "dollar"): "AUD", ("australian", "dollars"): "AUD",
    ("canadian", "dollar"): "CAD", ("canadian", "dollars"): "CAD",
    ("new", "zealand", "dollars"): "NZD", ("hong", "kong", "dollars"): "HKD",
    ("singapore", "dollars"): "SGD", ("taiwan", "dollars"): "TWD",
    ("swiss", "franc"): "CHF", ("swiss", "francs"): "CHF",
    ("swedish", "krona"): "SEK", ("swedish", "kronor"): "SEK", ("swedish", "crowns"): "SEK",
    ("danish", "kroner"): "DKK", ("danish", "krone"): "DKK", ("norwegian", "kroner"): "NOK",
    ("norwegian", "krone"): "NOK", ("brazilian", "real"): "BRL", ("brazilian", "reais"): "BRL",
    ("mexican", "pesos"): "MXN", ("argentine", "pesos"): "ARS", ("chinese", "yuan"): "CNY",
    ("japanese", "yen"): "JPY", ("indian", "rupees"): "INR", ("pakistani", "rupees"): "PKR",
    ("south", "african", "rand"): "ZAR", ("cfa", "francs"): "XOF",
}

#: Scale words and abbreviations after a numeral (``4.3bn``, ``1.2 billion``).
SCALE_WORDS: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
    "trn": 10**12,
}
#: Abbreviations that mean a scale only right after a currency amount (``$10m``, not ``10m``).
MONEY_ONLY_SCALES = frozenset({"k", "m", "b"})

#: Units of time: a number with one of these is a duration.
TIME_UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "fortnight": "fortnight", "fortnights": "fortnight", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
}

#: Counted nouns whose unit is not their regular singular (gold/GUIDELINES.md G-N6: people,
#: men, women and the elided noun of "73 injured" are all ``person``). Other plural nouns after
#: a number become their singular (``two countries`` -> ``country``).
COUNT_NOUNS: dict[str, str] = {
    "people": "person", "persons": "person", "person": "person", "men": "person",
    "man": "person", "women": "person", "woman": "person", "injured": "person",
    "wounded": "person", "dead": "person", "killed": "person", "children": "child",
    "child": "child", "troops": "soldier", "police": "police officer", "times": "time",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
}
#: Words ending in ``s`` that are not plural nouns after a number (``25 was``, ``two has``).
NOT_PLURAL_NOUNS = frozenset({
    "was", "has", "is", "does", "goes", "says", "this", "thus", "its", "his", "hers", "ours",
    "theirs", "yours", "as", "us", "yes", "less", "unless", "plus", "minus", "across",
    "towards", "afterwards", "besides", "always", "perhaps", "whereas", "news", "series",
    "species", "bus", "gas", "status", "crisis", "basis", "analysis", "thesis", "virus",
    "campus", "consensus", "census", "chaos", "seems", "remains", "means",
})
#: Words after an ordinal that are not the noun it counts.
ORDINAL_NOT_NOUNS = frozenset({
    "of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as", "than",
    "the", "a", "an", "is", "was", "were", "are", "be", "been", "had", "has", "have",
    "consecutive", "largest", "biggest", "most", "least", "such", "straight", "successive",
    "round", "said", "says", "also", "only", "ever",
})

PERCENT_WORDS: tuple[tuple[str, ...], ...] = (("per", "cent"), ("percent",), ("pc",))
PERCENTAGE_POINTS: tuple[tuple[str, ...], ...] = (("percentage", "points"), ("percentage", "point"))

MULTIPLIER_VERBS: dict[str, float | int] = {
    "halve": 0.5, "halves": 0.5, "halved": 0.5, "halving": 0.5,
    "double": 2, "doubles": 2, "doubled": 2, "doubling": 2,
    "triple": 3, "triples": 3, "tripled": 3, "tripling": 3,
    "treble": 3, "trebled": 3, "quadruple": 4, "quadrupled": 4,
}

COUNT_ADVERBS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}

#: Parts of the day (TIMEX3 ``TMO``/``TAF``/``TEV``/``TNI``), read as times next to a day.
PARTS_OF_DAY: dict[str, str] = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}

#: Words before a part of the day that make it a time of that day (``Wednesday morning``).
PART_OF_DAY_LEADS = frozenset({"yesterday", "tomorrow"})

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
#: Month names that are also common English words: dates only with a day, a year or a
#: temporal preposition next to them.
AMBIGUOUS_MONTHS = frozenset({"may", "march"})
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}

#: Words before a month, season or year that make it a time expression.
TEMPORAL_LEADS = frozenset({
    "in", "since", "until", "till", "by", "from", "last", "next", "this", "early", "late",
    "mid", "of", "during", "before", "after", "through", "throughout", "that", "the",
    "each", "every", "on", "over",
})

#: Determiners before ``first``/``second`` that make them ordinals rather than adverbs
#: (``the first time`` versus ``first reported``).
ORDINAL_DETERMINERS = frozenset({
    "the", "its", "his", "her", "their", "our", "my", "your", "a", "this", "that", "every",
    "each", "whose",
})

#: Words before a lone ``one`` that make it a pronoun (``no one``, ``every one``).
PRONOUN_ONE_LEADS = frozenset({
    "no", "any", "every", "some", "each", "the", "this", "that", "which", "little",
    "only", "such", "someone",
})
#: Words after a lone ``one`` that make it a pronoun (``one of the``, ``one another``).
PRONOUN_ONE_TAILS = frozenset({"of", "another", "who", "that", "which", "day", "thing"})

#: Units of measure: a number with one of these is a quantity.
MEASURE_UNITS: dict[str, str] = {
    "km": "kilometre", "kilometre": "kilometre", "kilometres": "kilometre",
    "kilometer": "kilometre", "kilometers": "kilometre", "metre": "metre", "metres": "metre",
    "meter": "metre", "meters": "metre", "mile": "mile", "miles": "mile", "kg": "kilogram",
    "kilogram": "kilogram", "kilograms": "kilogram", "tonne": "tonne", "tonnes": "tonne",
    "ton": "tonne", "tons": "tonne", "litre": "litre", "litres": "litre", "barrel": "barrel",
    "barrels": "barrel", "degree": "degree", "degrees": "degree", "mph": "mile per hour",
    "kmh": "kilometre per hour", "storey": "storey", "storeys": "storey", "yd": "yard",
    "yard": "yard", "yards": "yard", "ft": "foot", "foot": "foot", "feet": "foot",
    "inch": "inch", "inches": "inch", "cm": "centimetre", "centimetre": "centimetre",
    "centimetres": "centimetre", "mm": "millimetre", "millimetre": "millimetre",
    "millimetres": "millimetre", "acre": "acre", "acres": "acre", "hectare": "hectare",
    "hectares": "hectare", "gallon": "gallon", "gallons": "gallon", "gram": "gram",
    "grams": "gram",
}

#: Other spellings of a unit that may appear in gold or predictions (never in running text
#: after a number, where they would be ambiguous) -> the unit the scanner writes.
UNIT_SPELLINGS: dict[str, str] = {
    "%": "percent", "per cent": "percent", "percent": "percent", "pc": "percent",
    "pct": "percent", "percentage": "percent", "percentage point": "percentage point",
    "percentage points": "percentage point", "percentage-point": "percentage point",
    "pp": "percentage point", "ppt": "percentage point", "pts": "point",
    "m": "metre", "kilometres per hour": "kilometre per hour", "km/h": "kilometre per hour",
    "miles per hour": "mile per hour", "times": "time",
}

#: Words that may precede a hyphen glued to a number without making it an identifier
#: (``mid-2022`` is a date; ``COVID-19`` and ``Su-25`` are names).
NUMBER_PREFIXES = frozenset({"mid", "early", "late", "pre", "post", "over", "under", "top"})

