"""Imports started from the admin console: a job row, run by a Celery worker.

The job's payload (V3's ZIP, V4's database URL and key, V3's passwords) is encrypted at rest and
erased once the job has run; the report (counts and reasons, no user data) stays for the admin.
A job that a killed worker left half done is simply run again (the import is one transaction).
"""

from __future__ import annotations

import base64
import json
import logging
import tempfile
from pathlib import Path

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from imports.models import ImportJob, JobStatus, Source
from imports.services import RecordFailure, archive
from imports.services.v3 import V3Importer
from imports.services.v4 import V4Importer

logger = logging.getLogger(__name__)


def start_job(
    *,
    created_by,
    owner,
    source: str,
    execute: bool,
    zip_bytes: bytes | None = None,
    passwords: list[str] = (),
    tz: str = "UTC",
    database_url: str = "",
    encryption_key: str = "",
    salt: str = "",
) -> ImportJob:
    """Record the job and queue it (it runs when this transaction commits; at once when eager)."""
    if source == Source.V3:
        if zip_bytes is None:
            raise archive.ArchiveRefused(gettext("Choose the ZIP of the V3 folder."))
        archive.check(zip_bytes)
        payload = {
            "zip": base64.b64encode(zip_bytes).decode(),
            "passwords": list(passwords),
            "timezone": tz,
        }
    else:
        payload = {"database_url": database_url, "encryption_key": encryption_key, "salt": salt}
    job = ImportJob.objects.create(
        source=source,
        owner=owner,
        created_by=created_by,
        execute=execute,
        payload=json.dumps(payload),
    )
    transaction.on_commit(lambda: run_import_job.delay(job.pk))
    return job


def run_job(job_id: int) -> str:
    """Run a queued job; returns its final status."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status not in (JobStatus.PENDING, JobStatus.RUNNING):
        return job.status if job else "missing"
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    payload = json.loads(job.payload or "{}")
    status, error, report = JobStatus.DONE, "", None
    try:
        report = _run(job, payload).as_dict()
    except RecordFailure as exc:
        status, error = JobStatus.FAILED, str(exc)
    except Exception as exc:  # reported on the job; the traceback goes to the worker's log
        logger.exception("import job %s failed", job.pk)
        status, error = JobStatus.FAILED, f"Unexpected error ({type(exc).__name__}); see the log."
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        error=error,
        report=report,
        payload=None,
        finished_at=timezone.now(),
    )
    return status


# Queued by `start_job`; named as when the app was `nps/imports`, so queued jobs still run.
@shared_task(name="nps.imports.tasks.run_import_job")
def run_import_job(job_id: int) -> dict:
    return {"job": job_id, "status": run_job(job_id)}


def _run(job: ImportJob, payload: dict):
    common = {"owner": job.owner, "execute": job.execute, "job": job}
    if job.source == Source.V4:
        return V4Importer(
            database_url=payload.get("database_url", ""),
            encryption_key=payload.get("encryption_key", ""),
            salt=payload.get("salt", ""),
            **common,
        ).run()
    folder = Path(tempfile.mkdtemp(prefix="nps-import-"))
    try:
        try:
            root = archive.unpack(base64.b64decode(payload["zip"]), folder)
        except archive.ArchiveRefused as exc:
            raise RecordFailure(exc.message) from None
        return V3Importer(
            path=root,
            passwords=payload.get("passwords", []),
            tz=payload.get("timezone", "UTC"),
            **common,
        ).run()
    finally:
        archive.discard(folder)
