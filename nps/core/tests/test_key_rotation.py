"""Key rotation: several keys in NPS_ENCRYPTION_KEY and `manage.py rotate_encryption_key`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from nps.core import blind_index, fields
from nps.core.management.commands import rotate_encryption_key
from oracle.models import Profile, Reading
from oracle.tests.factories import ProfileFactory

OLD = "the-old-encryption-key-0123456789abcdef"
NEW = "the-new-encryption-key-0123456789abcdef"


def raw_column(model, column: str) -> list[bytes]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} ORDER BY 1")  # noqa: S608
        return [bytes(value) for (value,) in cursor.fetchall() if value is not None]


def opened_by(stored: bytes) -> int:
    return fields.decrypt_bytes(stored)[1]


@pytest.fixture
def old_data(settings, db):
    settings.NPS_ENCRYPTION_KEY = OLD
    profiles = [ProfileFactory(mother_name=f"Mother {n}") for n in range(5)]
    Reading.objects.create(
        owner=profiles[0].owner, sign_type="question", sign_value="q", question="Will it rain?"
    )
    settings.NPS_ENCRYPTION_KEY = f"{NEW},{OLD}"
    return profiles


def test_values_written_with_an_old_key_read_after_a_new_key_is_added(old_data):
    assert {p.mother_name for p in Profile.objects.all()} == {f"Mother {n}" for n in range(5)}
    fresh = ProfileFactory(mother_name="Written now")
    stored = {opened_by(value) for value in raw_column(Profile, "mother_name")}
    assert stored == {0, 1}  # the new profile under the current key, the others under the old
    assert Profile.objects.get(pk=fresh.pk).mother_name == "Written now"


def test_without_the_old_key_old_values_read_as_none(old_data, settings):
    settings.NPS_ENCRYPTION_KEY = NEW
    assert {p.mother_name for p in Profile.objects.all()} == {None}


def test_rotation_reencrypts_everything_and_rebuilds_the_search_indexes(
    old_data, settings, monkeypatch
):
    rebuilt = []
    monkeypatch.setattr(blind_index, "REBUILDERS", [lambda: rebuilt.append("x") or 7])
    out = io.StringIO()
    call_command("rotate_encryption_key", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "6 value(s) re-encrypted, 7 search index row(s) rebuilt" in out.getvalue()
    assert rebuilt == ["x"]
    assert {opened_by(value) for value in raw_column(Profile, "mother_name")} == {0}
    settings.NPS_ENCRYPTION_KEY = NEW  # the old key can go
    assert sorted(p.mother_name for p in Profile.objects.all()) == [f"Mother {n}" for n in range(5)]
    assert Reading.objects.get().question == "Will it rain?"


def test_rotation_stopped_after_a_batch_leaves_everything_readable_and_a_rerun_finishes(
    old_data, settings, monkeypatch
):
    real_batch = rotate_encryption_key.reencrypt_batch
    calls = []

    def stop_after_first_batch(*args, **kwargs):
        if calls:
            raise KeyboardInterrupt
        calls.append(1)
        return real_batch(*args, **kwargs)

    monkeypatch.setattr(rotate_encryption_key, "reencrypt_batch", stop_after_first_batch)
    with pytest.raises(KeyboardInterrupt):
        call_command(
            "rotate_encryption_key", "--batch-size", "2", "--no-progress", stdout=io.StringIO()
        )
    keys_used = [opened_by(value) for value in raw_column(Profile, "mother_name")]
    assert sorted(keys_used) == [0, 0, 1, 1, 1]  # one batch committed, the rest untouched
    assert sorted(p.mother_name for p in Profile.objects.all()) == [f"Mother {n}" for n in range(5)]

    monkeypatch.setattr(rotate_encryption_key, "reencrypt_batch", real_batch)
    out = io.StringIO()
    call_command("rotate_encryption_key", "--batch-size", "2", "--no-progress", stdout=out)
    assert "4 value(s) re-encrypted" in out.getvalue()  # 3 profiles + the question
    settings.NPS_ENCRYPTION_KEY = NEW
    assert sorted(p.mother_name for p in Profile.objects.all()) == [f"Mother {n}" for n in range(5)]


def test_rotation_reports_values_no_key_opens(old_data, settings):
    settings.NPS_ENCRYPTION_KEY = f"{NEW},another-unrelated-key-0123456789abcdef"
    with pytest.raises(CommandError, match="6 value\\(s\\) could not be decrypted"):
        call_command("rotate_encryption_key", "--no-progress", stdout=io.StringIO())


def test_search_terms_use_the_current_key(settings):
    settings.NPS_ENCRYPTION_KEY = NEW
    only_new = blind_index.index_terms("rain")
    settings.NPS_ENCRYPTION_KEY = f"{NEW},{OLD}"
    assert blind_index.index_terms("rain") == only_new


def test_current_key_derivation_matches_django_cryptography(settings):
    # Values written before several keys were allowed were encrypted with the library's key.
    assert fields.encryption_keys()[0] == settings.CRYPTOGRAPHY_KEY
