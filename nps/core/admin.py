"""The audit log in the admin console: read-only, for admins and moderators. A client address is
shown to admins and to the account that acted (`Principal.may_read_private_texts`); other
accounts' addresses are masked for moderators, and they cannot search by address."""

import json

from django.contrib import admin
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from nps.accounts.principal import principal_for_account
from nps.core.models import AuditLog
from nps.core.privacy import masked

admin.site.site_header = _("NPS administration")
admin.site.site_title = _("NPS admin")
admin.site.index_title = _("User management")
# The wide changelists (profiles, readings, audit) need the room more than a second app menu.
admin.site.enable_nav_sidebar = False


class ReadOnlyAdminMixin:
    """Rows written only by the code paths they describe: viewed in the console, never added,
    changed or deleted by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def pretty_json(value):
    """A JSON value as an indented block for the console ("–" when empty)."""
    if value in (None, "", [], {}):
        return "–"
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return format_html('<pre class="nps-json">{}</pre>', text)


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What happened, by whom, from where. Entries are written by the code paths they describe and
    are never added, changed or deleted by hand."""

    list_display = (
        "timestamp",
        "action",
        "actor",
        "resource_type",
        "resource_id",
        "success",
        "client_address",
    )
    list_filter = ("action", "success", "resource_type")
    date_hierarchy = "timestamp"
    search_fields = ("action", "ip_address")
    list_select_related = ("actor",)
    ordering = ("-timestamp", "-id")
    fieldsets = (
        (None, {"fields": ("timestamp", "action", "success")}),
        (_("Who"), {"fields": ("actor", "client_address", "api_key_hash")}),
        (_("What"), {"fields": ("resource_type", "resource_id", "profile", "details_pretty")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return [field for _name, options in self.fieldsets for field in options["fields"]]

    def get_search_fields(self, request):
        if principal_for_account(request.user, auth_type="session").reads_all_private_texts:
            return self.search_fields
        return ("action",)  # searching by address would reveal the masked addresses

    def get_queryset(self, request):
        # Each row says whether this viewer may read its address: the rule of
        # `Principal.may_read_private_texts` (admins: all; anyone else: the rows they acted in),
        # written as SQL so the list and the page need no request in their display method.
        principal = principal_for_account(request.user, auth_type="session")
        if principal.reads_all_private_texts:
            readable = Value(True)
        else:
            readable = ExpressionWrapper(Q(actor_id=request.user.pk), BooleanField())
        return super().get_queryset(request).annotate(address_readable=readable)

    @admin.display(description=_("IP address"), ordering="ip_address")
    def client_address(self, obj):
        if getattr(obj, "address_readable", False):
            return obj.ip_address or "–"
        return masked(obj.ip_address) or "–"

    @admin.display(description=_("details"))
    def details_pretty(self, obj):
        return pretty_json(obj.details)
