"""Writing the audit log (api.md §6).

Call `record()` inside the transaction of the change it describes, so both are committed together.
Pass only identifiers and field *names* in `details` — never names of people, questions or other
user data (they are encrypted at rest and must not reappear here in clear). `profile_id` is V4's
`user_id` column: the oracle profile the action concerns.
"""

from django.http import HttpRequest

from nps.core.http import client_ip
from nps.core.models import AuditLog


def record(
    action: str,
    *,
    actor=None,
    profile_id: int | None = None,
    request: HttpRequest | None = None,
    resource_type: str | None = None,
    resource_id: int | None = None,
    success: bool = True,
    api_key_hash: str | None = None,
    details: dict | None = None,
) -> AuditLog:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditLog.objects.create(
        action=action,
        actor=actor,
        user_id=profile_id,
        resource_type=resource_type,
        resource_id=resource_id,
        success=success,
        ip_address=client_ip(request),
        api_key_hash=api_key_hash,
        details=details or None,
    )
