"""Place names to coordinates, offline."""

import pytest

from nexus.search.gazetteer import place_key, place_resolve


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Berlin", "Berlin, DE"),
        ("berlin, de", "Berlin, DE"),
        ("Köln", "Köln, DE"),
        ("Cologne", "Köln, DE"),
        ("München", "Munich, DE"),
        ("Sao Paulo", "São Paulo, BR"),
        ("Paris, France", "Paris, FR"),
        ("Germany", "Berlin, DE"),
        ("Addis Ababa", "Addis Ababa, ET"),
    ],
)
def test_known_places(text, label):
    place = place_resolve(text=text)
    assert place is not None and place.label == label


def test_the_most_populous_city_of_a_name_wins_unless_the_country_is_given():
    assert place_resolve(text="Paris").country == "FR"
    assert place_resolve(text="Paris, US").country == "US"


@pytest.mark.parametrize("text", ["", "Atlantisxyz", "Berlin, Narnia", ",", "\x00"])
def test_unknown_places(text):
    assert place_resolve(text=text) is None


def test_place_keys_fold_case_accents_and_dots():
    assert place_key("  St. Étienne ") == "st etienne"
