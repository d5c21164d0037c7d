"""PostgreSQL on the event loop, for the few answers computed in front of Django's stack (cache_hits.py).

Django's database layer is synchronous: a query through it runs in a worker thread, and the hand-over to
that thread and back (and the two threads taking turns with the interpreter) costs more than a query on an
index does. An answer built in front (autocomplete) runs its one query here instead: over a psycopg
asyncio pool of this process's event loop, opened on first use, with the connection parameters and session
options of Django's default database, at most DATABASE_FRONT_POOL_MAX_SIZE connections.
"""

import asyncio
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from psycopg import AsyncClientCursor
from psycopg_pool import AsyncConnectionPool

_pools: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncConnectionPool]" = weakref.WeakKeyDictionary()
_queries: ContextVar[list[str] | None] = ContextVar("nexus_async_queries", default=None)


def _pool() -> AsyncConnectionPool:
    loop = asyncio.get_running_loop()
    pool = _pools.get(loop)
    if pool is None:
        params = connections["default"].get_connection_params()
        # Django's own cursor binds parameters client-side; its asyncio twin does the same with the same SQL.
        params.update(cursor_factory=AsyncClientCursor, autocommit=True)
        pool = AsyncConnectionPool(
            kwargs=params, min_size=1, max_size=settings.DATABASE_FRONT_POOL_MAX_SIZE, open=False
        )
        _pools[loop] = pool
    return pool


async def fetch_all(sql: str, params: dict[str, Any] | list[Any]) -> list[tuple[Any, ...]]:
    """The rows of one statement (`%s` or `%(name)s` placeholders, as with Django's cursor)."""
    pool = _pool()
    await pool.open()  # once; later calls return at once
    recorded = _queries.get()
    if recorded is not None:
        recorded.append(sql)
    async with pool.connection() as connection:
        cursor = await connection.execute(sql, params)
        return await cursor.fetchall()


@contextmanager
def queries_recorded() -> Iterator[list[str]]:
    """The statements fetch_all runs in this context (for the per-route query figures)."""
    recorded: list[str] = []
    token = _queries.set(recorded)
    try:
        yield recorded
    finally:
        _queries.reset(token)


async def close_pool() -> None:
    """Closes this event loop's pool and its connections, if it has one (a loop that is about to end)."""
    pool = _pools.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.close()
