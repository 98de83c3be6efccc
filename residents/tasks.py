"""The code sheet's background job, where Celery looks for it. It is declared
in residents.sheets beside the work it does, with the same guarantees as the
booklet's (booklets.jobs.job_task): `make_sheet` is safe to run again."""

from .sheets import make_code_sheet

__all__ = ["make_code_sheet"]
