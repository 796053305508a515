"""Feedback and learned metrics in the admin console, read-only (they change through the pages,
the API and `recalculate_learning`). Only admins see a feedback's comment in clear."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from learning.models import LearningMetric, ReadingFeedback

MASK = "••••••"


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReadingFeedback)
class ReadingFeedbackAdmin(ReadOnlyAdmin):
    list_display = ("reading", "user", "rating", "updated_at")
    list_filter = ("rating", "reading__sign_type")
    list_select_related = ("reading", "user")

    def get_fields(self, request, obj=None):
        comment = "comment" if request.user.is_admin else "comment_masked"
        return (
            "reading",
            "user",
            "rating",
            "section_feedback",
            comment,
            "created_at",
            "updated_at",
        )

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description=_("comment"))
    def comment(self, obj):
        return obj.text_feedback or "—"

    @admin.display(description=_("comment"))
    def comment_masked(self, obj):
        return MASK if obj.text_feedback else "—"


@admin.register(LearningMetric)
class LearningMetricAdmin(ReadOnlyAdmin):
    list_display = ("metric_key", "metric_value", "sample_count", "updated_at")
    search_fields = ("metric_key",)
    readonly_fields = ("metric_key", "metric_value", "sample_count", "details", "prompt_emphasis")
