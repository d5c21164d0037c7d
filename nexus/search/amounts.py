"""Salaries typed in a query: `python 100k`, `nurse £40k`, `developer $80,000+`, `analyst 60-80k`, `driver $25/hr`,
`python 10 lpa`.

People type the pay they look for beside the job's words, and no job's text says "100k": `python 100k` found nothing,
and `warehouse 20/hr` asked for HR jobs. An amount is read as the salary filters instead when it has a unit (`k`;
`lpa`, `lakhs`: lakhs of rupees a year), thousands separators (`12,00,000` too, as India groups lakhs), a currency
sign or the time it pays for after it (`/hr`, `per hour`, `a month`: PERIODS), and comes to a year's pay of 1,000 or
more (`python 3` stays a version, `2024` a word). It is read as the list's `salary_min` would take it (a range's
second amount as `salary_max`), a year's pay (`$25/hr`: 52,000, as jobs' salaries are compared, salary.py), in the
currency of its sign ($ USD, £ GBP, € EUR, ₹ INR) or unit (INR of lakhs) when an exchange rate is configured for it
(else the amount stays a word), without either in `salary_currency` or the base currency. It leaves the query's words
either way; the request's own `salary_min` or `salary_max`, when given, say the salary instead.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from django.http import QueryDict

from nexus.jobs.choices import SalaryPeriod
from nexus.jobs.salary import PERIODS_PER_YEAR, UnknownCurrencyError, exchange_rate

CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "₹": "INR"}
# The words after an amount (`/hr`, ` per hour`, ` a year`) that say what time it pays for.
PERIODS = {
    **dict.fromkeys(("h", "hr", "hour"), SalaryPeriod.HOUR),
    "day": SalaryPeriod.DAY,
    **dict.fromkeys(("wk", "week"), SalaryPeriod.WEEK),
    **dict.fromkeys(("mo", "month"), SalaryPeriod.MONTH),
    **dict.fromkeys(("yr", "year", "annum"), SalaryPeriod.YEAR),
}
# The units after an amount's number (`100k`; `10 lpa`, lakhs of rupees a year, as India writes salaries): what a
# unit is worth, and the currency it implies.
UNITS: dict[str, tuple[int, str | None]] = {
    "k": (1000, None),
    **dict.fromkeys(("lpa", "lakh", "lakhs", "lac", "lacs"), (100_000, "INR")),
}
LEAST_SALARY = 1000  # a smaller yearly amount is no salary (`top 10`, `3 a day`)


def _amount_pattern(n: int) -> str:
    """An amount: its currency sign, number (thousands separated or not) and unit (UNITS, any case: SALARY; `k` right
    after the number), as groups named with `n`."""
    lakhs = "|".join(sorted((unit for unit in UNITS if unit != "k"), key=len, reverse=True))
    # thousands separated (`100,000`), or lakhs and crores as India groups them (`12,00,000`; `1,20,00,000`)
    number = r"\d{1,3}(?:,\d{3}){1,3}|\d{1,2}(?:,\d\d){1,3},\d{3}|\d{1,9}(?:\.\d+)?"
    return rf"(?P<sign{n}>[$£€₹])?(?P<number{n}>{number})(?P<unit{n}>k|\s?(?:{lakhs}))?"


# An amount, or a range of two (`60-80k`, `$60k to $80k`), and the time it pays for (`$25/hr`, `5000 a month`),
# standing alone: not inside a word, a quoted phrase or an exclusion (`-100k`), nor a version's number (`3.11`).
SALARY = re.compile(
    r'(?<![\w"\-.$£€₹])'
    + _amount_pattern(1)
    + rf"(?:\s*(?:-|\u2013|to)\s*{_amount_pattern(2)})?\+?"
    + rf"(?:\s*(?:/|\bper\s+|\ban?\s+)(?P<period>{'|'.join(sorted(PERIODS, key=len, reverse=True))}))?"
    + r'(?![\w"])',
    re.IGNORECASE,
)
QUOTED = re.compile(r'"[^"]*"?')  # a phrase, its closing quote left out at the query's end as the parser allows


@dataclass(frozen=True)
class SalaryAsked:
    """The salary a query asks for: at least `minimum` a year, and at most `maximum` for a range (whole amounts in
    `currency`; None: the request's or the base currency); `typed`: the query's salaries as typed, which "did you
    mean" writes back."""

    minimum: int
    maximum: int | None
    currency: str | None
    typed: str = ""

    def as_dict(self) -> dict[str, int | str | None]:
        return {"min": self.minimum, "max": self.maximum, "currency": self.currency}


def salary_asked(q: str) -> tuple[str, SalaryAsked | None]:
    """The query without the salaries it types (see the module), and the first of them (None: none)."""
    found: SalaryAsked | None = None
    kept: list[str] = []
    typed: list[str] = []
    position = 0
    phrases = [phrase.span() for phrase in QUOTED.finditer(q)]
    for match in SALARY.finditer(q):
        asked = _salary(match.groupdict())
        if asked is None or any(start < match.start() < end for start, end in phrases):
            continue
        kept.append(q[position : match.start()])
        typed.append(match.group().strip())
        position = match.end()
        found = found or asked
    rest = " ".join("".join([*kept, q[position:]]).split())
    return rest, replace(found, typed=" ".join(typed)) if found is not None else None


def _salary(groups: dict[str, str | None]) -> SalaryAsked | None:
    """The salary of a match's groups (SALARY's), None when it is none: no sign, unit, separator or period, a yearly
    amount under LEAST_SALARY, a range the wrong way round, a currency without a rate."""
    sign = groups["sign1"] or groups["sign2"]
    unit = (groups["unit1"] or groups["unit2"] or "").strip().lower()
    period = groups["period"]
    separated = "," in f"{groups['number1']} {groups['number2']}"
    if not (sign or unit or period or separated):
        return None
    currency = CURRENCY_SIGNS[sign] if sign else UNITS[unit][1] if unit else None
    if currency is not None and not _rated(currency):
        return None
    per_year = PERIODS_PER_YEAR[PERIODS[period.lower()]] if period else 1
    # `60-80k`, `5-8 lpa`: the first number in the unit of the second
    low = _yearly(groups["number1"], unit, per_year)
    high = _yearly(groups["number2"], unit, per_year) if groups["number2"] else None
    if low < LEAST_SALARY or (high is not None and high < low):
        return None
    return SalaryAsked(low, high, currency)


def _yearly(number: str | None, unit: str, per_year: int) -> int:
    """A year's pay of an amount's number (thousands separated or not), unit (UNITS; '' for none) and periods a
    year."""
    return int(Decimal(str(number).replace(",", "")) * (UNITS[unit][0] if unit else 1) * per_year)


def _rated(currency: str) -> bool:
    """Whether an exchange rate is configured for the currency."""
    try:
        exchange_rate(currency)
    except UnknownCurrencyError:
        return False
    return True


def salary_read(params: QueryDict) -> tuple[QueryDict, SalaryAsked | None]:
    """The request's parameters with the salary `q` types moved to the salary filters (unless `salary_min` or
    `salary_max` is given, which then say the salary: it only leaves the words), and the salary read (None: none, or
    given by the parameters)."""
    rest, asked = salary_asked(params.get("q", ""))
    if asked is None:
        return params, None
    read = params.copy()
    read["q"] = rest
    if "salary_min" in params or "salary_max" in params:
        return read, None
    read["salary_min"] = str(asked.minimum)
    if asked.maximum is not None:
        read["salary_max"] = str(asked.maximum)
    if asked.currency is not None:
        read["salary_currency"] = asked.currency
    return read, asked
