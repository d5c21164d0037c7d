"""The radius filters' distance: plain arithmetic that agrees with earthdistance's own, in SQL and in Python."""

import pytest
from django.db import connection

from nexus.core.geo import centre_params, distance_km, distance_km_sql

pytestmark = pytest.mark.django_db

PAIRS = [
    ((52.52437, 13.41053), (52.96437, 13.41053)),  # Berlin, 49 km north
    ((51.50853, -0.12574), (40.71427, -74.00597)),  # London, New York
    ((-33.86785, 151.20732), (35.6895, 139.69171)),  # Sydney, Tokyo
    ((0.0, 0.0), (0.0, 180.0)),  # antipodes: the largest distance
    ((10.0, 20.0), (10.0, 20.0)),  # the same point
]


@pytest.mark.parametrize(("centre", "point"), PAIRS)
def test_the_distance_agrees_with_earthdistance(centre, point):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {distance_km_sql('p.latitude', 'p.longitude')}, "  # noqa: S608 - columns named here
            "earth_distance(ll_to_earth(%s, %s), ll_to_earth(p.latitude, p.longitude)) / 1000 "
            "FROM (SELECT %s::float8 AS latitude, %s::float8 AS longitude) p",
            [*centre_params(*centre), *centre, *point],
        )
        in_sql, earthdistance = cursor.fetchone()
    assert in_sql == pytest.approx(earthdistance, abs=1e-6)
    assert distance_km(centre, *point) == pytest.approx(in_sql, abs=1e-9)
