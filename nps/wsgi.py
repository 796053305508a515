import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")

application = get_wsgi_application()

# gunicorn.conf.py sets NPS_WARMUP=1: the master loads and warms the app before forking workers.
if os.environ.get("NPS_WARMUP") == "1":
    from nps.core.warmup import warm

    warm(application)
