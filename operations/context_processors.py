"""What every page may ask about the background workers, without the apps
below operations importing it: the pages of waiting jobs (booklets, sheets
of codes) say when no worker is taking jobs."""

from .workers import workers_taking_jobs


def background_workers(request):
    # The function itself: a template calls it (one query) only if it asks.
    return {"workers_taking_jobs": workers_taking_jobs}
