"""The journal of readings: the owner's note, tags, pin and outcome of each reading.

The readings themselves are `oracle.models.Reading`; a `JournalEntry` exists only once the owner
has written something about one. The note and the outcome's note are encrypted at rest; their
search terms (keyed blind index, `nps.core.blind_index`) live in `NoteTerm`. A tag is encrypted
too; beside it its keyed hash (`tag_digest`) is what filtering by a tag and counting the tags
look up.
"""

from django.db import models
from django.db.models.functions import Now
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from nps.core.fields import EncryptedTextField
from nps.core.sealed_values import keyed_digest


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
        return sorted(row.tag for row in self.tag_rows.all() if row.tag is not None)


def tag_digest(tag: str) -> str:
    """The keyed hash of a normalised tag: equal tags, equal hashes; the text not recoverable
    (nor a guess testable) without the encryption key. Rebuilt on key rotation."""
    return keyed_digest("journal-tag", tag)


class EntryTag(models.Model):
    """One tag of an entry, as a row so that filtering by tag is an indexed lookup (on the keyed
    hash: the tag itself is encrypted)."""

    id = models.BigAutoField(primary_key=True)
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="tag_rows")
    tag = EncryptedTextField(_("tag"))
    tag_hash = models.CharField(_("tag hash"), max_length=64)

    class Meta:
        db_table = "vault_entry_tags"
        constraints = [
            models.UniqueConstraint(fields=["entry", "tag_hash"], name="vault_entry_tag_unique"),
        ]
        indexes = [models.Index(fields=["tag_hash"], name="idx_vault_entry_tag")]

    def __str__(self) -> str:
        return self.tag or ""

    @classmethod
    def of(cls, entry: JournalEntry, tag: str) -> "EntryTag":
        """The row of a (normalised) tag of ``entry``, its hash computed."""
        return cls(entry=entry, tag=tag, tag_hash=tag_digest(tag))


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
