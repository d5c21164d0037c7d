"""GET /api/v1/jobs/search/suggest/: titles, skills, companies and places; popular first; typos after 3 characters."""

import asyncio

import pytest

from nexus.core.async_database import close_pool
from nexus.search.suggest import SuggestionRow, suggestion_list, suggestion_list_async

from .conftest import assert_error
from .factories import AdminFactory, CompanyFactory, EmployerFactory, SeekerFactory
from .factories_search import lists_rebuilt, searchable_job, skill_named

URL = "/api/v1/jobs/search/suggest/"
pytestmark = pytest.mark.django_db


def labels(response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.content
    return [(row["kind"], row["label"]) for row in response.json()["results"]]


@pytest.fixture
def board(db):
    for _ in range(3):
        searchable_job(title="Python Developer", skills=("Python",))
    searchable_job(title="Senior Python Engineer", skills=("Python", "Kubernetes"))
    searchable_job(title="Pastry Chef", city="Paris", country="FR", company=CompanyFactory(name="Pyramid Bakery"))
    searchable_job(title="Kubernetes Administrator", skills=("Kubernetes",), city="Pyongyang", country="KP")
    lists_rebuilt()


def test_prefix_matches_any_word_most_popular_first(api_client, board):
    found = labels(api_client.get(URL, {"q": "pyth"}))
    assert found[0] == ("skill", "Python")  # 4 jobs
    assert found[1] == ("title", "Python Developer")  # 3 jobs
    assert ("title", "Senior Python Engineer") in found  # the word need not come first


def test_all_kinds_and_the_kind_filter(api_client, board):
    found = labels(api_client.get(URL, {"q": "py"}))
    assert {kind for kind, _ in found} == {"skill", "title", "company", "place"}
    assert labels(api_client.get(URL, {"q": "py", "kind": "place"})) == [("place", "Pyongyang")]
    assert labels(api_client.get(URL, {"q": "pyr", "kind": "company"})) == [("company", "Pyramid Bakery")]


def test_typos_after_the_third_character(api_client, board):
    assert ("skill", "Kubernetes") in labels(api_client.get(URL, {"q": "kubrenetes"}))
    assert ("skill", "Python") in labels(api_client.get(URL, {"q": "pythno"}))
    # two letters swapped mid-word change most of a short word's trigrams: within two edits of the entry's start
    assert ("skill", "Python") in labels(api_client.get(URL, {"q": "pytohn"}))
    assert labels(api_client.get(URL, {"q": "pytxyz"})) == []  # three edits: too far
    assert labels(api_client.get(URL, {"q": "ptyhon"})) == []  # the first three must be right


def test_a_skill_is_suggested_by_its_aliases(api_client, board):
    skill_named("JavaScript", aliases=["js", "ecmascript"])
    searchable_job(title="Frontend Developer", skills=("JavaScript",))
    lists_rebuilt()
    for typed in ("js", "ecma", "ecmascrpit", "java"):
        assert ("skill", "JavaScript") in labels(api_client.get(URL, {"q": typed})), typed
    assert ("skill", "JavaScript") not in labels(api_client.get(URL, {"q": "s"}))  # one character: starts only
    assert ("skill", "JavaScript") in labels(api_client.get(URL, {"q": "j"}))


def test_a_label_starting_like_the_input_comes_before_an_alias_that_does(api_client, db):
    skill_named("CRM", aliases=["customer relationship management"])
    for _ in range(3):
        searchable_job(title="Account Executive", skills=("CRM",))
    searchable_job(title="Project Lead", skills=("Project Management",))
    lists_rebuilt()
    found = labels(api_client.get(URL, {"q": "mana", "kind": "skill"}))
    assert found == [("skill", "Project Management"), ("skill", "CRM")]  # CRM: more popular, by its alias only
    assert labels(api_client.get(URL, {"q": "crm"})) == [("skill", "CRM")]


def test_a_label_resembling_a_typo_comes_before_an_alias_that_does(api_client, db):
    skill_named("SEO", aliases=["search engine optimization"])
    for _ in range(3):
        searchable_job(title="Marketing Specialist", skills=("SEO",))
    searchable_job(title="Civil Engineer")
    lists_rebuilt()
    # SEO: more popular, and its alias holds `engine`, one edit from the input as `engineer` is
    assert labels(api_client.get(URL, {"q": "enginer"})) == [("title", "Civil Engineer"), ("skill", "SEO")]
    assert labels(api_client.get(URL, {"q": "optimizaton"})) == [("skill", "SEO")]


def test_case_and_accents_do_not_matter(api_client, board):
    assert ("title", "Pastry Chef") in labels(api_client.get(URL, {"q": "PÂSTR"}))


def test_limit_and_empty_input(api_client, board):
    assert len(labels(api_client.get(URL, {"q": "p", "limit": 2}))) == 2
    assert labels(api_client.get(URL, {"q": ""})) == []
    assert labels(api_client.get(URL, {"q": "%_\\"})) == []


def test_bad_parameters_are_400(api_client, board):
    assert_error(api_client.get(URL, {"q": "py", "limit": 0}), 400, "validation_error")
    assert_error(api_client.get(URL, {"q": "py", "limit": "x"}), 400, "validation_error")
    assert_error(api_client.get(URL, {"q": "py", "limit": "\u00b2"}), 400, "validation_error")
    assert_error(api_client.get(URL, {"q": "py", "kind": "nope"}), 400, "validation_error")
    assert_error(api_client.get(URL, {"q": "p" * 101}), 400, "validation_error")


def test_same_answer_for_every_role(api_client, client_for, board):
    expected = labels(api_client.get(URL, {"q": "kub"}))
    for user in (SeekerFactory(), EmployerFactory(), AdminFactory()):
        assert labels(client_for(user).get(URL, {"q": "kub"})) == expected


def test_one_query_per_answer(api_client, board, django_assert_num_queries):
    with django_assert_num_queries(1):
        api_client.get(URL, {"q": "pyth"})
    with django_assert_num_queries(0):  # from the cache
        api_client.get(URL, {"q": "pyth"})
    with django_assert_num_queries(2):  # and one for the city the input is another name of
        api_client.get(URL, {"q": "wien"})


def test_another_name_of_a_city_suggests_the_city(api_client, db):
    """`wien` is Vienna to the gazetteer, `nyc` New York City: the city comes after the entries that start like the
    input, before those that only resemble it, when jobs are there."""
    searchable_job(title="Nurse", city="Vienna", country="AT")
    searchable_job(title="Nurse", city="Wiesbaden", country="DE")
    searchable_job(title="Nurse", city="New York City", country="US")
    searchable_job(title="Designer", company=CompanyFactory(name="Wiener Werkstatt"))
    lists_rebuilt()
    found = labels(api_client.get(URL, {"q": "wien"}))
    assert found[:2] == [("company", "Wiener Werkstatt"), ("place", "Vienna")] and ("place", "Wiesbaden") in found[2:]
    assert labels(api_client.get(URL, {"q": "nyc"})) == [("place", "New York City")]
    assert labels(api_client.get(URL, {"q": "wien", "kind": "title"})) == []
    assert labels(api_client.get(URL, {"q": "bombay"})) == []  # no job in Mumbai


def test_a_citys_name_in_another_script_suggests_the_city(api_client, db):
    """`東京` is Tokyo; `моск` begins Москва, Moscow, and `αθή` Αθήνα, Athens: a large city's other name begun, as
    `münch` is Munich's, from three characters outside Latin letters (five in them)."""
    searchable_job(title="Nurse", city="Tokyo", country="JP")
    searchable_job(title="Nurse", city="Moscow", country="RU")
    searchable_job(title="Nurse", city="Athens", country="GR")
    lists_rebuilt()
    assert labels(api_client.get(URL, {"q": "東京"})) == [("place", "Tokyo")]
    assert labels(api_client.get(URL, {"q": "моск"})) == [("place", "Moscow")]
    assert labels(api_client.get(URL, {"q": "Αθή"})) == [("place", "Athens")]
    assert labels(api_client.get(URL, {"q": "мо"})) == []


def test_a_city_with_its_state_or_country_suggests_the_city(api_client, db):
    """`austin, tx`, `austin tx`, `london, uk`: where people type a place, they often give its state or country too;
    the city is suggested first, as places are named without either, then what starts like the input as before."""
    searchable_job(title="Nurse", city="Austin", region="Texas", country="US")
    searchable_job(title="Nurse", city="London", country="GB")
    searchable_job(title="Designer", company=CompanyFactory(name="Austin Tx Labs"))
    lists_rebuilt()
    for typed in ("austin, tx", "Austin TX"):
        assert labels(api_client.get(URL, {"q": typed})) == [("place", "Austin"), ("company", "Austin Tx Labs")]
    assert labels(api_client.get(URL, {"q": "austin, texas"})) == [("place", "Austin")]
    assert labels(api_client.get(URL, {"q": "london, uk"})) == [("place", "London")]
    assert labels(api_client.get(URL, {"q": "london uk", "kind": "title"})) == []
    assert labels(api_client.get(URL, {"q": "austin, narnia"})) == []
    assert labels(api_client.get(URL, {"q": "nurse, uk"})) == []  # no city named so


def test_a_citys_first_word_written_in_full_or_short_suggests_the_city_either_way(api_client, db):
    """`st lou` suggests St. Louis, whose entry keeps the dot, `saint pe` St. Petersburg as well as Saint Petersburg,
    `ft wo` Fort Worth: names begin with `saint` or `st`, `st.`, and people type either."""
    searchable_job(title="Nurse", city="St. Louis", region="Missouri", country="US")
    searchable_job(title="Nurse", city="St. Petersburg", region="Florida", country="US")
    searchable_job(title="Nurse", city="Saint Petersburg", country="RU")
    searchable_job(title="Nurse", city="Fort Worth", region="Texas", country="US")
    searchable_job(title="Stage Manager", company=CompanyFactory(name="St Lou Studios"))
    lists_rebuilt()
    for typed in ("st lou", "St. Lou", "saint lou"):
        assert ("place", "St. Louis") in labels(api_client.get(URL, {"q": typed})), typed
    assert labels(api_client.get(URL, {"q": "st lou"}))[0] == ("company", "St Lou Studios")  # what starts so first
    for typed in ("st pe", "saint pe"):
        found = labels(api_client.get(URL, {"q": typed}))
        assert {("place", "St. Petersburg"), ("place", "Saint Petersburg")} <= set(found), typed
    assert labels(api_client.get(URL, {"q": "ft wo"})) == [("place", "Fort Worth")]
    assert labels(api_client.get(URL, {"q": "st lou", "kind": "company"})) == [("company", "St Lou Studios")]


def test_the_beginning_of_another_name_of_a_large_city_suggests_the_city(api_client, db):
    """`münch` begins München, Munich's German name: Munich is suggested before the entries that only resemble the
    input (Münster), as for a whole other name. A small city's other names begin too many words: `admin` begins one
    of Navegantes' (Brazil), which is not suggested."""
    searchable_job(title="Nurse", city="Munich", country="DE")
    searchable_job(title="Nurse", city="Münster", country="DE")
    searchable_job(title="Nurse", city="Navegantes", country="BR")
    searchable_job(title="Nurse", city="Warsaw", country="PL")
    lists_rebuilt()
    assert labels(api_client.get(URL, {"q": "münch"}))[0] == ("place", "Munich")
    assert labels(api_client.get(URL, {"q": "Warsz"})) == [("place", "Warsaw")]
    assert ("place", "Navegantes") not in labels(api_client.get(URL, {"q": "admin"}))
    assert labels(api_client.get(URL, {"q": "münch", "kind": "title"})) == []


def test_the_beginning_of_a_large_citys_own_name_suggests_no_city_it_begins_another_name_of(api_client, db):
    """`new y` begins New York City, and New York van Java, a name of Jakarta's: New York City only, until the input
    begins no large city's own name."""
    searchable_job(title="Nurse", city="New York City", country="US")
    searchable_job(title="Nurse", city="Jakarta", country="ID")
    lists_rebuilt()
    assert labels(api_client.get(URL, {"q": "new y"})) == [("place", "New York City")]
    assert labels(api_client.get(URL, {"q": "new york van"}))[0] == ("place", "Jakarta")


def test_a_new_title_is_suggested_at_once(api_client, board):
    searchable_job(title="Zookeeper")
    assert labels(api_client.get(URL, {"q": "zoo"})) == [("title", "Zookeeper")]


def test_chinese_japanese_and_korean_input_is_found_inside_an_entry(api_client, db):
    searchable_job(title="ソフトウェア開発者", city="Tokyo", country="JP")
    searchable_job(title="開発マネージャー")
    searchable_job(title="软件工程师")
    searchable_job(title="Python Developer")
    lists_rebuilt()
    # starting with the input first, then holding it (the words are not set apart by spaces)
    found = labels(api_client.get(URL, {"q": "開発"}))
    assert found == [("title", "開発マネージャー"), ("title", "ソフトウェア開発者")]
    assert labels(api_client.get(URL, {"q": "工程师", "kind": "title"})) == [("title", "软件工程师")]
    assert labels(api_client.get(URL, {"q": "開発", "kind": "skill"})) == []


def test_an_empty_kind_is_refused(api_client):
    body = assert_error(api_client.get("/api/v1/jobs/search/suggest/?q=pyt&kind="), 400)
    assert "kind" in body["details"]


def test_an_unknown_parameter_is_refused(api_client):
    body = assert_error(api_client.get("/api/v1/jobs/search/suggest/?q=pyt&size=3"), 400)
    assert "size" in body["details"]


def gazetteer_unloaded() -> None:
    from nexus.search import gazetteer

    gazetteer._loaded.cache_clear()
    assert not gazetteer.gazetteer_loaded()


@pytest.mark.django_db(transaction=True)
def test_the_event_loop_twin_suggests_alike(board):
    """The misses computed in front of the stack use suggestion_list_async: the same rows as the view's."""
    searchable_job(title="Nurse", city="Vienna", country="AT")
    lists_rebuilt()
    inputs = [("py", None), ("pyth", None), ("kubrenetes", None), ("PÂSTR", None), ("py", ["place"]), ("", None)]
    inputs += [("wien", None)]

    async def on_the_loop() -> list[list[SuggestionRow]]:
        try:
            return [await suggestion_list_async(text=text, kinds=kinds, limit=10) for text, kinds in inputs]
        finally:
            await close_pool()

    expected = [suggestion_list(text=text, kinds=kinds, limit=10) for text, kinds in inputs]
    gazetteer_unloaded()  # as in a process's first requests: the loop has it loaded in a thread
    assert asyncio.run(on_the_loop()) == expected
    assert expected[1][0] == SuggestionRow(kind="skill", label="Python", popularity=4)
    assert expected[4] == [SuggestionRow(kind="place", label="Pyongyang", popularity=1)] and expected[5] == []
    assert expected[6] == [SuggestionRow(kind="place", label="Vienna", popularity=1)]


def test_typo_matches_equally_popular_come_most_similar_first(api_client, db):
    for title in ("Kubxyz Lead", "Kubernatos Lead", "Kubernetes Lead"):  # one job each
        searchable_job(title=title)
    lists_rebuilt()
    found = labels(api_client.get(URL, {"q": "kubernets", "kind": "title"}))
    assert found == [("title", "Kubernetes Lead"), ("title", "Kubernatos Lead")]  # kubxyz: too far


def test_typo_matches_within_the_allowed_edits_come_before_more_popular_ones(api_client, db):
    """`electrcian` resembles Electronic Health Records (trigrams) and is two edits from Electrician: the entry it
    misspells comes first, though fewer jobs have it."""
    for _ in range(3):
        searchable_job(title="Nurse", skills=("Electronic Health Records",))
    searchable_job(title="Electrician")
    lists_rebuilt()
    found = labels(api_client.get(URL, {"q": "electrcian"}))
    assert found == [("title", "Electrician"), ("skill", "Electronic Health Records")]


def test_each_word_typed_may_start_a_word_of_the_entry(api_client):
    """`softw eng`: Software Engineer starts like the input word by word, and comes before a more popular entry that
    only resembles it."""
    for _ in range(3):
        searchable_job(title="Software Tester")
    searchable_job(title="Software Engineer")
    lists_rebuilt()
    assert labels(api_client.get(URL, {"q": "softw eng"}))[0] == ("title", "Software Engineer")
    assert labels(api_client.get(URL, {"q": "softw tes"}))[0] == ("title", "Software Tester")
    for signs in ("c++ d", "a|b c", "x) y", "a{2} b", "(so"):  # written into a pattern, escaped
        assert api_client.get(URL, {"q": signs}).status_code == 200


def test_the_words_typed_may_start_words_apart_and_the_last_must_resemble_one(api_client):
    """`lead dev` starts Lead Python Developer (words between them); `senior pyhton` resembles Senior Python
    Developer by its last word, not the more popular Senior Program Manager, which shares only `senior`."""
    for _ in range(3):
        searchable_job(title="Senior Program Manager")
    searchable_job(title="Senior Python Developer")
    searchable_job(title="Lead Python Developer")
    lists_rebuilt()
    assert labels(api_client.get(URL, {"q": "lead dev"})) == [("title", "Lead Python Developer")]
    assert labels(api_client.get(URL, {"q": "senior pyhton"})) == [("title", "Senior Python Developer")]
    assert labels(api_client.get(URL, {"q": "senior py"})) == [("title", "Senior Python Developer")]
    assert labels(api_client.get(URL, {"q": "senior pr"})) == [("title", "Senior Program Manager")]


def test_the_entry_that_is_the_input_comes_first(api_client, db):
    """`go` is Go, though more jobs ask for Google Ads; `accountant` is Accountant, though more jobs are for Management
    Accountants: of the entries starting like the input, the one it names comes first, even past the limit's most
    popular. A skill's alias is not its label."""
    skill_named("Go", aliases=["golang"])
    for _ in range(3):
        searchable_job(title="Management Accountant", skills=("Google Ads",))
    searchable_job(title="Accountant", skills=("Go",))
    lists_rebuilt()
    assert labels(api_client.get(URL, {"q": "go", "limit": 1})) == [("skill", "Go")]
    assert labels(api_client.get(URL, {"q": "GO"}))[0] == ("skill", "Go")
    assert labels(api_client.get(URL, {"q": "accountant", "limit": 1})) == [("title", "Accountant")]
    assert labels(api_client.get(URL, {"q": "accountant"})) == [
        ("title", "Accountant"),
        ("title", "Management Accountant"),
    ]
    assert labels(api_client.get(URL, {"q": "accou"}))[0] == ("title", "Management Accountant")  # none is the input
    assert labels(api_client.get(URL, {"q": "golang"})) == [("skill", "Go")]
