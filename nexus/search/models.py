"""What search reads: one weighted document per job, the vocabulary for typo correction, the suggestions."""

from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q

# The copied columns that the GIN index holds beside the words (equality filters of the list).
INDEXED_FILTERS = ("employment_type", "experience_level", "remote_type", "country")


class JobDocument(models.Model):
    """The job's searchable text as a weighted tsvector (see nexus/search/document.py for how it is built).

    Title A, skills B, company and category C, description and place D. Kept current by set-based
    SQL whenever the job, its company, its category or its skills change.
    """

    job = models.OneToOneField("jobs.Job", primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    document = SearchVectorField()
    # Copied from the job (and its company) by the same refresh, so that ranking and facets read this table only.
    listed = models.BooleanField(default=False, help_text="Published and approved, and so is the company.")
    published_at = models.DateTimeField(null=True)
    application_deadline = models.DateTimeField(null=True)
    is_featured = models.BooleanField(default=False)
    employment_type = models.CharField(max_length=16, blank=True)
    experience_level = models.CharField(max_length=16, blank=True)
    remote_type = models.CharField(max_length=8, blank=True)
    category_id = models.BigIntegerField(null=True)
    country = models.CharField(max_length=2, blank=True)
    city = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    salary_yearly_min = models.BigIntegerField(default=0)
    salary_yearly_max = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            # The words, and the filters a search most often adds (btree_gin): collected through this index, a rare
            # word with filters reads only the rows matching both. Written straight into, without a pending list that
            # every search through it would scan (a job write costs the same, a load of 500 jobs a tenth more).
            GinIndex(fields=["document", *INDEXED_FILTERS], name="search_document_words", fastupdate=False),
            # The candidates of a ranked search: the newest listed matches.
            models.Index(
                F("published_at").desc(),
                F("job_id").desc(),
                name="search_document_listed_newest",
                condition=Q(listed=True),
            ),
            # Another order's page of words: walked featured first, or by salary, each document tested against them.
            models.Index(
                F("is_featured").desc(),
                F("published_at").desc(),
                F("job_id").desc(),
                name="search_document_featured",
                condition=Q(listed=True),
            ),
            models.Index(
                F("salary_yearly_max").desc(),
                F("job_id").desc(),
                name="search_document_salary",
                condition=Q(listed=True),
            ),
        ]

    def __str__(self) -> str:
        return f"search document of job {self.job_id}"


class SearchTerm(models.Model):
    """A word that jobs' titles, skills, companies, categories or places use, with how many jobs use it:
    the words a misspelt query word is corrected to."""

    word = models.CharField(max_length=100, primary_key=True)
    jobs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["word"]
        indexes = [GistIndex(OpClass("word", name="gist_trgm_ops"), name="search_term_trgm")]

    def __str__(self) -> str:
        return self.word


class Lexeme(models.Model):
    """A lexeme that some job's document holds (or held): what the prefix of a query's last word stands for in the
    GIN index (lexicon.py). Added by the documents' refresh, never removed by it (a lexeme no document holds any
    more matches nothing); the backfill builds it anew. In code point order (collation "C"), so that the lexemes
    starting with a prefix are a range of its primary key."""

    lexeme = models.TextField(primary_key=True, db_collation="C")

    class Meta:
        db_table = "search_lexeme"

    def __str__(self) -> str:
        return self.lexeme


class CountryName(models.Model):
    """A name of a country (countries.py): the documents of its jobs hold it, and a query word that is one asks
    where the job is."""

    name = models.TextField(primary_key=True)
    country = models.CharField(max_length=2, db_index=True, help_text="ISO 3166-1 alpha-2 code.")

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class SuggestionKind(models.TextChoices):
    TITLE = "title", "Job title"
    SKILL = "skill", "Skill"
    COMPANY = "company", "Company"
    PLACE = "place", "Place"


class Suggestion(models.Model):
    """One autocomplete entry; `popularity` is how many listed jobs it stands for."""

    kind = models.CharField(max_length=8, choices=SuggestionKind.choices)
    label = models.CharField(max_length=200)
    key = models.CharField(
        max_length=200,
        help_text="The label, and a skill's aliases after it, lowercased and unaccented: what input is matched to.",
    )
    popularity = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-popularity", "key"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="suggestion_unique_per_kind")]
        indexes = [
            # Written straight into the index, not through a pending list that every suggestion would read first
            # (a recount rewrites thousands of rows: the planner then read the table whole, 4 ms against 0.2).
            GinIndex(OpClass("key", name="gin_trgm_ops"), name="suggestion_key_trgm", fastupdate=False),
            models.Index(OpClass("key", name="text_pattern_ops"), name="suggestion_key_prefix"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.label}"
