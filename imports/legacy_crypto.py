"""Reading V4's and V3's encrypted values (``ENC4:`` and ``ENC:``). Decryption only.

* V4 ``ENC4:<base64(nonce 12 ‖ AES-256-GCM ciphertext ‖ tag 16)>``, key =
  PBKDF2-HMAC-SHA256(``NPS_ENCRYPTION_KEY`` as UTF-8, salt = ``NPS_ENCRYPTION_SALT`` as UTF-8
  right-padded with NUL / cut to 32 bytes, default ``nps-v4-default-salt``, 600 000 rounds).
* V3 ``ENC:<hex(nonce 16 ‖ ciphertext ‖ tag 16)>``: an HMAC-SHA256 keystream and tag, key =
  PBKDF2-HMAC-SHA256(master password, the 32 raw bytes of ``data/.vault_salt``, 600 000 rounds).
  V3 never checked the password it was given and wrote a new salt without re-encrypting, so a
  value is tried with every candidate key (passwords × salts); the tag says which one fits.
* ``PLAIN:<text>`` (V3 without a password) and values with no prefix (V4 run without a key, very
  old V3) are clear text.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Iterable, Sequence
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ITERATIONS = 600_000
V4_DEFAULT_SALT = "nps-v4-default-salt"
ENC4 = "ENC4:"
ENC = "ENC:"
PLAIN = "PLAIN:"


class UndecryptableValue(ValueError):
    """A value in a legacy format that no given key opens (wrong key or tampered data)."""


@lru_cache(maxsize=32)
def v4_key(password: str, salt: str = "") -> bytes:
    salt_bytes = (salt or V4_DEFAULT_SALT).encode()[:32].ljust(32, b"\0")
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt_bytes, ITERATIONS, 32)


@lru_cache(maxsize=32)
def v3_key(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS, 32)


def decrypt_enc4(value: str, key: bytes) -> str:
    try:
        payload = base64.b64decode(value[len(ENC4) :], validate=True)
    except binascii.Error:
        raise UndecryptableValue("ENC4 value is not valid base64") from None
    if len(payload) < 28:
        raise UndecryptableValue("ENC4 value is too short")
    try:
        clear = AESGCM(key).decrypt(payload[:12], payload[12:], None)
    except InvalidTag:
        raise UndecryptableValue(
            "ENC4 value does not open with this key (wrong key or tampered)"
        ) from None
    return _utf8(clear)


def _v3_keystream(key: bytes, nonce: bytes, length: int, *, byte_offsets: bool = False) -> bytes:
    blocks = []
    for i in range((length + 31) // 32):
        counter = i * 32 if byte_offsets else i
        blocks.append(hmac.new(key, nonce + counter.to_bytes(4, "big"), hashlib.sha256).digest())
    return b"".join(blocks)[:length]


def _open_v3(payload: bytes, key: bytes, *, byte_offsets: bool = False) -> str | None:
    nonce, ciphertext, tag = payload[:16], payload[16:-16], payload[-16:]
    expected = hmac.new(key, nonce + ciphertext, hashlib.sha256).digest()[:16]
    if not hmac.compare_digest(tag, expected):
        return None
    stream = _v3_keystream(key, nonce, len(ciphertext), byte_offsets=byte_offsets)
    return _utf8(bytes(a ^ b for a, b in zip(ciphertext, stream, strict=True)))


def decrypt_enc(value: str, keys: Sequence[bytes]) -> str:
    """A V3 ``ENC:`` value opened with the first key whose tag matches.

    Shipped V3 used hex and a block-index counter; V3's design notes sketched base64 with a
    byte-offset counter, which is tried when the text is not hex.
    """
    text = value[len(ENC) :]
    try:
        payload, variant = bytes.fromhex(text), False
    except ValueError:
        try:
            payload, variant = base64.b64decode(text, validate=True), True
        except binascii.Error:
            raise UndecryptableValue("ENC value is neither hex nor base64") from None
    if len(payload) < 32:
        raise UndecryptableValue("ENC value is too short")
    if not keys:
        raise UndecryptableValue("ENC value needs a V3 password (none given)")
    for key in keys:
        clear = _open_v3(payload, key, byte_offsets=variant)
        if clear is not None:
            return clear
    raise UndecryptableValue("ENC value opens with none of the passwords (wrong or tampered)")


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UndecryptableValue("decrypted value is not UTF-8 text") from None


class LegacyDecoder:
    """Turns any legacy stored value into clear text, with the keys an import was given."""

    def __init__(self, *, v4_keys: Iterable[bytes] = (), v3_keys: Iterable[bytes] = ()) -> None:
        self.v4_keys = tuple(v4_keys)
        # V4 decrypted ENC: with its own key; V3 data with the V3 keys: try both.
        self.v3_keys = tuple(v3_keys) + self.v4_keys

    def decode(self, value: str | None) -> str | None:
        if value is None or not isinstance(value, str):
            return value
        if value.startswith(ENC4):
            if not self.v4_keys:
                raise UndecryptableValue("ENC4 value needs the V4 encryption key (none given)")
            last: UndecryptableValue | None = None
            for key in self.v4_keys:
                try:
                    return decrypt_enc4(value, key)
                except UndecryptableValue as exc:
                    last = exc
            raise last  # type: ignore[misc]
        if value.startswith(ENC):
            return decrypt_enc(value, self.v3_keys)
        if value.startswith(PLAIN):
            return value[len(PLAIN) :]
        return value
