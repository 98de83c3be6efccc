"""What the broker holds: the messages waiting for a worker and those a
worker has taken but not yet acknowledged (the tasks acknowledge late, when
done). Read straight from Redis, kombu's own keys: Celery has no call that
lists them."""

from celery import current_app
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from .workers import tasks_run_in_process


def messages_held():
    """Every message the broker holds, waiting or being worked on, as raw
    bytes; None when that cannot be read (no Redis broker, or unreachable)."""
    if tasks_run_in_process():
        return None
    try:
        with current_app.connection_for_write() as connection:
            if connection.transport.driver_type != "redis":
                return None
            connection.ensure_connection(max_retries=1)
            channel = connection.default_channel
            queue = current_app.conf.task_default_queue
            # One transaction: a message moving from a queue to the taken
            # ones is not missed between two reads.
            reads = channel.client.pipeline(transaction=True)
            for priority in channel.priority_steps:
                reads.lrange(channel._q_for_pri(queue, priority), 0, -1)
            reads.hvals(channel.unacked_key)
            return b"\n".join(message for found in reads.execute() for message in found)
    except (OperationalError, RedisError, OSError):
        return None
