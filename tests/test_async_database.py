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


@pytest.mark.django_db(transaction=True)
def test_statements_are_prepared_once_per_connection_with_custom_plans(settings):
    settings.DATABASE_FRONT_POOL_MAX_SIZE = 1
    sql = "SELECT pg_backend_pid() FROM taxonomy_skill WHERE slug LIKE %(prefix)s || '%%' UNION SELECT pg_backend_pid()"
    prepared = (
        "SELECT pg_backend_pid(), count(*), sum(custom_plans), sum(generic_plans) FROM pg_prepared_statements "
        "WHERE statement LIKE 'SELECT pg_backend_pid() FROM taxonomy_skill%%'"
    )

    async def run() -> tuple[list[int], tuple]:
        try:
            ran_on = [(await fetch_all(sql, {"prefix": prefix}))[0][0] for prefix in ("ru", "py", "ja", "go") * 2]
            return ran_on, (await fetch_all(prepared, []))[0]
        finally:
            await close_pool()

    ran_on, (connection, statements, custom_plans, generic_plans) = asyncio.run(run())
    # on the one connection, the statement was prepared once and planned anew at each of its 8 runs
    assert set(ran_on) == {connection}
    assert statements == 1 and custom_plans == 8 and generic_plans == 0
