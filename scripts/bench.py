"""`make bench`: throughput and latency of the public job endpoints on a database of a million jobs.

Run through `scripts/dev.py with-database` (DATABASE_URL set). It seeds with `seed_jobs` when the
database holds fewer than BENCH_JOBS jobs (default 1,000,000; an existing set is reused), starts
the real server (uvicorn, 2 workers, DEBUG off, no access log, rate limits out of the way, the response cache
shared through REDIS_URL or a local Redis when one answers, under a key prefix of its own), and
measures each scenario with BENCH_CONCURRENCY keep-alive connections (default 8) for BENCH_SECONDS (15),
driven by wrk when it is installed (Debian package `wrk`; a C client, so the figures are the server's),
else by Python threads for at most BENCH_REQUESTS (2000) requests. Each scenario also prints the CPU time that
the server's processes (`app cpu`) and PostgreSQL's (`pg cpu`, when it runs on this machine) spent per request
answered. Then it prints the query plans of the list.
Search scenarios (one word, two words, a phrase, a typo, filters, radius, suggest) follow, each request
a new URL so that none is served from the response cache, each printed with the time its queries take
inside PostgreSQL (EXPLAIN ANALYZE) and, in-process, the time of a query's first request (its analysis and way of
collecting worked out, not yet kept); `BENCH_ONLY=search` runs only those.
Figures only: nothing here passes or fails on a timing.
"""

import contextlib
import http.client
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import psutil

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_JOBS = int(os.environ.get("BENCH_JOBS", "1000000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
MAX_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
DEEP_PAGES = int(os.environ.get("BENCH_DEEP_PAGES", "200"))
LIST = "/api/v1/jobs/"
FILTERED = "/api/v1/jobs/?employment_type=full_time&remote_type=remote&salary_min=50000"


def answering(url: str, default_port: int) -> str:
    """`url` when a server answers at its host and port, else ""."""
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2).close()
    except OSError:
        return ""
    return url


def shared_cache_url() -> str:
    """The Redis the server's workers share their response cache through (REDIS_URL, else a local Redis when
    one answers), as in production; without one, each worker keeps its own local-memory cache."""
    return answering(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/7", 6379)


# Nothing measured serves a static file: WhiteNoise's warning that none was collected would only interleave the figures.
NO_STATIC_FILES = "No directory at"
SERVER_ENV = {
    "PYTHONWARNINGS": f"ignore:{NO_STATIC_FILES}:UserWarning",
    "REDIS_URL": shared_cache_url(),
    "CACHE_KEY_PREFIX": f"nexus-bench-{time.time_ns()}",  # nothing of an earlier run is served from the cache
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "THROTTLE_ANON": "100000000/hour",
    "THROTTLE_USER": "100000000/hour",
    "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),  # a log line per request would be measured too
}


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    warnings.filterwarnings("ignore", message=NO_STATIC_FILES, category=UserWarning)
    import django

    django.setup()


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


# --- data ---------------------------------------------------------------------------------------------------


def ensure_jobs(wanted: int) -> int:
    """Seeds the jobs that are missing up to `wanted`; returns how many there are."""
    from nexus.jobs.models import Job

    have = Job.objects.count()
    if have < wanted:
        print(f"The database has {have:,} jobs; seeding {wanted - have:,} more (seed_jobs) ...", flush=True)
        manage("seed_jobs", "--jobs", str(wanted - have))
        have = Job.objects.count()
    else:
        print(f"Reusing the {have:,} jobs in the database.", flush=True)
    return have


def public_jobs():  # -> QuerySet[Job]
    """The jobs of the public list, as the jobs selector defines them."""
    from nexus.jobs.selectors import job_list_public

    try:
        return job_list_public(filters={})
    except TypeError:  # a version of the selector without filters
        return job_list_public()


def listed_slugs(count: int) -> list[str]:
    """Slugs of jobs that the public list shows, at random."""
    try:
        jobs = public_jobs()
    except ImportError:
        from nexus.jobs.models import Job

        jobs = Job.objects.filter(
            status="published", moderation_status="approved", company__moderation_status="approved"
        )
    slugs = list(jobs.order_by("?").values_list("slug", flat=True)[:count])
    if not slugs:
        raise SystemExit("No listed job found to open: is the database seeded?")
    return slugs


# --- server -------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_start(port: int) -> subprocess.Popen:
    command = [PYTHON, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", WORKERS, "--no-access-log", "--log-level", "warning"]
    print(f"Starting the server: {' '.join(command[2:])}", flush=True)
    # Its own process group, so that stopping it stops its workers too.
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **SERVER_ENV}, start_new_session=True)


def server_wait(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server exited with {server.returncode}.")
        try:
            status, _ = request(http.client.HTTPConnection("127.0.0.1", port, timeout=2), "/api/health/live/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"The server did not answer /api/health/live/ within {timeout:.0f} s.")


def server_stop(server: subprocess.Popen, *, name: str = "Server", whole_group: bool = True) -> None:
    """Stops a process started in a session of its own: SIGTERM to its whole group (a server and its workers)
    or, for a process that stops its children itself, to it alone; SIGKILL to the group after 20 s."""
    if server.poll() is None:
        if whole_group:
            os.killpg(server.pid, signal.SIGTERM)
        else:
            server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    print(f"{name} stopped.", flush=True)


# --- client -------------------------------------------------------------------------------------------------


def request(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    return response.status, response.read()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def follow_next(port: int, start: str, pages: int) -> str:
    """The URL `pages` pages into the list, reached by following `next` as a client would."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    path, depth = start, 0
    while depth < pages:
        status, body = request(connection, path)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}: {body[:300]!r}")
        following = json.loads(body).get("next")
        if not following:
            break
        path, depth = path_of(following), depth + 1
    connection.close()
    print(f"  followed `next` {depth} pages deep", flush=True)
    return path


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0
    measured: dict[str, float] = field(default_factory=dict)  # wrk's own figures, when wrk drove the scenario
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # CPU spent meanwhile, by side (CpuMeter)

    def percentile(self, share: float) -> float:
        if self.measured:
            return self.measured[f"p{round(share * 100)}_ms"]
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")

    @property
    def requests(self) -> int:
        return int(self.measured["requests"]) - self.errors if self.measured else len(self.latencies)

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    def cpu_ms(self, side: str) -> float:
        """CPU milliseconds that `side` spent per request answered (nan when it could not be read)."""
        seconds = self.cpu_seconds.get(side)
        return seconds * 1000 / self.requests if seconds is not None and self.requests else float("nan")

    def line(self) -> str:
        return (
            f"{self.name:<34} {self.requests:>6} {self.errors:>6} {self.rate:>9.1f} "
            f"{self.percentile(0.50):>8.1f} {self.percentile(0.95):>8.1f} {self.percentile(0.99):>8.1f} "
            f"{self.cpu_ms(SERVER_SIDE):>7.1f} {self.cpu_ms(DATABASE_SIDE):>7.1f}"
        )


HEADER = (
    f"{'scenario':<34} {'reqs':>6} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
    f"{'app cpu':>7} {'pg cpu':>7}"
)
WRK_SCRIPT = Path(__file__).resolve().parent / "loadtest.lua"


SERVER_SIDE, DATABASE_SIDE = "app", "pg"


@dataclass
class CpuMeter:
    """CPU seconds used by each side of a measurement: the server (its process and its workers) and PostgreSQL
    (every process named postgres on this machine). A side with no process here (a database that runs elsewhere) is
    left out, and so reads nan; so is a process that ends during the measurement."""

    server_pid: int

    def processes(self) -> dict[str, list[psutil.Process]]:
        server = psutil.Process(self.server_pid)
        database = [process for process in psutil.process_iter(["name"]) if process.info["name"] == "postgres"]
        return {SERVER_SIDE: [server, *server.children(recursive=True)], DATABASE_SIDE: database}

    def used(self) -> dict[tuple[str, int], float]:
        seconds = {}
        for side, processes in self.processes().items():
            for process in processes:
                with contextlib.suppress(psutil.Error):
                    times = process.cpu_times()
                    seconds[side, process.pid] = times.user + times.system
        return seconds

    def measure(self, run: Callable[[], Result]) -> Result:
        before = self.used()
        result = run()
        spent: dict[str, float] = {}
        for (side, pid), seconds in self.used().items():
            spent[side] = spent.get(side, 0.0) + seconds - before.get((side, pid), 0.0)
        result.cpu_seconds = spent
        return result


METER: CpuMeter | None = None  # set once the server has started


def hammer(port: int, name: str, next_path: Callable[[], str], *, seconds: float, limit: int) -> Result:
    """`CONCURRENCY` keep-alive connections until the time (or, without wrk, the request budget) ends: driven by
    wrk when it is installed (a C client, so the figures are the server's), else by Python threads. The CPU
    that the server and PostgreSQL spent meanwhile is kept with the result (CpuMeter)."""
    if shutil.which("wrk"):
        paths = [next_path() for _ in range(max(limit, int(seconds * 3000)))]
        run = partial(hammer_wrk, port, name, paths, seconds)
    else:
        run = partial(hammer_threads, port, name, next_path, seconds=seconds, limit=limit)
    return METER.measure(run) if METER else run()


def hammer_wrk(port: int, name: str, paths: list[str], seconds: float) -> Result:
    """wrk replaying `paths` in order over CONCURRENCY connections (scripts/loadtest.lua)."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv") as requests_file:
        requests_file.write("".join(f"GET\t{path}\t\t\n" for path in paths))
        requests_file.flush()
        command = ["wrk", "-t1", f"-c{CONCURRENCY}", f"-d{max(int(seconds), 1)}s", "--timeout", "10s"]
        command += ["-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}", "--", requests_file.name, "1"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    errors = figures["client_errors"] + figures["server_errors"] + figures["socket_errors"]
    return Result(name, errors=errors, elapsed=figures["seconds"], measured=figures)


def hammer_threads(port: int, name: str, next_path: Callable[[], str], *, seconds: float, limit: int) -> Result:
    """`CONCURRENCY` threads, each on its own keep-alive connection, until the time or the request budget ends."""
    result = Result(name)
    lock = threading.Lock()
    issued = 0
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal issued
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop_at:
            with lock:
                if issued >= limit:
                    break
                issued += 1
            path = next_path()
            started = time.perf_counter()
            try:
                status, _ = request(connection, path)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            took = time.perf_counter() - started
            with lock:
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status == 200:
                    result.latencies.append(took)
                else:
                    result.errors += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result


def scenario(port: int, name: str, next_path: Callable[[], str]) -> Result:
    hammer(port, name, next_path, seconds=3, limit=max(CONCURRENCY * 10, 100))  # warm-up: caches, connections
    result = hammer(port, name, next_path, seconds=SECONDS, limit=MAX_REQUESTS)
    print(result.line(), flush=True)
    if result.errors:
        print(f"  errors: {result.statuses or result.measured}", flush=True)
    return result


# --- query plans --------------------------------------------------------------------------------------------


def explain(title: str, sql: str, params: list | tuple = ()) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}", params)
        plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
    print(f"\n  {title}\n{plan}", flush=True)


def explain_selector() -> None:
    """The plan of the first list page as the jobs selector builds it."""
    try:
        queryset = public_jobs()
    except ImportError as exc:
        print(f"\n  (No plan of the selector: nexus.jobs.selectors.job_list_public cannot be imported: {exc})")
        return
    sql, params = queryset[:21].query.sql_with_params()
    explain("job_list_public(), first 21 rows, in its own ordering", sql, params)


def explain_endpoints(paths: dict[str, str]) -> None:
    """The plans of the job queries that the list endpoint really runs for each path (captured in-process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for title, path in paths.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_ACCEPT="application/json")
        if response.status_code != 200:
            print(f"\n  {title}: GET {path} answered {response.status_code}; no plan")
            continue
        for query in captured.captured_queries:
            if '"jobs_job"' in query["sql"] and query["sql"].lstrip().upper().startswith("SELECT"):
                explain(f"{title}: GET {path[:100]}", query["sql"])


# --- search -------------------------------------------------------------------------------------------------

SEARCH = "/api/v1/jobs/search/"
SUGGEST = "/api/v1/jobs/search/suggest/"
ONE_WORD = ["engineer", "python", "manager", "sales", "nurse", "designer", "accountant", "teacher", "marketing", "data"]
TWO_WORDS = [
    "python developer", "project manager", "data engineer", "sales representative", "registered nurse",
    "java developer", "marketing manager", "financial analyst", "software engineer", "customer service",
]  # fmt: skip
PHRASES = ['"data engineer"', '"project manager"', '"customer service"', '"software engineer"', '"sales manager"']
TYPOS = ["pyhton", "kubernets", "enginer", "managr", "acountant", "developr", "javascrpt", "desinger"]
FILTERS = "&employment_type=full_time&remote_type=remote,hybrid&salary_min=40000"
PLACES = ["London", "Berlin", "New York City", "Paris", "Lagos", "Mumbai", "Sao Paulo", "Tokyo"]
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
PREFIXES = ["pyt", "eng", "man", "kube", "dat", "sal", "nurs", "java", "lond", "desi", "acc", "mark", "ber", "sof"]
# A search scenario's request n + SAME_QUERY_EVERY asks what request n asks, under another URL.
SAME_QUERY_EVERY = math.lcm(len(ONE_WORD), len(TWO_WORDS), len(PHRASES), len(TYPOS), len(PLACES))


def suggest_input(n: int) -> str:
    """A prefix and a fourth letter; past every such input and limit, the same with other letters upper-case
    (the same query, another URL): 116,480 inputs before one repeats."""
    typed = PREFIXES[n % len(PREFIXES)] + ALPHABET[n // len(PREFIXES) % 26]
    case = n // (26 * len(PREFIXES) * 20) % 2 ** len(typed)
    return "".join(char.upper() if case >> i & 1 else char for i, char in enumerate(typed))


def search_paths() -> dict[str, Callable[[int], str]]:
    """Each scenario: request number -> path. A `bench` parameter (ignored by the API) makes every URL new,
    so each request is computed, not served from the response cache."""
    from urllib.parse import quote

    def pick(options: list[str], n: int) -> str:
        return quote(options[n % len(options)])

    return {
        "search: one word": lambda n: f"{SEARCH}?q={pick(ONE_WORD, n)}&bench={n}",
        "search: two words": lambda n: f"{SEARCH}?q={pick(TWO_WORDS, n)}&bench={n}",
        "search: a phrase": lambda n: f"{SEARCH}?q={pick(PHRASES, n)}&bench={n}",
        "search: a typo": lambda n: f"{SEARCH}?q={pick(TYPOS, n)}&bench={n}",
        "search: word + 3 filters": lambda n: f"{SEARCH}?q={pick(ONE_WORD, n)}{FILTERS}&bench={n}",
        "search: word + radius 50 km": lambda n: f"{SEARCH}?q={pick(ONE_WORD, n)}&near={pick(PLACES, n)}&bench={n}",
        # suggest takes no other parameter: new URLs come from a fourth letter, the limit and the letters' case
        "suggest": lambda n: f"{SUGGEST}?q={suggest_input(n)}&limit={1 + n // (26 * len(PREFIXES)) % 20}",
    }


def cached_search_paths() -> dict[str, Callable[[int], str]]:
    """The same queries as people repeat them: after the first request each URL comes from the response cache."""
    from urllib.parse import quote

    queries = [f"q={quote(query)}" for query in ONE_WORD + TWO_WORDS + PHRASES + TYPOS]
    queries += [f"q={quote(word)}{FILTERS}" for word in ONE_WORD[:4]]
    queries += [f"q={quote(word)}&near={quote(place)}" for word, place in zip(ONE_WORD[:4], PLACES, strict=False)]
    return {
        f"search: {len(queries)} common queries, cached": lambda n: f"{SEARCH}?{queries[n % len(queries)]}",
        "suggest: 14 prefixes, cached": lambda n: f"{SUGGEST}?q={PREFIXES[n % len(PREFIXES)]}",
    }


def numbered(make: Callable[[int], str]) -> Callable[[], str]:
    counter = iter(range(10**9))
    lock = threading.Lock()

    def next_path() -> str:
        with lock:
            return make(next(counter))

    return next_path


def captured_get(path: str) -> tuple[int, list[dict[str, str]], float]:
    """In-process GET of `path`: its status, the queries it ran (captured) and its milliseconds."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = Client().get(path, HTTP_ACCEPT="application/json")
        took = (time.perf_counter() - started) * 1000
    return response.status_code, captured.captured_queries, took


def database_ms(path: str, *, warm: str) -> tuple[float, int, list[str]]:
    """The time inside PostgreSQL (EXPLAIN ANALYZE execution + planning) of every query the endpoint runs for
    `path` (captured in-process, a URL new to the response cache), after `warm` (the same query under another
    URL) has had the query's analysis and way of collecting remembered, as the measured requests find them:
    (total ms, queries, the plan of the slowest one)."""
    from django.db import connection
    from django.test import Client

    Client().get(warm, HTTP_ACCEPT="application/json")
    status, queries, _ = captured_get(path)
    if status != 200:
        return float("nan"), 0, [f"GET {path} answered {status}"]
    total, slowest, slowest_plan = 0.0, -1.0, []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF, FORMAT JSON) {sql}")
            raw = cursor.fetchone()[0]
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]
            took = plan["Execution Time"] + plan["Planning Time"]
            total += took
            if took > slowest:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) {sql}")
                slowest, slowest_plan = took, [row[0] for row in cursor.fetchall()]
    return total, len(queries), slowest_plan


# What a search keeps of each query (memo.py) that its first request works out: its analysis and way of collecting,
# and the count of the documents its filters match, which queries with the same filters share. (The recent tiers and
# the publication histogram are the database's, kept for every query.)
QUERY_MEMOS = ("analysis", "candidates-collection", "filters-count")


def first_request(path: str) -> tuple[float, int]:
    """In-process, the milliseconds and queries of `path` (a URL new to the response cache) as the first request of
    its query, with what searches keep of their queries forgotten first: what a query nobody asked lately costs."""
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):
        for kind in QUERY_MEMOS:
            cache.delete_pattern(f"search-memo:{kind}:*")
    else:  # without Redis, a cache in this process's memory: forgotten whole
        cache.clear()
    status, queries, took = captured_get(path)
    return (took if status == 200 else float("nan")), len(queries)


SEARCH_COLUMNS = f"{'db ms':>8} {'queries':>7} {'first ms':>8} {'queries':>7}"


@dataclass
class SearchFigures:
    result: Result
    db_ms: float = 0.0  # the queries of a request, inside PostgreSQL (EXPLAIN ANALYZE)
    queries: int = 0
    first_ms: float = float("nan")  # a first request, in-process (first_request)
    first_queries: int = 0

    def line(self) -> str:
        first = f"{self.first_ms:>8.1f} {self.first_queries:>7}"
        return f"{self.result.line()} {self.db_ms:>8.1f} {self.queries:>7} {first}"


def median(values: list[tuple[float, int]]) -> tuple[float, int]:
    return sorted(values)[len(values) // 2]


def search_section(port: int) -> list[SearchFigures]:
    """The search scenarios through HTTP, each with its queries' time inside PostgreSQL and, in-process, a first
    request's time (each the median of 5 URLs, 5 queries)."""
    results = []
    print(f"{HEADER} {SEARCH_COLUMNS}", flush=True)
    for name, make in search_paths().items():
        result = scenario_quiet(port, name, numbered(make))
        db_ms, queries = median(
            [database_ms(make(10**6 + n), warm=make(10**6 + n + SAME_QUERY_EVERY))[:2] for n in range(5)]
        )
        figures = SearchFigures(result, db_ms, queries)
        if name != "suggest":  # nothing of a suggestion is kept but its answer
            figures.first_ms, figures.first_queries = median([first_request(make(3 * 10**6 + n)) for n in range(5)])
        print(figures.line(), flush=True)
        results.append(figures)
    for name, make in cached_search_paths().items():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for n in range(100):  # each URL computed once before the measuring: the queries as people repeat them
            request(connection, make(n))
        connection.close()
        figures = SearchFigures(scenario_quiet(port, name, numbered(make)))
        print(figures.line(), flush=True)
        results.append(figures)
    return results


def scenario_quiet(port: int, name: str, next_path: Callable[[], str]) -> Result:
    hammer(port, name, next_path, seconds=3, limit=max(CONCURRENCY * 10, 100))
    return hammer(port, name, next_path, seconds=SECONDS, limit=MAX_REQUESTS)


def search_plans() -> None:
    print("\nQuery plans (EXPLAIN ANALYZE) of the slowest query of each search scenario:", flush=True)
    for name, make in search_paths().items():
        db_ms, queries, plan = database_ms(make(2 * 10**6), warm=make(2 * 10**6 + SAME_QUERY_EVERY))
        print(f"\n  {name}: GET {make(2 * 10**6)[:110]} ({queries} queries, {db_ms:.1f} ms in PostgreSQL)")
        print("\n".join(f"    {line}" for line in plan), flush=True)


def search_only() -> bool:
    return os.environ.get("BENCH_ONLY", "").lower() == "search"


# --- main ---------------------------------------------------------------------------------------------------


def main() -> int:
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Run me through `make bench` (scripts/dev.py with-database), which sets DATABASE_URL.")
    os.chdir(ROOT)
    for name in ("THROTTLE_ANON", "THROTTLE_USER"):  # the in-process requests that capture queries, too
        os.environ.setdefault(name, SERVER_ENV[name])
    # Those requests' cache of their own, new each run: an earlier run's answers to the same URLs are not found.
    os.environ["CACHE_KEY_PREFIX"] = f"nexus-bench-measuring-{time.time_ns()}"
    django_setup()
    manage("migrate", "--no-input", "-v", "0")
    jobs = ensure_jobs(BENCH_JOBS)
    slugs = [] if search_only() else listed_slugs(2000)
    port = free_port()
    server = server_start(port)
    global METER
    METER = CpuMeter(server.pid)
    results = []
    try:
        server_wait(port, server)
        print(
            f"\nServer up on 127.0.0.1:{port} ({WORKERS} workers); {jobs:,} jobs; {CONCURRENCY} connections; "
            f"each scenario {SECONDS:.0f} s "
            + ("(wrk)" if shutil.which("wrk") else f"or {MAX_REQUESTS} requests (Python threads; install wrk)")
            + " after a 3 s warm-up.\n",
            flush=True,
        )
        if not search_only():
            deep = follow_next(port, LIST, DEEP_PAGES)
            picker = random.Random(7)  # noqa: S311 - picks pages, not secrets
            print(HEADER, flush=True)
            results.append(scenario(port, "list, first page", lambda: LIST))
            results.append(scenario(port, f"list, cursor ~{DEEP_PAGES} pages deep", lambda: deep))
            results.append(scenario(port, "list, 3 filters", lambda: FILTERED))
            results.append(scenario(port, "detail by slug (random jobs)", lambda: f"{LIST}{picker.choice(slugs)}/"))
            popular = slugs[:50]  # most traffic goes to a few jobs: their pages come from the cache
            results.append(
                scenario(port, "detail by slug (50 popular jobs)", lambda: f"{LIST}{picker.choice(popular)}/")
            )
        print("\nSearch (every request computed: each URL is new to the response cache):", flush=True)
        searched = search_section(port)
    finally:
        server_stop(server)
    if results:
        print(f"\n{HEADER}\n" + "\n".join(result.line() for result in results))
    print(f"\n{HEADER} {SEARCH_COLUMNS}")
    print("\n".join(figures.line() for figures in searched))
    search_plans()
    if search_only():
        return 0
    print("\nQuery plans (EXPLAIN ANALYZE) of the list:", flush=True)
    explain_selector()
    explain_endpoints({"first page": LIST, "deep cursor": deep, "3 filters": FILTERED})
    return 0


if __name__ == "__main__":
    sys.exit(main())
