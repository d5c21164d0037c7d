"""Distances on earthdistance's sphere, for the radius filters of the job list and of search.

A radius is tested in two steps: the earth-point box (`earth_box(...) @> ll_to_earth(...)`), which the GiST
indexes on `ll_to_earth(latitude, longitude)` answer, then the great-circle distance. The distance is plain
arithmetic on the coordinates (the haversine formula): earthdistance's own `earth_distance(ll_to_earth(...))`
gives the same figure but checks the `earth` domain's constraints on every row, and took ten times as long
(7 against 0.7 microseconds a row). Shown distances come from the same formula (`distance_km`).
"""

from math import asin, cos, radians, sin, sqrt
from typing import Any

from django.conf import settings

EARTH_RADIUS_KM = 6378.168  # earthdistance's earth(), which cuts the index's boxes


def default_radius_km() -> float:
    """How far a search around a centre (`lat`/`lng`, `near`, a metropolitan area of the query) reaches unless a
    radius is given."""
    return float(settings.SEARCH_DEFAULT_RADIUS_KM)


def distance_km_sql(latitude: str, longitude: str, centre: tuple[str, str] = ("%s", "%s")) -> str:
    """SQL: the distance in km from a centre (by default parameters: its latitude, latitude again, longitude; else SQL
    of its latitude and longitude) to the point in the columns `latitude` and `longitude`."""
    centre_latitude, centre_longitude = centre
    return (
        f"(2 * {EARTH_RADIUS_KM} * asin(least(1.0, sqrt("
        f"sin(radians({latitude} - {centre_latitude}) / 2) ^ 2 "
        f"+ cos(radians({centre_latitude})) * cos(radians({latitude}))"
        f" * sin(radians({longitude} - {centre_longitude}) / 2) ^ 2))))"
    )


def centre_params(latitude: float, longitude: float) -> list[float]:
    """The parameters of distance_km_sql for a centre."""
    return [latitude, latitude, longitude]


def earth_point(latitude: str, longitude: str) -> str:
    """SQL: the earth point of the coordinates in those columns, as the GiST indexes hold it."""
    return f"ll_to_earth({latitude}, {longitude})"


def radius_conditions(
    latitude: str, longitude: str, centre: tuple[float, float], km: float
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) that the point in those columns is within `km` of `centre`: placed,
    in the earth-point box (indexed), then within the distance."""
    lat, lng = centre
    point = earth_point(latitude, longitude)
    conditions = [
        f"{latitude} IS NOT NULL",
        f"earth_box(ll_to_earth(%s, %s), %s) @> {point}",
        f"{distance_km_sql(latitude, longitude)} <= %s",
    ]
    return conditions, [lat, lng, km * 1000, *centre_params(lat, lng), km]


def distance_km(centre: tuple[float, float], latitude: float, longitude: float) -> float:
    """The great-circle distance in km, as distance_km_sql computes it."""
    lat1, lng1, lat2, lng2 = map(radians, (centre[0], centre[1], latitude, longitude))
    a = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))
