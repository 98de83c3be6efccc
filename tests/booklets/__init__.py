"""Tests of the printed booklets."""

from contextlib import contextmanager

from config.celery import app


@contextmanager
def celery_conf(**changes):
    """Change the Celery app's configuration in this process for a while."""
    saved = {key: app.conf.get(key) for key in changes}
    app.conf.update(changes)
    forget_broker_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        forget_broker_connections()


def forget_broker_connections():
    # The app keeps the pool of its broker connections from first use; after
    # broker_url changes, the next message must take the new broker's pool.
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def folder_broker(folder):
    """The configuration of a broker kept in `folder` (made here): it
    accepts messages, and no worker reads them unless one is started on it."""
    for name in ("messages", "processed", "control"):
        (folder / name).mkdir(parents=True)
    return {
        "task_always_eager": False,
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(folder / "messages"),
            "data_folder_out": str(folder / "messages"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
        },
    }
