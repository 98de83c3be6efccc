"""The code sheet's background job, with the same guarantees as the
booklet's (booklets.jobs.job_task): `make_sheet` is safe to run again."""

from booklets.jobs import job_task

from .sheets import make_sheet


@job_task
def make_code_sheet(sheet_id):
    make_sheet(sheet_id)
