"""A real Celery worker in a subprocess: the test database, the real broker, a queue of its own."""

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from django.db import connection

CELERY = str(Path(sys.executable).with_name("celery"))
# One worker alone: no chatter with other workers on the broker.
QUIET = ["-l", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]


def test_database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(
        self, *, broker_url: str, extra_env: dict[str, str], queue: str | None = None, prefork: bool = False
    ) -> None:
        """A solo worker without a connection pool, or (prefork) a pool process with Django's connection pool,
        as the production worker runs."""
        self.queue = queue or f"test-{uuid.uuid4().hex[:12]}"
        self.lines: list[str] = []
        self.ready = threading.Event()
        env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "DATABASE_POOL": str(prefork).lower(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "LOG_FORMAT": "text",
            "LOG_LEVEL": "INFO",
            **extra_env,
        }
        self.process = subprocess.Popen(
            [
                CELERY,
                "-A",
                "config",
                "worker",
                *(["--pool=prefork", "--concurrency=1"] if prefork else ["--pool=solo"]),
                "-Q",
                self.queue,
                "-n",
                f"{uuid.uuid4().hex[:8]}@%h",
                *QUIET,
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if " ready." in line:
                self.ready.set()

    def wait_ready(self) -> "WorkerProcess":
        if not self.ready.wait(timeout=60):
            self.stop()
            raise RuntimeError("The worker did not start:\n" + "".join(self.lines))
        return self

    def count_lines(self, *texts: str) -> int:
        """Log lines holding all of `texts`."""
        return sum(all(text in line for text in texts) for line in list(self.lines))

    def wait_for_line(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if text in line:
                    return line
            time.sleep(0.1)
        raise AssertionError(f"No worker line with {text!r}:\n" + "".join(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
