from decimal import Decimal

import pytest

from nexus.jobs.salary import (
    DAYS_PER_YEAR,
    HOURS_PER_YEAR,
    WEEKS_PER_YEAR,
    UnknownCurrencyError,
    UnknownSalaryPeriodError,
    salary_to_yearly_base,
)
from nexus.jobs.seeding.vocabulary import TYPICAL_YEARLY_PAY

RATES = {"USD": 1, "EUR": 0.8, "ETB": 125, "INR": 80}


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.BASE_CURRENCY = "USD"
    settings.EXCHANGE_RATES = RATES


@pytest.mark.parametrize(
    ("amount", "period", "yearly"),
    [
        (10, "hour", 10 * HOURS_PER_YEAR),
        (100, "day", 100 * DAYS_PER_YEAR),
        (1000, "week", 1000 * WEEKS_PER_YEAR),
        (5000, "month", 60_000),
        (75_000, "year", 75_000),
    ],
)
def test_each_period_is_scaled_to_a_year(amount, period, yearly):
    assert salary_to_yearly_base(Decimal(amount), "USD", period) == yearly


def test_a_full_time_year_is_40_hours_5_days_52_weeks():
    assert (HOURS_PER_YEAR, DAYS_PER_YEAR, WEEKS_PER_YEAR) == (2080, 260, 52)


@pytest.mark.parametrize(
    ("amount", "currency", "period", "yearly"),
    [
        (80_000, "EUR", "year", 100_000),  # 80,000 / 0.8
        (125_000, "ETB", "month", 12_000),  # 125,000 * 12 / 125
        (800, "INR", "hour", 20_800),  # 800 * 2080 / 80
    ],
)
def test_other_currencies_are_converted_with_the_configured_rates(amount, currency, period, yearly):
    assert salary_to_yearly_base(amount, currency, period) == yearly


def test_the_currency_code_is_case_insensitive():
    assert salary_to_yearly_base(80_000, "eur", "year") == 100_000


def test_the_base_currency_needs_no_rate(settings):
    settings.BASE_CURRENCY = "EUR"
    settings.EXCHANGE_RATES = {"USD": 1.25}
    assert salary_to_yearly_base(1000, "EUR", "month") == 12_000
    assert salary_to_yearly_base(1000, "USD", "month") == 9600


def test_an_unknown_currency_is_a_clear_value_error():
    with pytest.raises(UnknownCurrencyError, match="XYZ") as raised:
        salary_to_yearly_base(1000, "XYZ", "year")
    assert isinstance(raised.value, ValueError)
    assert "EXCHANGE_RATES" in str(raised.value)


def test_an_unknown_period_is_a_value_error():
    with pytest.raises(UnknownSalaryPeriodError, match="fortnight"):
        salary_to_yearly_base(1000, "USD", "fortnight")


@pytest.mark.parametrize("amount", [-1, "abc", "NaN", float("inf")])
def test_amounts_that_are_not_salaries_are_refused(amount):
    with pytest.raises(ValueError):
        salary_to_yearly_base(amount, "USD", "year")


def test_a_rate_that_is_not_positive_is_refused(settings):
    settings.EXCHANGE_RATES = {**RATES, "EUR": 0}
    with pytest.raises(ValueError, match="positive"):
        salary_to_yearly_base(100, "EUR", "year")


@pytest.mark.parametrize(
    ("amount", "currency", "period", "yearly"),
    [
        (Decimal("0.5"), "USD", "year", 1),  # half up, not to even
        (Decimal("2.5"), "USD", "year", 3),
        (Decimal("2.49"), "USD", "year", 2),
        (Decimal("12.345"), "USD", "hour", 25_678),  # 25,677.6
        (100, "EUR", "day", 32_500),
        (1, "ETB", "year", 0),  # 0.008
        (Decimal("62.50"), "ETB", "year", 1),  # exactly 0.5
    ],
)
def test_the_result_is_rounded_half_up_to_a_whole_amount(amount, currency, period, yearly):
    assert salary_to_yearly_base(amount, currency, period) == yearly


def test_floats_and_strings_are_taken_at_their_printed_value():
    assert salary_to_yearly_base(0.1, "USD", "hour") == 208
    assert salary_to_yearly_base("1234.56", "USD", "month") == 14_815  # 14,814.72


def test_the_configured_rates_cover_every_currency_the_seed_posts_in():
    from config.settings import base as configured  # the module, not the `settings` this file overrides

    assert set(TYPICAL_YEARLY_PAY) <= set(configured.EXCHANGE_RATES) | {configured.BASE_CURRENCY}
