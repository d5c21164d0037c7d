"""Salary normalisation: any amount per any period, in any configured currency, as a yearly base amount.

Filters and ordering by salary compare `salary_yearly_min` / `salary_yearly_max`, which are this
function of the posted amounts, so every writer (services, import, the seed command) must use it.

`settings.EXCHANGE_RATES` maps a currency code to how many units of it one unit of
`settings.BASE_CURRENCY` buys (the way exchange-rate APIs publish rates: with base USD,
`{"EUR": 0.87, "ETB": 135}`), so an amount in the base currency is `amount / rate`.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings

from .choices import SalaryPeriod

# A full-time year: 40 hours a week, 5 days a week, 52 weeks.
HOURS_PER_YEAR = 2080
DAYS_PER_YEAR = 260
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12

PERIODS_PER_YEAR: dict[str, int] = {
    SalaryPeriod.HOUR: HOURS_PER_YEAR,
    SalaryPeriod.DAY: DAYS_PER_YEAR,
    SalaryPeriod.WEEK: WEEKS_PER_YEAR,
    SalaryPeriod.MONTH: MONTHS_PER_YEAR,
    SalaryPeriod.YEAR: 1,
}


class UnknownCurrencyError(ValueError):
    """The currency has no exchange rate in settings.EXCHANGE_RATES."""

    def __init__(self, currency: str) -> None:
        self.currency = currency
        super().__init__(f"No exchange rate for currency {currency!r}: add it to EXCHANGE_RATES.")


class UnknownSalaryPeriodError(ValueError):
    def __init__(self, period: str) -> None:
        self.period = period
        super().__init__(f"Unknown salary period {period!r}: expected one of {', '.join(PERIODS_PER_YEAR)}.")


def exchange_rate(currency: str) -> Decimal:
    """Units of `currency` per unit of the base currency."""
    code = currency.upper()
    if code == settings.BASE_CURRENCY.upper():
        return Decimal(1)
    rates = settings.EXCHANGE_RATES
    configured = rates.get(code)
    if configured is None:
        configured = next((value for key, value in rates.items() if key.upper() == code), None)
    if configured is None:
        raise UnknownCurrencyError(currency)
    rate = Decimal(str(configured))
    if rate <= 0:
        raise ValueError(f"The exchange rate of {code} must be positive, not {rate}.")
    return rate


def salary_to_yearly_base(amount: Decimal | int | float | str, currency: str, period: str) -> int:
    """The amount per `period` in `currency` as a whole yearly amount in the base currency (half up)."""
    if period not in PERIODS_PER_YEAR:
        raise UnknownSalaryPeriodError(period)
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError(f"Not a salary amount: {amount!r}.") from exc
    if not value.is_finite() or value < 0:
        raise ValueError(f"A salary amount must be a finite number of at least 0, not {amount!r}.")
    yearly = value * PERIODS_PER_YEAR[period] / exchange_rate(currency)
    # to_integral_value, not quantize: quantize raises InvalidOperation past the context's 28 digits (1e30).
    return int(yearly.to_integral_value(rounding=ROUND_HALF_UP))
