import datetime
import html
import json

import pytest
from django.utils import timezone

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog

pytestmark = pytest.mark.django_db

AUDIT = "/admin/core/auditlog/"


def entry(action="oracle_user.create", **fields):
    return AuditLog.objects.create(action=action, **fields)


def listed_actions(response) -> list[str]:
    return sorted(row.action for row in response.context["cl"].result_list)


def test_audit_log_lists_the_columns(client, admin_user):
    entry(
        "oracle_user.delete",
        actor=UserFactory(username="auditor"),
        resource_type="oracle_user",
        resource_id=42,
        ip_address="203.0.113.9",
    )
    client.force_login(admin_user)
    content = client.get(AUDIT).content.decode()
    for text in ("oracle_user.delete", "auditor", "oracle_user", "42", "203.0.113.9"):
        assert text in content
    for header in ("Time", "Action", "Account", "Resource type", "Resource id", "IP address"):
        assert header in content


def test_audit_log_cannot_be_added_changed_or_deleted(client, admin_user):
    row = entry(details={"updated_fields": ["name"]})
    client.force_login(admin_user)

    assert client.get(f"{AUDIT}add/").status_code == 403
    assert client.post(f"{AUDIT}add/", {"action": "forged"}).status_code == 403
    assert client.post(f"{AUDIT}{row.pk}/change/", {"action": "forged"}).status_code == 403
    assert client.post(f"{AUDIT}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(AUDIT, {"action": "delete_selected", "_selected_action": [str(row.pk)]})

    row.refresh_from_db()
    assert row.action == "oracle_user.create"
    assert AuditLog.objects.filter(action="forged").count() == 0


def test_audit_entry_page_is_view_only_with_pretty_details(client, admin_user):
    row = entry(details={"updated_fields": ["city", "name"]})
    client.force_login(admin_user)
    response = client.get(f"{AUDIT}{row.pk}/change/")
    assert response.status_code == 200
    content = response.content.decode()
    pretty = json.dumps(row.details, indent=2)
    assert f'<pre class="nps-json">{html.escape(pretty)}</pre>' in content
    assert 'name="_save"' not in content


def test_audit_log_filters_by_action(client, admin_user):
    entry("api_key.create")
    entry("oracle_user.restore")
    client.force_login(admin_user)
    response = client.get(AUDIT, {"action": "oracle_user.restore"})
    assert listed_actions(response) == ["oracle_user.restore"]


def test_audit_log_filters_by_success(client, admin_user):
    entry("auth.login")
    entry("auth.failed", success=False)
    client.force_login(admin_user)
    response = client.get(AUDIT, {"success__exact": "0"})
    assert listed_actions(response) == ["auth.failed"]


def test_audit_log_filters_by_resource_type(client, admin_user):
    entry("oracle_user.delete", resource_type="oracle_user")
    entry("oracle_reading.delete", resource_type="oracle_reading")
    client.force_login(admin_user)
    response = client.get(AUDIT, {"resource_type": "oracle_reading"})
    assert listed_actions(response) == ["oracle_reading.delete"]


def test_audit_log_has_a_date_hierarchy(client, admin_user):
    entry("old.action", timestamp=timezone.now() - datetime.timedelta(days=800))
    entry("new.action")
    client.force_login(admin_user)
    response = client.get(AUDIT, {"timestamp__year": timezone.now().year})
    assert listed_actions(response) == ["new.action"]


def test_audit_log_searches_action_and_ip(client, admin_user):
    entry("auth.login", ip_address="198.51.100.7")
    entry("api_key.revoke", ip_address="203.0.113.50")
    client.force_login(admin_user)
    assert listed_actions(client.get(AUDIT, {"q": "198.51.100"})) == ["auth.login"]
    assert listed_actions(client.get(AUDIT, {"q": "revoke"})) == ["api_key.revoke"]


def test_moderators_may_read_the_audit_log(client):
    entry("auth.login")
    client.force_login(UserFactory(role=Role.MODERATOR))
    response = client.get(AUDIT)
    assert response.status_code == 200
    assert listed_actions(response) == ["auth.login"]


def test_plain_users_cannot_read_the_audit_log(client, user):
    client.force_login(user)
    response = client.get(AUDIT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_audit_changelist_does_not_query_once_per_row(
    client, admin_user, django_assert_max_num_queries
):
    for _index in range(20):
        entry("auth.login", actor=UserFactory())
    client.force_login(admin_user)
    with django_assert_max_num_queries(10):
        assert client.get(AUDIT).status_code == 200


def test_the_admin_index_names_every_app_in_persian(client, admin_user):
    client.force_login(admin_user)
    client.cookies["nps_language"] = "fa"

    page = client.get("/admin/").content.decode()

    assert "ممیزی" in page and "قفل‌های ورود" in page
    assert ">Core<" not in page and ">Axes<" not in page
