"""Salaries typed in a query (search/amounts.py), without a database."""

import pytest
from django.http import QueryDict

from nexus.search.amounts import SalaryAsked, salary_asked, salary_read


@pytest.mark.parametrize(
    "q, rest, minimum, maximum, currency",
    [
        ("python 100k", "python", 100_000, None, None),
        ("senior python 150K remote", "senior python remote", 150_000, None, None),
        ("nurse £40k", "nurse", 40_000, None, "GBP"),
        ("developer $80,000+", "developer", 80_000, None, "USD"),
        ("€55,500 designer", "designer", 55_500, None, "EUR"),
        ("analyst 60-80k", "analyst", 60_000, 80_000, None),  # the second amount's `k` is the first's too
        ("$60k to $80k python", "python", 60_000, 80_000, "USD"),
        ("engineer 90k\N{EN DASH}120k", "engineer", 90_000, 120_000, None),
        ("nurse 100,000", "nurse", 100_000, None, None),  # thousands separators
        ("python 150k 200k", "python", 150_000, None, None),  # the first, both left out
        ("driver $25/hr", "driver", 52_000, None, "USD"),  # a year's pay: 2,080 hours
        ("warehouse 20 an hour", "warehouse", 41_600, None, None),
        ("warehouse $18-22/HR", "warehouse", 37_440, 45_760, "USD"),
        ("nurse 5,000 per month", "nurse", 60_000, None, None),
        ("teacher £30k a year", "teacher", 30_000, None, "GBP"),
        ("python developer 10 lpa", "python developer", 1_000_000, None, "INR"),  # lakhs of rupees a year
        ("analyst 5-8 LPA bangalore", "analyst bangalore", 500_000, 800_000, "INR"),
        ("nurse 4.5 lakhs", "nurse", 450_000, None, "INR"),
        ("analyst ₹12,00,000", "analyst", 1_200_000, None, "INR"),  # lakhs grouped as India writes them
        ("manager ₹1,20,00,000", "manager", 12_000_000, None, "INR"),
        ("nurse 3,50,000-4,50,000", "nurse", 350_000, 450_000, None),
    ],
)
def test_a_salary_typed_is_read_and_leaves_the_words(q, rest, minimum, maximum, currency):
    left, asked = salary_asked(q)
    assert left == rest
    assert (asked.minimum, asked.maximum, asked.currency) == (minimum, maximum, currency)


@pytest.mark.parametrize(
    "q",
    [
        "python 3",  # a version
        "python 3.11",
        "graduate 2026",  # a year: no k, separator or sign
        "top 10",
        "$500",  # under a yearly salary
        "python 90k-60k",  # a range the wrong way round
        '"earn 100k" python',  # in a phrase
        '"earn 100k',  # in a phrase not closed
        "-100k python",  # excluded
        "k8s",
        "h1b",
        "python 100kg",  # not an amount standing alone
        "analyst 3 a day",  # under a yearly salary
        "python 5 years",
        "warehouse 20 hours",
        "python 10 lpas",
        "100 kb",
    ],
)
def test_no_salary_is_read_from_other_numbers(q):
    assert salary_asked(q) == (" ".join(q.split()), None)


def test_an_amount_in_a_currency_without_an_exchange_rate_stays_a_word(settings):
    settings.EXCHANGE_RATES = {"USD": 1, "EUR": 0.87}
    assert salary_asked("nurse ₹600,000") == ("nurse ₹600,000", None)
    assert salary_asked("nurse €40k")[1] == SalaryAsked(40_000, None, "EUR", typed="€40k")


def test_the_salary_read_becomes_the_salary_filters_unless_they_are_given():
    read, asked = salary_read(QueryDict("q=nurse+%C2%A340k&remote_type=remote"))
    assert asked is not None and asked.typed == "£40k"
    assert (read["q"], read["salary_min"], read["salary_currency"], read["remote_type"]) == (
        "nurse",
        "40000",
        "GBP",
        "remote",
    )
    assert "salary_max" not in read
    read, asked = salary_read(QueryDict("q=analyst+60-80k"))
    assert (read["salary_min"], read["salary_max"], "salary_currency" in read) == ("60000", "80000", False)
    read, asked = salary_read(QueryDict("q=python+100k&salary_min=50000"))  # the parameters say the salary
    assert asked is None and (read["q"], read["salary_min"]) == ("python", "50000")
    params = QueryDict("q=python")
    assert salary_read(params) == (params, None)
