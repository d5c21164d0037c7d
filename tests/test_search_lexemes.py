"""The lexemes every match of a tsquery holds, and when a window of the newest documents is read through them."""

import pytest

from nexus.search.lexemes import (
    lexemes_tsquery,
    phrases_relaxed,
    prefixes,
    prefixes_replaced,
    required_lexeme_sets,
    shown_lexemes,
    without_implied,
)


@pytest.mark.parametrize(
    ("tsquery", "sets"),
    [
        ("'java' & ( 'develop' | 'developer' | 'develop':* )", [{"java"}]),  # the prefix's side requires nothing
        ("((('python') | (('python') | ('py')))) & ((('develop') | ('develop':*)))", [{"py", "python"}]),
        (
            "'sale' <-> 'manag' | 'sales' <-> 'manager'",
            [{"manag", "manager"}, {"manag", "sales"}, {"manager", "sale"}, {"sale", "sales"}],
        ),
        ("'a' <2> 'b'", [{"a"}, {"b"}]),
        ("'engin' | 'engineer' | 'engin':*", []),  # any word starting so: no lexeme is required
        ("!'java' & 'python'", [{"python"}]),  # what a match lacks requires nothing
        ("!'java'", []),
        ("'it''s' & 'x':AB", [{"it's"}, {"x"}]),  # weights still need the lexeme
        ("'a' &", []),  # unreadable: nothing is assumed
        ("'a\\\\b'", []),  # a backslash is left to PostgreSQL
        ("", []),
    ],
)
def test_the_lexemes_every_match_holds(tsquery, sets):
    assert [set(found) for found in required_lexeme_sets(tsquery)] == sets


@pytest.mark.django_db
def test_documents_without_a_required_lexeme_never_match():
    from django.db import connection

    query = "'java' & ( 'develop' | 'developer' | 'develop':* ) | 'kotlin' <-> 'develop'"
    documents = ["java developer", "kotlin developer", "java", "developer", "kotlin java developing"]
    with connection.cursor() as cursor:
        for lexemes in required_lexeme_sets(query):
            for text in documents:
                cursor.execute(
                    "SELECT to_tsvector('english', %s) @@ %s::tsquery, to_tsvector('english', %s) @@ %s::tsquery",
                    [text, query, text, lexemes_tsquery(lexemes)],
                )
                matches, holds = cursor.fetchone()
                assert holds or not matches, (text, lexemes)


def test_a_window_is_read_when_it_costs_less_than_the_other_ways():
    from nexus.search.collecting import window_choice

    # a walk would read 80,000 of 800,000 documents (two words each common, rarely together); the rarer in 15,000
    share = window_choice(15_000, 80_000, 800_000, 80_000)
    assert share == pytest.approx(0.2)  # the window holds twice the walk's documents: a fifth of them
    assert window_choice(300_000, 80_000, 800_000, 80_000) is None  # a common lexeme costs more through the index
    assert window_choice(15_000, 10_000, 800_000, 80_000) is None  # the words' index is cheaper still
    assert window_choice(15_000, 1_200_000, 800_000, 1_200_000) is None  # the window would hold every document
    # a walk of more than an eighth of the documents rests on too few sampled matches for a window of over a quarter
    assert window_choice(5_000, 1_200_000, 800_000, 120_000) is None  # 0.3 of them
    assert window_choice(5_000, 1_200_000, 800_000, 96_000) == pytest.approx(0.24)


def test_a_window_starts_at_the_histogram_bound_below_its_share():
    from nexus.search.publication import histogram_start

    bounds = list(range(101))  # 100 equal parts of the documents, oldest first
    assert histogram_start(bounds, 0.2) == 80  # the newest fifth at least
    assert histogram_start(bounds, 0.005) == 99  # less than a part: the newest part whole
    assert histogram_start(bounds, 1.0) == 0
    assert histogram_start([], 0.2) is None  # no statistics yet: no window


@pytest.mark.parametrize(
    ("tsquery", "shown"),
    [
        ("'java' & ( 'develop' | 'developer' | 'develop':* )", ["java", "develop", "developer"]),
        ("'java' & !( 'go' | ( 'x' & 'z' ) ) & 'y':AB", ["java", "y"]),  # a negated group is never shown
        ("!'a' & 'b' <-> 'c'", ["b", "c"]),
        ("!!'a' & 'b'", ["a", "b"]),  # not not: required
        ("'it''s'", ["it's"]),
        ("'a' &", ["a"]),
        ("", []),
    ],
)
def test_the_lexemes_a_match_may_show(tsquery, shown):
    assert shown_lexemes(tsquery) == shown


@pytest.mark.parametrize(
    ("tsquery", "found"),
    [
        ("'java' & ( 'develop' | 'developer' | 'develop':* )", ["develop"]),
        ("'engin':* | !'it''s':* & 'engin':*", ["engin", "it's"]),  # once each, quotes read
        ("'x':*A & 'y':A & 'z'", []),  # weighted: not a plain prefix
        ("'a\\\\b':*", []),  # a backslash is left to PostgreSQL
        ("'a", []),  # unreadable: none assumed
    ],
)
def test_the_prefixes_of_a_tsquery(tsquery, found):
    assert prefixes(tsquery) == found


def test_prefixes_replaced_by_their_lexemes():
    tsquery = "( 'engin' | 'engineer' | 'engin':* ) & !'it''s':* & 'x':*A"
    replaced = prefixes_replaced(tsquery, {"engin": ["engine", "engin", "engineer"], "it's": ["it's", "it'sy"]})
    assert replaced == (
        "( 'engin' | 'engineer' | ('engin' | 'engine' | 'engineer') ) & ! ('it''s' | 'it''sy') & 'x':*A"
    )
    assert [set(lexemes) for lexemes in required_lexeme_sets(replaced)] == [{"engin", "engine", "engineer"}]
    assert prefixes_replaced(tsquery, {}) == "( 'engin' | 'engineer' | 'engin':* ) & ! 'it''s':* & 'x':*A"


@pytest.mark.django_db
def test_a_prefix_replaced_by_its_lexemes_matches_the_same_documents():
    from django.db import connection

    documents = ["an engineer", "engine room", "engineering", "engaged", "the engines", "chef"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(DISTINCT lexeme) FROM unnest(%s::text[]) text, "
            "unnest(tsvector_to_array(to_tsvector('english', text))) lexeme WHERE lexeme ^@ 'engin'",
            [documents],
        )
        lexemes = cursor.fetchone()[0]
        query = "'chef' | 'engin':*"
        replaced = prefixes_replaced(query, {"engin": lexemes})
        for text in documents:
            cursor.execute(
                "SELECT to_tsvector('english', %s) @@ %s::tsquery, to_tsvector('english', %s) @@ %s::tsquery",
                [text, query, text, replaced],
            )
            prefixed, exact = cursor.fetchone()
            assert prefixed == exact, text


@pytest.mark.django_db
def test_a_prefix_stands_for_the_lexemes_starting_with_it_read_as_a_range_of_the_lexicon():
    """Every lexeme of the lexicon that starts with the prefix and no other (the next code point's, a longer prefix's,
    multi-byte ones), read as one range of its key, not by testing every lexeme."""
    from django.db import connection

    from nexus.search.lexicon import EXPANSION_SQL, MAX_EXPANSION, prefix_lexemes
    from nexus.search.models import Lexeme

    lexicon = ["swie", "swif", "swift", "swiftli", "swifté", "swig", "swi", "開発", "開発者", "開", "閉"]
    Lexeme.objects.bulk_create([Lexeme(lexeme=lexeme) for lexeme in lexicon], ignore_conflicts=True)
    found = prefix_lexemes(["swif", "開", "sw", "zzqx"])
    assert found["swif"] == ["swif", "swift", "swiftli", "swifté"]  # code point order
    assert found["開"] == ["開", "開発", "開発者"]
    assert {"swi", "swie", "swif", "swig"} <= set(found["sw"]) and "zzqx" not in found
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {EXPANSION_SQL}", [["swif"], MAX_EXPANSION + 1])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Cond: ((lexeme >= prefix.prefix) AND (lexeme < (prefix.prefix ||" in plan, plan


@pytest.mark.parametrize(
    ("alternatives", "kept"),
    [
        (["'nurs'", "'nurse'", "'nurs':*"], ["'nurs':*"]),  # the prefix matches both lexemes
        (["'compani'", "'company'", "'compani':*"], ["'company'", "'compani':*"]),  # company does not start so
        (["'python'", "('python') | ('py')", "'python':*"], ["('python') | ('py')", "'python':*"]),  # not a lone lexeme
        (["'sale'", "'sales'", "'sale':*A"], ["'sale'", "'sales'", "'sale':*A"]),  # a weighted prefix matches less
        (["'engin':A", "'engin':*"], ["'engin':A", "'engin':*"]),  # a weighted lexeme is left as it is
        (["'data' <-> 'engin'", "'data':*"], ["'data' <-> 'engin'", "'data':*"]),
        (["'java'", "'kotlin'"], ["'java'", "'kotlin'"]),
    ],
)
def test_a_lone_lexeme_a_prefix_matches_is_left_out(alternatives, kept):
    assert without_implied(alternatives) == kept


DOCUMENTS = ["a nurse", "nursing", "the sales", "a sale", "python developer", "pyhton", "front end", "frontend"]
DOCUMENTS += ["an accountant", "tax accountant", "developing python", "site reliability engineer", "sre", "none"]


def lexicon_of(texts: list[str]) -> None:
    """The lexicon as documents of these texts leave it (a last word is a prefix only when some lexeme starts
    with it)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_lexeme (lexeme) SELECT DISTINCT unnest(tsvector_to_array("
            "to_tsvector('english', text) || to_tsvector('simple', text))) FROM unnest(%s::text[]) t(text) "
            "ON CONFLICT DO NOTHING",
            [texts],
        )


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["nurse", "sales", "pyhton", "python develop", "front end", "-tax accountant", "sre"])
def test_the_matching_query_matches_what_every_form_does(q, monkeypatch):
    from django.db import connection

    from nexus.search import analysis
    from nexus.search.query import query_parse

    lexicon_of(DOCUMENTS)
    matching = analysis.query_analyse(query_parse(q)).tsquery
    monkeypatch.setattr(analysis, "without_implied", lambda alternatives: alternatives)
    every_form = analysis.query_analyse(query_parse(q)).tsquery
    assert len(matching) < len(every_form)
    documents = DOCUMENTS
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT text FROM unnest(%s::text[]) t(text), "
            "LATERAL (SELECT to_tsvector('english', text) || to_tsvector('simple', text) AS document) d "
            "WHERE (d.document @@ %s::tsquery) <> (d.document @@ %s::tsquery)",
            [documents, matching, every_form],
        )
        assert cursor.fetchall() == []


@pytest.mark.django_db
def test_ranking_weighs_every_form():
    from nexus.search.analysis import query_analyse
    from nexus.search.query import query_parse

    lexicon_of(["a nurse"])
    analysed = query_analyse(query_parse("nurse"))
    assert analysed.tsquery == "((('nurs':*)))"
    assert analysed.ranked == "((('nurs') | ('nurse') | ('nurs':*)))"


def test_a_phrase_relaxed_asks_for_its_words_anywhere():
    assert phrases_relaxed("('part' <-> 'time' | 'parttim') & 'nurs':*") == "( 'part' & 'time' | 'parttim' ) & 'nurs':*"
    assert phrases_relaxed("'a' <2> 'b' & !('c' <-> 'd')") == "'a' & 'b' & ! ( 'c' & 'd' )"
    assert phrases_relaxed("('it''s') & 'x'") == "('it''s') & 'x'"  # no phrase: as it is
