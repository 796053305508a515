"""Model fields shared by the apps: encrypted text and V4's POINT column."""

import functools
import hashlib
import hmac
import logging
import pickle
import re
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.core.signing import BadSignature
from django.db import models
from django_cryptography.core.signing import FernetSigner
from django_cryptography.fields import EncryptedMixin
from django_cryptography.utils.crypto import FernetBytes, InvalidToken

from nps.config import split_keys

logger = logging.getLogger(__name__)

# django-cryptography's key derivation (django_cryptography.conf): PBKDF2-SHA256, 30 000 rounds,
# salted with CRYPTOGRAPHY_SALT. Kept identical so values written before key rotation existed
# still read.
_KDF_ROUNDS = 30_000


def configured_keys() -> list[str]:
    """The keys of `NPS_ENCRYPTION_KEY`, current first (`new,old1,old2` during a rotation)."""
    keys = split_keys(settings.NPS_ENCRYPTION_KEY)
    if not keys:
        raise ValueError("NPS_ENCRYPTION_KEY holds no key")
    return keys


def current_key() -> str:
    """The key new values are written with (the first of `NPS_ENCRYPTION_KEY`)."""
    return configured_keys()[0]


@functools.lru_cache(maxsize=16)
def _derive(secret: str, salt: bytes) -> tuple[bytes, bytes]:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=_KDF_ROUNDS)
    aes_key = kdf.derive(secret.encode())
    signing_key = hmac.new(aes_key, b"nps:encrypted-field-signature", hashlib.sha256).digest()
    return aes_key, signing_key


def derive_keys(secret: str) -> tuple[bytes, bytes]:
    """(AES key, HMAC key) of one configured key.

    The AES key is django-cryptography's derivation of the key; its default signer would
    authenticate with Django's `SECRET_KEY`, so rotating that would make every encrypted value
    unreadable. The signature key is derived from the AES key instead, with its own label so the
    two keys differ.
    """
    salt = settings.CRYPTOGRAPHY_SALT
    return _derive(secret, salt if isinstance(salt, bytes) else str(salt).encode())


def encryption_keys() -> tuple[bytes, bytes]:
    """(AES key, HMAC key) of the current key."""
    return derive_keys(current_key())


def key_fingerprint(secret: str) -> str:
    """A short public identifier of one key (backups name the key they need; never the key)."""
    aes_key, _ = derive_keys(secret)
    return hmac.new(aes_key, b"nps:key-fingerprint", hashlib.sha256).hexdigest()[:16]


@functools.lru_cache(maxsize=16)
def _fernets_for(keys: tuple[str, ...], salt) -> tuple[FernetBytes, ...]:
    fernets = []
    for secret in keys:
        aes_key, signing_key = derive_keys(secret)
        fernets.append(FernetBytes(aes_key, signer=FernetSigner(key=signing_key)))
    return tuple(fernets)


def fernets() -> tuple[FernetBytes, ...]:
    """One cipher per configured key, the current key's first."""
    return _fernets_for(tuple(configured_keys()), settings.CRYPTOGRAPHY_SALT)


class UnreadableValue(Exception):
    """No configured key decrypts a stored value."""


def decrypt_bytes(stored: bytes) -> tuple[bytes, int]:
    """The clear bytes of a stored value and the index of the key that opened it (0 = current).

    Raises `UnreadableValue` when no configured key does.
    """
    for index, fernet in enumerate(fernets()):
        try:
            return fernet.decrypt(stored), index
        except (BadSignature, InvalidToken):  # a wrong key fails its signature check
            continue
    raise UnreadableValue


def encrypt_bytes(clear: bytes) -> bytes:
    """`clear` encrypted under the current key."""
    return fernets()[0].encrypt(clear)


def load_stored(stored: bytes) -> Any:
    """The value of an encrypted column as stored (raw bytes): what the field reads.

    For data migrations: a migration's historical model has django-cryptography's own field,
    keyed differently, so migrations read and write the raw column through these two. Raises
    `UnreadableValue` when no configured key opens it.
    """
    return pickle.loads(decrypt_bytes(bytes(stored))[0])  # noqa: S301 - our own signed value


def dump_stored(value: Any) -> bytes:
    """The raw column bytes of an encrypted field's value (the inverse of `load_stored`)."""
    return encrypt_bytes(pickle.dumps(value))


class _KeyRing:
    """The cipher interface django-cryptography's field expects, over every configured key:
    writes with the current key, reads with whichever key opens the value."""

    def encrypt(self, data: bytes) -> bytes:
        return encrypt_bytes(data)

    def decrypt(self, data: bytes, ttl=None) -> bytes:
        try:
            return decrypt_bytes(data)[0]
        except UnreadableValue:
            raise ValueError("no configured key decrypts this value") from None


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Text encrypted at rest with django-cryptography (Fernet-style AES-CBC + HMAC-SHA256), keyed
    by `NPS_ENCRYPTION_KEY` only.

    `NPS_ENCRYPTION_KEY` may list several keys (`new,old`): values are written with the first and
    read with whichever opens them, so a rotation (`manage.py rotate_encryption_key`) can run
    while the site serves. A value that cannot be decrypted (wrong key, damaged row) reads as
    `None` and is logged without its content, so one bad row does not break a whole page or list.
    Only `isnull` lookups work on it: search decrypts the owner's rows in Python.
    """

    base_class = models.TextField
    wasinstance = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._fernet = _KeyRing()

    def _load(self, value: bytes):
        try:
            return super()._load(value)
        except Exception:
            logger.warning("An encrypted %s value could not be decrypted", self.name)
            return None


def encrypted_fields(model) -> list:
    """The encrypted fields of a model (concrete ones, stored in its own table)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedMixin) and field.model is model
    ]


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
