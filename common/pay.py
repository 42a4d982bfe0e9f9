"""Pay read from free text: "$120K–$150K a year", "€55.000 – €65.000 brutto", "от 150 000 до 200 000 ₽ на руки".

Job boards often give the pay only as words, in a salary field or somewhere in the description; a
page without structured data has nothing else. This module turns such text into a typed `Pay`
(min, max, currency, period, gross/net, and the span of text it was read from), so that every
source, the page extractor and the analysis read pay the same way.

Two entry points, because how much evidence is needed depends on where the text comes from:

- `parse_pay(text)`: the text is a salary field (Remotive's `salary`, a "Pay:" line). The best
  amount in it is read even without a currency ("90k - 105k"), as long as something says it is
  money (a currency, a K/M suffix, a period, or an amount of at least 1,000 that is not a year).
- `find_pay(text)`: the text is a description or a whole page. Only amounts with a currency
  count, and only with something else that says they are the pay (a pay word nearby such as
  "salary" or "Gehalt", a period, gross/net, or a range); amounts next to words such as "stipend",
  "bonus" or "funding" are skipped. The best candidate wins, ties going to the first.

Unknown stays unknown: a period, currency or gross/net the text does not state is None/UNKNOWN,
never inferred from the size of the amount. The one convention is that a bare "$" is the US dollar
(qualified forms such as "C$", "A$" or a code beside it, "$90,000 CAD", say otherwise); "¥", "kr"
and "Rs" name several currencies and give none. Lakh and crore amounts ("12 LPA", "8 lakh") are
Indian rupees when no other currency is named; "LPA" is lakhs per annum. A single amount is both
min and max, "up to X" gives only max and "from X" only min.

Numbers are read in the common locales: 1,000.50 / 1.000,50 / 1 000 / 1'000 (and the no-break and
narrow no-break spaces), Indian 12,00,000, decimal commas (25,50), and the multipliers K, M, тыс.,
lakh and crore. A group of exactly three digits after one separator is a thousands group
("2.200 €" is 2,200), which is how pay is written in every locale this reads, except in the dinars and
rials that count thousandths: "850.000 JOD" is 850 and "1,250.000 KWD" 1,250. Dates, times, phone
numbers, "24/7" and "401(k)" are never read as amounts.

The work is bounded whatever the input: texts are read up to MAX_TEXT_CHARS and at most
MAX_CANDIDATES amounts are weighed.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["PERIODS_PER_YEAR", "Pay", "PayPeriod", "find_pay", "parse_pay", "pay_candidates"]


class PayPeriod(enum.StrEnum):
    UNKNOWN = "UNKNOWN"
    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    YEAR = "YEAR"


# Pay per period times this is pay per year, full time: 40 hours or 5 days a week, 52 weeks (no holidays
# taken off, the same for hours and days). One table for every service, so the inbox's salary floor,
# the fit score and the offer comparison turn a day rate into the same yearly figure. Each service's own
# period enum (a StrEnum of the same names) looks it up too: its members equal these. UNKNOWN has none.
PERIODS_PER_YEAR: dict[PayPeriod, int] = {PayPeriod.HOUR: 2080, PayPeriod.DAY: 260, PayPeriod.WEEK: 52,
                                          PayPeriod.MONTH: 12, PayPeriod.YEAR: 1}


@dataclass(frozen=True, slots=True)
class Pay:
    """Pay as the text states it. `text` is `source[start:end]`, the words it was read from."""

    min: float | None
    max: float | None
    currency: str | None  # ISO 4217, upper case; None when the text does not say which
    period: PayPeriod
    gross: bool | None  # True: before tax ("brutto"); False: net ("на руки"); None: not said
    text: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


# ---- numbers ------------------------------------------------------------------------------------

_SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin and plain space
_NUMBER = re.compile(
    r"(?<![\d.,'’])(?<!\d[" + _SPACES + r"])"  # not the middle or tail of another number
    r"(?P<int>"
    r"\d{1,2}(?:,\d{2})+,\d{3}"  # Indian grouping: 12,00,000
    r"|\d{1,3}(?P<sep>[,.'’" + _SPACES + r"])\d{3}(?:(?P=sep)\d{3})*"  # 1,000 / 1.000 / 1 000 / 1'000
    r"|\d+"
    r")"
    r"(?P<dec>[.,]\d{1,2}"
    r"|(?<=[,'’" + _SPACES + r"]\d{3})\.\d{3})?"  # or a thousandth after grouped thousands: 1,250.000
    r"(?!\d)(?![.,'’]\d)(?!\s?%)"
)
_MULTIPLIER = re.compile(
    r"\s?(?:(?P<word>k|K|M|Mio\.?|mio\.?|mn|MM|million|millions|тыс\.?|тысяч|lakhs?|lacs?|crores?|Cr)(?![^\W\d_])"
    r"|(?P<lpa>L)(?=\s?PA\b))"  # "12 LPA": lakhs per annum
)
_MULTIPLIER_VALUES = {"k": 1e3, "m": 1e6, "mio": 1e6, "mio.": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6,
                      "millions": 1e6, "тыс": 1e3, "тыс.": 1e3, "тысяч": 1e3, "lakh": 1e5, "lakhs": 1e5,
                      "lac": 1e5, "lacs": 1e5, "l": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7}  # fmt: skip
_LAKH_WORDS = frozenset({"lakh", "lakhs", "lac", "lacs", "l", "crore", "crores", "cr"})
MAX_AMOUNT = 1e9  # above this a number is an id, a phone number or a company's revenue, not pay


@dataclass(slots=True)
class _Amount:
    value: float
    start: int
    end: int  # after the multiplier, if any
    multiplier: float
    multiplier_word: str
    plus: bool  # "100k+"
    grouped: bool  # written with a thousands separator ("90,000")
    thousandths: bool = False  # grouped thousands and three decimals ("1,250.000"): only a dinar's way


# Numbers that are plainly something else; blanked (same length, so offsets hold) before amounts are read.
_NOT_AMOUNTS = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"  # ISO dates and times
    r"|\b\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b"  # 10.07.2026, 1/15/24
    r"|\b\d{1,2}:\d{2}\b"  # times
    r"|\+\d[\d \u00a0().\-]{6,}\d"  # international phone numbers
    r"|\(\d{2,4}\)\s?\d{3}[\s.\-]?\d{4}"  # (555) 123-4567
    r"|\b24/7\b|\b401\s?\(?k\)?"
)


_GROUP_SEPARATORS = str.maketrans("", "", ",.'’" + _SPACES)


def _amounts(text: str) -> Iterator[_Amount]:
    text = _NOT_AMOUNTS.sub(lambda match: " " * len(match.group(0)), text)
    for match in _NUMBER.finditer(text):
        digits, separator, decimals = match.group("int"), match.group("sep"), match.group("dec")
        if separator and decimals and decimals[0] == separator:
            continue  # "1,000,50": no locale writes it, so no reading is safe
        value = float(digits.translate(_GROUP_SEPARATORS) + ("." + decimals[1:] if decimals else ""))
        end = match.end()
        multiplier, word = 1.0, ""
        suffix = _MULTIPLIER.match(text, end)
        if suffix:
            word = suffix.group("word") or suffix.group("lpa")
            multiplier = _MULTIPLIER_VALUES[word.lower()]
            end = suffix.end()
        plus = text.startswith("+", end)
        if plus:
            end += 1
        amount = value * multiplier
        if 0 < amount < MAX_AMOUNT:
            thousandths = bool(decimals) and len(decimals) == 4
            yield _Amount(amount, match.start(), end, multiplier, word.lower(), plus, bool(separator), thousandths)


# ---- currencies ---------------------------------------------------------------------------------

# Symbol or word -> ISO 4217 code; None: money, but the text does not say which currency.
_CURRENCY_TOKENS: dict[str, str | None] = {
    "us$": "USD", "u$s": "USD", "usd$": "USD", "ca$": "CAD", "c$": "CAD", "cad$": "CAD", "au$": "AUD",
    "a$": "AUD", "aud$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "sg$": "SGD", "r$": "BRL",
    "mx$": "MXN", "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY",
    "₴": "UAH", "₪": "ILS", "₦": "NGN", "₱": "PHP", "₫": "VND", "৳": "BDT", "₸": "KZT", "₾": "GEL",
    "zł": "PLN", "zl": "PLN", "kč": "CZK", "¥": None, "￥": None, "kr": None, "kr.": None, "rs": None,
    "rs.": None, "euro": "EUR", "euros": "EUR", "евро": "EUR", "us dollars": "USD", "dollars": "USD",
    "долларов": "USD", "доллара": "USD", "canadian dollars": "CAD", "australian dollars": "AUD",
    "руб": "RUB", "руб.": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB", "р.": "RUB",
    "грн": "UAH", "грн.": "UAH", "гривен": "UAH", "гривень": "UAH", "тенге": "KZT", "тг": "KZT",
    "сум": "UZS", "лв": "BGN", "лв.": "BGN", "złotych": "PLN", "yen": "JPY", "yuan": "CNY", "rmb": "CNY",
    "元": "CNY", "rupees": "INR", "pounds sterling": "GBP", "francs": "CHF", "chf": "CHF",
    "jd": "JOD", "kd": "KWD", "دينار أردني": "JOD", "دينار كويتي": "KWD", "دينار": None,
}  # fmt: skip
# ISO codes, read in upper case only so that words ("mad", "all") are never taken for one. PHP is left
# out: "PHP 8" is a programming language far more often than Philippine pesos in a job posting.
_ISO_CODES = frozenset(
    "USD EUR GBP CHF CAD AUD NZD SEK NOK DKK ISK PLN CZK HUF RON BGN RSD RUB RUR BYN BYR UAH KZT UZS GEL "
    "AMD AZN TRY ILS INR PKR BDT LKR NPR JPY CNY HKD SGD KRW TWD THB MYR IDR VND BRL MXN ARS CLP COP PEN "
    "ZAR NGN KES EGP MAD AED SAR QAR KWD JOD BHD OMR TND LYD IQD".split()
)
# Currencies whose minor unit is a thousandth (fils, baisa) and whose countries write amounts with a
# decimal point: "850.000 JOD" is eight hundred and fifty dinars with its three decimals, not 850,000.
# (Tunisia and Libya also count in thousandths but write the French way, so "1.500" stays ambiguous there.)
_THREE_DECIMAL_CURRENCIES = frozenset({"JOD", "KWD", "BHD", "OMR"})
_THREE_DECIMALS = re.compile(r"\d{1,3}\.\d{3}")
_CODE_ALIASES = {"RUR": "RUB", "BYR": "BYN", "RMB": "CNY"}
_LOWER_CODES = frozenset(
    {"usd", "eur", "gbp", "chf", "cad", "aud", "rub", "uah", "pln", "inr", "sek", "nok", "dkk"}
)

_CURRENCY_PATTERN = (
    "|".join(
        # Longest first, so "US$" wins over "$" and "руб." over "руб". A token that starts with a letter
        # must not continue a word ("Asia$1500" is "$", not "A$"); a bare symbol may follow anything.
        (rf"(?<![^\W\d_]){re.escape(token)}" if token[0].isalpha() else re.escape(token))
        + (r"(?![^\W\d_])" if token[-1].isalpha() else "")
        for token in sorted(_CURRENCY_TOKENS, key=len, reverse=True)
    )
    + r"|\b[A-Za-z]{3}\b"
)
_CURRENCY = re.compile(_CURRENCY_PATTERN, re.IGNORECASE)
_CURRENCY_ENDING = re.compile(f"(?:{_CURRENCY_PATTERN})$", re.IGNORECASE)
_LONGEST_TOKEN = max(len(token) for token in _CURRENCY_TOKENS)


@dataclass(slots=True)
class _Currency:
    code: str | None
    start: int
    end: int


def _currency(match: re.Match[str] | None) -> _Currency | None:
    """The currency a token names (code None: money, currency unknown), or None if it is no currency."""
    if match is None:
        return None
    token = match.group(0)
    key = token.lower()
    if re.fullmatch(r"[A-Za-z]{3}", token):
        upper = token.upper()
        if token.isupper() and upper in _ISO_CODES:
            return _Currency(_CODE_ALIASES.get(upper, upper), match.start(), match.end())
        if token.islower() and token in _LOWER_CODES:
            return _Currency(upper, match.start(), match.end())
    if key in _CURRENCY_TOKENS:
        return _Currency(_CURRENCY_TOKENS[key], match.start(), match.end())
    return None


# ---- words around an amount ---------------------------------------------------------------------

_PERIOD_AFTER: tuple[tuple[PayPeriod, str], ...] = (
    (
        PayPeriod.HOUR,
        r"/\s?(?:h|hr|hrs|hour|std\.?|stunde|stunden|heure|hora|ora|uur|час|ч|tim|time|timme)(?![^\W\d_])"
        r"|\bper\s+hour\b|\b(?:an|a|each|the)\s+hour\b|\bhourly\b|\bp/h\b|\bph\b|\bpro\s+stunde\b"
        r"|\bstündlich\b|\bstd\.|\bpar\s+heure\b|\bde\s+l['’]heure\b|\bl['’]heure\b|\bpor\s+hora\b"
        r"|\ball['’]ora\b|\bper\s+uur\b|\bp/u\b|\bp\.u\.|\bв\s+час\b|\bза\s+час\b|\bza\s+godzin",
    ),
    (
        PayPeriod.DAY,
        r"/\s?(?:day|d|tag|jour|día|dia|giorno|день|dzień|dag)(?![^\W\d_])|\bper\s+day\b|\b(?:a|each)\s+day\b"
        r"|\bdaily\b|\bday\s+rate\b|\bpro\s+tag\b|\btagessatz\b|\bpar\s+jour\b|\bpor\s+d[ií]a\b"
        r"|\bal\s+giorno\b|\bв\s+день\b|\bза\s+день\b|\bза\s+смену\b|\bTJM\b",
    ),
    (
        PayPeriod.WEEK,
        r"/\s?(?:week|wk|woche|semaine|semana|settimana|неделю|нед)(?![^\W\d_])|\bper\s+week\b"
        r"|\b(?:a|each)\s+week\b|\bweekly\b|\bpw\b|\bpro\s+woche\b|\bwöchentlich\b|\bpar\s+semaine\b"
        r"|\bpor\s+semana\b|\bв\s+неделю\b",
    ),
    (
        PayPeriod.MONTH,
        # Portuguese writes the month "mês" ("R$ 2.000/mês", "por mês", "ao mês", "mensal").
        r"/\s?(?:month|mo|mth|monat|mois|mes|mês|mese|maand|mies|miesiąc|мес|месяц|м|mån|mnd|måned)(?![^\W\d_])"
        r"|\bpor\s+mês|\bao\s+mês|\bmensa(?:l|is)\b"
        r"|\bper\s+month\b|\b(?:a|each)\s+month\b|\bmonthly\b|\bpcm\b|\bp\.\s?m\.|\bpro\s+monat\b"
        r"|\bim\s+monat\b|\bmonatlich\b|\bmtl\.|\bpar\s+mois\b|\bmensuel(?:le)?s?\b|\bal\s+mes\b"
        r"|\bmensual(?:es)?\b|\bpor\s+mes\b|\bal\s+mese\b|\bmensil[ei]\b|\bper\s+maand\b"
        r"|\bmiesięcznie\b|\bв\s+месяц\b|\bв\s+мес\b|\bежемесячно\b|\bмес\.",
    ),
    (
        PayPeriod.YEAR,
        r"/\s?(?:year|yr|y|jahr|an|año|ano|anno|jaar|rok|год|år)(?![^\W\d_])|\bper\s+year\b"
        r"|\b(?:a|each)\s+year\b|\bper\s+annum\b|\bp\.\s?a\.|\bpa\b|\bannual(?:ly)?\b|\byearly\b"
        r"|\bpro\s+jahr\b|\bim\s+jahr\b|\bjährlich\b|\bpar\s+an\b|\bannuel(?:le)?s?\b"
        r"|\bal\s+año\b|\banual(?:es)?\b|\bpor\s+año\b|\ball['’]anno\b|\bannu[oi]\b|\bper\s+jaar\b"
        r"|\brocznie\b|\bв\s+год\b|\bLPA\b",
    ),
)
_PERIOD_AFTER_RES = tuple((period, re.compile(pattern, re.IGNORECASE)) for period, pattern in _PERIOD_AFTER)
# Words before an amount that name its period ("Annual Salary Range $160,000", "Monatlich 2.200 €").
_PERIOD_BEFORE: tuple[tuple[PayPeriod, str], ...] = (
    (
        PayPeriod.HOUR,
        r"\bhourly\b|\bstundenlohn\b|\bstundensatz\b|\bper\s+hour\b|\btaux\s+horaire\b|\bпочасов",
    ),
    (PayPeriod.DAY, r"\bday\s+rate\b|\bdaily\s+rate\b|\btagessatz\b|\bTJM\b|\btaux\s+journalier\b"),
    (PayPeriod.WEEK, r"\bweekly\b|\bper\s+week\b"),
    (
        PayPeriod.MONTH,
        r"\bmonthly\b|\bmonatlich\b|\bmonatsgehalt\b|\bmensuel(?:le)?\b|\bmensual\b|\bmensile\b"
        r"|\bв\s+месяц\b|\bежемесячн|\bper\s+month\b",
    ),
    (
        PayPeriod.YEAR,
        r"\bannual(?:ly)?\b|\byearly\b|\bjahresgehalt\b|\bjährlich\b|\bannuel(?:le)?\b|\banual\b"
        r"|\bannuo\b|\bRAL\b|\bгодов|\bв\s+год\b|\bper\s+year\b|\bper\s+annum\b|\bCTC\b",
    ),
)
_PERIOD_BEFORE_RES = tuple((period, re.compile(pattern, re.IGNORECASE)) for period, pattern in _PERIOD_BEFORE)
_GROSS = re.compile(
    r"\bgross\b(?!\s+(?:profit|margin|revenue|sales|income|domestic))|\bbrutto\b|\bbrut\b|\bbruto\b|\blordo\b|\bbefore\s+tax(?:es)?\b|\bpre-?tax\b"
    r"|\bдо\s+вычета\b|\bгрязными\b|\bдо\s+уплаты\s+налог",
    re.IGNORECASE,
)
_NET = re.compile(
    r"(?<![.\w])net\b(?!\s*(?:profit|income|revenue|worth))|\bnetto\b|\bnett\b|\bneto\b|\bafter\s+tax(?:es)?\b"
    r"|\bна\s+руки\b|\bчистыми\b|\bпосле\s+вычета\b|\bпосле\s+уплаты\s+налог",
    re.IGNORECASE,
)
_PAY_WORDS = re.compile(
    r"\bsalar(?:y|ies)\b|\bpay\b|\bpaid\b|\bcompensation\b|\bwages?\b|\bremuneration\b|\brate\b|\bbase\b|\bOTE\b"
    r"|\bearn(?:ing)?s?\b|\bmake\b|\bincome\b|\bCTC\b|\bgehalt|\bgehälter|\bvergütung|\bverdienst|\blohn\b|\bstundenlohn"
    r"|\bbezahlung|\bentgelt|\bзарплат|\bзп\b|з/п|\bзаработн|\bоклад|\bдоход|\bвознагражден|\bоплат|\bставк"
    r"|\bsalaire|\brémunér|\bsalario|\bsueldo|\bretribu|\bremunera|\bstipendio|\bRAL\b|\bsalaris|\bwynagrodz"
    r"|\bpensj|\bmzd[ay]\b|\bplat\b|\bpackage\b",
    re.IGNORECASE,
)
# Money that is not the pay: perks, company finances, prices.
_NOT_PAY_WORDS = re.compile(
    r"\bstipends?\b|\bbonus(?:es)?\b|\ballowances?\b|\breimburs|\bbudgets?\b|\bfunding\b|\bfunded\b|\braised?\b"
    r"|\brevenue\b|\bvaluation\b|\binvest|\bgrants?\b|\bper\s+employee\b|\brelocation\b|\breferral\b"
    r"|\bsign(?:ing|-on)\b|\bequity\b|\btuition\b|\bgym\b|\blearning\b|\bhome[- ]office\b|\bwellness\b"
    r"|\b401\b|\bARR\b|\bprice[sd]?\b|\bcosts?\b|\bfees?\b|\bturnover\b|\bumsatz|\bzuschuss|\bbudget|\bвыручк"
    r"|\bкомпенсаци[яи]\s+(?:спорт|обед|питан)|\bprime\b|\bmatch(?:ing)?\b|\bvoucher|\bgutschein|\bsavings?\b"
    r"|\bprofits?\b|\bmargins?\b|\bvalued?\b|\bworth\b|\bportfolio\b|P&L|\bloans?\b|\bdeals?\b|\bsales\s+of\b",
    re.IGNORECASE,
)
_ADDITION = re.compile(r"\+|\bplus\b|\band\b|\bwith\b|&|,|\bzzgl\b|\bet\b|\bи\b", re.IGNORECASE)
_UP_TO = re.compile(
    r"(?:\bup\s*to|\bupto|\bbis\s+zu|\bbis|\bдо|\bjusqu['’]\s?à|\bhasta|\bfino\s+a|\bmax(?:imum|\.)?|\bnot\s+more\s+than"
    r"|\bunder|\btot)\s*:?\s*$",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"(?:\bfrom|\bstarting\s+(?:at|from)|\bstarts\s+at|\bab|\bот|\bà\s+partir\s+de|\ba\s+partir\s+de|\bdesde|\bda"
    r"|\bmin(?:imum|\.)?|\bat\s+least|\bmindestens|\bvanaf|\bod)\s*:?\s*$",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|‒|−|~|to|bis|à|a|до|and|und|et|y|e|и|tot|do|-\s*до)\s*", re.IGNORECASE)
# An amount of time, not money: "40 uur per week", "38,5 Std./Woche", "30 hours per week".
_WORKING_TIME = re.compile(
    r"\s*(?:hours?|hrs?\b|uur|stunden|std\b|std\.|heures|horas|ore\b|часов|часа|godzin)", re.IGNORECASE
)
# "3 400 000 сум.+", "50 000 руб.+": a floor written after the currency.
_PLUS_AFTER_CURRENCY = re.compile(r"^\.?\+")  # touching: "€40k + bonus" is an addition
_BETWEEN = re.compile(r"(?:\bbetween|\bzwischen|\bentre|\bмежду|\btra|\bfra|\btussen)\s*$", re.IGNORECASE)

MAX_TEXT_CHARS = 200_000  # longer texts are read up to here (no posting's pay sits further down)
MAX_CANDIDATES = 100  # amounts read at most (a real posting states its pay a handful of times)
HEAD_CHARS = 60  # how far before an amount labels ("Annual Salary Range", "up to") are looked for
TAIL_CHARS = 40  # how far after it the period and gross/net are looked for
LABEL_LINE_CHARS = 50  # a line this short above an amount that opens its line is read as its label
PERIOD_GAP_CHARS = 20  # a period word further than this after the amount is about something else
_PER_ANNUM_AFTER_LAKHS = re.compile(r"\s?PA\b")


@dataclass(slots=True)
class _Candidate:
    low: _Amount
    high: _Amount | None  # the second amount of a range
    currency: str | None
    has_currency: bool
    start: int
    end: int


_SPACING = " \t\u00a0\u202f\u2009"


def _candidates(text: str, *, need_money: bool) -> list[_Candidate]:
    amounts = _amounts(text)
    pending: _Amount | None = next(amounts, None)

    def currency_before(position: int) -> _Currency | None:
        while position > 0 and text[position - 1] in _SPACING:
            position -= 1
        if position == 0 or text[position - 1].isdigit() or text[position - 1] in "-–—(),:;/%+":
            return None  # cheap way out for the common case: no token ends here
        return _currency(_CURRENCY_ENDING.search(text, max(0, position - _LONGEST_TOKEN - 1), position))

    def currency_after(position: int) -> _Currency | None:
        while position < len(text) and text[position] in _SPACING:
            position += 1
        if position == len(text) or text[position].isdigit() or text[position] in "-–—(),:;/%+.":
            return None
        return _currency(_CURRENCY.match(text, position))

    candidates: list[_Candidate] = []
    while pending is not None:
        low, pending = pending, next(amounts, None)
        high: _Amount | None = None
        between: _Currency | None = None
        if pending is not None and pending.start - low.end <= 14:
            following = pending
            gap_currency = next(
                (
                    found
                    for found in map(_currency, _CURRENCY.finditer(text, low.end, following.start))
                    if found
                ),
                None,
            )
            bare_gap = text[low.end : following.start]
            if gap_currency is not None:
                bare_gap = text[low.end : gap_currency.start] + " " + text[gap_currency.end : following.start]
            if _RANGE_JOIN.fullmatch(bare_gap):
                first, thousandths = low.value, low.thousandths
                if not low.multiplier_word and following.multiplier_word and first < 1000:
                    first *= following.multiplier  # "$120–150K": the K belongs to both
                elif (
                    not low.grouped and following.grouped and first * 1000 <= following.value < first * 10_000
                ):
                    first *= 1000  # "£40-65,000": the thousands belong to both
                elif following.thousandths and _THREE_DECIMALS.fullmatch(text, low.start, low.end):
                    first, thousandths = first / 1000, True  # "850.000 – 1,250.000": both in thousandths
                if following.value >= first:
                    low = _Amount(
                        first, low.start, low.end, low.multiplier, low.multiplier_word, False, low.grouped,
                        thousandths,
                    )
                    high = following
                    between = gap_currency
                    pending = next(amounts, None)
        last = high or low
        # A currency right before the first amount, between the two, or right after the last.
        before, after = currency_before(low.start), currency_after(last.end)
        chosen = [c for c in (before, between, after) if c is not None]
        lakhs = any(a.multiplier_word in _LAKH_WORDS for a in (low, high) if a is not None)
        if need_money and not chosen and not lakhs:
            continue
        # A code is more precise than a symbol: "$160,000 — $220,000 USD", "$90,000 CAD".
        code = next(
            (c.code for c in chosen if c.code and re.fullmatch(r"[A-Z]{3}", text[c.start : c.end])), None
        )
        if code is None:
            code = next((c.code for c in chosen if c.code), None)
        start = before.start if before is not None else low.start
        end = after.end if after is not None else last.end
        candidates.append(_Candidate(low, high, code, bool(chosen), start, end))
        if len(candidates) >= MAX_CANDIDATES:
            break
    return candidates


def _head(text: str, start: int) -> str:
    """The words before an amount on its line; for an amount that opens its line, the short line
    above it too, which is how pages label it ("Annual Salary Range" / "$160,000—$220,000 USD")."""
    head = text[max(0, start - HEAD_CHARS) : start]
    line_break = head.rfind("\n")
    if line_break >= 0 and not head[line_break + 1 :].strip():
        above = head[:line_break].rstrip()
        label = above[above.rfind("\n") + 1 :]
        if label and len(label) <= LABEL_LINE_CHARS and not label.rstrip().endswith((".", "!", "?")):
            return head[len(above) - len(label) :]
        return head[line_break + 1 :]
    cut = max(line_break, head.rfind(". "), head.rfind("! "), head.rfind("? "))
    return head[cut + 1 :] if cut >= 0 else head


def _tail(text: str, end: int) -> str:
    tail = text[end : end + TAIL_CHARS]
    stop = re.search(r"[\n;]|\d", tail)
    return tail[: stop.start()] if stop else tail


def _first_match(
    patterns: tuple[tuple[PayPeriod, re.Pattern[str]], ...], text: str
) -> tuple[PayPeriod, re.Match[str]] | None:
    best: tuple[PayPeriod, re.Match[str]] | None = None
    for period, pattern in patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1].start()):
            best = (period, match)
    return best


def _read(text: str, candidate: _Candidate, *, in_field: bool) -> tuple[Pay, int] | None:
    """The Pay a candidate stands for and how sure we are it is the pay (None: it is not)."""
    head, tail = _head(text, candidate.start), _tail(text, candidate.end)
    low, high = candidate.low, candidate.high
    start, end = candidate.start, candidate.end

    minimum: float | None = low.value
    maximum: float | None = high.value if high is not None else low.value
    if high is not None:
        opening = _BETWEEN.search(head) or _FROM.search(head) or _UP_TO.search(head)
        if opening:  # "от 150 000 до 200 000", "between $148,200 and $239,800"
            start = opening.start() + candidate.start - len(head)
    else:
        qualifier_up = _UP_TO.search(head)
        qualifier_from = _FROM.search(head)
        if qualifier_up:
            minimum, start = None, qualifier_up.start() + candidate.start - len(head)
        elif qualifier_from or low.plus or _PLUS_AFTER_CURRENCY.match(tail):
            maximum = None
            if qualifier_from:
                start = qualifier_from.start() + candidate.start - len(head)

    lakhs = any(amount.multiplier_word in _LAKH_WORDS for amount in (low, high) if amount is not None)
    period = PayPeriod.UNKNOWN
    found = _first_match(_PERIOD_AFTER_RES, tail)
    per_annum = _PER_ANNUM_AFTER_LAKHS.match(tail) if lakhs else None
    if found and found[1].start() <= PERIOD_GAP_CHARS:
        period, match = found
        end = max(end, candidate.end + match.end())
    elif per_annum:  # "12 LPA": the L was the multiplier, "PA" is the period
        period, end = PayPeriod.YEAR, max(end, candidate.end + per_annum.end())
    else:
        before = _first_match(_PERIOD_BEFORE_RES, head)
        if before:
            period = before[0]

    gross: bool | None = None
    gross_match, net_match = _GROSS.search(tail), _NET.search(tail)
    if gross_match or net_match:
        nearest = min((m for m in (gross_match, net_match) if m), key=lambda m: m.start())
        gross = nearest is gross_match
        end = max(end, candidate.end + nearest.end())
    else:
        gross_before, net_before = _GROSS.search(head), _NET.search(head)
        if gross_before or net_before:
            nearest = max((m for m in (gross_before, net_before) if m), key=lambda m: m.start())
            gross = nearest is gross_before

    currency = candidate.currency
    if currency is None and lakhs and not candidate.has_currency:
        currency = "INR"
    if currency not in _THREE_DECIMAL_CURRENCIES and any(
            amount.thousandths for amount in (low, high) if amount is not None):
        return None  # "1,250.000" in no currency, or in one that has no thousandths: no reading is safe
    if currency in _THREE_DECIMAL_CURRENCIES:
        minimum, maximum = (None if value is None else _in_units(value, amount, text)
                            for value, amount in ((minimum, low), (maximum, high or low)))

    pay_word = bool(_PAY_WORDS.search(head))
    # Perks after a "+" or "plus" are on top of the pay ("£40k + bonus"), not what the amount is.
    own_tail = _ADDITION.split(tail[:30], maxsplit=1)[0]
    not_pay = bool(_NOT_PAY_WORDS.search(head[-40:]) or _NOT_PAY_WORDS.search(own_tail))
    score = 3 * pay_word + 2 * (period is not PayPeriod.UNKNOWN) + (gross is not None) + (high is not None)
    score -= 4 * not_pay

    money = candidate.has_currency or lakhs
    if not money and _WORKING_TIME.match(text, (high or low).end):
        return None  # hours of work ("Fulltime 40 uur per week"), not pay
    if in_field:
        bare = not (money or low.multiplier_word or period is not PayPeriod.UNKNOWN)
        year_like = high is None and not low.grouped and 1900 <= low.value <= 2100 and low.value.is_integer()
        if bare and (low.value < 1000 or year_like):
            return None
        score += 1 + money
    else:
        if not money or score < 1 or (not_pay and not pay_word):
            return None
    pay = Pay(
        min=minimum, max=maximum, currency=currency, period=period, gross=gross,
        text=text[start:end].strip(), start=start, end=end,
    )  # fmt: skip
    if pay.text != text[start:end]:
        leading = len(text[start:end]) - len(text[start:end].lstrip())
        pay = Pay(pay.min, pay.max, pay.currency, pay.period, pay.gross, pay.text, start + leading,
                  start + leading + len(pay.text))  # fmt: skip
    return pay, score


def _in_units(value: float, amount: _Amount, text: str) -> float:
    """A three-decimal currency's amount written "850.000": the dot is its decimal point. (One read with
    its thousandths, "1,250.000", is in units already.)"""
    if amount.thousandths or amount.multiplier != 1 or not _THREE_DECIMALS.fullmatch(text, amount.start, amount.end):
        return value
    return value / 1000


def pay_candidates(text: str, *, in_field: bool = False) -> list[tuple[Pay, int]]:
    """Every reading of pay in `text` with its score, in text order (for tests and for callers that
    want more than the best one)."""
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:MAX_TEXT_CHARS]
    readings = (
        _read(text, candidate, in_field=in_field) for candidate in _candidates(text, need_money=not in_field)
    )
    return [reading for reading in readings if reading is not None]


def _best(readings: list[tuple[Pay, int]]) -> Pay | None:
    best: tuple[Pay, int] | None = None
    for reading in readings:
        if best is None or reading[1] > best[1]:
            best = reading
    return best[0] if best else None


def parse_pay(text: str) -> Pay | None:
    """The pay a salary field states ("$90k - $105k", "CHF 110'000", "25,50 €/Std."); None when it
    states no amount ("Competitive", "DOE")."""
    return _best(pay_candidates(text, in_field=True))


def find_pay(text: str) -> Pay | None:
    """The pay a description or page states, or None; see the module docstring for what counts."""
    return _best(pay_candidates(text, in_field=False))
