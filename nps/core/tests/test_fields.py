"""Encrypted text and the point column, apart from any app."""

import pytest
from django.db import connection

from nps.core.fields import EncryptedTextField, PointField, encryption_keys


def stored_bytes(field: EncryptedTextField, value: str) -> bytes:
    """What the field sends to the database (psycopg wraps it in `Binary`, SQLite in memoryview)."""
    prepared = field.get_db_prep_value(value, connection)
    return bytes(getattr(prepared, "obj", prepared))


def test_encryption_keys_come_from_the_encryption_key_not_the_django_secret(settings):
    aes_key, signing_key = encryption_keys()
    assert aes_key != signing_key
    assert settings.SECRET_KEY.encode() not in (aes_key, signing_key)


def test_encrypted_value_round_trips_and_hides_the_text():
    field = EncryptedTextField()
    field.name = "secret"
    stored = stored_bytes(field, "Maryam مریم")
    assert b"Maryam" not in stored
    assert field.from_db_value(stored, None, connection) == "Maryam مریم"


def test_values_survive_a_change_of_the_django_secret_key(settings):
    field = EncryptedTextField()
    field.name = "secret"
    stored = stored_bytes(field, "Fatemeh")
    settings.SECRET_KEY = "a-completely-different-django-secret-key-0123456789"
    assert EncryptedTextField().from_db_value(stored, None, connection) == "Fatemeh"


def test_tampered_value_reads_as_none_instead_of_failing(caplog):
    field = EncryptedTextField()
    field.name = "mother_name"
    stored = bytearray(stored_bytes(field, "Zahra"))
    stored[-1] ^= 0x01
    assert field.from_db_value(bytes(stored), None, connection) is None
    assert "mother_name" in caplog.text
    assert "Zahra" not in caplog.text


@pytest.mark.parametrize(
    ("stored", "expected"),
    [("(51.389,35.6892)", (51.389, 35.6892)), ("(-0.5, 51.5)", (-0.5, 51.5)), (None, None)],
)
def test_point_reads_v4_text_form(stored, expected):
    assert PointField().to_python(stored) == expected


def test_point_writes_longitude_then_latitude():
    assert PointField().get_prep_value((51.389, 35.6892)) == "(51.389,35.6892)"
