"""common.pay: pay read from salary fields and from descriptions, in several languages and locales.

Every expected value is written by hand from reading the text, as a person would state the pay.
"""

from __future__ import annotations

import pytest

from ai_coach.domain import SalaryPeriod as CoachPeriod
from common.pay import PERIODS_PER_YEAR, Pay, PayPeriod, find_pay, parse_pay, pay_candidates
from tracker_service.domain import SalaryPeriod as TrackerPeriod

H, D, W, M, Y, U = (
    PayPeriod.HOUR,
    PayPeriod.DAY,
    PayPeriod.WEEK,
    PayPeriod.MONTH,
    PayPeriod.YEAR,
    PayPeriod.UNKNOWN,
)


def reading(pay: Pay | None) -> tuple[float | None, float | None, str | None, PayPeriod, bool | None] | None:
    return None if pay is None else (pay.min, pay.max, pay.currency, pay.period, pay.gross)


# (text, (min, max, currency, period, gross)) for a salary field.
FIELD_CASES = [
    # The examples and the brief's.
    ("$120K–$150K a year", (120_000, 150_000, "USD", Y, None)),
    ("€55.000 – €65.000 brutto", (55_000, 65_000, "EUR", U, True)),
    ("от 150 000 до 200 000 ₽ на руки", (150_000, 200_000, "RUB", U, False)),
    ("£40,000 - £45,000 per annum", (40_000, 45_000, "GBP", Y, None)),
    ("CHF 110'000", (110_000, 110_000, "CHF", U, None)),
    ("25,50 €/Std.", (25.5, 25.5, "EUR", H, None)),
    ("up to $80/hr", (None, 80, "USD", H, None)),
    ("from 3000 EUR monthly", (3000, None, "EUR", M, None)),
    ("₹12 LPA", (1_200_000, 1_200_000, "INR", Y, None)),
    # Multipliers.
    ("$90k - $105k", (90_000, 105_000, "USD", U, None)),
    ("$120–150k", (120_000, 150_000, "USD", U, None)),
    ("€3,5k brutto", (3500, 3500, "EUR", U, True)),
    ("$1.2M", (1_200_000, 1_200_000, "USD", U, None)),
    ("з/п 80-100 тыс. руб.", (80_000, 100_000, "RUB", U, None)),
    ("12 - 15 LPA", (1_200_000, 1_500_000, "INR", Y, None)),
    ("8 lakh per annum", (800_000, 800_000, "INR", Y, None)),
    # Thousands and decimal separators of several locales.
    ("1,000.50 EUR", (1000.5, 1000.5, "EUR", U, None)),
    ("1.000,50 €", (1000.5, 1000.5, "EUR", U, None)),
    ("50 000 рублей в месяц", (50_000, 50_000, "RUB", M, None)),
    ("1'000 CHF", (1000, 1000, "CHF", U, None)),
    ("45\u202f000 € brut annuel", (45_000, 45_000, "EUR", Y, True)),  # narrow no-break space (French)
    ("45\u00a0000 – 55\u00a0000 €", (45_000, 55_000, "EUR", U, None)),  # no-break space
    ("₹8,00,000 - ₹12,00,000 per annum", (800_000, 1_200_000, "INR", Y, None)),  # Indian grouping
    ("Monatlich 2.200 € brutto", (2200, 2200, "EUR", M, True)),
    ("Pay: 18.50 USD/hour", (18.5, 18.5, "USD", H, None)),
    # Currency symbols, codes and words.
    ("C$80,000 - C$95,000", (80_000, 95_000, "CAD", U, None)),
    ("A$120k", (120_000, 120_000, "AUD", U, None)),
    ("NZ$ 90,000", (90_000, 90_000, "NZD", U, None)),
    ("$160,000 — $220,000 USD", (160_000, 220_000, "USD", U, None)),
    ("$90,000 CAD", (90_000, 90_000, "CAD", U, None)),  # the code beats the bare symbol
    ("3000 euro al mes", (3000, 3000, "EUR", M, None)),
    ("150 000 – 200 000 руб. на руки", (150_000, 200_000, "RUB", U, False)),
    ("9 000 грн", (9000, 9000, "UAH", U, None)),
    ("90k usd", (90_000, 90_000, "USD", U, None)),
    ("¥5,000,000 per year", (5_000_000, 5_000_000, None, Y, None)),  # yen or yuan: not said
    ("Rs. 50,000 per month", (50_000, 50_000, None, M, None)),  # rupees of which country: not said
    ("RUR 100 000", (100_000, 100_000, "RUB", U, None)),  # hh.ru's old code
    # Periods.
    ("$45/h", (45, 45, "USD", H, None)),
    ("$25 - $30 per hour", (25, 30, "USD", H, None)),
    ("£350 per day", (350, 350, "GBP", D, None)),
    ("€600/day", (600, 600, "EUR", D, None)),
    ("$1,200 per week", (1200, 1200, "USD", W, None)),
    ("€4.000 pro Monat", (4000, 4000, "EUR", M, None)),
    ("2 500 € par mois", (2500, 2500, "EUR", M, None)),
    ("3 200 € mensuel", (3200, 3200, "EUR", M, None)),
    ("€ 3.500 brutto/Monat", (3500, 3500, "EUR", M, True)),
    ("€60k p.a.", (60_000, 60_000, "EUR", Y, None)),
    ("£30k pa", (30_000, 30_000, "GBP", Y, None)),
    ("$70,000-$90,000/year + 10% bonus", (70_000, 90_000, "USD", Y, None)),
    ("100 000 ₽ в месяц", (100_000, 100_000, "RUB", M, None)),
    ("Salaire : 45 000 € à 55 000 € brut annuel", (45_000, 55_000, "EUR", Y, True)),
    ("Annual salary: $95,000", (95_000, 95_000, "USD", Y, None)),
    ("Stundenlohn 14 €", (14, 14, "EUR", H, None)),
    # Gross and net.
    ("Gehalt: 4.500 - 5.500 € netto im Monat", (4500, 5500, "EUR", M, False)),
    ("$100,000 gross", (100_000, 100_000, "USD", U, True)),
    ("$4,000 net per month", (4000, 4000, "USD", M, False)),
    ("$85,000 before tax", (85_000, 85_000, "USD", U, True)),
    ("от 100 тыс. руб. до вычета налогов", (100_000, None, "RUB", U, True)),
    ("Зарплата до вычета НДФЛ: 120 000 ₽", (120_000, 120_000, "RUB", U, True)),
    # Open ranges.
    ("до 300 000 ₽", (None, 300_000, "RUB", U, None)),
    ("ab 4.000 € brutto", (4000, None, "EUR", U, True)),
    ("$100k+", (100_000, None, "USD", U, None)),
    ("between $148,200 and $239,800", (148_200, 239_800, "USD", U, None)),
    ("Up to 50,000 – 80,000 BDT/Month", (50_000, 80_000, "BDT", M, None)),
    # Dinars are counted in thousandths and written with three decimals: 850 dinars, not 850,000.
    ("850.000 JOD", (850, 850, "JOD", U, None)),
    ("KD 600.500 - 900.000 monthly", (600.5, 900, "KWD", M, None)),
    ("850 JD per month", (850, 850, "JOD", M, None)),
    # Grouped thousands with the three decimals: one thousand two hundred and fifty dinars.
    ("1,250.000 KWD", (1250, 1250, "KWD", U, None)),
    ("KD 1,250.500 per month", (1250.5, 1250.5, "KWD", M, None)),
    ("850.000 – 1,250.000 JOD per month", (850, 1250, "JOD", M, None)),
    ("BHD 1.200.000", (1_200_000, 1_200_000, "BHD", U, None)),  # two groups: thousands, whatever the currency
    ("ab 4.000 € brutto im Monat", (4000, None, "EUR", M, True)),  # only dinars read the dot so
    # No currency, but plainly money in a salary field.
    ("90k-105k", (90_000, 105_000, None, U, None)),
    ("25/hr", (25, 25, None, H, None)),
    ("85,000", (85_000, 85_000, None, U, None)),
    ("R$ 2.000 - 3.000/mês", (2_000, 3_000, "BRL", PayPeriod.MONTH, None)),  # Portuguese month
]


@pytest.mark.parametrize(("text", "expected"), FIELD_CASES, ids=[case[0] for case in FIELD_CASES])
def test_salary_field(text: str, expected: tuple[object, ...]) -> None:
    assert reading(parse_pay(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "competitive",
        "Competitive salary",
        "DOE",
        "Negotiable",
        "$0",
        "1000000000000 EUR",  # beyond any pay: an id or a revenue
        "5+ years",
        "401(k)",
        "401k match",
        "+1 (555) 123-4567",
        "(555) 123-4567",
        "24/7",
        "2024-01-15",
        "15.01.2024",
        "since 2019",
        "team of 12",
        "9:00-17:00",
        "100% remote",
        "Python 3.11",
        "1,250.000",  # three decimals after grouped thousands: dinars, but the text does not say which
        "$1,250.000",  # and dollars have no thousandths
    ],
)
def test_salary_field_without_pay_is_unknown(text: str) -> None:
    assert parse_pay(text) is None


def test_the_matched_span_is_the_text_it_was_read_from() -> None:
    text = "Vergütung: ab 4.000 € brutto im Monat, plus Urlaubsgeld."
    pay = find_pay(text)
    assert pay is not None
    assert pay.text == "ab 4.000 € brutto im Monat"
    assert text[pay.start : pay.end] == pay.text
    assert pay.span == (pay.start, pay.end)


@pytest.mark.parametrize(
    ("text", "span_text"),
    [
        ("от 150 000 до 200 000 ₽ на руки", "от 150 000 до 200 000 ₽ на руки"),
        ("Salary Range Up to 50,000 – 80,000 BDT/Month", "Up to 50,000 – 80,000 BDT/Month"),
        ("Rs. 50,000 per month", "Rs. 50,000 per month"),
        ("The pay is $120K–$150K a year, paid twice a month.", "$120K–$150K a year"),
    ],
)
def test_span_covers_qualifiers_currency_and_period(text: str, span_text: str) -> None:
    pay = find_pay(text) or parse_pay(text)
    assert pay is not None and pay.text == span_text


# ---- in a description -----------------------------------------------------------------------------


def test_description_pay_beside_a_stipend_takes_the_salary() -> None:
    text = (
        "About the team. We offer a $1,500 per year learning stipend and a $500 home-office budget.\n"
        "Annual Salary Range $160,000 — $220,000 USD\n"
        "Benefits include 401(k) matching."
    )
    assert reading(find_pay(text)) == (160_000, 220_000, "USD", Y, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir bieten: Vergütung €55.000 – €65.000 brutto, 30 Tage Urlaub.", (55_000, 65_000, "EUR", U, True)),
        ("Условия: зарплата от 150 000 до 200 000 ₽ на руки, ДМС.", (150_000, 200_000, "RUB", U, False)),
        ("You will earn £40,000 - £45,000 per annum plus a £2,000 bonus.", (40_000, 45_000, "GBP", Y, None)),
        ("Compensation: $120K–$150K a year + equity.", (120_000, 150_000, "USD", Y, None)),
        ("Le salaire proposé est de 42 000 € brut annuel.", (42_000, 42_000, "EUR", Y, True)),
        ("Ofrecemos un sueldo de 2.500 € al mes.", (2500, 2500, "EUR", M, None)),
        ("The rate is up to $80/hr for senior contractors.", (None, 80, "USD", H, None)),
        ("CTC: ₹12 LPA, negotiable for the right candidate.", (1_200_000, 1_200_000, "INR", Y, None)),
    ],
)
def test_description_pay(text: str, expected: tuple[object, ...]) -> None:
    assert reading(find_pay(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We raised €50M in our Series B and grew revenue to $12M.",
        "5+ years of experience with Python 3.11 in a team of 12.",
        "Call us on +44 20 7946 0958, 24/7, or write before 2024-01-15.",
        "We match your 401(k) contributions up to 6%.",
        "A salary that reflects your experience: competitive and reviewed yearly.",
        "Enjoy a $2,000 yearly learning stipend and a €500 home-office budget.",
        "Our product costs $49 per month per seat.",
        "Our 120 engineers ship 30 releases a month from 4 offices.",
        "Salary: 80 000",  # a number with a pay word but no currency: unknown in a description
    ],
)
def test_description_without_pay_is_unknown(text: str) -> None:
    assert find_pay(text) is None


def test_pay_words_decide_between_two_readings() -> None:
    text = "Sign-on bonus $10,000. Base salary $150,000 per year."
    candidates = pay_candidates(text)
    assert [pay.text for pay, _ in candidates] == ["$150,000 per year"]
    assert reading(find_pay(text)) == (150_000, 150_000, "USD", Y, None)


def test_ties_go_to_the_first_mention() -> None:
    text = "Salary €50,000 per year (Berlin) or Salary €45,000 per year (Leipzig)."
    assert reading(find_pay(text)) == (50_000, 50_000, "EUR", Y, None)


@pytest.mark.parametrize("value", [None, 42, b"$100k", ["$100k"]])
def test_non_text_is_unknown(value: object) -> None:
    assert parse_pay(value) is None  # type: ignore[arg-type]
    assert find_pay(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "9 " * 100_000,
        "$9 " * 70_000,
        "€ " * 100_000,
        "1," * 100_000,
        "1" * 300_000,
        "+1" + "2 " * 100_000,
        "Salary $100k. " * 20_000,
    ],
)
def test_hostile_text_is_read_in_bounded_work(text: str) -> None:
    # Not a timing assertion: the call must return, and what it returns must make sense.
    pay = find_pay(text)
    field = parse_pay(text)
    for found in (pay, field):
        if found is not None:
            assert text[found.start : found.end] == found.text
            assert found.min is None or found.min > 0


def test_a_label_on_the_line_above_an_amount_counts() -> None:
    text = "About the role\n\nAnnual Salary Range\n\n$160,000—$220,000 USD\n\nAbout OpenAI"
    assert reading(find_pay(text)) == (160_000, 220_000, "USD", Y, None)
    # A sentence above is not a label: its words say nothing about the amount below.
    text = "We run the biggest annual conference in Europe.\n€2,000 travel budget per person"
    assert find_pay(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Text stripped of its markup runs words together; a "$" after a letter is still dollars.
        ("Love travel? Jobs in Asia$1500+ monthly ($200 Cost of living)", (1500, None, "USD", M, None)),
        ("Annual compensation of £40-65,000 depending on experience.", (40_000, 65_000, "GBP", Y, None)),
        ("How much money you will make $55 - $75k + Bonuses", (55_000, 75_000, "USD", U, None)),
    ],
)
def test_description_pay_in_real_postings_wording(text: str, expected: tuple[object, ...]) -> None:
    assert reading(find_pay(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "So $4250 gross profit on that deal = a $1700 override for the manager.",
        "You will own a P&L valued in excess of $100 million annually.",
    ],
)
def test_company_money_in_real_postings_is_not_pay(text: str) -> None:
    assert find_pay(text) is None


def test_every_services_own_period_finds_its_factor_in_the_one_table() -> None:
    # ai_coach and tracker_service keep period enums of their own (their protobuf mappings); the table is
    # looked up with them, so a day rate is 260 days a year in the inbox, the fit score and the offers alike.
    for period in (PayPeriod.DAY, CoachPeriod.DAY, TrackerPeriod.DAY):
        assert PERIODS_PER_YEAR[period] == 260
    assert [PERIODS_PER_YEAR[TrackerPeriod(p.value)] for p in (H, D, W, M, Y)] == [2080, 260, 52, 12, 1]
    assert PayPeriod.UNKNOWN not in PERIODS_PER_YEAR


@pytest.mark.parametrize(
    "text", ["Fulltime 40 uur per week.", "Vollzeit 40 Stunden pro Woche", "30 hours per week"]
)
def test_hours_of_work_are_not_pay(text: str) -> None:
    assert parse_pay(text) is None
    assert find_pay(text) is None


def test_a_floor_written_after_the_currency_and_an_hourly_rate_in_dutch_shorthand() -> None:
    floor = parse_pay("3 400 000 сум.+")
    assert floor is not None and (floor.min, floor.max, floor.currency) == (3_400_000, None, "UZS")
    hourly = parse_pay("$20 p/u")
    assert hourly is not None and (hourly.min, hourly.period) == (20, PayPeriod.HOUR)
    assert parse_pay("40 hrs/week, $25/hr").min == 25  # type: ignore[union-attr]
    addition = find_pay("Salary €40k + bonus")  # a "+" with a space adds perks, it is no floor
    assert addition is not None and (addition.min, addition.max) == (40_000, 40_000)


def test_a_bare_amount_with_three_decimals_stays_as_it_was_read() -> None:
    # "850.000" with no currency may be 850 dinars or 850,000 of a currency grouped with dots: the
    # thousandths are read only beside a currency that has them.
    assert reading(parse_pay("850.000")) == (850_000, 850_000, None, U, None)
    assert reading(find_pay("Salary: 1,250.000 KWD per month plus housing")) == (1250, 1250, "KWD", M, None)
