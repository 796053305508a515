"""Writing the audit log: one row per audited action, with the acting account.

Call `record()` inside the transaction of the change it describes, so both are committed together.
Pass only identifiers and field *names* in `details` — never names of people, questions or other
user data (they are encrypted at rest and must not reappear here in clear). `profile_id` is V4's
`user_id` column: the oracle profile the action concerns. `client_address` is the caller's
address as `nps.core.http.client_ip()` reads it from the request (the view's job, not a service's).
"""

from nps.core.models import AuditLog


def record(
    action: str,
    *,
    actor=None,
    profile_id: int | None = None,
    client_address: str | None = None,
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
        profile_id=profile_id,
        resource_type=resource_type,
        resource_id=resource_id,
        success=success,
        ip_address=client_address,
        api_key_hash=api_key_hash,
        details=details or None,
    )
