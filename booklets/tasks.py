"""The booklet's background job (booklets.jobs.job_task says how it
survives a lost worker and a hung render)."""

from .jobs import job_task
from .services import render_job


@job_task
def render_booklet(job_id):
    render_job(job_id)
