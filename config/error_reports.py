"""Error reports to Sentry, when SENTRY_DSN is set (off by default).

A report tells what failed and where, never who: no user, address, cookie,
header beyond a harmless few, request body, query string or local variable
is sent, and the tokens of links are masked wherever they appear (the URL, the
message, the breadcrumbs of log lines). Each report carries the request id,
to find the request's log lines.
"""

import sentry_sdk
from django_guid import get_guid

from config.log_privacy import mask_secrets

# Headers that say nothing of the person: what was asked for, in which language.
SAFE_HEADERS = {"host", "content-type", "content-length", "accept", "accept-language"}


def start_error_reports(dsn, environment, traces_sample_rate, **options):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        # 0: no performance traces, not even those another service began.
        traces_sample_rate=traces_sample_rate or None,
        # What the integrations collect in the first place (sentry-sdk 3's
        # successor of send_default_pii and include_local_variables);
        # without_personal_data removes the same again, whatever collected it.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SAFE_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        before_send=without_personal_data,
        **options,
    )


def without_personal_data(event, hint):
    event.pop("user", None)
    request = event.get("request")
    if request:
        for key in ("cookies", "data", "query_string", "env"):
            request.pop(key, None)
        request["headers"] = {
            name: value
            for name, value in (request.get("headers") or {}).items()
            if name.lower() in SAFE_HEADERS
        }
    request_id = get_guid()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return _masked(event)


def _masked(value):
    """Every text in the report, however deep, with its secrets masked."""
    if isinstance(value, str):
        return mask_secrets(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    return value
