"""Whatever the query string, search answers 200 or a clear 400, never a 500."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from .factories_search import searchable_job

pytestmark = pytest.mark.django_db

SIGNS = st.sampled_from([*"\"'-|&!():*<>\\%_;,.+# \t\n", "OR", " OR ", "AND", "NOT", "--", "/*", "<->"])
WORDS = st.sampled_from(["python", "pyhton", "data", "the", "café", "js", "c++", "разработчик", "開発"])
QUERIES = st.lists(st.one_of(SIGNS, WORDS, st.text(max_size=8)), max_size=30).map("".join)


@pytest.fixture(scope="module")
def client() -> APIClient:
    return APIClient()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=QUERIES)
# Characters unaccent expands into several words or signs (`¼` is `1/4`), as the last word (a prefix) and not.
@example(q="¼null")
@example(q="python ½")
@example(q="x™ ©")
def test_search_never_fails(client, q):
    searchable_job(title="Python Developer")
    for url in ("/api/v1/jobs/search/", "/api/v1/jobs/", "/api/v1/jobs/search/suggest/"):
        response = client.get(url, {"q": q})
        assert response.status_code in (200, 400), (url, q, response.content[:300])
        if response.status_code == 400:
            assert response.json()["status"] == "error"
