"""Phone numbers in a CV, read with Google's libphonenumber (the ``phonenumbers`` package).

A number written in international form ("+49 1736127906", "(+63)916-314-4915", "+ 41 76 579 94 04")
needs no hint. A national one ("06 83 60 47 89", "304.261.1923", "(925)783-0381") is only a number in
some country, so the CV's country is guessed from what it says about itself (a country named in it,
the e-mail's domain, the language it is written in) and tried first, then a few common regions. A
number must be valid for its region, which is what keeps dates, postcodes, ids and years out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

# Country names (English and the local name) that CVs print in an address line -> region code.
_COUNTRIES: dict[str, str] = {
    "germany": "DE", "deutschland": "DE", "austria": "AT", "österreich": "AT", "switzerland": "CH",
    "schweiz": "CH", "suisse": "CH", "france": "FR", "spain": "ES", "españa": "ES", "italy": "IT",
    "italia": "IT", "portugal": "PT", "brazil": "BR", "brasil": "BR", "russia": "RU", "россия": "RU",
    "poland": "PL", "polska": "PL", "netherlands": "NL", "nederland": "NL", "belgium": "BE",
    "czech": "CZ", "česko": "CZ", "united kingdom": "GB", "england": "GB", "ireland": "IE",
    "india": "IN", "pakistan": "PK", "bulgaria": "BG", "iran": "IR", "egypt": "EG", "philippines": "PH",
    "canada": "CA", "usa": "US", "united states": "US", "mexico": "MX", "méxico": "MX",
    "argentina": "AR", "colombia": "CO", "ukraine": "UA", "україна": "UA", "turkey": "TR",
    "sri lanka": "LK", "nigeria": "NG", "kenya": "KE", "australia": "AU", "dominican": "DO",
}
COUNTRY_NAMES = tuple(_COUNTRIES)
_COUNTRY_PATTERN = re.compile(r"\b(" + "|".join(map(re.escape, _COUNTRIES)) + r")\b", re.IGNORECASE)
_LANGUAGE_REGIONS = {"de": "DE", "fr": "FR", "es": "ES", "ru": "RU", "pt": "BR", "pl": "PL", "nl": "NL",
                     "cs": "CZ", "it": "IT", "en": "US"}
# Tried after the CV's own hints: where most CVs that do not say otherwise come from.
_FALLBACK_REGIONS = ("US", "GB", "IN", "DE", "FR")
_EMAIL_TLD = re.compile(r"@[\w.\-]+\.([a-z]{2})\b", re.IGNORECASE)
_TLD_REGIONS = {"uk": "GB"}
# Digits joined by Unicode dashes and odd spaces: libphonenumber reads ASCII punctuation best.
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"} | {"\u00a0": " ", "\u202f": " "})
_MIN_DIGITS = 7
# An international number taken on its length alone has a country code and at least this many digits.
_MIN_INTERNATIONAL_DIGITS = 10


def region_hints(text: str, language: str | None, location: str | None = None) -> list[str]:
    """Regions to read national numbers in, the likeliest first: the country of the candidate's own
    location ("Bordeaux" -> FR), countries the CV names, the e-mail's country domain, its language."""
    hints: list[str] = []
    if location:
        from common.places import country_code

        code = country_code(location, _COUNTRIES)
        if code in phonenumbers.SUPPORTED_REGIONS:
            hints.append(code)
    for match in _COUNTRY_PATTERN.finditer(text[:4000]):
        hints.append(_COUNTRIES[match.group(1).lower()])
    for match in _EMAIL_TLD.finditer(text[:4000]):
        tld = match.group(1).upper()
        region = _TLD_REGIONS.get(tld.lower(), tld)
        if region in phonenumbers.SUPPORTED_REGIONS:
            hints.append(region)
    if language in _LANGUAGE_REGIONS:
        hints.append(_LANGUAGE_REGIONS[language])
    hints.extend(_alphabet_regions(text[:4000]))
    return list(dict.fromkeys([*hints, *_FALLBACK_REGIONS]))


# Letters only one language of a country writes (Polish "ł ą ę ż ź ś", Czech "ř ů ě", Hungarian "ő ű", Romanian
# "ș ț ă", Turkish "ğ ı ş"): a CV full of them is written in that country, whatever the language guess said.
_ALPHABET_LETTERS = (("łąężźś", "PL"), ("řůě", "CZ"), ("őű", "HU"), ("șțăş", "RO"), ("ğı", "TR"))
# Letters of one alphabet a text needs before they say its country (a name alone has one or two).
MIN_ALPHABET_LETTERS = 5


def _alphabet_regions(text: str) -> list[str]:
    lowered = text.lower()
    return [region for letters, region in _ALPHABET_LETTERS
            if sum(lowered.count(letter) for letter in letters) >= MIN_ALPHABET_LETTERS]


# A vanity number: "+1 707 DEO BALD" (letters on the keypad), international so it needs no region.
_VANITY = re.compile(r"\+\s?\d[\d\s().-]{1,12}(?:[A-Z]{2,}[\s.-]?){1,3}[A-Z]*\b")


def find_phone_number(texts: Iterable[str], regions: list[str]) -> str | None:
    """The first valid phone number in `texts` (tried in order), as printed. Failing that, a number written
    in international form ("+44 7700 900123") whose length fits its country though libphonenumber's ranges
    do not list it (a new range, or one its metadata lacks): the "+" and the country code say what it is."""
    texts = list(texts)
    for text in texts:
        found = _first_number(_normalised(text), text, regions) or _vanity_number(text)
        if found:
            return found
    for text in texts:
        found = _first_number(_normalised(text), text, [], international=True)
        if found:
            return found
    return None


# An international number whose digit groups are parted by commas: "+58 281 268,72,85".
_COMMA_GROUPED = re.compile(r"\+\d{1,3}[ .-]?\d[\d ]*\d(?:,\d{2,4})+\b")


def _normalised(text: str) -> str:
    """The text as libphonenumber reads it best, each character in its place (the match is cut from the
    original by position): Unicode dashes and spaces made ASCII, commas between the digit groups of an
    international number made spaces."""
    text = text.translate(_DASHES)
    return _COMMA_GROUPED.sub(lambda match: match.group(0).replace(",", " "), text)


def _vanity_number(text: str) -> str | None:
    for match in _VANITY.finditer(text):
        raw = match.group(0).strip()
        try:
            number = phonenumbers.parse(phonenumbers.convert_alpha_characters_in_number(raw), None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return raw
    return None


def _first_number(normalised: str, original: str, regions: list[str], international: bool = False) -> str | None:
    best: tuple[int, str] | None = None
    leniency = phonenumbers.Leniency.POSSIBLE if international else phonenumbers.Leniency.VALID
    for region in [None] if international else regions:
        for match in phonenumbers.PhoneNumberMatcher(normalised, region, leniency=leniency):
            if sum(char.isdigit() for char in match.raw_string) < _MIN_DIGITS or _not_a_phone(match.raw_string):
                continue
            if international and not (match.raw_string.lstrip("( ").startswith("+")
                                      and sum(char.isdigit() for char in match.raw_string) >= _MIN_INTERNATIONAL_DIGITS):
                continue
            if best is None or match.start < best[0]:
                best = (match.start, original[match.start : match.end])
        if best is not None:
            return best[1].strip()  # the earliest number valid in the likeliest region
    return None


# A month and year ("09/2019") or a day and month: a slash after one or two digits.
_SLASHED_DATE = re.compile(r"(?<!\d)\d{1,2}/\d")
# A German-style number has its area code before a slash: "0171/1234567", "030/12345678".
_MIN_SLASHED_DIGITS = 9


# A calendar date written with the same separator twice: "06.11.1994", "28-08-2000", "2000-08-28", "1994.11.06"
# (a birth date beside the phone in a table of personal data). Day 1-31, month 1-12, a year of 19xx or 20xx.
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d\d"
_CALENDAR_DATE = re.compile(
    rf"\(?(?:{_DAY}(?P<a>[./\-]){_MONTH}(?P=a){_YEAR}|{_YEAR}(?P<b>[./\-]){_MONTH}(?P=b){_DAY}"
    rf"|{_MONTH}(?P<c>[./\-]){_DAY}(?P=c){_YEAR})\)?")


def is_calendar_date(raw: str) -> bool:
    """A date (day, month and year, either order, or a US month/day/year): never a phone number, though
    "06.11.1994" is a valid German number and "2000-08-28" a valid one in several plans."""
    return bool(_CALENDAR_DATE.fullmatch(raw.strip()))


def _not_a_phone(raw: str) -> bool:
    """Number-shaped text that is something else: a date range ("09/2019 – 01/2022"), a calendar date, a
    decimal or id."""
    from ai_coach.cv.dates import find_date_range

    slashed = re.search(r"\d/\d", raw) and (
        _SLASHED_DATE.search(raw) or sum(char.isdigit() for char in raw) < _MIN_SLASHED_DIGITS)
    return bool(find_date_range(raw) or re.fullmatch(r"\d+[.,]\d+", raw.strip()) or slashed
                or is_calendar_date(raw))
