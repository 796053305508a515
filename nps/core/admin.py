"""The audit log in the admin console: read-only, for admins and moderators."""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from nps.core.models import AuditLog

admin.site.site_header = _("NPS administration")
admin.site.site_title = _("NPS admin")
admin.site.index_title = _("User management")
# The wide changelists (profiles, readings, audit) need the room more than a second app menu.
admin.site.enable_nav_sidebar = False


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """What happened, by whom, from where. Entries are written by the code paths they describe and
    are never added, changed or deleted by hand."""

    list_display = (
        "timestamp",
        "action",
        "actor",
        "resource_type",
        "resource_id",
        "success",
        "ip_address",
    )
    list_filter = ("action", "success", "resource_type")
    date_hierarchy = "timestamp"
    search_fields = ("action", "ip_address")
    list_select_related = ("actor",)
    ordering = ("-timestamp", "-id")
    fieldsets = (
        (None, {"fields": ("timestamp", "action", "success")}),
        (_("Who"), {"fields": ("actor", "ip_address", "api_key_hash")}),
        (_("What"), {"fields": ("resource_type", "resource_id", "profile", "details_pretty")}),
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field for _name, options in self.fieldsets for field in options["fields"]]

    @admin.display(description=_("details"))
    def details_pretty(self, obj):
        if not obj.details:
            return "–"
        text = json.dumps(obj.details, indent=2, ensure_ascii=False)
        return format_html('<pre class="nps-json">{}</pre>', text)
