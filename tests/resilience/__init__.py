"""What the outage tests share: an answer that must come, and soon."""

import time

# Every answer comes within this many seconds while Redis is away.
PATIENCE = 5


def answered(call, *args, **kwargs):
    """Make one request; it must not be a server error, nor keep the person waiting."""
    started = time.monotonic()
    response = call(*args, **kwargs)
    took = time.monotonic() - started
    assert response.status_code < 500, response
    assert took < PATIENCE, f"{args[0] if args else ''} took {took:.1f} s"
    return response
