"""Background jobs of the imports app.

`run_import_job` is declared where it is queued (`imports.services.jobs`) and keeps the name it had
when the app was `nps/imports`; imported here so the worker registers it.
"""

from imports.services.jobs import run_import_job

__all__ = ["run_import_job"]
