"""Salaries typed in a query: `python 100k`, `nurse £40k`, `developer $80,000+`, `analyst 60-80k`.

People type the pay they look for beside the job's words, and no job's text says "100k": `python 100k` found
nothing. An amount with a `k`, thousands separators or a currency sign (1,000 or more: `python 3` stays a version,
`2024` a word) is read as the salary filters instead, as the list's `salary_min` (a range also as `salary_max`)
would give it: in the currency of its sign ($ USD, £ GBP, € EUR, ₹ INR, when an exchange rate is configured for it;
else the amount stays a word), without a sign in `salary_currency` or the base currency. It leaves the query's words
either way; the request's own `salary_min` or `salary_max`, when given, say the salary instead.
"""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from django.http import QueryDict

from nexus.jobs.salary import UnknownCurrencyError, exchange_rate

CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "₹": "INR"}
LEAST_SALARY = 1000  # a smaller amount is no yearly salary (`python 3`, `top 10`)
_AMOUNT = r"([$£€₹])?(\d{1,3}(?:,\d{3}){1,3}|\d{1,9}(?:\.\d+)?)([kK])?"
# An amount, or a range of two (`60-80k`, `$60k to $80k`), standing alone: not inside a word, a quoted phrase or an
# exclusion (`-100k`), nor a version's number (`3.11`).
QUOTED = re.compile(r'"[^"]*"?')  # a phrase, its closing quote left out at the query's end as the parser allows
SALARY = re.compile(rf'(?<![\w"\-.$£€₹]){_AMOUNT}(?:\s*(?:-|\u2013|to)\s*{_AMOUNT})?\+?(?![\w"])')


@dataclass(frozen=True)
class SalaryAsked:
    """The salary a query asks for: at least `minimum`, and at most `maximum` for a range (whole amounts in
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
        asked = _salary(*match.groups())
        if asked is None or any(start < match.start() < end for start, end in phrases):
            continue
        kept.append(q[position : match.start()])
        typed.append(match.group().strip())
        position = match.end()
        found = found or asked
    rest = " ".join("".join([*kept, q[position:]]).split())
    return rest, replace(found, typed=" ".join(typed)) if found is not None else None


def _salary(*groups: str | None) -> SalaryAsked | None:
    """The salary of a match's groups (sign, number and `k` of an amount, then of a range's second amount), None when
    it is none (no `k`, separator or sign; under LEAST_SALARY; a currency without a rate)."""
    first, second = groups[:3], groups[3:]
    sign = first[0] or second[0]
    currency = CURRENCY_SIGNS[sign] if sign else None
    if currency is not None:
        try:
            exchange_rate(currency)
        except UnknownCurrencyError:
            return None
    if second[1] is None:
        amount = _amount(*first)
        return SalaryAsked(amount, None, currency) if amount is not None else None
    # `60-80k`: the first number in the thousands the second's `k` gives
    low, high = _amount(first[0], first[1], first[2] or second[2]), _amount(*second)
    if low is None or high is None or low > high:
        return None
    return SalaryAsked(low, high, currency)


def _amount(sign: str | None, number: str | None, thousands: str | None) -> int | None:
    """The whole amount of an amount's groups; None when it is no salary (see _salary)."""
    if number is None or not (sign or thousands or "," in number):
        return None
    value = int(Decimal(number.replace(",", "")) * (1000 if thousands else 1))
    return value if value >= LEAST_SALARY else None


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
