"""Feedback on readings and the metrics learned from it (V4-later's tables).

`oracle_reading_feedback`: one row per account and reading (1–5 stars, per-section helpful flags,
an optional comment, encrypted at rest). `oracle_learning_data`: the recalculated metrics as
key/value rows (`avg_rating:<type>`, `avg_rating:overall`, `section_helpful:<section>`,
`prompt_emphasis:active`).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from nps.core.fields import EncryptedTextField


class ReadingFeedback(models.Model):
    id = models.BigAutoField(primary_key=True)
    reading = models.ForeignKey(
        "oracle.Reading",
        verbose_name=_("reading"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="reading_feedback",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    # {"advice": true, "caution": false, …}: only the sections the person marked.
    section_feedback = models.JSONField(
        _("section feedback"), default=dict, db_default=models.Value({}, models.JSONField())
    )
    text_feedback = EncryptedTextField(_("comment"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=now, db_default=Now())
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    class Meta:
        db_table = "oracle_reading_feedback"
        verbose_name = _("reading feedback")
        verbose_name_plural = _("reading feedback")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["reading", "user"], name="oracle_feedback_unique"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="oracle_feedback_rating_check",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ on reading #{self.reading_id}"


class LearningMetric(models.Model):
    id = models.BigAutoField(primary_key=True)
    metric_key = models.CharField(_("metric"), max_length=100, unique=True)
    metric_value = models.FloatField(_("value"), default=0.0, db_default=0.0)
    sample_count = models.PositiveIntegerField(_("samples"), default=0, db_default=0)
    details = models.JSONField(_("details"), null=True, blank=True)
    prompt_emphasis = models.TextField(_("prompt emphasis"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    class Meta:
        db_table = "oracle_learning_data"
        verbose_name = _("learning metric")
        verbose_name_plural = _("learning metrics")
        ordering = ["metric_key"]

    def __str__(self) -> str:
        return self.metric_key
