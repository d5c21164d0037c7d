"""`make loadtest`: the production server under a realistic mix of requests, next to its own ceiling.

Run through `scripts/dev.py with-database` (DATABASE_URL set). It seeds up to LOAD_JOBS jobs (default
1,000,000; an existing set is reused), starts the production server (gunicorn + uvicorn workers from
config/gunicorn.conf.py, DJANGO_ENV=production, the Redis cache at REDIS_URL, rate limits lifted through
the THROTTLE_* variables), warms the cache with one pass over the pages of the mix, then drives it with
wrk on loopback (LOAD_CONNECTIONS keep-alive connections, LOAD_SECONDS per run):

- the ceiling: a trivial JSON endpoint of the same server (/api/health/live/);
- cached job list pages and job pages alone, each also as a share of the ceiling's requests/s;
- the mix's reads alone (without its logins and applications), to show what the writes cost the rest;
- the whole mix: lists and filters, job pages, searches and suggestions, company and taxonomy pages,
  a few logins and applications; with its error rate and the shared cache's hit ratio.

A Celery worker runs beside the server (at nice 10) when a broker answers (CELERY_BROKER_URL, else the
local RabbitMQ), as in production; without one, the applications' notifications run inside the requests.

Figures only: nothing here passes or fails. Needs wrk (Debian package `wrk`).
"""

import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench import answering, django_setup, ensure_jobs, free_port, listed_slugs, server_stop

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "loadtest.lua"
JOBS = int(os.environ.get("LOAD_JOBS", "1000000"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "20"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "16"))
THREADS = int(os.environ.get("LOAD_THREADS", "1"))
MIX_LINES = 200_000  # requests in the mix file; each wrk thread replays its share in order
LIFTED = "off"  # rate limits lifted by configuration
rng = random.Random(2026)  # noqa: S311 - picks requests, nothing secret
# One key for this script and the server, so that the tokens made here for the applying seekers are valid there.
SECRET_KEY = os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))


def broker_url() -> str:
    """The Celery broker the server hands its tasks to, when one answers (else they run inside the requests)."""
    return answering(os.environ.get("CELERY_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672//", 5672)


BROKER_URL = broker_url()


def server_env(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "CELERY_BROKER_URL": BROKER_URL,
        "DJANGO_ENV": "production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; TLS is the proxy's job
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/7",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        **{f"THROTTLE_{scope}": LIFTED for scope in ("ANON", "USER", "LOGIN", "REGISTER", "PASSWORD_RESET", "APPLY")},
    }


def server_start(port: int) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "config/gunicorn.conf.py",
        "config.asgi:application",
    ]
    print(f"Starting the production server: gunicorn -c config/gunicorn.conf.py on port {port}", flush=True)
    server = subprocess.Popen(command, cwd=ROOT, env=server_env(port), start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server exited with {server.returncode}.")
        try:
            if get(port, "/api/health/live/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.25)
    raise SystemExit("The server did not answer /api/health/live/ in time.")


def worker_start() -> subprocess.Popen | None:
    """A Celery worker beside the server, as in production (notifications and emails of the applications), at a
    lower CPU priority: on a shared machine, background work should yield to the requests being answered."""
    if not BROKER_URL:
        print("No Celery broker answers: background tasks run inside the requests.", flush=True)
        return None
    command = ["nice", "-n", "10", str(Path(sys.executable).parent / "celery"), "-A", "config", "worker"]
    command += ["--concurrency=1"]
    command += ["--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    print("Starting a Celery worker (concurrency 1, nice 10) for the background tasks.", flush=True)
    worker = subprocess.Popen(command, cwd=ROOT, env=server_env(0), start_new_session=True)
    lower_session_priority(worker.pid)
    return worker


def lower_session_priority(pid: int) -> None:
    """Where Linux groups each session's processes for CPU time (autogroup), a nice value only ranks a process
    within its own session: the worker's session as a whole would get as much CPU as the server's. Its
    session is niced too."""
    autogroup = Path(f"/proc/{pid}/autogroup")
    if autogroup.exists():
        try:
            autogroup.write_text("10")
        except OSError:
            print("Could not lower the worker session's CPU priority (autogroup).", flush=True)


def get(port: int, path: str, *, body: bytes | None = None, token: str = "") -> tuple[int, bytes]:
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = token
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- what the mix asks -----------------------------------------------------------------------------------------


def zipf_pick(items: list[str]) -> str:
    """Popular items more often: the k-th is picked about 1/k as often as the first."""
    return items[min(int(rng.paretovariate(1.0)) - 1, len(items) - 1)]


def list_paths() -> list[str]:
    from nexus.taxonomy.models import Category

    filters = [
        "",
        "?employment_type=full_time",
        "?employment_type=contract",
        "?remote_type=remote",
        "?remote_type=hybrid",
        "?experience_level=senior",
        "?experience_level=entry",
        "?sort=newest",
        "?sort=salary",
        "?salary_min=60000",
        "?employment_type=full_time&remote_type=remote",
        "?experience_level=mid&salary_min=40000",
        "?country=us",
        "?country=de",
        "?posted_within=7",
    ]
    # Numbered pages (`?page=2`) are left out: each counts every match (a second on a million jobs) and
    # clients page with the default cursors; the list's `next` links are cursor pages like the first.
    categories = Category.objects.filter(parent=None).order_by("path").values_list("pk", flat=True)[:12]
    filters += [f"?category={pk}" for pk in categories]
    return [f"/api/v1/jobs/{query}" for query in filters] + ["/api/v1/jobs/featured/", "/api/v1/jobs/trending/"]


def search_paths() -> list[str]:
    words = ["python", "data engineer", '"machine learning"', "pyhton", "react developer", "nurse", "sales manager"]
    words += ["java -junior", "kubernets", "devops OR sre", "accountant", "product designer", "marketing"]
    paths = [f"/api/v1/jobs/search/?q={urllib.parse.quote(word)}" for word in words]
    paths += [f"/api/v1/jobs/?q={urllib.parse.quote(word)}" for word in words[:5]]
    paths += ["/api/v1/jobs/search/?q=engineer&remote_type=remote", "/api/v1/jobs/search/?q=developer&near=Berlin"]
    return paths


def suggest_paths() -> list[str]:
    prefixes = ["pyt", "dat", "eng", "java", "rea", "man", "ber", "lon", "nur", "sal", "dev", "des", "acc", "mar"]
    return [f"/api/v1/jobs/search/suggest/?q={prefix}" for prefix in prefixes]


def catalog_paths() -> list[str]:
    from nexus.companies.models import Company

    slugs = Company.objects.filter(moderation_status="approved").order_by("?").values_list("slug", flat=True)[:200]
    pages = [f"/api/v1/companies/{slug}/" for slug in slugs]
    return [*pages, "/api/v1/categories/?tree=true", "/api/v1/industries/", "/api/v1/skills/", "/api/v1/companies/"]


def login_lines(count: int) -> list[str]:
    from nexus.accounts.models import User
    from nexus.jobs.seeding.people import SEED_EMAIL_DOMAIN, SEED_PASSWORD

    emails = User.objects.filter(role="seeker", email__endswith=f"@{SEED_EMAIL_DOMAIN}").values_list("email", flat=True)
    bodies = [json.dumps({"email": email, "password": SEED_PASSWORD}) for email in emails.order_by("?")[:count]]
    return [f"POST\t/api/v1/auth/login/\t\t{body}" for body in bodies]


# The smallest well-formed PDF: a resume for the seekers who apply during the run.
RESUME_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def application_lines(count: int, job_ids: list[int]) -> list[str]:
    """One application per (seeker, job) pair, never repeated: each seeker applies to distinct jobs with a resume."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nexus.accounts.models import User
    from nexus.accounts.services import tokens_issue
    from nexus.applications.models import Application
    from nexus.applications.services import document_upload

    applied = set(Application.objects.values_list("applicant_id", "job_id"))
    seekers = list(User.objects.filter(role="seeker", is_active=True).order_by("?")[: max(count // 5, 1)])
    tokens = {seeker.pk: "Bearer " + tokens_issue(user=seeker)["access"] for seeker in seekers}
    resumes = {
        seeker.pk: document_upload(owner=seeker, upload=SimpleUploadedFile("resume.pdf", RESUME_PDF)).pk
        for seeker in seekers
    }
    lines: list[str] = []
    for index, job_id in enumerate(job_ids * 5):
        seeker = seekers[index % len(seekers)]
        if (seeker.pk, job_id) in applied or len(lines) >= count:
            continue
        applied.add((seeker.pk, job_id))
        body = json.dumps({"job": job_id, "resume": resumes[seeker.pk], "cover_letter": "I would like to join."})
        lines.append(f"POST\t/api/v1/applications/\t{tokens[seeker.pk]}\t{body}")
    return lines


def get_line(path: str) -> str:
    return f"GET\t{path}\t\t"


def write_lines(lines: list[str]) -> Path:
    handle = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False)  # noqa: SIM115 - kept for wrk
    with handle:
        handle.write("\n".join(lines) + "\n")
    return Path(handle.name)


# --- running wrk ---------------------------------------------------------------------------------------------


def wrk(port: int, name: str, lines: list[str]) -> dict:
    requests_file = write_lines(lines)
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "-s", str(LUA)]
    command += [f"http://127.0.0.1:{port}", "--", str(requests_file), str(THREADS)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    requests_file.unlink()
    figures = json.loads(output.strip().splitlines()[-1])
    figures["name"] = name
    figures["rps"] = figures["requests"] / figures["seconds"]
    errors = figures["client_errors"] + figures["server_errors"] + figures["socket_errors"]
    figures["error_rate"] = errors / figures["requests"] if figures["requests"] else 0.0
    return figures


def cache_lookups(port: int) -> tuple[float, float]:
    """Hits and misses of the shared response cache so far, all areas and workers together."""
    text = get(port, "/api/metrics/")[1].decode()
    totals = {"hit": 0.0, "miss": 0.0}
    for result, value in re.findall(r'nexus_response_cache_lookups_total\{[^}]*result="(hit|miss)"[^}]*\} (\S+)', text):
        totals[result] += float(value)
    return totals["hit"], totals["miss"]


def warm(port: int, paths: list[str]) -> None:
    started = time.monotonic()
    for path in paths:
        get(port, path)
    print(f"Warmed the cache with {len(paths):,} pages in {time.monotonic() - started:.1f} s.", flush=True)


def report(rows: list[dict], ceiling: dict) -> None:
    print(
        f"\n{'scenario':<26} {'requests':>9} {'req/s':>9} {'of ceiling':>10} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>8}"
    )
    for row in rows:
        share = row["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0
        print(
            f"{row['name']:<26} {row['requests']:>9,} {row['rps']:>9.1f} {share:>9.0%} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['error_rate']:>8.2%}"
        )


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    django_setup()
    total = ensure_jobs(JOBS)
    slugs = listed_slugs(2000)
    from django.urls import NoReverseMatch, reverse

    from nexus.jobs.models import Job

    details = [f"/api/v1/jobs/{slug}/" for slug in slugs]
    lists, catalog = list_paths(), catalog_paths()
    try:
        reverse("job-search")
        searches, suggestions = search_paths(), suggest_paths()
    except NoReverseMatch:
        searches, suggestions = [], []
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, check=True)
    port = free_port()
    server, worker = server_start(port), worker_start()
    try:
        print(f"{total:,} jobs; {CONNECTIONS} connections, {THREADS} wrk thread(s), {SECONDS} s per run.", flush=True)
        warm(port, lists + details + catalog + searches + suggestions)
        # Applications go to jobs that ask no screening questions (the others need answers to be accepted).
        job_ids = list(Job.objects.filter(slug__in=slugs, screening_questions=[]).values_list("pk", flat=True))
        mix = [
            *(get_line(rng.choice(lists)) for _ in range(int(MIX_LINES * 0.30))),
            *(get_line(zipf_pick(details)) for _ in range(int(MIX_LINES * 0.35))),
            *(get_line(rng.choice(searches)) for _ in range(int(MIX_LINES * 0.15) if searches else 0)),
            *(get_line(rng.choice(suggestions)) for _ in range(int(MIX_LINES * 0.10) if suggestions else 0)),
            *(get_line(rng.choice(catalog)) for _ in range(int(MIX_LINES * 0.08))),
            *login_lines(int(MIX_LINES * 0.002)),
        ]
        try:
            reverse("application-list")
            mix += application_lines(int(MIX_LINES * 0.01), job_ids)
        except NoReverseMatch:
            pass
        rng.shuffle(mix)

        ceiling = wrk(port, "ceiling (health/live)", [get_line("/api/health/live/")])
        rows = [
            ceiling,
            wrk(port, "cached job list", [get_line(path) for path in lists]),
            wrk(port, "job page", [get_line(zipf_pick(details)) for _ in range(20_000)]),
        ]
        rows.append(wrk(port, "mix, reads only", [line for line in mix if line.startswith("GET\t")]))
        hits_before, misses_before = cache_lookups(port)
        rows.append(wrk(port, "whole mix", mix))
        hits, misses = cache_lookups(port)
        report(rows, ceiling)
        looked_up = (hits - hits_before) + (misses - misses_before)
        ratio = (hits - hits_before) / looked_up if looked_up else 0.0
        print(f"\nShared cache during the mix: {ratio:.1%} hits of {looked_up:,.0f} lookups.")
        print(
            f"Server errors (5xx) in the mix: {rows[-1]['server_errors']}; client errors: {rows[-1]['client_errors']}."
        )
    finally:
        server_stop(server)
        if worker is not None:
            # a warm shutdown: the worker's main process stops its pool (a signal to the whole group would
            # reach the pool's process first, which the worker reports as lost)
            server_stop(worker, name="Worker", whole_group=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
