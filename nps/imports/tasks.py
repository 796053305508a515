"""Background jobs of the imports app."""

from celery import shared_task

from nps.imports.services import jobs


@shared_task
def run_import_job(job_id: int) -> dict:
    return {"job": job_id, "status": jobs.run_job(job_id)}
