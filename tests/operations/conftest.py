"""A Redis server of the test's own, which it may stop, freeze and empty
(never the machine's shared one), with a password, so that the tests can
check it is never shown."""

import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import redis

from tests.booklets import celery_conf

PASSWORD = "hunter2-never-shown"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RedisServer:
    process: subprocess.Popen
    port: int

    @property
    def url(self):
        return f"redis://:{PASSWORD}@127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=5)

    @contextmanager
    def frozen(self):
        """The server accepts connections but answers nothing: it hangs."""
        os.kill(self.process.pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis_server(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
            "--requirepass",
            PASSWORD,
        ],
        stdout=subprocess.DEVNULL,
    )
    server = RedisServer(process, port)
    deadline = time.monotonic() + 10
    while True:
        try:
            server.client().ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def closed_port_url():
    """Where Redis would be, with its password, but nothing listens."""
    return f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"


def redis_cache(url):
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


@pytest.fixture
def with_redis(settings, redis_server):
    """The site as with REDIS_URL set: cache and broker on the test's Redis."""
    settings.CACHES = redis_cache(redis_server.url)
    with celery_conf(task_always_eager=False, broker_url=redis_server.url):
        yield redis_server
