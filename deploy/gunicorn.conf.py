"""gunicorn's settings for the web process (deploy/README.md).

    gunicorn -c deploy/gunicorn.conf.py config.wsgi

The web process only answers requests: booklets and sheets of codes are
rendered by the Celery worker, so no request needs long and the timeouts
are short. Values an operator may change come from the environment (the
same /etc/hsa/env the site reads).
"""

import multiprocessing
import os

from config.gunicorn_logging import ACCESS_LOG_FORMAT

# nginx, on the same machine, forwards to this address; nothing else should
# reach it.
bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")

# Two workers per core and one more, the usual rule for synchronous workers,
# capped: each worker holds the whole site in memory.
MAX_WORKERS = 8
workers = int(os.environ.get("WEB_CONCURRENCY", 0)) or min(
    2 * multiprocessing.cpu_count() + 1, MAX_WORKERS
)

# A request that takes longer than this is a fault: the worker is replaced.
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
# On restart or reload, a worker finishes the request it holds within this.
graceful_timeout = 30
# Seconds an idle connection is held open. Sync workers close each
# connection after its request, and nginx speaks HTTP/1.0 without keepalive
# to its upstream by default, so this matters only with another worker class.
keepalive = 5

# A fresh worker now and then, at staggered times, so that slow growth of
# memory never builds up and workers never all restart at once.
max_requests = 1000
max_requests_jitter = 100

# The heartbeat file each worker touches: in memory, not on a disk that may
# stall (gunicorn's advice). /dev/shm is on every Linux machine.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Trust X-Forwarded-Proto (and -For) only from the proxy in front: nginx on
# this machine. With the proxy elsewhere, list its address here; the site's
# own TRUSTED_PROXY_HOPS says how many proxies add to X-Forwarded-For.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No runtime control socket: nobody manages the workers but systemd.
control_socket_disable = True

# Logs go to standard output and error, where journald collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
# The access line names the request (method, path without its query string,
# which may carry a code), status, size, duration and request id: no address,
# no browser, no referrer. SiteLogger writes gunicorn's lines in the site's
# format (LOG_FORMAT) with tokens in paths masked, as the site's own lines.
access_log_format = ACCESS_LOG_FORMAT
logger_class = "config.gunicorn_logging.SiteLogger"

proc_name = "hsa-web"
