"""gunicorn's own lines (its access log and error log) in the site's format:
time, level, logger, request id, message, as text or JSON (LOG_FORMAT), with
the tokens of links and every query string masked.

deploy/gunicorn.conf.py uses it with:

    from config.gunicorn_logging import ACCESS_LOG_FORMAT
    accesslog = "-"
    access_log_format = ACCESS_LOG_FORMAT
    logger_class = "config.gunicorn_logging.SiteLogger"

An access line holds no address, user agent or referrer: the site keeps no
record of who visited from where. Nor does it hold the query string (%(q)s):
the formatter masks tokens and query strings in the rest of the line (the
path %(U)s, the request line %(r)s), but a bare query string looks like any
other text. The request id is the one the site
returned in X-Request-ID, so a line matches the site's own lines for it.
"""

import os
from pathlib import Path

import environ
from gunicorn.glogging import Logger

from config.log_format import FORMATTERS

# Method, path, protocol; status, bytes sent, milliseconds taken.
ACCESS_LOG_FORMAT = '"%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
REQUEST_ID = "{x-request-id}o"


class SiteLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # The settings read LOG_FORMAT from the environment or from .env.
        environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env", overwrite=False)
        formatter = FORMATTERS[os.environ.get("LOG_FORMAT", "text").lower()]()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        # In the line's request id field rather than in its message.
        self.access_log.info(
            self.cfg.access_log_format,
            self.atoms_wrapper_class(atoms),
            extra={"request_id": atoms.get(REQUEST_ID)},
        )
