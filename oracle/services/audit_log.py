"""Reading the audit log (`GET /api/oracle/audit`, api.md §2.6). Writing it is `nps.core.audit`."""

from dataclasses import dataclass
from typing import Any

from nps.core.models import AuditLog

# V4 filtered `resource_id` as a profile id: without an explicit type it still means one.
DEFAULT_RESOURCE_TYPE = "oracle_user"


@dataclass(frozen=True)
class AuditPage:
    entries: list[dict[str, Any]]
    total: int


def entry(row: AuditLog) -> dict[str, Any]:
    """V4's entry (with `details` as an object, as the later V4 did) plus the acting account."""
    return {
        "id": row.pk,
        "timestamp": row.timestamp,
        "user_id": row.user_id,
        "action": row.action,
        "resource_type": row.resource_type,
        "resource_id": row.resource_id,
        "success": row.success,
        "ip_address": row.ip_address,
        "api_key_hash": row.api_key_hash,
        "details": row.details,
        "actor_id": str(row.actor_id) if row.actor_id is not None else None,
    }


def list_entries(
    *,
    action: str | None = None,
    resource_type: str | None = None,
    resource_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> AuditPage:
    """Entries newest first. A `resource_id` of 0 is no filter, and without `resource_type` it
    names an `oracle_user` (V4's quirk, kept so V4 clients get the same answers)."""
    rows = AuditLog.objects.all()
    if action:
        rows = rows.filter(action=action)
    if resource_id:
        rows = rows.filter(
            resource_id=resource_id, resource_type=resource_type or DEFAULT_RESOURCE_TYPE
        )
    elif resource_type:
        rows = rows.filter(resource_type=resource_type)
    rows = rows.order_by("-timestamp", "-id")
    return AuditPage([entry(row) for row in rows[offset : offset + limit]], rows.count())
