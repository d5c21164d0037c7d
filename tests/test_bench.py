"""The benchmark's own measuring (scripts/bench.py): the CPU a server spends per request, the queries it explains."""

import importlib.util
import math
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .factories_search import searchable_job

# A stand-in server: waits for `go`, spends 0.4 s of CPU, says `done`, and waits to be stopped.
BUSY_SERVER = """
import sys, time
sys.stdin.readline()
end = time.process_time() + 0.4
while time.process_time() < end:
    pass
print("done", flush=True)
sys.stdin.readline()
"""


def bench_script():
    spec = importlib.util.spec_from_file_location("bench", Path(__file__).resolve().parents[1] / "scripts" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cpu_a_server_spends_during_a_scenario_is_counted_per_request():
    bench = bench_script()
    server = subprocess.Popen(
        [sys.executable, "-c", BUSY_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:

        def scenario():
            server.stdin.write("go\n")
            server.stdin.flush()
            assert server.stdout.readline().strip() == "done"
            return bench.Result("busy", latencies=[0.01] * 20, elapsed=1.0)

        result = bench.CpuMeter(server.pid).measure(scenario)
    finally:
        server.communicate("stop\n", timeout=10)
    assert 0.35 <= result.cpu_seconds[bench.SERVER_SIDE] < 1.0
    assert 17.5 <= result.cpu_ms(bench.SERVER_SIDE) < 50  # 0.4 s over 20 requests
    assert math.isnan(bench.Result("not measured").cpu_ms(bench.SERVER_SIDE))


def test_the_search_explained_is_the_query_measured_under_another_url():
    bench = bench_script()
    for name, make in bench.search_paths().items():
        if name == "suggest":
            continue
        for n in (0, 7, 10**6 + 3):
            measured, twin = urlsplit(make(n)), urlsplit(make(n + bench.SAME_QUERY_EVERY))
            assert measured != twin
            asked, twin_asked = parse_qs(measured.query), parse_qs(twin.query)
            assert asked.pop("bench") != twin_asked.pop("bench")
            assert asked == twin_asked, name


@pytest.mark.django_db
def test_a_first_request_works_its_query_out_again():
    """Before a first request is measured, what searches keep of their queries is forgotten: each such request
    works out the query's analysis and way of collecting again, in more queries than a request that finds them."""
    bench = bench_script()
    searchable_job(title="Python Developer")
    path = "/api/v1/jobs/search/?q=python&bench={}"
    client = Client()
    assert client.get(path.format(0), HTTP_ACCEPT="application/json").json()["count"] == 1
    with CaptureQueriesContext(connection) as kept:
        client.get(path.format(1), HTTP_ACCEPT="application/json")
    took, first = bench.first_request(path.format(2))
    took_again, again = bench.first_request(path.format(3))
    assert first == again > len(kept.captured_queries)
    assert took > 0 and took_again > 0
