"""The production stack on this machine, for checking and measuring it:
DEBUG off with a random SECRET_KEY, a fresh PostgreSQL database, a Redis
server of its own (so that it can be stopped midway without touching
anyone else's), static files collected with the production storage,
gunicorn (with deploy/gunicorn.conf.py when there is one), a Celery worker
and the scheduler. Everything listens on 127.0.0.1 only and is behind one
reverse proxy as far as the site knows (TRUSTED_PROXY_HOPS=1: the browser
in deploy/browser.py sends what the proxy would).

    with Stack("hsa_prodcheck") as stack:
        Browser(stack.port).get("/")

Leaving the block stops every process the stack started, whatever
happened, and so does the end of the Python process (atexit)."""

import atexit
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from deploy.browser import ADDRESS, Browser

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
START_SECONDS = 60  # for any one process to be ready
SETUP_SECONDS = 180  # for collectstatic, migrate and the demo
STOP_SECONDS = 10  # before a process that does not stop is killed

# Each answer in the access log (after the site's time, level, logger and
# request id) with the pid of the worker that gave it and
# the label the browser sent as User-Agent.
ACCESS_FORMAT = '%(p)s %(a)s "%(r)s" %(s)s'
ACCESS_LINE = re.compile(r'<(?P<pid>\d+)> (?P<label>\S+) "[^"]*" (?P<status>\d{3})$')


class StackError(Exception):
    """A part of the stack did not start or stopped on its own."""


class OutOfTime(Exception):
    """Not an OSError (as TimeoutError is): nothing that catches those may
    swallow it."""


def end_cleanly(seconds: int) -> None:
    """Make being stopped (a signal) or running out of `seconds` an
    exception, so that the stack's `with` block stops everything it
    started."""

    def stopped(number, _frame):
        raise SystemExit(f"stopped by {signal.Signals(number).name}")

    def out_of_time(_number, _frame):
        raise OutOfTime(f"still running after {seconds} s")

    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, stopped)
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(seconds)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((ADDRESS, 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    try:
        socket.create_connection((ADDRESS, port), timeout=0.5).close()
    except OSError:
        return False
    return True


def recreate_database(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Process:
    """One server process in a process group of its own, its output in a
    log file; stopping it stops the group (gunicorn's and Celery's workers
    too)."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path):
        self.name, self.command, self.env, self.log_path = name, command, env, log
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.popen = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def check_running(self) -> None:
        if self.popen is not None and not self.running():
            raise StackError(f"{self.name} stopped on its own:\n{self.tail()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def stop(self) -> None:
        if self.popen is None:
            return
        if self.popen.poll() is None:
            self._signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=STOP_SECONDS)
        # Whatever of the group is left (a worker that outlived its master).
        self._signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=STOP_SECONDS)

    def _signal(self, number: int) -> None:
        assert self.popen is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, number)


class Stack:
    """The site as production runs it, on its own database, Redis and
    folders. `web_workers` gunicorn processes; JOB_SWEEP_SECONDS for the
    scheduler's sweep of waiting jobs."""

    def __init__(self, database: str, *, web_workers: int = 3, sweep_seconds: int = 5):
        self.database = database
        self.web_workers = web_workers
        self.folder = Path(tempfile.mkdtemp(prefix=f"{database}-"))
        self.logs = self.folder / "logs"
        self.logs.mkdir()
        self.port = free_port()
        self.redis_port = free_port()
        self.database_url = f"{POSTGRES}/{database}"
        self.env = self._environment(sweep_seconds)
        self.redis = Process("redis-server", self._redis_command(), self.env, self.logs / "redis")
        self.web = Process("gunicorn", self._gunicorn_command(), self.env, self.logs / "gunicorn")
        self.worker = Process("celery worker", self._worker_command(), self.env, self.logs / "w")
        self.beat = Process("celery beat", self._beat_command(), self.env, self.logs / "beat")
        self.failed = False

    # --- the environment a deployment sets -------------------------------------------

    def _environment(self, sweep_seconds: int) -> dict:
        media = self.folder / "media"
        return {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "CODE_SECRET": secrets.token_urlsafe(50),
            "BALLOT_SECRET": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": ADDRESS,
            # HTTPS ends at the reverse proxy, which says so in
            # X-Forwarded-Proto and adds the client to X-Forwarded-For.
            "TRUSTED_PROXY_HOPS": "1",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://{ADDRESS}:{self.redis_port}/0",
            "STATIC_ROOT": str(self.folder / "static"),
            # Web and worker share these, as servers share a volume.
            "MEDIA_ROOT": str(media),
            "BOOKLET_ROOT": str(media / "booklets"),
            "JOB_SWEEP_SECONDS": str(sweep_seconds),
            "LOG_LEVEL": "WARNING",
        }

    def _redis_command(self) -> list[str]:
        return [
            "redis-server",
            *("--bind", ADDRESS, "--port", str(self.redis_port)),
            *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
        ]

    def _gunicorn_command(self) -> list[str]:
        # Options given here win over the configuration file's: the address,
        # the number of workers, and an access log naming the worker.
        config = ["--config", str(GUNICORN_CONF)] if GUNICORN_CONF.exists() else []
        return [
            *(PYTHON, "-m", "gunicorn", *config, "config.wsgi"),
            *("--bind", f"{ADDRESS}:{self.port}", "--workers", str(self.web_workers)),
            *("--access-logfile", str(self.logs / "access"), "--access-logformat", ACCESS_FORMAT),
            *("--error-logfile", "-", "--log-level", "info", "--no-control-socket"),
        ]  # fmt: skip

    def _worker_command(self) -> list[str]:
        return [
            *(PYTHON, "-m", "celery", "-A", "config", "worker"),
            *("--hostname", f"{self.database}@%h", "--concurrency", "2", "--loglevel", "info"),
        ]

    def _beat_command(self) -> list[str]:
        return [
            *(PYTHON, "-m", "celery", "-A", "config", "beat", "--loglevel", "info"),
            *("--schedule", str(self.folder / "beat-schedule")),
            *("--pidfile", str(self.folder / "beat.pid")),
        ]

    # --- starting and stopping -------------------------------------------------------

    def __enter__(self) -> "Stack":
        atexit.register(self.stop)
        try:
            self.start()
        except BaseException:
            self.failed = True
            self.stop()
            raise
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.failed = self.failed or kind is not None
        self.stop()

    def start(self) -> None:
        if shutil.which("redis-server") is None:
            raise StackError("redis-server is not installed (Debian: apt-get install redis-server)")
        recreate_database(self.database)
        self.start_redis()
        for step in (
            ["collectstatic", "--noinput", "-v0"],
            ["migrate", "-v0"],
            ["load_demo"],
        ):
            self.manage(*step)
        self.web.start()
        self.worker.start()
        self.beat.start()
        self.wait_for_web()
        self.wait_for_worker()

    def manage(self, *arguments: str, timeout: float = SETUP_SECONDS) -> str:
        """Run a manage.py command on the stack's settings; its output."""
        done = subprocess.run(
            [PYTHON, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            raise StackError(f"manage.py {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def start_redis(self) -> None:
        self.redis.start()
        self._wait(self.redis, lambda: listening(self.redis_port))

    def stop_redis(self) -> None:
        self.redis.stop()

    def wait_for_web(self) -> None:
        """Until each of gunicorn's workers has answered: each loads the
        site on its own."""
        self._wait(self.web, lambda: listening(self.port))
        burst = 0

        def every_worker_answered():
            nonlocal burst
            burst += 1
            labels = [f"start-{burst}-{n}" for n in range(2 * self.web_workers)]
            self.requests("/health/", labels)
            return len(self.pids_answering(labels)) == self.web_workers

        self._wait(self.web, every_worker_answered)

    def wait_for_worker(self) -> None:
        self._wait(self.worker, lambda: " ready." in self.worker.log())

    def _wait(self, process: Process, ready) -> None:
        deadline = time.monotonic() + START_SECONDS
        while not ready():
            process.check_running()
            if time.monotonic() > deadline:
                raise StackError(f"{process.name} was not ready in {START_SECONDS} s")
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop everything (again is harmless); keep the database and the
        logs of a failed run for a look, remove those of a good one."""
        for process in (self.beat, self.worker, self.web, self.redis):
            process.stop()
        atexit.unregister(self.stop)
        if self.failed:
            print(f"The stack's logs and database are kept: {self.logs}, {self.database}")
        elif self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)
            drop_database(self.database)

    def check_running(self) -> None:
        for process in (self.web, self.worker, self.beat):
            process.check_running()

    # --- which worker answered -------------------------------------------------------

    def requests(self, path: str, labels: list[str]) -> list:
        """The same page for each label, side by side, each on a fresh
        connection; refused connections are None."""

        def one(label):
            try:
                return Browser(self.port).get(path, label)
            except OSError:
                return None

        with ThreadPoolExecutor(len(labels)) as pool:
            return list(pool.map(one, labels))

    def pids_answering(self, labels, timeout: float = 5) -> set[str]:
        """The gunicorn workers that answered these labels, from the access
        log (a worker writes its line just after answering)."""
        wanted = set(labels)
        deadline = time.monotonic() + timeout
        while True:
            found = self._access_log(wanted)
            if {label for label, _ in found} >= wanted or time.monotonic() > deadline:
                return {pid for _, pid in found}
            time.sleep(0.05)

    def _access_log(self, labels: set[str]) -> list[tuple[str, str]]:
        path = self.logs / "access"
        if not path.exists():
            return []
        found = []
        for line in path.read_text(errors="replace").splitlines():
            match = ACCESS_LINE.search(line)
            if match and match["label"] in labels:
                found.append((match["label"], match["pid"]))
        return found

    def tails(self) -> str:
        """The end of every process's log, for a failed run's report."""
        return "\n".join(
            f"--- {p.name} ---\n{p.tail()}" for p in (self.web, self.worker, self.beat, self.redis)
        )
