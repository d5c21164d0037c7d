"""Streaming rows into PostgreSQL with COPY (psycopg 3), on Django's connection and transaction."""

from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from django.db import connection, models
from django.db.models import NOT_PROVIDED
from psycopg import pq


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """Takes `count` values from the table's id sequence, so rows can reference each other before COPY."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def constant_columns(model: type[models.Model], given: Sequence[str]) -> tuple[list[str], tuple[Any, ...]]:
    """The other concrete columns with their model defaults, so a field added later does not break the seed."""
    given_fields = {model._meta.get_field(name).attname for name in given}
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.attname in given_fields or field.primary_key or getattr(field, "generated", False):
            continue
        if field.db_default is not NOT_PROVIDED:
            continue
        columns.append(field.column)
        values.append(field.get_db_prep_save(field.get_default(), connection))
    return columns, tuple(values)


def column_type_oids(table: str, columns: Sequence[str]) -> list[int] | None:
    """The columns' type oids when psycopg can write them all in binary, else None (then COPY uses text)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, atttypid::int FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
            [table],
        )
        oids = dict(cursor.fetchall())
    adapters = connection.connection.adapters
    try:
        for column in columns:
            adapters.get_dumper_by_oid(oids[column], pq.Format.BINARY)
    except psycopg.ProgrammingError:  # no binary dumper for this type
        return None
    return [oids[column] for column in columns]


def copy_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], *, freeze: bool = False
) -> int:
    """Streams rows (values in the order of `fields`) into the model's table; returns how many.

    `rows` may be a generator: PostgreSQL parses what was sent while the next rows are made.
    The binary format, when psycopg knows every column's type, halves the cost per row; JSON
    values must come wrapped (psycopg's `Jsonb`), as in either format. `freeze` (allowed only on
    a table created or truncated in the current transaction) writes the rows frozen and
    all-visible, so they need no vacuum before index-only scans.
    """
    connection.ensure_connection()
    table = model._meta.db_table
    extra_columns, extra_values = constant_columns(model, fields)
    columns = [model._meta.get_field(name).column for name in fields] + extra_columns
    type_oids = column_type_oids(table, columns)
    options = [option for option, wanted in (("FORMAT BINARY", type_oids), ("FREEZE", freeze)) if wanted]
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    if options:
        sql += f" ({', '.join(options)})"
    count = 0
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        if type_oids:
            copy.set_types(type_oids)
        write = copy.write_row
        if extra_values:
            for row in rows:
                write((*row, *extra_values))
                count += 1
        else:
            for row in rows:
                write(row)
                count += 1
    return count
