"""NPS settings: one module, read from the environment.

With no environment at all the app runs on an embedded default (SQLite file + local-memory cache) in
development mode, so `make run` works on a bare machine. `DATABASE_URL` / `REDIS_URL` switch to
PostgreSQL / Redis. With `DEBUG` off the app refuses to start while any secret is empty or still the
development default (see `nps.config.check_production_secrets`).
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from nps.config import (
    DEV_SECRETS,
    MIN_SECRET_LENGTH,
    cache_config,
    check_production_secrets,
    database_config,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_networks,
    env_str,
    split_keys,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEV_SECRETS["DJANGO_SECRET_KEY"])
NPS_ENCRYPTION_KEY = env_str("NPS_ENCRYPTION_KEY", DEV_SECRETS["NPS_ENCRYPTION_KEY"])
# V4's legacy shared secret: a Bearer token equal to it acts as admin. Empty disables it (dev).
API_SECRET_KEY = env_str("API_SECRET_KEY", DEV_SECRETS["API_SECRET_KEY"])
JWT_SECRET_KEY = env_str("JWT_SECRET_KEY", DEV_SECRETS["JWT_SECRET_KEY"])

if not DEBUG:
    check_production_secrets(
        {
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "NPS_ENCRYPTION_KEY": NPS_ENCRYPTION_KEY,
            "API_SECRET_KEY": API_SECRET_KEY,
            "JWT_SECRET_KEY": JWT_SECRET_KEY,
        }
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "nps.accounts",
    "nps.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's form templates, for the TemplatesSetting-based FORM_RENDERER
    "corsheaders",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "nps.core.apps.LockoutConfig",  # django-axes
    "oracle",
    "vault",
    "learning",
    "imports",
    "delivery",
]

MIDDLEWARE = [
    # First: the request id, the request's log line and its metrics (nps/core/requestlog.py).
    "nps.core.requestlog.RequestMiddleware",
    # A database that does not answer → 503 + Retry-After (docs/RESILIENCE.md). Outermost but
    # for the request log, so it also sees what a middleware's query raised.
    "nps.core.outage.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # NUL bytes in a page's parameters → 400; private and shared pages never cached.
    "nps.core.page_guards.PageGuardMiddleware",
    "nps.accounts.middleware.PrincipalMiddleware",
    "nps.accounts.middleware.CalendarMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An htmx request sent to the login page redirects its page instead (nps/core/htmx.py).
    "nps.core.htmx.HtmxLoginRedirectMiddleware",
    # Last, so it sees the authenticated user and can answer a lockout itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nps.urls"
WSGI_APPLICATION = "nps.wsgi.application"
ASGI_APPLICATION = "nps.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "nps.core.navigation.navigation",
                "nps.accounts.context_processors.theme",
            ],
            "builtins": ["django.templatetags.i18n", "nps.core.templatetags.nps"],
        },
    }
]

# Form widgets render with Jinja2, every field through nps/core/jinja2/forms/field.html
# (nps/core/forms.py); the admin's own widget templates with Django's engine.
FORM_RENDERER = "nps.core.forms.FormRenderer"

DATABASES = {"default": database_config(env_str("DATABASE_URL", ""), BASE_DIR)}

# --- database outages (docs/RESILIENCE.md) ---------------------------------------------
# A persistent connection is checked before a request reuses it (a restarted server is reconnected
# at once, not after one failed request); connecting gives up after DATABASE_CONNECT_TIMEOUT
# seconds rather than hanging, and the 503 it causes tells clients to retry after
# DATABASE_RETRY_AFTER seconds.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
DATABASE_RETRY_AFTER = env_int("DATABASE_RETRY_AFTER", 3)

REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": cache_config(
        REDIS_URL,
        env_str("REDIS_KEY_PREFIX", "nps"),
        socket_timeout=env_float("REDIS_SOCKET_TIMEOUT", 0.5),
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out account is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # zxcvbn: words, names, dates, keyboard walks and far more leaked passwords than Django's list.
    {"NAME": "nps.accounts.passwords.GuessablePasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force lockout (django-axes): after AXES_FAILURE_LIMIT failures for one username from one
# address, that pair is refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "nps.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "nps.core.http.client_ip"
# How many reverse proxies in front of the app append to X-Forwarded-For (docs/DEPLOYMENT.md).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# People may open an account themselves (`/signup`); NPS_ALLOW_SIGNUP=0 for private installations.
NPS_ALLOW_SIGNUP = env_bool("NPS_ALLOW_SIGNUP", default=True)

# Password-reset mails go through the SMTP server EMAIL_HOST. Without one, development prints them
# on the console; production switches password reset off (its page says so, `manage.py check`
# warns: accounts.W001) and sends no mail anywhere — a reset link must never reach a log.
EMAIL_HOST = env_str("EMAIL_HOST", "")
NPS_PASSWORD_RESET_ENABLED = bool(EMAIL_HOST) or DEBUG
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "NPS <nps@localhost>")
# Seconds an SMTP connection may wait for the server: without a limit a mail server that stops
# answering holds the worker (and the daily delivery it was sending) forever; past it the send
# fails and is retried later (docs/DELIVERY.md).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fa", _("Persian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "nps_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
APPEND_SLASH = False

# Origins whose pages may call the API with credentials. Development allows V4's local front-end
# servers; production allows none unless CORS_ORIGINS lists them.
CORS_ALLOWED_ORIGINS = env_list(
    "CORS_ORIGINS", ["http://localhost:5173", "http://localhost:3000"] if DEBUG else []
)
if "*" in CORS_ALLOWED_ORIGINS:
    raise ImproperlyConfigured(
        "CORS_ORIGINS must list origins explicitly: '*' cannot be combined with credentials."
    )
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/api/.*$"

# Security headers; HTTPS-only behaviour is switched on in production (DEBUG off).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from this site — no
# inline scripts (templates use files in static/js/ and data attributes), no framing. Inline style
# attributes stay allowed: the admin and SVG pictures use them (htmx's indicator styles are off).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],  # ReDoc's search runs in a worker it builds in memory
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSRF_FAILURE_VIEW = "nps.core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
# No script reads the CSRF cookie: pages send the token from the template (hx-headers, forms).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Checks that do not apply: TLS is terminated by the proxy (docs/DEPLOYMENT.md), which redirects
# HTTP to HTTPS itself (W008); HSTS preload is an operator's commitment, opt-in (W021).
SILENCED_SYSTEM_CHECKS = ["security.W008", "security.W021"]

# Request bodies larger than this are refused (413) before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Files: refused (400) by every view but those marked @accepts_uploads, capped (413) by those
# (nps/core/uploads.py) before a byte reaches memory or a temporary file.
FILE_UPLOAD_HANDLERS = [
    "nps.core.uploads.GuardedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["nps.accounts.authentication.BearerAuthentication"],
    # Deny by default; every API view derives from nps.core.api.ApiView, which checks scopes.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["nps.core.parsers.JSONParser"],
    # JSON unless the client asks for text/html: then DRF's browsable API (a logged-in session).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "nps.core.renderers.BrowsableApiRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "nps.core.api.exception_handler",
    "UNAUTHENTICATED_USER": None,
}

# API tokens (djangorestframework-simplejwt), signed with their own secret — never the legacy
# API_SECRET_KEY, so holding one does not let anyone forge the other.
SIMPLE_JWT = {
    "SIGNING_KEY": JWT_SECRET_KEY,
    "ALGORITHM": "HS256",
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_EXPIRE_MINUTES", 1440)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 14)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": False,  # rotation is tracked by nps.accounts.TokenSession
    "UPDATE_LAST_LOGIN": False,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "sub",
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# Rate limits per principal (API key, account, legacy secret, else client address), shared by all
# workers through the cache. "ai" is charged only for calls that really reach the AI provider;
# "auth_failures" counts bad bearer tokens per client address (past it, bad tokens get 429; valid
# ones are always accepted); "login_failures" is the failed password logins an address may make
# across all usernames in its window: past it, every failure makes the address wait 1, 2, 4 …
# seconds (at most LOGIN_DELAY_MAX_SECONDS) before its next login is even checked (429 with
# Retry-After), so guessing from it slows to a crawl while its people still log in.
NPS_RATE_LIMITS = {
    "default": env_str("RATE_LIMIT_DEFAULT", "600/minute"),
    "ai": env_str("RATE_LIMIT_AI", "100/hour"),
    "auth_failures": env_str("RATE_LIMIT_AUTH_FAILURES", "30/minute"),
    "login_failures": env_str("RATE_LIMIT_LOGIN_FAILURES", "30/hour"),
    # Accounts opened (`/signup`) and password-reset mails asked for, per client address.
    "signup": env_str("RATE_LIMIT_SIGNUP", "10/hour"),
    # Files drawn for a download (a reading's PDF/TXT/JSON, "my data", the journal export), per
    # account, pages and API alike: each costs up to a second of a worker.
    "downloads": env_str("RATE_LIMIT_DOWNLOADS", "30/minute"),
    # Searches of history and the journal from the pages, per account (the API counts them in
    # `default` like every request).
    "search": env_str("RATE_LIMIT_SEARCH", "120/minute"),
    # Readings asked in one Telegram chat (delivery/, docs/DELIVERY.md).
    "telegram_chat": env_str("RATE_LIMIT_TELEGRAM_CHAT", "10/hour"),
}
NPS_LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", 60)
if NPS_LOGIN_DELAY_MAX_SECONDS < 1:
    raise ImproperlyConfigured("LOGIN_DELAY_MAX_SECONDS must be at least 1.")

from nps.core.schema import TAGS as API_TAGS  # noqa: E402 (constants only, no Django import)

SPECTACULAR_SETTINGS = {
    "TITLE": "NPS API",
    "VERSION": "4.0.0",
    "DESCRIPTION": "Numerology oracle — REST API compatible with NPS V4 clients",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its viewers are public: a stale or bad token sent along must not refuse them.
    "SERVE_AUTHENTICATION": [],
    # Every operation documents V4's error answers (401/403/404/409/413/422/429/503).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "nps.core.schema.add_error_responses",
        # Areas (tags), summaries, no internal docstrings as descriptions.
        "nps.core.schema.describe_for_users",
    ],
    "TAGS": API_TAGS,
}

# django-cryptography-5 encrypts with its own key, never SECRET_KEY. NPS_ENCRYPTION_KEY may list
# several keys, current first (`new,old`: a key rotation, docs/OPERATIONS.md); nps.core.fields
# reads with any of them and writes with the first.
CRYPTOGRAPHY_KEY = split_keys(NPS_ENCRYPTION_KEY)[0] if split_keys(NPS_ENCRYPTION_KEY) else ""

NPS_VERSION = "4.0.0"

# --- Logs and metrics (docs/OPERATIONS.md) --------------------------------------------------------
# One line per request on "nps.request" (nps/core/requestlog.py). NPS_LOG_FORMAT=json writes JSON
# lines (python-json-logger), the default with DEBUG off; "text" is readable in a terminal.
NPS_LOG_FORMAT = env_str("NPS_LOG_FORMAT", "text" if DEBUG else "json").lower()
if NPS_LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"NPS_LOG_FORMAT must be json or text (got {NPS_LOG_FORMAT!r}).")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "nps.core.requestlog.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": NPS_LOG_FORMAT,
            "filters": ["request"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs usernames of failed logins at INFO/WARNING; keep user data out of logs.
        "axes": {"level": "ERROR"},
        # Django's own "Not Found: /path" lines: the request line above already says it.
        "django.request": {"level": "ERROR"},
        # runserver's access lines hold whole query strings; the request line replaces them.
        "django.server": {"level": "ERROR"},
    },
}

# Prometheus metrics at /metrics (nps/core/metrics.py): only from these addresses (single
# addresses or networks, comma-separated; default loopback) or with "Authorization: Bearer
# <NPS_METRICS_TOKEN>". Under gunicorn set PROMETHEUS_MULTIPROC_DIR (gunicorn.conf.py).
NPS_METRICS_ALLOWED_NETWORKS = env_networks("NPS_METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
NPS_METRICS_TOKEN = env_str("NPS_METRICS_TOKEN", "")
if NPS_METRICS_TOKEN and len(NPS_METRICS_TOKEN) < MIN_SECRET_LENGTH:
    raise ImproperlyConfigured(
        f"NPS_METRICS_TOKEN is too short: use at least {MIN_SECRET_LENGTH} random characters."
    )
# --- end of logs and metrics -------------------------------------------------------------------

# AI interpretations and translations (Anthropic Messages API, oracle/services/ai.py). With no key
# the AI is unavailable and every reading and translation uses its deterministic text instead.
ANTHROPIC_API_KEY = env_str("ANTHROPIC_API_KEY", "")
NPS_AI_MODEL = env_str("NPS_AI_MODEL", "claude-sonnet-4-20250514")
NPS_AI_MAX_TOKENS = env_int("NPS_AI_MAX_TOKENS", 1024)
ANTHROPIC_BASE_URL = env_str("ANTHROPIC_BASE_URL", "")  # empty: Anthropic's own API
# Seconds a web request may wait for the AI in all (every attempt and pause included), and for a
# connection to be made; failed attempts on 429/5xx/connection errors are retried up to
# NPS_AI_MAX_RETRIES times within that total.
NPS_AI_TIMEOUT = env_float("NPS_AI_TIMEOUT", 30.0)
NPS_AI_CONNECT_TIMEOUT = env_float("NPS_AI_CONNECT_TIMEOUT", 5.0)
NPS_AI_MAX_RETRIES = env_int("NPS_AI_MAX_RETRIES", 2)
# Circuit breaker, shared by every worker through the cache: after NPS_AI_CIRCUIT_FAILURES failed
# calls in a row nobody calls the provider for NPS_AI_CIRCUIT_SECONDS.
NPS_AI_CIRCUIT_FAILURES = env_int("NPS_AI_CIRCUIT_FAILURES", 5)
NPS_AI_CIRCUIT_SECONDS = env_int("NPS_AI_CIRCUIT_SECONDS", 60)
if NPS_AI_MAX_TOKENS < 1 or NPS_AI_TIMEOUT <= 0 or NPS_AI_CONNECT_TIMEOUT <= 0:
    raise ImproperlyConfigured(
        "NPS_AI_MAX_TOKENS must be at least 1, NPS_AI_TIMEOUT and NPS_AI_CONNECT_TIMEOUT above 0."
    )
if NPS_AI_MAX_RETRIES < 0 or NPS_AI_CIRCUIT_FAILURES < 1 or NPS_AI_CIRCUIT_SECONDS < 1:
    raise ImproperlyConfigured(
        "NPS_AI_MAX_RETRIES must be at least 0, NPS_AI_CIRCUIT_FAILURES and "
        "NPS_AI_CIRCUIT_SECONDS at least 1."
    )
# A page's AI interpretation is written by a background job (oracle.tasks.interpret_reading); the
# page waits for it this long (the AI's budget plus time in the queue), then shows the
# deterministic interpretation and offers to ask again.
NPS_AI_JOB_WAIT_SECONDS = env_float("NPS_AI_JOB_WAIT_SECONDS", NPS_AI_TIMEOUT + 30)
if NPS_AI_JOB_WAIT_SECONDS <= 0:
    raise ImproperlyConfigured("NPS_AI_JOB_WAIT_SECONDS must be above 0.")
# At DEBUG the SDK logs whole requests, and prompts hold people's names and questions.
LOGGING["loggers"]["anthropic"] = {"level": "WARNING"}
# httpx logs each request's URL at INFO, and the Telegram Bot API's URLs hold the bot token.
LOGGING["loggers"]["httpx2"] = {"level": "WARNING"}

# Background jobs (Celery, nps/celery.py; docs/DEPLOYMENT.md "Background jobs"). Redis is the
# broker; with no REDIS_URL (the embedded default of `make run`) tasks run eagerly in the sending
# process, so no worker is needed. CELERY_TASK_ALWAYS_EAGER=1 forces that with Redis too.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
# Results (small dicts of counts, never user data) expire after an hour; jobs that a person waits
# for keep their own status row (imports.ImportJob).
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL or "cache+memory://")
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged once it has run, so a worker killed in the middle loses nothing: the
# broker hands the task to another worker (tasks are written to be safe to run twice).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The schedules (docs/OPERATIONS.md "Background jobs"); each interval is set in hours.
CELERY_BEAT_SCHEDULE = {
    "delete-expired-token-sessions": {
        "task": "nps.accounts.tasks.delete_expired_token_sessions",
        "schedule": timedelta(hours=env_int("TOKEN_SESSION_CLEANUP_HOURS", 6)),
    },
    "delete-stale-share-links": {
        "task": "oracle.tasks.delete_stale_share_links",
        "schedule": timedelta(hours=env_int("SHARE_LINK_CLEANUP_HOURS", 24)),
    },
    "recalculate-learning": {
        "task": "learning.tasks.recalculate_learning",
        "schedule": timedelta(hours=env_int("LEARNING_RECALC_HOURS", 24)),
    },
    "prepare-daily-interpretations": {
        "task": "oracle.tasks.prepare_daily_interpretations",
        "schedule": timedelta(hours=env_int("DAILY_PREPARE_HOURS", 1)),
    },
    # Minutes, not hours: each person's hour is met within this interval (docs/DELIVERY.md).
    "deliver-daily": {
        "task": "delivery.tasks.deliver_daily",
        "schedule": timedelta(minutes=env_int("DELIVERY_INTERVAL_MINUTES", 5)),
    },
}

# Daily delivery by e-mail and Telegram (delivery/, docs/DELIVERY.md). The site's public address
# goes into the links of e-mails (unsubscribe); Telegram is off without a bot token.
NPS_SITE_URL = env_str("NPS_SITE_URL", "http://localhost:8000").rstrip("/")
TELEGRAM_BOT_TOKEN = env_str("TELEGRAM_BOT_TOKEN", "")
TELEGRAM_BOT_USERNAME = env_str("TELEGRAM_BOT_USERNAME", "").lstrip("@")
TELEGRAM_WEBHOOK_SECRET = env_str("TELEGRAM_WEBHOOK_SECRET", "")
TELEGRAM_API_URL = env_str("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/")
# A due delivery is still sent this many hours after its time (a worker that was down), not later.
NPS_DELIVERY_GRACE_HOURS = env_int("NPS_DELIVERY_GRACE_HOURS", 6)
# Failed sends are tried this many times in all, waiting 1, 2, 4 … minutes between tries.
NPS_DELIVERY_MAX_ATTEMPTS = env_int("NPS_DELIVERY_MAX_ATTEMPTS", 5)
if TELEGRAM_BOT_TOKEN and not DEBUG and len(TELEGRAM_WEBHOOK_SECRET) < 16:
    raise ImproperlyConfigured(
        "TELEGRAM_WEBHOOK_SECRET must be set (16+ characters) when TELEGRAM_BOT_TOKEN is set."
    )
if TELEGRAM_BOT_TOKEN and not DEBUG and not TELEGRAM_BOT_USERNAME:
    # The link a person follows is https://t.me/<user name>?start=<code>: without it, a dead link.
    raise ImproperlyConfigured("TELEGRAM_BOT_USERNAME must be set when TELEGRAM_BOT_TOKEN is set.")
# Share links expired or revoked this many days ago are deleted (until then a visitor is told
# the link expired, and the owner still sees it).
NPS_SHARE_LINK_RETENTION_DAYS = env_int("NPS_SHARE_LINK_RETENTION_DAYS", 30)
# New feedback recalculates the learning metrics this long after it arrives (one job per burst).
NPS_LEARNING_RECALC_DELAY_SECONDS = env_int("NPS_LEARNING_RECALC_DELAY_SECONDS", 300)
# The daily interpretation is written ahead for accounts signed in within this many days.
NPS_DAILY_PREPARE_ACTIVE_DAYS = env_int("NPS_DAILY_PREPARE_ACTIVE_DAYS", 30)
if min(NPS_SHARE_LINK_RETENTION_DAYS, NPS_DAILY_PREPARE_ACTIVE_DAYS) < 1:
    raise ImproperlyConfigured(
        "NPS_SHARE_LINK_RETENTION_DAYS and NPS_DAILY_PREPARE_ACTIVE_DAYS must be at least 1."
    )
if NPS_LEARNING_RECALC_DELAY_SECONDS < 0:
    raise ImproperlyConfigured("NPS_LEARNING_RECALC_DELAY_SECONDS must be at least 0.")

# Legacy imports (imports/, docs/MIGRATION.md): the largest V3 folder ZIP the admin page takes,
# and the largest total size of its files once unpacked (a ZIP bomb is refused before it is read).
NPS_IMPORT_MAX_UPLOAD_MB = env_int("NPS_IMPORT_MAX_UPLOAD_MB", 50)
NPS_IMPORT_MAX_UNPACKED_MB = env_int("NPS_IMPORT_MAX_UNPACKED_MB", 500)
