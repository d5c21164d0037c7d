"""Loading many rows into indexed tables: build the indexes once at the end instead of row by row.

COPY into `jobs_job` with its two dozen indexes (B-trees, a GiST over coordinates) is several
times slower than COPY into the bare table followed by CREATE INDEX, and per-row foreign key
checks (hundreds of thousands for the seeded profiles and companies alone) cost far more than
one validating join per key. `indexes_deferred` drops the tables' secondary indexes and foreign
keys and recreates them from their saved definitions. PostgreSQL DDL is transactional and this
must run inside one transaction (`transaction.atomic`): an error or an interruption rolls the
drops back, so the schema the migrations declared always survives. Constraint-backed indexes
(primary key, unique constraints) stay, so duplicates still fail at once.
The tables are locked for writes and reads until the transaction ends.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, models

# Below this many new rows, or when they are fewer than half the rows already there, keeping the
# indexes is cheaper than rebuilding them.
BULK_LOAD_MIN_ROWS = 50_000
BUILD_MEMORY = "512MB"


@dataclass(frozen=True)
class SavedSchema:
    table: str
    indexes: tuple[tuple[str, str], ...]  # (name, CREATE INDEX ...)
    foreign_keys: tuple[tuple[str, str], ...]  # (name, FOREIGN KEY ... REFERENCES ...)


def should_defer_indexes(model: type[models.Model], new_rows: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        existing = max(int(cursor.fetchone()[0]), 0)  # -1 when never analyzed
    return new_rows >= BULK_LOAD_MIN_ROWS and new_rows * 2 >= existing


def saved_schema(table: str) -> SavedSchema:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT index.indexrelid::regclass::text, pg_get_indexdef(index.indexrelid)
            FROM pg_index index
            WHERE index.indrelid = %s::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = index.indexrelid)
            ORDER BY 1
            """,
            [table],
        )
        indexes = tuple(cursor.fetchall())
        cursor.execute(
            """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY 1
            """,
            [table],
        )
        foreign_keys = tuple(cursor.fetchall())
    return SavedSchema(table=table, indexes=indexes, foreign_keys=foreign_keys)


@contextmanager
def indexes_deferred(models_: Sequence[type[models.Model]], log: Callable[[str], None] = print) -> Iterator[None]:
    """Within the caller's transaction: drops the tables' secondary indexes and foreign keys, recreates them after."""
    assert connection.in_atomic_block, "indexes_deferred needs a transaction to stay safe"
    quote = connection.ops.quote_name
    schemas = [saved_schema(model._meta.db_table) for model in models_]
    with connection.cursor() as cursor:
        # Pending deferred checks of earlier inserts would forbid ALTER TABLE: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for schema in schemas:
            for name, _ in schema.foreign_keys:
                cursor.execute(f"ALTER TABLE {quote(schema.table)} DROP CONSTRAINT {quote(name)}")
            for name, _ in schema.indexes:
                cursor.execute(f"DROP INDEX {name}")  # already quoted by ::regclass::text
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
        for schema in schemas:
            log(
                f"  rebuilding {len(schema.indexes)} indexes, {len(schema.foreign_keys)} foreign keys of {schema.table}"
            )
            for name, definition in schema.foreign_keys:
                cursor.execute(f"ALTER TABLE {quote(schema.table)} ADD CONSTRAINT {quote(name)} {definition}")
            for _, definition in schema.indexes:
                cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
