"""The Celery application: background jobs (imports, clean-ups) with Redis as the broker.

Configured from Django's settings (the `CELERY_*` names in nps/settings.py). With no `REDIS_URL`
(the embedded `make run` default) tasks run eagerly, in the process that sends them, so no worker
is needed; a deployment runs `celery -A nps worker` and `celery -A nps beat` (docker-compose.yml).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")

app = Celery("nps")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
