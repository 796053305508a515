"""Model fields shared by the apps: encrypted text and V4's POINT column."""

import hashlib
import hmac
import logging
import re

from django.conf import settings
from django.db import models
from django_cryptography.core.signing import FernetSigner
from django_cryptography.fields import EncryptedMixin
from django_cryptography.utils.crypto import FernetBytes

logger = logging.getLogger(__name__)


def encryption_keys() -> tuple[bytes, bytes]:
    """(AES key, HMAC key), both from `NPS_ENCRYPTION_KEY` alone.

    django-cryptography derives the AES key from `CRYPTOGRAPHY_KEY` (= NPS_ENCRYPTION_KEY), but its
    default signer authenticates with Django's `SECRET_KEY`, so rotating that key would make every
    encrypted value unreadable. The signature key here is derived from the encryption key instead,
    with its own label so the two keys differ.
    """
    aes_key = settings.CRYPTOGRAPHY_KEY
    signing_key = hmac.new(aes_key, b"nps:encrypted-field-signature", hashlib.sha256).digest()
    return aes_key, signing_key


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Text encrypted at rest with django-cryptography (Fernet-style AES-CBC + HMAC-SHA256), keyed
    by `NPS_ENCRYPTION_KEY` only.

    A value that cannot be decrypted (wrong key, damaged row) reads as `None` and is logged without
    its content, so one bad row does not break a whole page or list.
    Only `isnull` lookups work on it: search decrypts the owner's rows in Python.
    """

    base_class = models.TextField
    wasinstance = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        aes_key, signing_key = encryption_keys()
        self._fernet = FernetBytes(aes_key, signer=FernetSigner(key=signing_key))

    def _load(self, value: bytes):
        try:
            return super()._load(value)
        except Exception:
            logger.warning("An encrypted %s value could not be decrypted", self.name)
            return None


_POINT = re.compile(r"^\(\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)\s*\)$")


class PointField(models.Field):
    """V4's `coordinates POINT` column, `(longitude, latitude)` as in V4.

    PostgreSQL stores a native `point`; other databases the same text form `(x,y)`. In Python the
    value is a `(longitude, latitude)` tuple of floats, or `None`.
    """

    description = "A point (longitude, latitude)"

    def db_type(self, connection):
        return "point" if connection.vendor == "postgresql" else "varchar(64)"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, tuple):
            return value
        match = _POINT.match(str(value))
        if match is None:
            return None
        return float(match.group(1)), float(match.group(2))

    def get_prep_value(self, value):
        if value is None:
            return None
        longitude, latitude = value
        return f"({float(longitude)!r},{float(latitude)!r})"

    def get_placeholder(self, value, compiler, connection):
        return "%s::point" if connection.vendor == "postgresql" else "%s"
