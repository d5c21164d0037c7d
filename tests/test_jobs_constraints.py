"""Invariants the database itself keeps, whatever code writes the row."""

import pytest
from django.db import IntegrityError, transaction

from .factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(52.5, None), (None, 13.4), (91.0, 13.4), (52.5, 181.0)],
)
def test_coordinates_are_both_valid_or_both_absent(latitude, longitude):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobFactory(latitude=latitude, longitude=longitude)


def test_no_coordinates_at_all_is_fine():
    assert JobFactory(latitude=None, longitude=None).pk


def test_the_salary_range_is_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        JobFactory(salary_min=100, salary_max=50, salary_currency="USD", salary_period="year")
