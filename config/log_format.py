"""How a log line looks: time (UTC), level, logger, request id and message,
as a readable line or as one JSON object a line (LOG_FORMAT=json) for a log
collector. Either way the finished line passes through
config.log_privacy.mask_secrets, so a token or code in a message, an extra
field or a traceback is masked wherever it came from."""

import logging
import time

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from config.log_privacy import mask_secrets

NO_REQUEST = "-"


class _UtcTime:
    """ISO 8601 times in UTC: the site's TIME_ZONE is set as the process's
    local time, and lines from servers in any zone should sort together."""

    def formatTime(self, record, datefmt=None):  # noqa: N802 (logging's name)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        return f"{stamp}.{int(record.msecs):03d}Z"


class TextFormatter(_UtcTime, logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = NO_REQUEST
        return mask_secrets(super().format(record))


class JsonFormatter(_UtcTime, _JsonFormatter):
    def __init__(self):
        super().__init__(
            ["asctime", "levelname", "name", "request_id", "message"],
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            rename_fields_keep_missing=True,
            # Django attaches the request object itself (and runserver its
            # time) to some records: the path is already in the message.
            reserved_attrs=[*RESERVED_ATTRS, "request", "server_time"],
        )

    def format(self, record):
        return mask_secrets(super().format(record))


FORMATTERS = {"text": TextFormatter, "json": JsonFormatter}
