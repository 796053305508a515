"""Private values outside the database columns: cached AI answers, translations, keyed lookups.

The encrypted columns (`nps.core.fields.EncryptedTextField`) cover what is stored in tables. The
same texts also pass through the shared cache (Redis): an AI answer quotes the question and the
names it was asked about, a translation holds the text and its translation. Those copies are
sealed here with the same keys:

* :func:`seal` / :func:`unseal` — a JSON value encrypted with the app's encryption key (the
  cipher and key derivation of the encrypted fields: AES-CBC + HMAC-SHA256 under keys derived from
  `NPS_ENCRYPTION_KEY`, never `SECRET_KEY`). Written with the current key, read with any
  configured one, so a key rotation does not empty the cache at once.
* :func:`keyed_digest` — an HMAC-SHA256 under a key derived from the current encryption key and a
  purpose label: cache keys and lookup columns that must not hold, nor let anyone confirm a guess
  of, the private text they stand for (a plain SHA-256 of a question can be checked against a
  guessed question; an HMAC cannot without the key). Digests change with the key: after a
  rotation the cache misses once, and stored digests are rebuilt (`blind_index.REBUILDERS`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from nps.core.fields import UnreadableValue, current_key, decrypt_bytes, encrypt_bytes


def keyed_digest(purpose: str, *parts: str) -> str:
    """HMAC-SHA256 (hex) of ``parts`` under the current key's ``purpose`` key.

    The parts are joined unambiguously (length-prefixed), so ("ab", "c") and ("a", "bc") differ.
    """
    key = hmac.new(current_key().encode(), f"nps:{purpose}".encode(), hashlib.sha256).digest()
    material = b"".join(
        len(encoded).to_bytes(4, "big") + encoded for encoded in (part.encode() for part in parts)
    )
    return hmac.new(key, material, hashlib.sha256).hexdigest()


def seal(value: Any) -> str:
    """``value`` (anything JSON can hold) encrypted under the current key, as ASCII text."""
    token = encrypt_bytes(json.dumps(value, ensure_ascii=False).encode())
    return base64.urlsafe_b64encode(token).decode("ascii")


def unseal(sealed: Any) -> Any | None:
    """The value :func:`seal` sealed, or ``None`` when it is not one (no configured key opens it,
    damaged, or a clear value written before values were sealed)."""
    if not isinstance(sealed, str) or not sealed:
        return None
    try:
        token = base64.urlsafe_b64decode(sealed.encode("ascii"))
        clear, _key_index = decrypt_bytes(token)
        return json.loads(clear)
    except (UnreadableValue, UnicodeError, binascii.Error, ValueError):
        return None
