# ruff: noqa: S608 - SQL assembled from this module's constants; every value is a bound parameter
"""The SQL objects search is built on, created by the migrations (kept here so they are read in one place).

- `search_unaccent(text)`: unaccent as an IMMUTABLE function, so expressions using it can be indexed.
- `search_text(text)`: the text documents and queries are made of: unaccented, C++ and C# as words.
- `search_jobdocument_source`: a view that computes each job's weighted document from its current rows (and
  words for its employment type, remote type and experience level, and its country's names), with markers of its
  fields, of what the list's filters ask (skills, company, industry, accepted countries) and of its regions.
- `search_documents_refresh(ids)`: upserts the documents of those jobs, adds their new lexemes to the lexicon,
  and the titles, skills, companies and cities of the listed ones to autocomplete and their words to the
  vocabulary.
- Statement-level triggers (with transition tables) call it for exactly the jobs a write touched: jobs
  inserted, jobs whose text, place, company or category changed, skills added or removed, companies,
  categories and skills renamed. They serve every writer alike: services, the admin, bulk updates,
  bulk_create and COPY. A bulk load can set `search.defer_documents = on` for its transaction and
  build the documents once at the end (see document.py).
"""

import re

from nexus.jobs.choices import EmploymentType, ExperienceLevel, RemoteType

from .countries import region_codes

UNACCENT = """
CREATE OR REPLACE FUNCTION search_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""

# English with accents folded: what highlights are computed with, so "cafe" marks "café" in the original text.
HIGHLIGHT_CONFIGURATION = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'search_english') THEN
        CREATE TEXT SEARCH CONFIGURATION search_english (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION search_english
            ALTER MAPPING FOR word, hword, hword_part WITH public.unaccent, english_stem;
    END IF;
END $$;
"""

# Since migration 0008, text is indexed and queried through `search_text(text)`: unaccented, and with the names
# that PostgreSQL's parser would cut to a bare letter (C++, C#, F#: all `c` to it) written as words of their own
# (cplusplus, csharp, fsharp), so that a search for C++ does not find C# jobs. A letter counts when it is a word by
# itself followed by ++ or #, and nothing but a separator follows (`c++17`, `#tag`, `a#b` are left alone).
SYMBOL_NAME = r"\m([[:alpha:]])({symbol})(?![[:alnum:]])"  # a regular expression of PostgreSQL (\m: a word starts)
SYMBOL_WORDS = {r"\+\+": "plusplus", "#": "sharp"}


def symbol_names_spelt(text: str) -> str:
    """SQL of the text `text` (SQL) with every symbol name written as a word."""
    for symbol, word in SYMBOL_WORDS.items():
        text = f"regexp_replace({text}, '{SYMBOL_NAME.format(symbol=symbol)}', '\\1{word}', 'g')"
    return text


# Since migration 0009 a slash is a word's end: PostgreSQL's parser reads `UI/UX` or `CI/CD` as one word (a file
# path), so `ux` did not find a UI/UX Designer.
SLASHES_APART = "replace({text}, '/', ' / ')"


# Since migration 0010 a run of Chinese, Japanese or Korean characters is read as its overlapping pairs (bigrams),
# as search engines index these scripts: they are written without spaces between words, so PostgreSQL's parser read
# `ソフトウェア開発者` as one word, and `開発者` or `工程师` found nothing. A lone character stays as it is, and the
# text around a run is set apart from it (`Python開発`: `python`, `開発`).
CJK_CHARACTERS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
CJK_CHARACTER = f"[{CJK_CHARACTERS}]"
CJK_RUN = re.compile(f"{CJK_CHARACTER}+")  # the same, in Python
# The bigrams of the runs in `$1` (SQL of the text), the rest kept, as one query.
_CJK_BIGRAMS = f"""(
    SELECT string_agg(
        CASE WHEN length(part[1]) > 1 AND part[1] ~ '^{CJK_CHARACTER}'
             THEN (SELECT string_agg(substr(part[1], i, 2), ' ' ORDER BY i)
                   FROM generate_series(1, length(part[1]) - 1) i)
             ELSE part[1] END,
        ' ' ORDER BY n)
    FROM regexp_matches($1, '{CJK_CHARACTER}+|[^{CJK_CHARACTERS}]+', 'g') WITH ORDINALITY AS m(part, n)
)"""


def cjk_bigrams_function(*, since: int = 18) -> str:
    """SQL creating search_cjk_bigrams(text) as migration `since` (10 or 18) left it. Since 0018 in PL/pgSQL, which
    keeps its compiled body for the session: a SQL function holding a subquery is never inlined, and each place a
    statement called it parsed and planned its body again (search_text in a query's analysis: 15 places, 2 of its
    6.5 ms at a million jobs)."""
    no_run = f"$1 !~ '{CJK_CHARACTER}'"
    if since < 18:
        language, body = "sql", f"SELECT CASE WHEN {no_run} THEN $1 ELSE {_CJK_BIGRAMS} END"
    else:
        language, body = "plpgsql", f"BEGIN IF {no_run} THEN RETURN $1; END IF; RETURN {_CJK_BIGRAMS}; END"
    return f"""
CREATE OR REPLACE FUNCTION search_cjk_bigrams(text) RETURNS text
LANGUAGE {language} IMMUTABLE PARALLEL SAFE STRICT
AS $$ {body} $$;
"""


def search_text_function(*, since: int = 10) -> str:
    """SQL creating search_text(text): the text as documents and queries read it, as migration `since` (8 to 10)
    left it: unaccented, symbol names as words; since 0009 slashes apart; since 0010 CJK runs as bigrams."""
    text = symbol_names_spelt("public.search_unaccent($1)")
    if since >= 9:
        text = SLASHES_APART.format(text=text)
    if since >= 10:
        text = f"public.search_cjk_bigrams({text})"
    return f"""
CREATE OR REPLACE FUNCTION search_text(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT {text} $$;
"""


# Since migration 0008 a document also says in words (weight D) what its job's fields say: the employment type,
# remote type and experience level. So `remote python`, `full-time nurse` or `python internship` find the jobs
# whose text does not say it.
FIELD_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "employment_type": {
        EmploymentType.FULL_TIME: ("full-time", "fulltime"),
        EmploymentType.PART_TIME: ("part-time", "parttime"),
        EmploymentType.CONTRACT: ("contract", "contractor"),
        EmploymentType.TEMPORARY: ("temporary", "temp"),
        EmploymentType.INTERNSHIP: ("internship", "intern"),
        EmploymentType.FREELANCE: ("freelance", "freelancer"),
    },
    "remote_type": {
        RemoteType.REMOTE: ("remote", "work from home"),
        RemoteType.HYBRID: ("hybrid",),
        RemoteType.ONSITE: ("on-site", "onsite"),
    },
    "experience_level": {
        ExperienceLevel.ENTRY: ("entry-level",),
        ExperienceLevel.MID: ("mid-level",),
        ExperienceLevel.SENIOR: ("senior",),
        ExperienceLevel.LEAD: ("lead",),
        ExperienceLevel.EXECUTIVE: ("executive",),
    },
}

# Since migration 0008 a document also holds the names of its job's country (countries.py).
COUNTRY_NAMES_SQL = (
    "coalesce((SELECT string_agg(cn.name, ' , ') FROM search_countryname cn WHERE cn.country = j.country), '')"
)


def _field_words_sql() -> str:
    """SQL of a job's field words (FIELD_WORDS) from its row `j`."""
    cases = []
    for column, words in FIELD_WORDS.items():
        branches = " ".join(f"WHEN '{value}' THEN '{' '.join(texts)}'" for value, texts in words.items())
        cases.append(f"CASE j.{column} {branches} ELSE '' END")
    return " || ' , ' || ".join(cases)


# Title A (stemmed and exact), skills B (stemmed and exact), company and category C (company exact too),
# description, requirements and place D. Long texts are cut: what matters for search is at their start.
SOURCE_VIEW_TEMPLATE = """
CREATE OR REPLACE VIEW search_jobdocument_source AS
SELECT j.id AS job_id,
    (j.status = 'published' AND j.moderation_status = 'approved' AND c.moderation_status = 'approved') AS listed,
    j.published_at, j.application_deadline, j.is_featured,
    j.employment_type, j.experience_level, j.remote_type, j.category_id, j.country, j.city,
    j.latitude, j.longitude, j.salary_yearly_min, j.salary_yearly_max,
    setweight(to_tsvector('english', {text}(j.title)), 'A')
    || setweight(to_tsvector('simple', {text}(j.title)), 'A')
    || setweight(to_tsvector('english', {text}(coalesce(s.names, ''))), 'B')
    || setweight(to_tsvector('simple', {text}(coalesce(s.names, ''))), 'B')
    || setweight(to_tsvector('english', {text}(c.name || ' , ' || coalesce(cat.name, ''))), 'C')
    || setweight(to_tsvector('simple', {text}(c.name)), 'C')
    || setweight(to_tsvector('english', {text}(
        j.city || ' , ' || j.region || ' , ' || {fields}left(j.description, 4000) || ' , ' || left(j.requirements, 2000)
    )), 'D'){markers} AS document
FROM jobs_job j
JOIN companies_company c ON c.id = j.company_id
LEFT JOIN taxonomy_category cat ON cat.id = j.category_id
LEFT JOIN LATERAL (
    SELECT string_agg(sk.name, ' , ') AS names, array_agg(sk.id) AS ids
    FROM jobs_jobskill js JOIN taxonomy_skill sk ON sk.id = js.skill_id
    WHERE js.job_id = j.id
) s ON true;
"""


# Since migration 0017 a document also holds a lexeme of its own for each of its job's fields, `#column=value`
# (`#employment_type=internship`), which no text makes (the parsers never start a lexeme with `#`): a field word asked
# beside other words matches the job's field through it, or the title or skills saying the word (analysis.py).
def field_marker(column: str, value: str) -> str:
    return f"#{column}={value}"


def _field_markers_sql() -> str:
    """SQL of the tsvector of a job's field markers (field_marker), from its row `j`: lexemes without positions."""
    markers = ", ".join(
        f"CASE WHEN j.{column} <> '' THEN '{field_marker(column, '')}' || j.{column} END" for column in FIELD_WORDS
    )
    return f"array_to_tsvector(array_remove(ARRAY[{markers}], NULL))"


# Since migration 0019 a document also holds a marker of each value the list filters that only the jobs table held
# ask for: its skills (`#skill=12`), company, industry, and for a remote job each country it accepts applicants from
# (`#remote_country=DE`; REMOTE_ANYWHERE when it names none); of its category and each above it (`#category=1`,
# `#category=5` for 1/5/: the filter takes a category's descendants in); and of its city, upper-cased as the list
# compares cities (`#city=NEW YORK CITY`). Such a filter is then a tsquery the words' GIN index answers with the words
# (filtering.py), where it was a semi-join with the jobs table (`nurse` with skills=python read the 72,000 Python jobs
# one by one, 423 ms) or a test of each row (`designer` in a category none is in read the 89,000 designers, 217 ms).
FILTER_MARKERS = ("skill", "company", "industry", "remote_country", "category", "city")
REMOTE_ANYWHERE = "any"
FILTER_MARKERS_SQL = f"""array_to_tsvector(ARRAY(
        SELECT '{field_marker("skill", "")}' || skill_id FROM unnest(s.ids) skill_id
        UNION ALL SELECT '{field_marker("category", "")}' || category_id
        FROM unnest(string_to_array(rtrim(cat.path, '/'), '/')) category_id
        UNION ALL SELECT '{field_marker("company", "")}' || j.company_id
        UNION ALL SELECT '{field_marker("industry", "")}' || j.industry_id WHERE j.industry_id IS NOT NULL
        UNION ALL SELECT '{field_marker("city", "")}' || upper(j.city) WHERE j.city <> ''
        UNION ALL SELECT '{field_marker("remote_country", "")}' || accepted
        FROM unnest(CASE WHEN j.remote_type = '{RemoteType.REMOTE}' THEN CASE
            WHEN cardinality(j.remote_countries) > 0 THEN j.remote_countries ELSE ARRAY['{REMOTE_ANYWHERE}'] END
        END) accepted
    ))"""


# Since migration 0021 a document also holds a marker of each region (countries.REGIONS) its job's country lies in
# (`#region=europe` and `#region=emea` for Germany) and, for a remote job, of each region of a country it accepts
# applicants from (`#remote_region=europe`): a region in a query is then one entry of the words' GIN index
# (analysis.region_matched), where it was its countries' names (127 for EMEA), each tested on every document walked.
def country_regions_function() -> str:
    """`search_country_regions(code)`: the regions (countries.REGIONS) of the country of ISO code `code`."""
    cases = ", ".join(
        f"CASE WHEN code = ANY('{{{','.join(codes)}}}') THEN '{region}' END" for region, codes in region_codes().items()
    )
    return f"""
CREATE OR REPLACE FUNCTION search_country_regions(code text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT array_remove(ARRAY[{cases}], NULL) $$;
"""


REGION_MARKERS_SQL = f"""array_to_tsvector(ARRAY(
        SELECT '{field_marker("region", "")}' || region FROM unnest(search_country_regions(j.country)) region
        UNION SELECT '{field_marker("remote_region", "")}' || region
        FROM unnest(CASE WHEN j.remote_type = '{RemoteType.REMOTE}' THEN j.remote_countries END) accepted,
            unnest(search_country_regions(accepted)) region
    ))"""


def source_view(
    *, since_0008: bool = True, markers: bool = True, filter_markers: bool = True, region_markers: bool = True
) -> str:
    """The documents' source view: text read through search_text, with the field words and the country's names, the
    field markers, the filter markers and the region markers; or as migration 0019 made it (no region markers), as
    0017 did (no filter markers), as 0008 did (no markers), or as 0002 did (unaccented only)."""
    marked = f"\n    || {_field_markers_sql()}" if since_0008 and markers else ""
    marked += f"\n    || {FILTER_MARKERS_SQL}" if marked and filter_markers else ""
    marked += f"\n    || {REGION_MARKERS_SQL}" if marked and filter_markers and region_markers else ""
    view = SOURCE_VIEW_TEMPLATE.replace("{markers}", marked)
    if not since_0008:
        return view.replace("{text}", "search_unaccent").replace("{fields}", "")
    return view.replace("{text}", "search_text").replace(
        "{fields}", f"{_field_words_sql()} || ' , ' || {COUNTRY_NAMES_SQL} || ' , ' || "
    )


# Words of a text as the vocabulary keeps them: lowercased, unaccented, split on anything but letters,
# digits, + and # (C++, C#).
WORDS = "regexp_split_to_table(lower(search_unaccent({text})), '[^[:alnum:]+#]+')"

# The columns a job's search row copies from the job (besides its document), for ranking and facets
# without reading the jobs table.
COPIED_COLUMNS = (
    "listed", "published_at", "application_deadline", "is_featured", "employment_type", "experience_level",
    "remote_type", "category_id", "country", "city", "latitude", "longitude", "salary_yearly_min", "salary_yearly_max",
)  # fmt: skip
ALL_COLUMNS = ", ".join(("job_id", *COPIED_COLUMNS, "document"))
UPDATE_COLUMNS = ", ".join(f"{column} = EXCLUDED.{column}" for column in (*COPIED_COLUMNS, "document"))

# What the refresh adds to the lexicon (since migration 0007; lexicon.py): the lexemes of the refreshed documents, in
# code point order, as the primary key holds them: two refreshes adding the same new lexemes wait for one another,
# never each for the other.
LEXICON_REFRESH = """\
    INSERT INTO search_lexeme (lexeme)
    SELECT DISTINCT lexeme COLLATE "C" FROM search_jobdocument d, unnest(tsvector_to_array(d.document)) lexeme
    WHERE d.job_id = ANY(job_ids)
    ORDER BY 1
    ON CONFLICT (lexeme) DO NOTHING;
"""


# What a job stands for in the lists, as rows of jobs_job `j` matching `{jobs}`:
# - in autocomplete (search_suggestion), its title, skills, company (approved) and city: (kind, label, job_id);
# - in the vocabulary (search_searchterm), the words of its title, skills, city and country's names: (word, job_id).
# The recount (document.py) counts them over every listed job; the refresh below adds those of the jobs it lists.
JOB_SUGGESTIONS = """
    SELECT 'title' AS kind, j.title AS label, j.id AS job_id FROM jobs_job j WHERE {jobs}
    UNION ALL SELECT 'skill', s.name, j.id FROM jobs_job j
        JOIN jobs_jobskill js ON js.job_id = j.id JOIN taxonomy_skill s ON s.id = js.skill_id WHERE {jobs}
    UNION ALL SELECT 'company', c.name, j.id FROM jobs_job j JOIN companies_company c ON c.id = j.company_id
        WHERE {jobs} AND c.moderation_status = 'approved'
    UNION ALL SELECT 'place', j.city, j.id FROM jobs_job j WHERE {jobs}
"""
JOB_WORDS = f"""
    SELECT {WORDS.format(text="j.title")} AS word, j.id AS job_id FROM jobs_job j WHERE {{jobs}}
    UNION ALL SELECT {WORDS.format(text="s.name")}, j.id FROM jobs_job j
        JOIN jobs_jobskill js ON js.job_id = j.id JOIN taxonomy_skill s ON s.id = js.skill_id WHERE {{jobs}}
    UNION ALL SELECT {WORDS.format(text="j.city")}, j.id FROM jobs_job j WHERE {{jobs}}
    UNION ALL SELECT {WORDS.format(text="n.name")}, j.id FROM jobs_job j
        JOIN search_countryname n ON n.country = j.country WHERE {{jobs}}
"""
# The words of the vocabulary that count no job (a correction is never one of them, see spelling.py): those of
# company names (Works, Homes...), skill aliases, categories, and of skills and countries no listed job has yet.
UNCOUNTED_WORDS = f"""
    SELECT {WORDS.format(text="a.alias")} AS word, NULL::bigint AS job_id FROM taxonomy_skillalias a
    UNION ALL SELECT {WORDS.format(text="s.name")}, NULL FROM taxonomy_skill s
    UNION ALL SELECT {WORDS.format(text="c.name")}, NULL FROM companies_company c
    UNION ALL SELECT {WORDS.format(text="c.name")}, NULL FROM taxonomy_category c
    UNION ALL SELECT {WORDS.format(text="n.name")}, NULL FROM search_countryname n
"""
# What input is matched to in an entry of kind `kind` and label `label` (SQL of the row): the label, and a skill's
# aliases after it (`javascript js ecmascript`: `js` suggests JavaScript), lowercased and unaccented, cut at the
# column's 200 characters.
SUGGESTION_KEY = """left(lower(search_unaccent(concat_ws(' ', label, CASE WHEN kind = 'skill' THEN (
    SELECT string_agg(a.alias, ' ' ORDER BY a.alias)
    FROM taxonomy_skillalias a JOIN taxonomy_skill s ON s.id = a.skill_id WHERE lower(s.name) = lower(label)
) END))), 200)"""
KEPT_WORD = "length(word) BETWEEN 2 AND 100"


def _entry_key(kind: str, label: str) -> str:
    """The key of an entry of kind `kind` and label `label` (each SQL), as SUGGESTION_KEY works it out."""
    return f"(SELECT {SUGGESTION_KEY} FROM (SELECT {kind}::text AS kind, {label}::text AS label) entry)"


# A renamed skill or company keeps its entry, under the new name and with its count, at once: the refresh that the
# rename sets off (TRIGGERS) would otherwise add a second entry under the new name, counting one job, beside the old
# one until the recount. Entries meeting under one name are merged. An entry that another company of the old name
# shares stays (the refresh adds the new name). Row triggers, which PostgreSQL runs before the statement's.
ENTRY_RENAMED_FUNCTION = f"""
CREATE OR REPLACE FUNCTION search_entry_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    shared boolean;
    moved bigint;
    new_key text := {_entry_key("TG_ARGV[0]", "NEW.name")};
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE lower(name) = lower($1) AND id <> $2)', TG_TABLE_NAME)
        INTO shared USING OLD.name, NEW.id;
    IF shared OR new_key = '' THEN
        RETURN NULL;
    END IF;
    WITH gone AS (DELETE FROM search_suggestion WHERE kind = TG_ARGV[0] AND label = OLD.name RETURNING popularity)
    SELECT sum(popularity) INTO moved FROM gone;
    IF moved IS NOT NULL THEN
        INSERT INTO search_suggestion (kind, label, key, popularity) VALUES (TG_ARGV[0], NEW.name, new_key, moved)
        ON CONFLICT (kind, key) DO UPDATE SET popularity = search_suggestion.popularity + EXCLUDED.popularity;
    END IF;
    RETURN NULL;
END $$;
"""
# A skill's aliases edited: its entry's key follows at once (`k8s` suggests Kubernetes as soon as it is an alias).
ENTRY_REKEYED_FUNCTION = f"""
CREATE OR REPLACE FUNCTION search_skill_entry_rekeyed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_suggestion s SET key = rekeyed.key
    FROM (
        SELECT sk.name AS label, {_entry_key("'skill'", "sk.name")} AS key
        FROM taxonomy_skill sk WHERE sk.id IN (NEW.skill_id, OLD.skill_id)
    ) rekeyed
    WHERE s.kind = 'skill' AND s.label = rekeyed.label AND s.key <> rekeyed.key AND rekeyed.key <> ''
      AND NOT EXISTS (SELECT 1 FROM search_suggestion taken WHERE taken.kind = 'skill' AND taken.key = rekeyed.key);
    RETURN NULL;
END $$;
"""
ENTRY_TRIGGERS = (
    "CREATE TRIGGER search_skill_entry_renamed AFTER UPDATE OF name ON taxonomy_skill FOR EACH ROW "
    "WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION search_entry_renamed('skill')",
    "CREATE TRIGGER search_company_entry_renamed AFTER UPDATE OF name ON companies_company FOR EACH ROW "
    "WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION search_entry_renamed('company')",
    "CREATE TRIGGER search_skill_entry_rekeyed AFTER INSERT OR UPDATE OR DELETE ON taxonomy_skillalias FOR EACH ROW "
    "EXECUTE FUNCTION search_skill_entry_rekeyed()",
)
ENTRY_TRIGGERS_DROPPED = (
    "DROP TRIGGER IF EXISTS search_skill_entry_renamed ON taxonomy_skill",
    "DROP TRIGGER IF EXISTS search_company_entry_renamed ON companies_company",
    "DROP TRIGGER IF EXISTS search_skill_entry_rekeyed ON taxonomy_skillalias",
    "DROP FUNCTION IF EXISTS search_entry_renamed()",
    "DROP FUNCTION IF EXISTS search_skill_entry_rekeyed()",
)

# The lists' upkeep in the refresh (since migration 0011): the titles, skills, companies and cities of the refreshed
# jobs that are listed enter autocomplete, and their words the vocabulary, counting one job each (the words of
# company names none), so that they are suggested and corrected to at once; the rows of those that counted no job (a
# skill no listed job had) count one. Missing rows are inserted, and only rows counting none are updated: the rows
# of common words and entries (London, engineer) are never locked by a job's write, so writes listing jobs in one
# city do not wait for one another. Their counts are made exact by the recount (document.py, hourly). Entries that
# can count none are those of skills and companies (the recount lists every one); the others enter when listed. The
# entries' keys are worked out once (a skill's aliases looked up), for the insert and the update.
_LISTED_JOBS = "j.id = ANY(listed_jobs)"
LISTS_REFRESH = f"""\
    SELECT coalesce(array_agg(DISTINCT word), '{{}}') INTO counted_words
    FROM ({JOB_WORDS.format(jobs=_LISTED_JOBS)}) counted WHERE {KEPT_WORD};
    INSERT INTO search_searchterm (word, jobs)
    SELECT word, max(counted) FROM (
        SELECT unnest(counted_words) AS word, 1 AS counted
        UNION ALL SELECT {WORDS.format(text="c.name")}, 0 FROM jobs_job j
            JOIN companies_company c ON c.id = j.company_id WHERE {_LISTED_JOBS}
    ) words
    WHERE {KEPT_WORD}
    GROUP BY word ORDER BY word
    ON CONFLICT (word) DO NOTHING;
    UPDATE search_searchterm SET jobs = 1 WHERE word = ANY(counted_words) AND jobs = 0;
    SELECT coalesce(array_agg(kind), '{{}}'), coalesce(array_agg(label), '{{}}'), coalesce(array_agg(key), '{{}}')
    INTO entry_kinds, entry_labels, entry_keys
    FROM (
        SELECT DISTINCT ON (kind, key) kind, label, key FROM (
            SELECT kind, label, {SUGGESTION_KEY} AS key FROM ({JOB_SUGGESTIONS.format(jobs=_LISTED_JOBS)}) labels
        ) keyed
        WHERE key <> ''
        ORDER BY kind, key, label
    ) entries;
    INSERT INTO search_suggestion (kind, label, key, popularity)
    SELECT kind, label, key, 1 FROM unnest(entry_kinds, entry_labels, entry_keys) AS entries(kind, label, key)
    ORDER BY kind, key
    ON CONFLICT (kind, key) DO NOTHING;
    UPDATE search_suggestion SET popularity = 1
    WHERE kind IN ('skill', 'company') AND popularity = 0 AND key = ANY(entry_keys)
      AND (kind, key) IN (SELECT * FROM unnest(entry_kinds, entry_keys));
"""
# Before migration 0011: the words of every refreshed job's title, and its title as an entry, listed or not.
TITLES_REFRESH = f"""    INSERT INTO search_searchterm (word, jobs)
    SELECT DISTINCT word, 1 FROM (
        SELECT {WORDS.format(text="title")} AS word FROM jobs_job WHERE id = ANY(job_ids)
    ) words
    WHERE {KEPT_WORD}
    ON CONFLICT (word) DO NOTHING;
    INSERT INTO search_suggestion (kind, label, key, popularity)
    SELECT DISTINCT ON (lower(search_unaccent(title))) 'title', title, lower(search_unaccent(title)), 0
    FROM jobs_job WHERE id = ANY(job_ids) AND title <> ''
    ON CONFLICT (kind, key) DO NOTHING;
"""

# The documents of `job_ids` upserted (`listed_jobs`: those listed after it), then the lexicon's and lists' upkeep.
REFRESH_FUNCTION_TEMPLATE = f"""
CREATE OR REPLACE FUNCTION search_documents_refresh(job_ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    listed_jobs bigint[];
    counted_words text[];
    entry_kinds text[];
    entry_labels text[];
    entry_keys text[];
BEGIN
    IF coalesce(array_length(job_ids, 1), 0) = 0 THEN
        RETURN;
    END IF;
    WITH written AS (
        INSERT INTO search_jobdocument ({ALL_COLUMNS})
        SELECT {ALL_COLUMNS} FROM search_jobdocument_source WHERE job_id = ANY(job_ids)
        ON CONFLICT (job_id) DO UPDATE SET {UPDATE_COLUMNS}
        RETURNING job_id, listed
    )
    SELECT coalesce(array_agg(job_id) FILTER (WHERE listed), '{{}}') INTO listed_jobs FROM written;
{{lexicon}}{{lists}}END $$;
"""


def refresh_function(*, lexicon: bool, lists: bool = False) -> str:
    """`search_documents_refresh`, with the lexicon's upkeep (since migration 0007) and the lists' (since 0011)."""
    return REFRESH_FUNCTION_TEMPLATE.replace("{lexicon}", LEXICON_REFRESH if lexicon else "").replace(
        "{lists}", LISTS_REFRESH if lists else TITLES_REFRESH
    )


DEFERRED = "coalesce(current_setting('search.defer_documents', true), '') = 'on'"


def _trigger_function(name: str, ids_sql: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT {DEFERRED} THEN
        PERFORM search_documents_refresh(ARRAY({ids_sql}));
    END IF;
    RETURN NULL;
END $$;
"""


# What the document and its copied columns are made of: a change to any of them refreshes the job's row (since
# migration 0019 the filter markers' columns too).
JOB_TEXT_COLUMNS = (
    "title", "description", "requirements", "city", "region", "country", "company_id", "category_id", "status",
    "moderation_status", "published_at", "application_deadline", "is_featured", "employment_type",
    "experience_level", "remote_type", "latitude", "longitude", "salary_yearly_min", "salary_yearly_max",
)  # fmt: skip
JOB_FILTER_MARKER_COLUMNS = ("industry_id", "remote_countries")


def jobs_updated_function(*, filter_markers: bool = True) -> str:
    """The trigger function refreshing the documents of the jobs whose document's columns changed (JOB_TEXT_COLUMNS,
    and JOB_FILTER_MARKER_COLUMNS since migration 0019)."""
    columns = (*JOB_TEXT_COLUMNS, *(JOB_FILTER_MARKER_COLUMNS if filter_markers else ()))
    changed = " OR ".join(f"n.{column} IS DISTINCT FROM o.{column}" for column in columns)
    return _trigger_function(
        "search_jobs_updated", f"SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {changed}"
    )


def categories_changed_function(*, filter_markers: bool = True) -> str:
    """The trigger function refreshing the documents of the jobs in categories renamed, or moved (their path: the
    filter markers, since migration 0019)."""
    moved = " OR n.path IS DISTINCT FROM o.path" if filter_markers else ""
    return _trigger_function(
        "search_categories_renamed",
        "SELECT j.id FROM jobs_job j JOIN new_rows n ON n.id = j.category_id JOIN old_rows o ON o.id = n.id "
        f"WHERE n.name IS DISTINCT FROM o.name{moved}",
    )


TRIGGER_FUNCTIONS = [  # as migration 0002 made them
    _trigger_function("search_jobs_inserted", "SELECT id FROM new_rows"),
    jobs_updated_function(filter_markers=False),
    _trigger_function("search_job_skills_added", "SELECT DISTINCT job_id FROM new_rows"),
    _trigger_function("search_job_skills_removed", "SELECT DISTINCT job_id FROM old_rows"),
    _trigger_function(
        "search_job_skills_updated",
        "SELECT job_id FROM new_rows UNION SELECT job_id FROM old_rows",
    ),
    _trigger_function(
        "search_companies_renamed",
        "SELECT j.id FROM jobs_job j JOIN new_rows n ON n.id = j.company_id JOIN old_rows o ON o.id = n.id "
        "WHERE n.name IS DISTINCT FROM o.name OR n.moderation_status IS DISTINCT FROM o.moderation_status",
    ),
    categories_changed_function(filter_markers=False),
    _trigger_function(
        "search_skills_renamed",
        "SELECT DISTINCT js.job_id FROM jobs_jobskill js JOIN new_rows n ON n.id = js.skill_id "
        "JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name",
    ),
]

# (trigger name, table, event, transition tables, function)
TRIGGERS = [
    ("search_jobs_inserted", "jobs_job", "INSERT", "NEW TABLE AS new_rows", "search_jobs_inserted"),
    ("search_jobs_updated", "jobs_job", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "search_jobs_updated"),
    ("search_job_skills_added", "jobs_jobskill", "INSERT", "NEW TABLE AS new_rows", "search_job_skills_added"),
    ("search_job_skills_removed", "jobs_jobskill", "DELETE", "OLD TABLE AS old_rows", "search_job_skills_removed"),
    (
        "search_job_skills_updated",
        "jobs_jobskill",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "search_job_skills_updated",
    ),
    (
        "search_companies_renamed",
        "companies_company",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "search_companies_renamed",
    ),
    (
        "search_categories_renamed",
        "taxonomy_category",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "search_categories_renamed",
    ),
    (
        "search_skills_renamed",
        "taxonomy_skill",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "search_skills_renamed",
    ),
]


# Radius searches over documents: an earth-point GiST index of every placed document. Not limited to the listed
# ones: searches that collect every match say `listed` in words that keep the newest-first index out of their
# plans (collecting.py), and a partial index on `listed` would be kept out with it.
GEO_INDEX = "search_document_location"
GEO_INDEX_SQL = (  # as migrations 0002 and 0003 built it
    f"CREATE INDEX IF NOT EXISTS {GEO_INDEX} ON search_jobdocument USING gist (ll_to_earth(latitude, longitude)) "
    "WHERE latitude IS NOT NULL"
)
# Since migration 0006 the earth-point index holds the publication time too (btree_gist), so that the documents
# within a radius can be read newest first (ordered by their distance to a far date: collecting.NEAR_WALK_ORDER).
NEAR_INDEX = "search_document_near"
NEAR_INDEX_SQL = (
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NEAR_INDEX} ON search_jobdocument "
    "USING gist (ll_to_earth(latitude, longitude), published_at) WHERE latitude IS NOT NULL"
)


def create_triggers() -> list[str]:
    return [
        f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        for name, table, event, tables, function in TRIGGERS
    ]


def drop_triggers() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table, *_ in TRIGGERS]


def drop_functions() -> list[str]:
    names = [name for name, *_ in TRIGGERS] + ["search_documents_refresh"]
    return [
        *[f"DROP FUNCTION IF EXISTS {name}" for name in names],
        "DROP VIEW IF EXISTS search_jobdocument_source",
        "DROP FUNCTION IF EXISTS search_unaccent(text)",
        "DROP TEXT SEARCH CONFIGURATION IF EXISTS search_english",
    ]


def forward() -> list[str]:
    return [
        UNACCENT,
        HIGHLIGHT_CONFIGURATION,
        source_view(since_0008=False),  # as migration 0002 made it: 0008 adds search_text, field words, countries
        refresh_function(lexicon=False),  # as migration 0002 made it: migration 0007 adds the lexicon
        *TRIGGER_FUNCTIONS,
        *create_triggers(),
        GEO_INDEX_SQL,
    ]


def backward() -> list[str]:
    return [f"DROP INDEX IF EXISTS {GEO_INDEX}", *drop_triggers(), *drop_functions()]


# A query word is looked up among skill names and aliases by its folded form (analysis.py): through these
# indexes, not by folding every name of the taxonomy at each search.
FOLDED_SKILL_INDEXES = {
    "search_skill_folded_name": ("taxonomy_skill", "name"),
    "search_skillalias_folded_alias": ("taxonomy_skillalias", "alias"),
}


# Since migration 0015 country names too: a query word is looked up among them (analysis.IS_PLACE), once for each
# word and each pair of words of a query, and each word a misspelt one may be corrected to (262 names folded one by
# one: 0.3 ms a look-up).
FOLDED_COUNTRY_INDEXES = {"search_countryname_folded_name": ("search_countryname", "name")}


def create_folded_indexes(indexes: dict[str, tuple[str, str]]) -> list[str]:
    """CREATE INDEX of each (table, column) by its folded form, under its name."""
    return [
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} ((lower(search_unaccent({column}))))"
        for name, (table, column) in indexes.items()
    ]


def drop_folded_indexes(indexes: dict[str, tuple[str, str]]) -> list[str]:
    return [f"DROP INDEX IF EXISTS {name}" for name in indexes]


# The words of a job's title, as its document holds them (English forms; `jobs_job j`), and the GIN index over them of
# the jobs that may be listed (since migration 0022): the jobs whose title answers a query's title groups, which a
# search ranks beside its newest matches when those hold few (search/selectors.py).
TITLE_WORDS = "to_tsvector('english', search_text(j.title))"
TITLE_WORDS_INDEX = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS job_visible_title_words ON jobs_job "
    "USING gin (to_tsvector('english'::regconfig, search_text(title))) WITH (fastupdate = off) "
    "WHERE status = 'published' AND moderation_status = 'approved'"
)
TITLE_WORDS_INDEX_DROPPED = "DROP INDEX CONCURRENTLY IF EXISTS job_visible_title_words"
