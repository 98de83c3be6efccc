"""A redis-server of the test's own, on a free port, that the test may stop,
start again, or freeze (SIGSTOP: it accepts connections and never answers,
as a hanging Redis does). The machine's shared Redis is never touched."""

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import redis

INSTALLED = shutil.which("redis-server") is not None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """`password`: one the server asks for, to check it is never shown."""

    def __init__(self, folder, password=None):
        self.folder = folder
        self.port = free_port()
        self.password = password
        self.process = None

    @property
    def url(self):
        credentials = f":{self.password}@" if self.password else ""
        return f"redis://{credentials}127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=5)

    def start(self):
        # No snapshots of its own, no append-only file; a snapshot asked for
        # with keep() is read back when it starts again, as a Redis that
        # persists its data would come back after a restart.
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.folder),
                *(("--requirepass", self.password) if self.password else ()),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def keep(self):
        """Write what Redis holds to disk, to be read back on the next start."""
        redis.Redis.from_url(self.url).save()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    @contextmanager
    def frozen(self):
        """The server accepts connections but answers nothing: it hangs."""
        self.freeze()
        try:
            yield
        finally:
            self.thaw()

    def close(self):
        if self.process is not None:
            self.thaw()
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
