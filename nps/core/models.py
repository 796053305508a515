"""Cross-app building blocks: soft delete and the audit log."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SoftDeleteQuerySet(models.QuerySet):
    """Deleting through a queryset only marks rows; `hard_delete()` really removes them."""

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def dead(self):
        return self.filter(deleted_at__isnull=False)

    def delete(self):
        count = self.alive().update(deleted_at=timezone.now())
        return count, {self.model._meta.label: count}

    delete.queryset_only = True

    def hard_delete(self):
        return super().delete()

    def restore(self):
        return self.dead().update(deleted_at=None)


class AliveManager(models.Manager):
    """The default manager: deleted rows are invisible unless asked for through `all_objects`.

    Build it for a queryset class with `AliveManager.from_queryset(SomeSoftDeleteQuerySet)()`.
    """

    def get_queryset(self):
        return super().get_queryset().alive()


class SoftDeleteModel(models.Model):
    """Base for every model whose rows are kept after deletion so they can be restored.

    `objects` sees live rows only, `all_objects` sees everything. `delete()` marks the row,
    `hard_delete()` removes it, `restore()` brings it back.
    """

    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    objects = AliveManager.from_queryset(SoftDeleteQuerySet)()
    all_objects = models.Manager.from_queryset(SoftDeleteQuerySet)()

    class Meta:
        abstract = True
        # Related lookups (reverse relations, admin) must see deleted rows too, or restoring is
        # impossible from there.
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def delete(self, using=None, keep_parents=False):
        if self.deleted_at is None:
            self.deleted_at = timezone.now()
            self.save(update_fields=["deleted_at"], using=using)
        return 1, {self._meta.label: 1}

    def hard_delete(self, using=None, keep_parents=False):
        return super().delete(using=using, keep_parents=keep_parents)

    def restore(self) -> None:
        if self.deleted_at is not None:
            self.deleted_at = None
            self.save(update_fields=["deleted_at"])


class AuditLog(models.Model):
    """One row per audited action, written in the same transaction as the change.

    V4's table and columns; `actor` (the account that acted) is new: V4 never recorded who acted.
    `details` must never contain user data that is encrypted elsewhere (names of people, questions).
    """

    id = models.BigAutoField(primary_key=True)
    timestamp = models.DateTimeField(_("time"), default=timezone.now, db_default=Now())
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_column="actor_user_id",
        related_name="+",
    )
    profile = models.ForeignKey(
        "oracle.Profile",
        verbose_name=_("profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_column="user_id",
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=100)
    resource_type = models.CharField(_("resource type"), max_length=50, null=True, blank=True)
    resource_id = models.BigIntegerField(_("resource id"), null=True, blank=True)
    success = models.BooleanField(_("success"), default=True, db_default=True)
    ip_address = models.CharField(_("IP address"), max_length=45, null=True, blank=True)
    api_key_hash = models.CharField(_("API key hash"), max_length=64, null=True, blank=True)
    details = models.JSONField(_("details"), null=True, blank=True)

    class Meta:
        db_table = "oracle_audit_log"
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["-timestamp"], name="idx_oracle_audit_timestamp"),
            models.Index(fields=["action"], name="idx_oracle_audit_action"),
            models.Index(fields=["success"], name="idx_oracle_audit_success"),
            models.Index(fields=["actor"], name="idx_oracle_audit_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.action}"
