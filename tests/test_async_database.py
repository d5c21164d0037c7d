"""Statements on the event loop (nexus/core/async_database.py): Django's database, parameters and session options."""

import asyncio

import pytest

from nexus.core.async_database import close_pool, fetch_all, queries_recorded
from nexus.taxonomy.models import Skill


async def _run(sql: str, params: dict | list) -> tuple[list[tuple], list[str]]:
    try:
        with queries_recorded() as recorded:
            rows = await fetch_all(sql, params)
        return rows, recorded
    finally:
        await close_pool()


@pytest.mark.django_db(transaction=True)
def test_statements_read_djangos_database_with_its_session_options():
    Skill.objects.create(name="Rust", slug="rust")
    sql = "SELECT name, %(n)s::int + 1, current_setting('jit') FROM taxonomy_skill WHERE slug = %(slug)s"
    rows, recorded = asyncio.run(_run(sql, {"n": 41, "slug": "rust"}))
    assert rows == [("Rust", 42, "off")]  # committed rows of the test database; DATABASE_JIT off
    assert recorded == [sql]


@pytest.mark.django_db(transaction=True)
def test_parameters_are_bound_not_spliced():
    Skill.objects.create(name="Rust", slug="rust")
    hostile = "'; DELETE FROM taxonomy_skill; --"
    rows, _ = asyncio.run(_run("SELECT %s::text, %s::text[] IS NULL", [hostile, None]))
    assert rows == [(hostile, True)]
    assert Skill.objects.filter(slug="rust").exists()
