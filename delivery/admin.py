"""Daily deliveries in the admin console, read-only: what was sent to whom, when, and why not."""

from django.contrib import admin

from delivery.models import Delivery, DeliveryChoice, TelegramLink
from nps.core.admin import ReadOnlyAdminMixin


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("account", "channel", "local_day", "status", "attempts", "sent_at")
    list_filter = ("status", "channel", "local_day")
    list_select_related = ("account",)
    search_fields = ("account__username",)
    date_hierarchy = "local_day"
    fields = (
        "account",
        "channel",
        "local_day",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
        "created_at",
        "updated_at",
    )


@admin.register(DeliveryChoice)
class DeliveryChoiceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("account", "email", "telegram", "time", "updated_at")
    list_filter = ("email", "telegram")
    list_select_related = ("account",)
    search_fields = ("account__username",)


@admin.register(TelegramLink)
class TelegramLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Which accounts have a chat (the chat id itself stays encrypted, not shown)."""

    list_display = ("account", "linked_at")
    list_select_related = ("account",)
    search_fields = ("account__username",)
    fields = ("account", "linked_at")
