import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nps.config import (
    DEV_SECRETS,
    cache_config,
    check_production_secrets,
    database_config,
    env_bool,
    env_list,
)

PROJECT = Path(__file__).resolve().parents[3]

REAL_SECRETS = {
    "DJANGO_SECRET_KEY": "a-real-django-secret-0123456789abcdef0123456789",
    "NPS_ENCRYPTION_KEY": "a-real-encryption-key-0123456789abcdef",
    "API_SECRET_KEY": "a-real-api-secret-0123456789abcdef",
    "JWT_SECRET_KEY": "a-real-jwt-secret-0123456789abcdef",
}


def start_django(*, setup: bool = False, **env: str) -> subprocess.CompletedProcess:
    """Load the settings in a fresh interpreter, as `manage.py` or gunicorn would; with ``setup``
    also load every app (`django.setup()`, ~1.5 s), else only the settings module (~0.2 s) — where
    every refusal tested here is raised."""
    inherited = {*REAL_SECRETS, "DEBUG", "DATABASE_URL", "REDIS_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    clean.update(env)
    code = (
        f"{'import django; django.setup(); ' if setup else ''}from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE']); "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "nps.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_with_development_secrets():
    result = start_django(DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("missing", sorted(REAL_SECRETS))
def test_production_names_the_empty_secret(missing):
    result = start_django(DEBUG="0", **{**REAL_SECRETS, missing: ""})
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_production_starts_with_real_secrets():
    result = start_django(setup=True, DEBUG="0", **REAL_SECRETS)
    assert result.returncode == 0, result.stderr


def test_short_secret_is_refused():
    with pytest.raises(ImproperlyConfigured, match="API_SECRET_KEY is too short"):
        check_production_secrets({**REAL_SECRETS, "API_SECRET_KEY": "short-but-not-empty"})


OLD_KEY = "an-old-encryption-key-0123456789abcdef"


def test_several_encryption_keys_are_accepted():
    real = REAL_SECRETS["NPS_ENCRYPTION_KEY"]
    check_production_secrets({**REAL_SECRETS, "NPS_ENCRYPTION_KEY": f"{real}, {OLD_KEY}"})


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        (f"{OLD_KEY},{DEV_SECRETS['NPS_ENCRYPTION_KEY']}", "one of its keys is empty or the dev"),
        (f"{OLD_KEY},short-old-key", "NPS_ENCRYPTION_KEY is too short .one of its keys is 13"),
        (f"short-new-key,{OLD_KEY}", "NPS_ENCRYPTION_KEY is too short"),
        (" , ", "NPS_ENCRYPTION_KEY is not set"),
    ],
)
def test_every_encryption_key_must_be_real(keys, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        check_production_secrets({**REAL_SECRETS, "NPS_ENCRYPTION_KEY": keys})


def test_production_refuses_a_development_key_among_several():
    keys = f"{REAL_SECRETS['NPS_ENCRYPTION_KEY']},{DEV_SECRETS['NPS_ENCRYPTION_KEY']}"
    result = start_django(DEBUG="0", **{**REAL_SECRETS, "NPS_ENCRYPTION_KEY": keys})
    assert result.returncode != 0
    assert "NPS_ENCRYPTION_KEY is not set (one of its keys is" in result.stderr


def test_jwt_secret_must_differ_from_legacy_api_secret():
    secrets = {**REAL_SECRETS, "JWT_SECRET_KEY": REAL_SECRETS["API_SECRET_KEY"]}
    with pytest.raises(ImproperlyConfigured, match="JWT_SECRET_KEY must differ"):
        check_production_secrets(secrets)


def test_development_mode_accepts_the_defaults():
    result = start_django(setup=True, DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_embedded_defaults_are_sqlite_and_local_memory():
    result = start_django(DEBUG="1")
    engine, cache_backend = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert cache_backend == "nps.core.cache.LocMemCache"


def test_database_url_selects_postgresql():
    config = database_config("postgres://nps:s%40cret@db.internal:5433/oracle", PROJECT)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "oracle")
    assert config["PASSWORD"] == "s@cret"
    assert config["CONN_HEALTH_CHECKS"] is True


def test_empty_database_url_is_the_project_sqlite_file():
    config = database_config("", PROJECT)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(PROJECT / "db.sqlite3")


def test_unknown_database_scheme_is_a_clear_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL is not a valid database URL"):
        database_config("mongodb://localhost/nps", PROJECT)


def test_redis_url_selects_redis_cache():
    config = cache_config("redis://127.0.0.1:6379/2")
    assert config["BACKEND"] == "nps.core.cache.RedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/2"


def test_non_redis_cache_url_is_rejected():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must start with"):
        cache_config("memcached://localhost:11211")


def test_settings_under_test_use_the_services_the_runner_chose(settings):
    """`make test` exports DATABASE_URL/REDIS_URL when PostgreSQL/Redis answer; CI requires them."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"
    if os.environ.get("NPS_REQUIRE_SERVICES") == "1":
        assert engine == "django.db.backends.postgresql"
        assert settings.CACHES["default"]["BACKEND"] == "nps.core.cache.RedisCache"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("off", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("NPS_FLAG", raw)
    assert env_bool("NPS_FLAG", default=not expected) is expected


def test_env_bool_rejects_other_words(monkeypatch):
    monkeypatch.setenv("NPS_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="NPS_FLAG must be one of"):
        env_bool("NPS_FLAG", default=False)


def test_env_list_splits_commas_and_strips(monkeypatch):
    monkeypatch.setenv("NPS_ORIGINS", " https://a.example , https://b.example,, ")
    assert env_list("NPS_ORIGINS", []) == ["https://a.example", "https://b.example"]


def test_every_secret_has_a_development_default_entry():
    assert set(DEV_SECRETS) == set(REAL_SECRETS)


def test_every_environment_variable_is_documented_in_env_example():
    source = (PROJECT / "nps" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_0-9]+)"', source))
    documented = set(re.findall(r"^([A-Z_0-9]+)=", (PROJECT / ".env.example").read_text(), re.M))
    assert read, "no variables found: the pattern no longer matches settings.py"
    assert read - documented == set()


@pytest.mark.parametrize("default", [True, False])
def test_empty_variable_means_the_default(monkeypatch, default):
    monkeypatch.setenv("NPS_FLAG", "  ")
    assert env_bool("NPS_FLAG", default=default) is default
