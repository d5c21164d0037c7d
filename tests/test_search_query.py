"""The query syntax and the spelling rules, without a database."""

from nexus.search.english import english_use
from nexus.search.query import Term, query_parse, query_text
from nexus.search.spelling import best_correction, edit_distance, letter_moved, one_edit_from


def texts(raw: str) -> list[list[tuple[str, bool, bool, bool]]]:
    return [[(t.text, t.phrase, t.negated, t.prefix) for t in group] for group in query_parse(raw).groups]


def test_words_are_anded_and_the_last_one_is_a_prefix():
    assert texts("python developer") == [[("python", False, False, False)], [("developer", False, False, True)]]


def test_a_word_ending_in_a_star_is_a_prefix_wherever_it_is():
    assert texts("pyth* dev") == [[("pyth", False, False, True)], [("dev", False, False, True)]]
    assert texts("engin* manager ") == [[("engin", False, False, True)], [("manager", False, False, False)]]
    assert texts("-intern* nurse ") == [[("intern", False, True, True)], [("nurse", False, False, False)]]
    assert texts("py* c++* *") == [[("py", False, False, False)], [("c++", False, False, False)]]  # too short; signs


def test_a_trailing_space_means_the_last_word_is_complete():
    assert texts("python ") == [[("python", False, False, False)]]


def test_phrases_or_and_exclusions():
    assert texts('"data engineer" react OR vue -junior') == [
        [("data engineer", True, False, False)],
        [("react", False, False, False), ("vue", False, False, False)],
        [("junior", False, True, False)],
    ]


def test_a_dot_before_a_word_s_first_letter_is_the_word_s():
    assert texts(".net core") == [[(".net", False, False, False)], [("core", False, False, True)]]
    assert texts("-.net node.js") == [[(".net", False, True, False)], [("node.js", False, False, False)]]
    assert texts("...net 3.5 .5") == [
        [("net", False, False, False)],
        [("3.5", False, False, False)],
        [("5", False, False, False)],
    ]


def test_a_bar_is_or_with_spaces_around_it_or_not():
    either = [[("devops", False, False, False), ("sre", False, False, True)]]
    assert texts("devops | sre") == either
    assert texts("devops|sre") == either  # were the words in a row
    assert texts('"devops|sre"') == [[("devops sre", True, False, False)]]  # quoted: the words as written


def test_not_in_upper_case_excludes_the_next_term():
    assert texts('python NOT django NOT "data engineer"') == [
        [("python", False, False, False)],
        [("django", False, True, False)],
        [("data engineer", True, True, False)],
    ]
    assert texts("python not django") == [
        [("python", False, False, False)],
        [("not", False, False, False)],
        [("django", False, False, True)],
    ]
    assert texts("python NOT") == [[("python", False, False, False)]]  # nothing to exclude
    assert texts("NOT jobs python") == [[("python", False, False, True)]]  # a word left out takes its NOT along


def test_an_excluded_phrase():
    assert texts('-"call center" agent') == [[("call center", True, True, False)], [("agent", False, False, True)]]


def test_or_at_the_start_or_end_is_ignored():
    assert texts("OR python OR") == [[("python", False, False, False)]]


def test_punctuation_and_sql_leave_only_words():
    assert texts("'; DROP TABLE jobs_job; --") == [
        [("DROP", False, False, False)],
        [("TABLE", False, False, False)],
        [("jobs_job", False, False, False)],
    ]
    assert query_parse("!!! ??? ---").is_empty
    assert query_parse("").is_empty


def test_words_every_job_query_could_add_are_left_out_unless_quoted():
    assert texts("python Jobs OR vacancies -job") == [[("python", False, False, False)]]
    assert texts('"jobs" nurse') == [[("jobs", True, False, False)], [("nurse", False, False, True)]]
    assert texts('"steve jobs"') == [[("steve jobs", True, False, False)]]
    assert query_parse("job openings").is_empty
    assert texts("hiring marketing careers") == [[("marketing", False, False, False)]]
    assert texts("career coach") == [[("career", False, False, False)], [("coach", False, False, True)]]


def test_names_with_signs_stay_whole():
    assert [t.text for t in query_parse("C++ C# node.js e-commerce").terms] == ["C++", "C#", "node.js", "e-commerce"]


def test_words_joined_by_slashes_are_any_of_them():
    assert texts("ui/ux designer ") == [
        [("ui", False, False, False), ("ux", False, False, False)],
        [("designer",) + (False,) * 3],
    ]
    assert texts("sales/marketing") == [[("sales", False, False, False), ("marketing", False, False, True)]]
    assert texts("python OR c++/c# ") == [[("python",) + (False,) * 3, ("c++",) + (False,) * 3, ("c#",) + (False,) * 3]]
    # excluded, quoted or with no letter: the words in a row
    assert texts("-ui/ux") == [[("ui ux", True, True, False)]]
    assert texts("NOT ui/ux") == [[("ui ux", True, True, False)]]
    assert texts('"ui/ux"') == [[("ui ux", True, False, False)]]
    assert texts("24/7 ") == [[("24 7", True, False, False)]]
    assert len(query_parse(" ".join(["a/b"] * 10)).terms) == 12  # the terms of a token are counted, all or none


def test_a_comma_or_semicolon_lists_words_as_a_space_does():
    assert (
        texts("python,django ")
        == texts("python django ")
        == [[("python",) + (False,) * 3], [("django",) + (False,) * 3]]
    )
    assert texts("python;sql ") == texts("python sql ")
    assert texts("100,000 ") == [[("100 000", True, False, False)]]  # inside a number: the number, in a row


def test_non_latin_words():
    assert [t.text for t in query_parse("développeur Entwickler разработчик 開発者").terms] == [
        "développeur",
        "Entwickler",
        "разработчик",
        "開発者",
    ]


def test_at_most_twelve_terms():
    assert len(query_parse(" ".join(f"w{n}" for n in range(40))).terms) == 12


def test_query_text_writes_corrections_back():
    parsed = query_parse('pyhton "data enginer" -java')
    assert query_text(parsed, {"pyhton": "python", "enginer": "engineer"}) == 'python "data engineer" -java'


def test_title_before_a_word_or_a_quoted_phrase_asks_it_of_the_title_as_written():
    [[python]], [[phrase]] = query_parse("title:python").groups, query_parse('-TITLE:"call center"').groups
    assert (python.text, python.phrase, python.in_title, python.prefix) == ("python", True, True, False)
    assert (phrase.text, phrase.negated, phrase.in_title) == ("call center", True, True)
    assert query_parse("title:").is_empty
    parsed = query_parse('nurse title:icu -title:"night shift" title:node.js')
    assert [term.in_title for term in parsed.terms] == [False, True, True, True]
    assert query_text(parsed) == 'nurse title:icu -title:"night shift" title:node.js'


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("pyhton", "python") == 1
    assert edit_distance("kubernets", "kubernetes") == 1
    assert edit_distance("java", "lava") == 1
    assert edit_distance("abc", "xyz") == 3


def test_one_edit_from_a_word_is_every_word_at_distance_one():
    words = one_edit_from("manger")
    assert {"manager", "manger"[1:], "amnger", "mangers", "monger"} <= words and "manger" not in words
    assert all(edit_distance("manger", word) == 1 for word in words)
    letters = "abcdefghijklmnopqrstuvwxyz"
    every_word_up_to_three = [""] + [a + b + c for a in letters for b in ["", *letters] for c in ["", *letters]]
    assert one_edit_from("ab") == {word for word in every_word_up_to_three if edit_distance("ab", word) == 1}


def test_a_letter_moved_is_every_word_with_one_of_its_letters_elsewhere():
    assert {"python", "yphton", "phtony", "nphyto"} <= letter_moved("phyton") and "phyton" not in letter_moved("phyton")
    assert letter_moved("abc") == {"bac", "bca", "acb", "cab"}


def test_best_correction_prefers_fewer_edits_then_more_jobs():
    assert best_correction("pyhton", [("python", 10, False), ("pylon", 500, False)]) == "python"
    assert best_correction("jaq", [("jar", 5, False), ("jaw", 50, False)]) == "jaw"
    assert best_correction("kubernets", [("kubernetes", 3, False)]) == "kubernetes"
    assert best_correction("zzzzzz", [("python", 10, False)]) is None


def test_of_as_many_edits_a_word_with_letters_left_out_is_taken_before_one_with_letters_changed():
    assert best_correction("electrican", [("electrical", 900, False), ("electrician", 40, False)]) == "electrician"
    assert best_correction("jav", [("java", 5, False), ("jaw", 50, False)]) == "java"
    # fewer edits still come first
    assert best_correction("enginer", [("engineers", 900, False), ("engineer", 40, False)]) == "engineer"
    assert best_correction("pyhton", [("python", 10, False), ("pythons", 500, False)]) == "python"


def test_a_place_is_a_correction_within_one_edit_unless_the_word_is_long():
    assert best_correction("sunbea", [("sumbe", 60, True)]) is None  # two edits from a small city
    assert best_correction("sunbea", [("sumbe", 60, False)]) == "sumbe"  # as another word would be
    assert best_correction("lisbno", [("lisbon", 60, True)]) == "lisbon"
    assert best_correction("johanesberg", [("johannesburg", 60, True)]) == "johannesburg"  # two edits, a long name


def test_an_english_word_is_no_misspelling_of_a_word_less_used_in_english():
    """`visa` and `winter`, which no job of the board says, are not Vista (a city) and writer, nor `core`, common in
    English, care; real words misspelt into rarer ones, words English does not use and words ending another
    (`australian`) still are corrected."""
    assert english_use("visa") > english_use("vista") >= 0 and english_use("pyhton") == 0
    assert best_correction("visa", [("vista", 60, True)]) is None
    assert best_correction("winter", [("writer", 6000, False)]) is None
    assert best_correction("winter", [("center", 6000, False)]) is None  # two edits, though English says center more
    assert best_correction("manger", [("manager", 6000, False)]) == "manager"  # rare in English
    assert best_correction("sever", [("server", 60, False)]) == "server"  # English, though less so than server
    # common in English itself: a word of its own, however much more English says the word near it
    assert best_correction("core", [("care", 6000, False)]) is None
    assert best_correction("status", [("states", 6000, False)]) is None
    assert best_correction("australian", [("australia", 60, True)]) == "australia"  # the word and an ending
    assert best_correction("desk", [("des", 60, True)]) is None  # the word and a letter: no ending (Des Moines)


def test_term_defaults():
    assert Term("x") == Term("x", phrase=False, negated=False, prefix=False)


def test_a_weighted_tsquery_restricts_every_lexeme_prefixes_and_phrases_included():
    from nexus.search.ranking import weighted

    assert weighted("'python' | 'python':*", "A") == "'python':A | 'python':*A"
    assert weighted("'data' <-> 'engin' & !'intern'", "AB") == "'data':AB <-> 'engin':AB & !'intern':AB"
    assert weighted("'o''reilly'", "A") == "'o''reilly':A"


def test_the_compounds_a_query_may_stand_for():
    from nexus.search.analysis import compounds, followers

    assert followers(query_parse("nurse san francisco")) == ["san", "francisco", None]
    assert followers(query_parse("san -francisco")) == [None, None]

    # by term: a word and the next, both alone in their groups and asked for; a hyphenated word without hyphens
    assert compounds(query_parse("front end developer")) == ["frontend", "enddeveloper", None]
    assert compounds(query_parse("front-end dev")) == ["frontend", None]
    assert compounds(query_parse('"front end" web')) == [None, None]  # a phrase is its words in a row
    assert compounds(query_parse("front -end")) == [None, None]  # an excluded word is no half of a compound
    assert compounds(query_parse("front OR back end")) == [None, None, None]  # nor an alternative
    assert compounds(query_parse("c++ dev node.js")) == [None, None, None]  # letters only


def test_the_job_fields_a_field_word_stands_for():
    from nexus.search.analysis import field_values, is_whole_word

    assert field_values(Term("intern")) == (("employment_type", "internship"),)
    assert field_values(Term("Full-Time")) == (("employment_type", "full_time"),)
    assert field_values(Term("time")) == (("employment_type", "full_time"), ("employment_type", "part_time"))
    assert field_values(Term("home")) == (("remote_type", "remote"),)
    assert field_values(Term("lead")) == (("experience_level", "lead"),)
    assert field_values(Term("python")) == ()
    # typed last, these are the words themselves, as countries' names are; parts of field words, and the words of
    # `work from home`, begin others
    assert all(is_whole_word(Term(word)) for word in ("intern", "temp", "Senior", "lead", "remote", "contract", "USA"))
    assert not any(is_whole_word(Term(word)) for word in ("full", "time", "part", "work", "home", "full-time", "ger"))


def test_field_words_beside_other_words_match_the_field_or_the_title_or_skills(db):
    from nexus.search.analysis import query_analyse

    assert "'#employment_type=internship'" in query_analyse(query_parse("python intern ")).tsquery
    part_time = query_analyse(query_parse("part time nurse ")).tsquery
    assert "'#employment_type=part_time'" in part_time and "#employment_type=full_time" not in part_time
    assert "#" not in query_analyse(query_parse("intern ")).tsquery  # alone: the word anywhere
    assert "#" not in query_analyse(query_parse("python -intern ")).tsquery  # excluded: the word anywhere
    assert "#" not in query_analyse(query_parse("python full-time internship ")).tsquery  # no job is both


def test_a_region_matches_and_ranks_through_its_marker_not_its_countries_names(db):
    from nexus.search.analysis import query_analyse

    for query, region in (("nurse europe ", "europe"), ("nurse north america ", "north america")):
        analysed = query_analyse(query_parse(query))
        for tsquery in (analysed.tsquery, analysed.ranked):
            assert f"'#region={region}'" in tsquery and "#remote_region" not in tsquery, query
            assert "sweden" not in tsquery and "canada" not in tsquery, query
    remote = query_analyse(query_parse("remote nurse emea "))
    assert "'#region=emea'" in remote.tsquery and "'#remote_region=emea'" in remote.tsquery
    assert "egypt" not in remote.tsquery and "#remote_region" not in remote.ranked  # the jobs open to it: not ranked
    excluded = query_analyse(query_parse("remote nurse -europe ")).tsquery
    assert "(!(('europ') | ('europe') | (('#region=europe'))))" in excluded and "#remote_region" not in excluded
    assert "#region" not in query_analyse(query_parse('nurse "europe" ')).tsquery  # quoted: the word


def test_field_words_no_one_job_answers_together_ask_nothing_of_the_fields():
    from nexus.search.analysis import answerable

    full_time = ("(('full-tim'))", (("employment_type", "full_time"),))
    intern = ("(('intern'))", (("employment_type", "internship"),))
    part = ("(('part'))", (("employment_type", "part_time"),))
    time = ("(('time'))", (("employment_type", "full_time"), ("employment_type", "part_time")))
    senior = ("(('senior'))", (("experience_level", "senior"),))
    assert answerable([full_time, intern, senior]) == (senior,)  # a full-time internship: no employment type is both
    assert answerable([part, time, senior]) == (part, time, senior)  # part time: part-time answers both


def test_an_analysis_kept_before_queries_named_places_reads_as_naming_none():
    """Analyses are kept in the shared cache (memo.py): one pickled before `places` existed still reads."""
    from django.core.cache import cache

    from nexus.search.analysis import AnalysedQuery

    kept = AnalysedQuery(tsquery="'nurs'", places=("london",))
    del kept.__dict__["places"]
    cache.set("test-analysis-kept-before", kept)
    assert cache.get("test-analysis-kept-before").places == ()
