"""Reading settings from the environment (apart from settings.py so it can be tested directly)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Development defaults. They make `make run` work with no configuration and are refused when
# DEBUG is off, so a production deployment cannot start with them.
DEV_SECRETS = {
    "DJANGO_SECRET_KEY": "dev-only-django-secret-key-not-for-production",
    "NPS_ENCRYPTION_KEY": "dev-only-encryption-key-not-for-production",
    "API_SECRET_KEY": "",
    "JWT_SECRET_KEY": "dev-only-jwt-secret-key-not-for-production",
}

# Variables that may hold several comma-separated keys (current first, then old ones).
MULTI_KEY_SECRETS = {"NPS_ENCRYPTION_KEY"}

# HS256 keys shorter than the hash are weak (RFC 7518 §3.2); the same floor for every secret.
MIN_SECRET_LENGTH = 32

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    """A string variable; unset and empty both mean the default (as a blank line in .env)."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, *, default: bool) -> bool:
    """A yes/no variable; unset and empty both mean the default."""
    raw = os.environ.get(name, "")
    word = raw.strip().lower()
    if not word:
        return default
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off (got {raw!r})."
    )


def _env_number(name: str, default, parse, kind: str):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return parse(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {kind} (got {raw!r}).") from None


def env_int(name: str, default: int) -> int:
    return _env_number(name, default, int, "a whole number")


def env_float(name: str, default: float) -> float:
    return _env_number(name, default, float, "a number")


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable; unset means the default, set-but-empty means an empty list."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def split_keys(value: str) -> list[str]:
    """The keys of a multi-key variable (`NPS_ENCRYPTION_KEY=new,old1,old2`): current key first."""
    return [key.strip() for key in (value or "").split(",") if key.strip()]


def env_networks(name: str, default: list[str]) -> list:
    """A comma-separated list of addresses or networks (`127.0.0.1,10.0.0.0/8,::1`)."""
    import ipaddress

    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks like 10.0.0.0/8 (got {item!r})."
            ) from None
    return networks


def check_production_secrets(secrets: dict[str, str]) -> None:
    """Refuse to run without real secrets; name the first variable that needs one.

    `NPS_ENCRYPTION_KEY` may hold several comma-separated keys (the current one, then old ones
    still read during a key rotation): every one of them must be a real, long key.
    """
    candidates = []
    for name, value in secrets.items():
        values = split_keys(value) if name in MULTI_KEY_SECRETS else [value]
        candidates += [(name, item, len(values) > 1) for item in values or [""]]
    for name, value, several in candidates:
        if not value or value == DEV_SECRETS[name]:
            which = "one of its keys is" if several else "it is"
            raise ImproperlyConfigured(
                f"{name} is not set ({which} empty or the development default). DEBUG is off, so "
                "set it to a long random value; see .env.example."
            )
    for name, value, several in candidates:
        if len(value) < MIN_SECRET_LENGTH:
            which = "one of its keys is" if several else "it is"
            raise ImproperlyConfigured(
                f"{name} is too short ({which} {len(value)} characters): use at least "
                f"{MIN_SECRET_LENGTH} random characters; see .env.example."
            )
    if secrets["JWT_SECRET_KEY"] == secrets["API_SECRET_KEY"]:
        raise ImproperlyConfigured(
            "JWT_SECRET_KEY must differ from API_SECRET_KEY: whoever holds one must not be able "
            "to forge the other."
        )


def database_config(url: str, base_dir: Path) -> dict:
    """`DATABASE_URL` (PostgreSQL or SQLite); empty means the embedded SQLite file `db.sqlite3`."""
    if not url:
        url = f"sqlite:///{base_dir / 'db.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, dj_database_url.UnknownSchemeError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite keeps no persistent connections worth reusing, and waits instead of failing when
        # the development server and a management command write at the same time.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"timeout": 20}
    return config


def cache_config(redis_url: str, key_prefix: str = "nps", *, socket_timeout: float = 0.5) -> dict:
    """`REDIS_URL` selects Redis (shared by all workers); empty means a per-process memory cache.

    The socket timeouts are short: Redis answers in a millisecond, and a stopped server must not
    hold requests for seconds (the rate limiter then counts in-process for a while).
    """
    if not redis_url:
        return {
            "BACKEND": "nps.core.cache.LocMemCache",
            "LOCATION": "nps-default",
        }
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix:// (got {redis_url!r})."
        )
    return {
        "BACKEND": "nps.core.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": socket_timeout,
            "SOCKET_TIMEOUT": socket_timeout,
        },
    }
