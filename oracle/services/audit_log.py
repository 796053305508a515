"""Reading the audit log (`GET /api/oracle/audit`). Writing it is `nps.core.audit`."""

from dataclasses import dataclass

from nps.core.models import AuditLog

# V4 filtered `resource_id` as a profile id: without an explicit type it still means one.
DEFAULT_RESOURCE_TYPE = "oracle_user"


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditLog]
    total: int


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
    return AuditPage(list(rows[offset : offset + limit]), rows.count())
