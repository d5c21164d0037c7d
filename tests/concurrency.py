"""Real concurrent requests: threads released together, each with its own database connection."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def run_concurrently(count: int, work: Callable[[int], Any]) -> list[tuple[int, dict]]:
    """Runs `work(index)` in `count` threads that start at the same instant; returns (status, body) of each."""
    barrier = threading.Barrier(count)
    results: list[tuple[int, dict]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            response = work(index)
            with lock:
                results.append((response.status_code, response.json() if response.content else {}))
        except BaseException as exc:
            with lock:
                failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    return results
