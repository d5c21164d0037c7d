"""The production server: gunicorn managing uvicorn workers (HTTP and websockets over ASGI).

    gunicorn -c config/gunicorn.conf.py config.asgi:application      (or: make serve)

Every value can be changed through the environment; the defaults suit a container behind a
reverse proxy (nginx) that terminates TLS and buffers slow clients.
"""

import os
import shutil
import tempfile


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("BIND", f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}")  # noqa: S104
worker_class = "uvicorn_worker.UvicornWorker"
# Each worker answers anonymous cache hits on its event loop and runs Django's synchronous views in
# threads, which overlap their waits on PostgreSQL and Redis: one worker per core keeps the cores busy.
# More processes than cores only queue for the CPU while holding their GIL, and a view waiting for its
# interpreter lock waits for that queue too: under the load test's mix, 4 workers on 2 cores answered the
# applications and logins about a third slower than 2 workers.
workers = _int("WEB_CONCURRENCY", os.cpu_count() or 1)
keepalive = _int("KEEPALIVE_SECONDS", 5)  # idle keep-alive connections: a little longer than nginx's upstream
timeout = _int("WORKER_TIMEOUT_SECONDS", 30)  # a worker silent this long is restarted
graceful_timeout = _int("GRACEFUL_TIMEOUT_SECONDS", 30)  # in-flight requests finish on reload or stop
# Recycling a worker after so many requests (off by default) closes its idle keep-alive connections: a client
# that sent a request on one at that instant gets a reset, not an answer. Only worth it against a leak.
max_requests = _int("MAX_REQUESTS", 0)
max_requests_jitter = _int("MAX_REQUESTS_JITTER", 0)
backlog = _int("BACKLOG", 2048)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("ACCESS_LOG") or None  # "-" for stdout; off by default (the app logs each error)
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
preload_app = False  # each worker imports the app itself: safe with database connections and metrics

# Prometheus figures of all workers are merged at /api/metrics/ through files in one folder. Set before
# prometheus_client is first imported (workers inherit the master's modules), hence the late imports.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="nexus-metrics-")
os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir


def on_starting(server: object) -> None:
    shutil.rmtree(_metrics_dir, ignore_errors=True)
    os.makedirs(_metrics_dir, exist_ok=True)


def child_exit(server: object, worker: object) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]


def post_fork(server: object, worker: object) -> None:
    """How long a thread running Python keeps the GIL when another wants it. The event loop answers cache
    hits between short waits on sockets; while a view thread runs Python, the loop waits for the GIL after
    every one of them, up to the interval each time (CPython's default: 5 ms). A shorter interval lets hits
    through beside a busy view."""
    import sys

    sys.setswitchinterval(float(os.environ.get("GIL_SWITCH_INTERVAL_SECONDS", "0.0005")))
