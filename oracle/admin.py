"""The oracle data in the admin console: profiles (live and deleted) and stored readings.

Who may do what:
- admins and moderators see every account's profiles and readings, soft-delete and restore them;
- the encrypted fields (mother names, questions, interpretations) are shown in clear to whoever
  may read them (`Principal.may_read_private_texts`: the owner, or an admin) — a moderator sees
  other accounts' as a mask (`nps.core.privacy`), and their saves leave those fields untouched;
- deleting is always soft (`deleted_at`), so every deletion can be undone from the "deleted" filter.
  Nothing here removes rows for good: a profile's readings, participations and audit trail hang on
  it, and purging belongs to a deliberate maintenance job, not a list action.
Every change made here is written to the audit log.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nps.accounts.principal import principal_for_account
from nps.core import audit
from nps.core.admin import ReadOnlyAdminMixin, pretty_json
from nps.core.dates import validate_entry_date
from nps.core.http import client_ip
from nps.core.privacy import masked
from oracle.models import Profile, Reading, ReadingKind
from oracle.services import history, profiles


def sees_encrypted_fields(request, obj) -> bool:
    """Mother names, questions and interpretations of `obj` in clear: for its owner and admins
    (a new object has nothing to hide)."""
    return obj is None or console_principal(request).may_read_private_texts(obj.owner_id)


def may_choose_owners(request) -> bool:
    """Only admins give a profile to another account (and see the list of every account)."""
    return request.user.is_admin


class OwnerNameMixin:
    @admin.display(description=_("owner"))
    def owner_name(self, obj) -> str:
        return obj.owner.username if obj.owner is not None else "–"


def pretty_text(value):
    """Interpretations are text, or (multi-user readings) the JSON text of a dict."""
    if not value:
        return "–"
    try:
        parsed = json.loads(value)
    except ValueError:
        return format_html('<div class="nps-text">{}</div>', value)
    if isinstance(parsed, dict | list):
        return pretty_json(parsed)
    return format_html('<div class="nps-text">{}</div>', value)


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.dead()
        if self.value() == "no":
            return queryset.alive()
        return queryset


def console_principal(request):
    """The admin console's user as the principal the services take."""
    return principal_for_account(request.user, auth_type="session")


class SoftDeleteAdminMixin:
    """Changelists show live and deleted rows; "delete" marks rows, "restore" brings them back.

    Both go through the app's services (`soft_delete`, `restore_one`), which write the audit rows,
    so the console and the API record the same thing.
    """

    def get_queryset(self, request):
        queryset = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def soft_delete(self, request, obj) -> None:
        raise NotImplementedError

    def restore_one(self, request, obj) -> None:
        raise NotImplementedError

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Django's own bulk delete removes rows for good; `soft_delete_selected` replaces it.
        actions.pop("delete_selected", None)
        return actions

    @admin.action(
        description=_("Delete the selected %(verbose_name_plural)s (they can be restored)")
    )
    def soft_delete_selected(self, request, queryset):
        count = 0
        with transaction.atomic():
            for obj in queryset.alive():
                self.soft_delete(request, obj)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%d item deleted; it can be restored.",
                "%d items deleted; they can be restored.",
                count,
            )
            % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Restore the selected %(verbose_name_plural)s"))
    def restore(self, request, queryset):
        restored, refused = 0, []
        for obj in queryset.dead():
            try:
                self.restore_one(request, obj)
            except profiles.DuplicateProfile:
                refused.append(str(obj))
            else:
                restored += 1
        self.message_user(
            request,
            ngettext("%d item restored.", "%d items restored.", restored) % restored,
            messages.SUCCESS,
        )
        if refused:
            self.message_user(
                request,
                _(
                    "Not restored, because a live profile of the same account has the same name "
                    "and birthday: %(names)s."
                )
                % {"names": ", ".join(refused)},
                messages.ERROR,
            )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = (
            "name",
            "name_persian",
            "birthday",
            "gender",
            "owner",
            "mother_name",
            "mother_name_persian",
            "country",
            "city",
            "timezone",
            "numerology_system",
        )
        widgets = {
            "mother_name": forms.TextInput(attrs={"class": "vTextField", "maxlength": 200}),
            "mother_name_persian": forms.TextInput(
                attrs={"class": "vTextField", "maxlength": 200, "dir": "rtl"}
            ),
            "name_persian": forms.TextInput(attrs={"class": "vTextField", "dir": "rtl"}),
        }

    def clean_birthday(self):
        birthday = self.cleaned_data["birthday"]
        validate_entry_date(birthday)  # the years people may enter, as on the profile page
        return birthday


@admin.register(Profile)
class ProfileAdmin(OwnerNameMixin, SoftDeleteAdminMixin, admin.ModelAdmin):
    form = ProfileForm
    list_display = (
        "name",
        "name_persian",
        "birthday",
        "owner",
        "country",
        "city",
        "created_at",
        "deleted_at",
    )
    list_filter = (DeletedFilter, "numerology_system", "gender")
    search_fields = ("name", "name_persian", "owner__username")
    list_select_related = ("owner",)
    ordering = ("-created_at", "-id")
    date_hierarchy = "created_at"
    actions = ("soft_delete_selected", "restore")
    # Read-only fields other apps add to the record (the imports app: `imported_from`).
    record_fields: tuple[str, ...] = ()
    delete_confirmation_template = "admin/oracle/profile/delete_confirmation.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "owner":
            # Choosing the owning account, not editing it: no add/change/delete-account buttons.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
        return formfield

    def get_fieldsets(self, request, obj=None):
        if sees_encrypted_fields(request, obj):
            mother = ("mother_name", "mother_name_persian")
        else:
            mother = ("masked_mother_name", "masked_mother_name_persian")
        owner = "owner" if may_choose_owners(request) else "owner_name"
        fieldsets = [
            (None, {"fields": ("name", "name_persian", "birthday", "gender", owner)}),
            (_("Mother"), {"fields": mother}),
            (
                _("Place and numerology"),
                {"fields": ("country", "city", "location", "timezone", "numerology_system")},
            ),
        ]
        if obj is not None:
            fieldsets.append(
                (
                    _("Record"),
                    {
                        "fields": (
                            "readings_link",
                            "created_at",
                            "updated_at",
                            "deleted_at",
                            *self.record_fields,
                        )
                    },
                )
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            "location",
            "readings_link",
            "created_at",
            "updated_at",
            "deleted_at",
            *self.record_fields,
        ]
        if not may_choose_owners(request):
            readonly.append("owner_name")
        if not sees_encrypted_fields(request, obj):
            readonly += ["masked_mother_name", "masked_mother_name_persian"]
        return readonly

    @admin.display(description=_("mother's name"))
    def masked_mother_name(self, obj) -> str:
        return masked(obj.mother_name) or "–"

    @admin.display(description=_("mother's Persian name"))
    def masked_mother_name_persian(self, obj) -> str:
        return masked(obj.mother_name_persian) or "–"

    @admin.display(description=_("latitude, longitude"))
    def location(self, obj) -> str:
        if obj.coordinates is None:
            return "–"
        return f"{obj.latitude:.4f}, {obj.longitude:.4f}"

    @admin.display(description=_("readings"))
    def readings_link(self, obj):
        count = Reading.all_objects.involving(obj.pk).count()
        url = reverse("admin:oracle_reading_changelist") + f"?profile={obj.pk}"
        label = ngettext("%d reading", "%d readings", count) % count
        return format_html('<a href="{}">{}</a>', url, label)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_deleted:
            return False  # already deleted: restore it from the list instead
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change and not may_choose_owners(request):
            obj.owner = request.user  # a moderator's new profile is their own
        super().save_model(request, obj, form, change)
        if change and not form.changed_data:
            return
        audit.record(
            "oracle_user.update" if change else "oracle_user.create",
            actor=request.user,
            client_address=client_ip(request),
            profile_id=obj.pk,
            resource_type="oracle_user",
            resource_id=obj.pk,
            details={"updated_fields": sorted(form.changed_data)} if change else None,
        )

    # Deleting one profile from its page: the confirmation names only the profile (it is marked
    # deleted, nothing cascades), and the profile service does the marking and the audit row.
    def get_deleted_objects(self, objs, request):
        objs = list(objs)
        return [str(obj) for obj in objs], {self.opts.verbose_name_plural: len(objs)}, set(), []

    def delete_model(self, request, obj):
        if obj.is_deleted:
            return
        profiles.delete_profile(
            principal=console_principal(request),
            profile_id=obj.pk,
            client_address=client_ip(request),
        )

    def delete_queryset(self, request, queryset):
        for obj in queryset.alive():
            self.delete_model(request, obj)

    def soft_delete(self, request, obj) -> None:
        self.delete_model(request, obj)

    def restore_one(self, request, obj) -> None:
        profiles.restore_profile(
            principal=console_principal(request),
            profile_id=obj.pk,
            client_address=client_ip(request),
        )


class ProfileFilter(admin.SimpleListFilter):
    """Readings of one profile (single-user, primary or participant), reached from its page."""

    title = _("profile")
    parameter_name = "profile"

    def lookups(self, request, model_admin):
        value = request.GET.get(self.parameter_name, "")
        profile = Profile.all_objects.filter(pk=value).first() if value.isdigit() else None
        return [(str(profile.pk), str(profile))] if profile is not None else []

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.involving(int(self.value()))
        return queryset


class KindFilter(admin.SimpleListFilter):
    """By `ReadingKind`: V4's "reading" rows are time readings, listed under Time."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return ReadingKind.choices

    def queryset(self, request, queryset):
        if self.value() in ReadingKind.values:
            return queryset.filter(sign_type__in=ReadingKind(self.value()).sign_types)
        return queryset


@admin.register(Reading)
class ReadingAdmin(ReadOnlyAdminMixin, OwnerNameMixin, SoftDeleteAdminMixin, admin.ModelAdmin):
    """Readings are a record of what was computed and said: viewed, never edited here."""

    list_display = (
        "id",
        "sign_type",
        "profile",
        "owner",
        "is_favorite",
        "created_at",
        "deleted_at",
    )
    list_display_links = ("id", "sign_type")
    list_filter = (
        DeletedFilter,
        KindFilter,
        "is_favorite",
        ProfileFilter,
    )
    search_fields = (
        "=id",
        "sign_value",
        "profile__name",
        "primary_profile__name",
        "owner__username",
    )
    list_select_related = ("profile", "primary_profile", "owner")
    ordering = ("-created_at", "-id")
    date_hierarchy = "created_at"
    actions = ("soft_delete_selected", "restore")
    # Read-only fields other apps add to the record (the imports app: `imported_from`).
    record_fields: tuple[str, ...] = ()
    # Read-only; deleting is the soft "delete" action, never a hard delete.

    @admin.display(description=_("profile"), ordering="profile__name")
    def profile(self, obj):
        profile = obj.profile or obj.primary_profile
        return profile.name if profile is not None else _("(anonymous)")

    def soft_delete(self, request, obj) -> None:
        history.delete_reading(
            principal=console_principal(request),
            reading_id=obj.pk,
            client_address=client_ip(request),
        )

    def restore_one(self, request, obj) -> None:
        history.restore_reading(
            principal=console_principal(request),
            reading_id=obj.pk,
            client_address=client_ip(request),
        )

    def get_fieldsets(self, request, obj=None):
        if sees_encrypted_fields(request, obj):
            secret = (
                "question_text",
                "question_persian_text",
                "interpretation",
                "interpretation_persian",
            )
        else:
            secret = ("masked_question", "masked_interpretation")
        fieldsets = [
            (
                None,
                {
                    "fields": (
                        ("sign_type", "sign_value"),
                        "profile_link",
                        "owner" if may_choose_owners(request) else "owner_name",
                        ("numerology_system", "is_favorite"),
                        ("created_at", "deleted_at"),
                        *self.record_fields,
                    )
                },
            ),
            (_("Question and interpretation"), {"fields": secret}),
            (_("Computed result"), {"fields": ("result",)}),
        ]
        if obj is not None and obj.is_multi_user:
            fieldsets.append(
                (
                    _("Group reading"),
                    {
                        "fields": (
                            "participant_table",
                            "individual",
                            "compatibility",
                            "energy",
                        )
                    },
                )
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = []
        for _name, options in self.get_fieldsets(request, obj):
            for field in options["fields"]:
                fields.extend(field if isinstance(field, tuple) else (field,))
        return fields

    @admin.display(description=_("profile"))
    def profile_link(self, obj):
        profile = obj.profile or obj.primary_profile
        if profile is None:
            return _("(anonymous)")
        url = reverse("admin:oracle_profile_change", args=[profile.pk])
        return format_html('<a href="{}">{}</a>', url, profile.name)

    @admin.display(description=_("question"))
    def question_text(self, obj):
        return pretty_text(obj.question)

    @admin.display(description=_("Persian question"))
    def question_persian_text(self, obj):
        return pretty_text(obj.question_persian)

    @admin.display(description=_("interpretation"))
    def interpretation(self, obj):
        return pretty_text(obj.ai_interpretation)

    @admin.display(description=_("Persian interpretation"))
    def interpretation_persian(self, obj):
        return pretty_text(obj.ai_interpretation_persian)

    @admin.display(description=_("question"))
    def masked_question(self, obj) -> str:
        return masked(obj.question or obj.question_persian) or "–"

    @admin.display(description=_("interpretation"))
    def masked_interpretation(self, obj) -> str:
        return masked(obj.ai_interpretation or obj.ai_interpretation_persian) or "–"

    @admin.display(description=_("stored JSON"))
    def result(self, obj):
        return pretty_json(obj.reading_result)

    @admin.display(description=_("individual results"))
    def individual(self, obj):
        return pretty_json(obj.individual_results)

    @admin.display(description=_("compatibility matrix"))
    def compatibility(self, obj):
        return pretty_json(obj.compatibility_matrix)

    @admin.display(description=_("combined energy"))
    def energy(self, obj):
        return pretty_json(obj.combined_energy)

    @admin.display(description=_("participants"))
    def participant_table(self, obj):
        participants = obj.participants.select_related("profile").order_by(
            "-is_primary", "profile__name"
        )
        if not participants:
            return "–"
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td></tr>',
            (
                (
                    reverse("admin:oracle_profile_change", args=[part.profile_id]),
                    part.profile.name,
                    _("primary") if part.is_primary else "",
                )
                for part in participants
            ),
        )
        return format_html(
            '<table class="nps-participants"><thead><tr><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("profile"),
            _("role in the reading"),
            rows,
        )
