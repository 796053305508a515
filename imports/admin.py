"""The admin console's "Imports" page (admins only): start an import of a V3 folder (a ZIP) or of
a V4 database as a background job, and read its report when it is done. Also the source of
imported profiles and readings, added to oracle's admin pages (`oracle/admin.py` knows nothing of
imports: this app extends its profile and reading admins)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from imports.models import ImportedRecord, ImportJob, JobStatus, Kind, Source
from imports.services import imported_ids, report_text
from imports.services import jobs as import_jobs
from imports.services.archive import MB, ArchiveRefused
from imports.services.archive import check as check_archive
from nps.accounts.models import User
from nps.core.uploads import accepts_uploads
from nps.core.validators import validate_timezone_name
from oracle import admin as oracle_admin
from oracle.models import Profile, Reading

# ---- the source of imported rows

NOT_IMPORTED = "none"


def import_source_filter(kind: str):
    """A changelist filter "imported from": V4, V3, or made in NPS."""

    class ImportSourceFilter(admin.SimpleListFilter):
        title = _("imported from")
        parameter_name = "imported"

        def lookups(self, request, model_admin):
            return [*Source.choices, (NOT_IMPORTED, _("not imported"))]

        def queryset(self, request, queryset):
            value = self.value()
            if value == NOT_IMPORTED:
                return queryset.exclude(imported_ids(None, kind))
            if value in Source.values:
                return queryset.filter(imported_ids(value, kind))
            return queryset

    return ImportSourceFilter


def import_source(kind: str):
    """A read-only admin field: where the row was imported from, and its identity there."""

    @admin.display(description=_("imported from"))
    def imported_from(self, obj) -> str:
        record = ImportedRecord.objects.filter(
            kind=kind, object_id=str(obj.pk), created=True
        ).first()
        if record is None:
            return "–"
        return f"{record.get_source_display()} ({record.source_key})"

    return imported_from


# ---- starting an import


class ImportJobForm(forms.ModelForm):
    archive = forms.FileField(
        label=_("V3 folder (ZIP)"),
        required=False,
        help_text=_("A ZIP of the V3 “nps” folder (the one holding data/)."),
    )
    passwords = forms.CharField(
        label=_("V3 master passwords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("One per line: every password ever used (V3 never checked them)."),
    )
    timezone = forms.CharField(
        label=_("V3 time zone"),
        initial="UTC",
        validators=[validate_timezone_name],
        help_text=_("Where V3 ran: its times carry no zone (e.g. Asia/Tehran)."),
    )
    database_url = forms.CharField(
        label=_("V4 database URL"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("postgres://user:password@host:5432/nps"),
    )
    encryption_key = forms.CharField(
        label=_("V4 encryption key"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("V4's NPS_ENCRYPTION_KEY; empty if V4 ran without one."),
    )
    salt = forms.CharField(
        label=_("V4 encryption salt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("V4's NPS_ENCRYPTION_SALT; empty for V4's default."),
    )

    class Meta:
        model = ImportJob
        fields = ["source", "owner", "execute"]
        help_texts = {
            "execute": _("Leave unticked for a dry run: a report, nothing written."),
            "owner": _("The account that receives the profiles and readings."),
        }

    def clean_archive(self):
        upload = self.cleaned_data.get("archive")
        if upload is None:
            return None
        if upload.size > settings.NPS_IMPORT_MAX_UPLOAD_MB * MB:
            raise ValidationError(
                _("The ZIP is larger than %(size)s MB."),
                params={"size": settings.NPS_IMPORT_MAX_UPLOAD_MB},
            )
        data = upload.read()
        try:
            check_archive(data)
        except ArchiveRefused as exc:
            raise ValidationError(exc.message) from None
        return data

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if source == Source.V3 and not cleaned.get("archive") and "archive" not in self.errors:
            self.add_error("archive", _("Choose the ZIP of the V3 folder."))
        if source == Source.V4 and not cleaned.get("database_url"):
            self.add_error("database_url", _("Enter the V4 database URL."))
        return cleaned


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("id", "source", "owner", "execute", "status", "created_at", "finished_at")
    list_filter = ("source", "status", "execute")
    list_select_related = ("owner",)
    readonly = (
        "source",
        "owner",
        "created_by",
        "execute",
        "status",
        "error",
        "report_display",
        "created_at",
        "started_at",
        "finished_at",
    )

    # The one page that takes a file: a V3 folder's ZIP (nps/core/uploads.py refuses files
    # everywhere else, and larger ones here before they are stored).
    @accepts_uploads(max_bytes=lambda: settings.NPS_IMPORT_MAX_UPLOAD_MB * MB)
    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ImportJobForm
            kwargs["fields"] = None
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return [(None, {"fields": self.readonly})]
        return [
            (None, {"fields": ("source", "owner", "execute")}),
            (_("From V3"), {"fields": ("archive", "passwords", "timezone")}),
            (_("From V4"), {"fields": ("database_url", "encryption_key", "salt")}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly if obj is not None else ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "owner":
            formfield.queryset = User.objects.filter(is_active=True)
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
        return formfield

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a job is started, then read; never edited

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_admin

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        passwords = [line for line in (data.get("passwords") or "").splitlines() if line]
        job = import_jobs.start_job(
            created_by=request.user,
            owner=data["owner"],
            source=data["source"],
            execute=data["execute"],
            zip_bytes=data.get("archive"),
            passwords=passwords,
            tz=data.get("timezone") or "UTC",
            database_url=data.get("database_url") or "",
            encryption_key=data.get("encryption_key") or "",
            salt=data.get("salt") or "",
        )
        obj.pk = job.pk

    def response_add(self, request, obj, post_url_continue=None):
        # To the job's page: its status, and the report once it has run.
        return HttpResponseRedirect(reverse("admin:imports_importjob_change", args=[obj.pk]))

    def save_related(self, request, form, formsets, change) -> None:
        pass  # the job has no related rows to save

    @admin.display(description=_("report"))
    def report_display(self, obj):
        if obj.report:
            return format_html('<pre class="nps-report">{}</pre>', report_text(obj.report))
        if obj.status in (JobStatus.PENDING, JobStatus.RUNNING):
            return _("Not finished yet: reload this page.")
        return "–"


@admin.register(ImportedRecord)
class ImportedRecordAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "source_key", "object_id", "created", "imported_at")
    list_filter = ("source", "kind", "created")
    search_fields = ("=object_id", "source_key")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_admin


# ---- oracle's profile and reading pages, extended with where a row was imported from


class ImportedProfileAdmin(oracle_admin.ProfileAdmin):
    list_filter = (*oracle_admin.ProfileAdmin.list_filter, import_source_filter(Kind.PROFILE))
    record_fields = (*oracle_admin.ProfileAdmin.record_fields, "imported_from")
    imported_from = import_source(Kind.PROFILE)


class ImportedReadingAdmin(oracle_admin.ReadingAdmin):
    list_filter = (*oracle_admin.ReadingAdmin.list_filter, import_source_filter(Kind.READING))
    record_fields = (*oracle_admin.ReadingAdmin.record_fields, "imported_from")
    imported_from = import_source(Kind.READING)


for model, model_admin in ((Profile, ImportedProfileAdmin), (Reading, ImportedReadingAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
