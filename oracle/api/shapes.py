"""Shapes that exist only for V4's JSON: a history item and an audit entry.

Pages render the models (and `sealing.reading_response`) directly; these dicts keep the API's
field names and values exactly as V4's clients read them.
"""

from collections.abc import Mapping
from typing import Any

from nps.accounts.principal import Principal
from nps.core.models import AuditLog
from nps.core.privacy import masked
from oracle.models import Reading, SignType
from oracle.services import sealing

# V4's `ai_interpretation` of a history item: the reading's main text.
V4_TEXT_KEY: Mapping[str, str] = {
    SignType.READING: "summary",
    SignType.QUESTION: "interpretation",
    SignType.NAME: "interpretation",
}


def _v4_text(reading: Reading, response: Mapping[str, Any]) -> str | None:
    """V4's ``ai_interpretation`` of a history item: the main text, or multi-user's JSON text."""
    if reading.sign_type == SignType.MULTI_USER:
        return sealing.group_interpretation_text(reading)
    if sealing.sealed_object(reading) is None:
        return reading.ai_interpretation
    text = response.get(V4_TEXT_KEY.get(reading.sign_type, ""))
    return text if isinstance(text, str) else None


def reading_item(reading: Reading, *, principal: Principal) -> dict[str, Any]:
    """A history entry: V4's ``StoredReading`` plus ``is_favorite``, ``is_multi_user`` and
    ``primary_user_id``; ``reading_result`` is the full endpoint response, decrypted — for a
    principal who may read the reading's private texts (its owner, an admin). Anyone else (a
    moderator) gets the question, the interpretation and the sealed texts as the mask
    (`sealing.masked_response`)."""
    response = sealing.reading_response(reading)
    question, text = reading.question, _v4_text(reading, response)
    if not principal.may_read_private_texts(reading.owner_id):
        response = sealing.masked_response(reading)
        question, text = masked(question), masked(text)
    return {
        "id": reading.pk,
        "user_id": reading.profile_id,
        "sign_type": reading.sign_type,
        "sign_value": reading.sign_value,
        "question": question,
        "reading_result": response,
        "ai_interpretation": text,
        "created_at": reading.created_at,
        "is_favorite": reading.is_favorite,
        "is_multi_user": reading.is_multi_user,
        "primary_user_id": reading.primary_profile_id,
    }


def audit_entry(row: AuditLog, *, principal: Principal) -> dict[str, Any]:
    """V4's entry (with `details` as an object, as the later V4 did) plus the acting account.
    The client address is the acting account's private data: masked for a principal who may
    not read it (a moderator, for another account's entries)."""
    address = row.ip_address
    if not principal.may_read_private_texts(row.actor_id):
        address = masked(address)
    return {
        "id": row.pk,
        "timestamp": row.timestamp,
        "user_id": row.profile_id,
        "action": row.action,
        "resource_type": row.resource_type,
        "resource_id": row.resource_id,
        "success": row.success,
        "ip_address": address,
        "api_key_hash": row.api_key_hash,
        "details": row.details,
        "actor_id": str(row.actor_id) if row.actor_id is not None else None,
    }
