"""The booklet's background job, where Celery looks for it. It is declared in
booklets.services beside the work it does (booklets.jobs.job_task says how
it survives a lost worker and a hung render)."""

from .services import render_booklet

__all__ = ["render_booklet"]
