"""Feedback and learned metrics in the admin console, read-only (they change through the pages,
the API and `recalculate_learning`). A feedback's comment is shown in clear to its author and
admins (`Principal.may_read_private_texts`); a moderator sees other accounts' as the mask."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from learning.models import LearningMetric, ReadingFeedback
from nps.accounts.principal import principal_for_account
from nps.core.admin import ReadOnlyAdminMixin
from nps.core.privacy import masked


@admin.register(ReadingFeedback)
class ReadingFeedbackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("reading", "user", "rating", "updated_at")
    list_filter = ("rating", "reading__sign_type")
    list_select_related = ("reading", "user")

    def get_fields(self, request, obj=None):
        principal = principal_for_account(request.user, auth_type="session")
        readable = obj is None or principal.may_read_private_texts(obj.user_id)
        comment = "comment" if readable else "comment_masked"
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
        return masked(obj.text_feedback) or "—"


@admin.register(LearningMetric)
class LearningMetricAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("metric_key", "metric_value", "sample_count", "updated_at")
    search_fields = ("metric_key",)
    readonly_fields = ("metric_key", "metric_value", "sample_count", "details", "prompt_emphasis")
