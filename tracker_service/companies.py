"""Companies: the normalised name that makes "ACME Inc.", "Acme" and "acme, inc" one company, and the
job board a posting's URL shows (pure code, unit-tested case by case).

`company_key(name)`:
1. case and accents go: letters NFKD keeps whole are spelt out (ß -> ss, ø -> o...), NFKD, accents
   dropped, lower case;
2. "&" reads "and"; dots and apostrophes join what they separate (L.L.C. -> llc, O'Reilly -> oreilly);
   any other run of characters that are not letters or digits splits words ("acme, inc" -> acme inc);
3. a leading "the" goes, then leading legal forms written before the name (Russian ООО «Яндекс») and
   trailing ones written after it (Inc, GmbH, S.A., Sp. z o.o., K.K....), repeatedly, as long as a
   word is left ("Acme Holding GmbH & Co. KG" -> acme holding; "Inc." alone stays "inc");
4. the words are joined without spaces, so "Open AI" and "OpenAI" are one company.

The legal forms are those of the countries whose postings the boards carry most: the US, the UK and
the Commonwealth, Germany/Austria/Switzerland, France, Spain and Latin America, Italy, Portugal and
Brazil, the Benelux, the Nordics, Central Europe, Japan, and Russia and its neighbours (HH.ru). Words
that are also ordinary names are left out on purpose: "Group", "Holding", "International" are part of
a company's name, not its legal form ("Acme Group" and "Acme" may well be different employers).

Migration 0003 computes the same key in SQL for the applications stored before it; the migration
test checks that both agree on every case of tests/unit/test_company_names.py.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

from tracker_service.domain import BoardLink

NO_COMPANY_NAME = "Unknown company"  # the name of key "": postings that named no company

# Letters NFKD does not split into a base letter and an accent.
_SPELT_OUT = str.maketrans({"ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
                            "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "Þ": "th"})
# The combining-mark blocks NFKD produces (as migration 0003 lists them).
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_JOINERS = re.compile("[.'’‘`]")
_SEPARATORS = re.compile(r"[\W_]+")

# Legal forms as words (after step 2), written after the name.
TRAILING_FORMS: tuple[tuple[str, ...], ...] = tuple(tuple(form.split()) for form in (
    # US, UK, Commonwealth
    "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "lc", "llp", "lp", "pllc",
    "ltd", "limited", "plc", "pc", "pbc", "co ltd", "co inc", "co llc", "and co", "and company",
    "limited liability company",
    # Australia, India, Singapore, Malaysia
    "pty", "pty ltd", "pvt", "pvt ltd", "private limited", "pte", "pte ltd", "sdn bhd", "bhd", "berhad",
    # Germany, Austria, Switzerland
    "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "ug haftungsbeschrankt", "ev", "eg", "se",
    "gmbh and co kg", "gmbh co kg", "ag and co kg", "and co kg", "co kg", "gmbh and co kgaa",
    # France
    "sa", "sas", "sasu", "sarl", "eurl", "snc", "sca", "scop", "sci", "selarl",
    # Spain, Mexico, Brazil
    "sl", "slu", "sau", "sa de cv", "sab de cv", "sab", "sapi de cv", "s de rl de cv", "de cv", "ltda", "s a", "eireli",
    # Italy, Portugal
    "spa", "srl", "srls", "sapa", "lda",
    # Netherlands, Belgium
    "bv", "nv", "vof", "bvba", "sprl",
    # Sweden, Norway, Denmark, Finland, Iceland
    "ab", "ab publ", "publ", "asa", "as", "a s", "aps", "oy", "oyj", "hf", "ehf",
    # Poland, Czechia, Slovakia, Hungary, former Yugoslavia, Bulgaria
    "sp z oo", "spolka z oo", "sro", "spol s ro", "kft", "zrt", "nyrt", "bt", "doo", "dd", "ad",
    # Japan
    "kk", "kabushiki kaisha", "gk", "godo kaisha",
    # Russia and its neighbours, when written after the name ("Яндекс, ООО")
    "ооо", "оао", "зао", "пао", "ао", "ип", "тоо", "ooo",
))
# Legal forms written before the name: Russia and its neighbours, in Cyrillic or transliterated.
LEADING_FORMS: tuple[tuple[str, ...], ...] = tuple(tuple(form.split()) for form in (
    "ооо", "оао", "зао", "пао", "ао", "ип", "тоо", "ано", "нко", "фгуп", "гуп", "муп", "ooo", "oao", "zao", "pao",
))
_TRAILING_LONGEST_FIRST = sorted(TRAILING_FORMS, key=len, reverse=True)
_LEADING_LONGEST_FIRST = sorted(LEADING_FORMS, key=len, reverse=True)


def company_words(name: str) -> list[str]:
    """Steps 1 and 2: the name's words, folded."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_SPELT_OUT))
    folded = _ACCENTS.sub("", decomposed).lower().replace("&", " and ")
    return _SEPARATORS.sub(" ", _JOINERS.sub("", folded)).split()


def _strip_leading(words: list[str]) -> list[str] | None:
    for form in _LEADING_LONGEST_FIRST:
        if len(words) > len(form) and tuple(words[:len(form)]) == form:
            return words[len(form):]
    return None


def _strip_trailing(words: list[str]) -> list[str] | None:
    for form in _TRAILING_LONGEST_FIRST:
        if len(words) > len(form) and tuple(words[-len(form):]) == form:
            return words[:-len(form)]
    return None


def company_key(name: str) -> str:
    """The normalised name: two names with the same key are one company ("" for no name)."""
    words = company_words(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    changed = True
    while changed:  # as migration 0003's loop: leading forms, then trailing ones, until neither applies
        changed = False
        if (stripped := _strip_leading(words)) is not None:
            words, changed = stripped, True
        if (stripped := _strip_trailing(words)) is not None:
            words, changed = stripped, True
    return "".join(words)


def display_name(name: str) -> str:
    """The name a company is created with: as the posting wrote it, spaces tidied."""
    return " ".join(name.split()) or NO_COMPANY_NAME


# --- job boards ------------------------------------------------------------------------------------
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
# host pattern -> (board, where the token is: "path" (first path segment) or "host" (first label)).
_BOARD_HOSTS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^(?:boards|job-boards)(?:\.eu)?\.greenhouse\.io$"), "greenhouse", "path"),
    (re.compile(r"^jobs(?:\.eu)?\.lever\.co$"), "lever", "path"),
    (re.compile(r"^jobs\.ashbyhq\.com$"), "ashby", "path"),
    (re.compile(r"^apply\.workable\.com$"), "workable", "path"),
    (re.compile(r"^(?:jobs|careers)\.smartrecruiters\.com$"), "smartrecruiters", "path"),
    (re.compile(r"^[a-z0-9-]+\.recruitee\.com$"), "recruitee", "host"),
    (re.compile(r"^[a-z0-9-]+\.jobs\.personio\.(?:de|com)$"), "personio", "host"),
)
_CAREERS_URL = {
    "greenhouse": "https://job-boards.greenhouse.io/{token}",
    "lever": "https://jobs.lever.co/{token}",
    "ashby": "https://jobs.ashbyhq.com/{token}",
    "workable": "https://apply.workable.com/{token}/",
    "smartrecruiters": "https://jobs.smartrecruiters.com/{token}",
    "recruitee": "https://{token}.recruitee.com/",
    "personio": "https://{token}.jobs.personio.de/",
}


def board_of(url: str) -> BoardLink | None:
    """The board and company token a posting's URL shows ("https://jobs.lever.co/acme/123" ->
    lever/acme), or None for any other URL (a company's own site, an aggregator)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return None
    for pattern, board, place in _BOARD_HOSTS:
        if not pattern.match(host):
            continue
        if place == "host":
            token = host.split(".", 1)[0]
        else:
            segments = [s for s in parts.path.split("/") if s]
            token = segments[0] if segments else ""
            if board == "greenhouse" and token == "embed":  # boards.greenhouse.io/embed/job_app?for=acme&token=1
                token = (parse_qs(parts.query).get("for") or [""])[0]
        if not _TOKEN.match(token):
            return None
        return BoardLink(board=board, token=token, careers_url=_CAREERS_URL[board].format(token=token))
    return None
