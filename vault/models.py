"""The journal of readings: the owner's note, tags, pin and outcome of each reading.

The readings themselves are `oracle.models.Reading`; a `JournalEntry` exists only once the owner
has written something about one. The note and the outcome's note are encrypted at rest; their
search terms (keyed blind index, `nps.core.blind_index`) live in `NoteTerm`.
"""

from django.db import models
from django.db.models.functions import Now
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from nps.core.fields import EncryptedTextField


class Outcome(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PARTLY = "partly", _("Partly")
    UNKNOWN = "unknown", _("Unknown")


class JournalEntry(models.Model):
    """What the owner of a reading wrote about it. Deleting the reading deletes this too."""

    id = models.BigAutoField(primary_key=True)
    reading = models.OneToOneField(
        "oracle.Reading",
        verbose_name=_("reading"),
        on_delete=models.CASCADE,
        related_name="journal_entry",
    )
    note = EncryptedTextField(_("note"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False, db_default=False)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, null=True, blank=True
    )
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_note = EncryptedTextField(_("outcome note"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=now, db_default=Now())
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    class Meta:
        db_table = "vault_journal_entries"
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=Outcome.values) | models.Q(outcome__isnull=True),
                name="vault_journal_outcome_check",
            ),
        ]
        indexes = [
            models.Index(
                fields=["pinned"], condition=models.Q(pinned=True), name="idx_vault_pinned"
            ),
        ]

    def __str__(self) -> str:
        return f"Journal of reading #{self.reading_id}"

    @property
    def tags(self) -> list[str]:
        """The tags, alphabetical (prefetch `tag_rows` when listing many entries)."""
        return sorted(row.tag for row in self.tag_rows.all())


class EntryTag(models.Model):
    """One tag of an entry, as a row so that filtering by tag is an indexed lookup."""

    id = models.BigAutoField(primary_key=True)
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="tag_rows")
    tag = models.CharField(_("tag"), max_length=40)

    class Meta:
        db_table = "vault_entry_tags"
        constraints = [
            models.UniqueConstraint(fields=["entry", "tag"], name="vault_entry_tag_unique"),
        ]
        indexes = [models.Index(fields=["tag"], name="idx_vault_entry_tag")]

    def __str__(self) -> str:
        return self.tag


class NoteTerm(models.Model):
    """A blind-index term of an entry's note or outcome note (an HMAC, never the word)."""

    id = models.BigAutoField(primary_key=True)
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=32)

    class Meta:
        db_table = "vault_note_terms"
        constraints = [
            models.UniqueConstraint(fields=["entry", "term"], name="vault_note_term_unique"),
        ]
        indexes = [models.Index(fields=["term"], name="idx_vault_note_term")]

    def __str__(self) -> str:
        return self.term
