from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nps.accounts import services
from nps.accounts.models import ApiKey, TokenSession, User
from nps.accounts.principal import principal_for_account
from nps.accounts.roles import ALL_SCOPES
from nps.core import audit
from nps.core.http import client_ip

# Access comes from the role alone (`User.has_perm`); groups would grant nothing, so they are not
# offered.
admin.site.unregister(Group)


class AccountCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "email", "role")


class AccountChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = ("username", "email", "role", "is_active")


@admin.register(User)
class AccountAdmin(DjangoUserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    list_display = ("username", "email", "role", "is_active", "last_login", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("username", "email")
    ordering = ("username",)
    readonly_fields = ("last_login", "created_at", "updated_at")
    filter_horizontal = ()
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Access"), {"fields": ("role", "is_active")}),
        (_("Contact"), {"fields": ("email",)}),
        (_("Dates"), {"fields": ("last_login", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    actions = ("activate", "deactivate", "end_token_sessions")

    @admin.action(description=_("Activate the selected accounts"))
    def activate(self, request, queryset):
        count = queryset.update(is_active=True)
        self.message_user(
            request,
            ngettext("%d account activated.", "%d accounts activated.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Deactivate the selected accounts (they lose access at once)"))
    def deactivate(self, request, queryset):
        count = queryset.exclude(pk=request.user.pk).update(is_active=False)
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(
                request, _("You cannot deactivate your own account."), messages.WARNING
            )
        self.message_user(
            request,
            ngettext("%d account deactivated.", "%d accounts deactivated.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Log the selected accounts out of the API everywhere"))
    def end_token_sessions(self, request, queryset):
        count = TokenSession.objects.filter(account__in=queryset).revoke()
        audit.record(
            "auth.logout_all",
            actor=request.user,
            client_address=client_ip(request),
            details={
                "sessions_ended": count,
                "accounts": [str(pk) for pk in queryset.values_list("pk", flat=True)],
            },
        )
        self.message_user(
            request,
            ngettext("%d API session ended.", "%d API sessions ended.", count) % count,
            messages.SUCCESS,
        )

    def get_deleted_objects(self, objs, request):
        # An account's API keys go with it (ON DELETE CASCADE). The key admin refuses deleting keys
        # on their own (they are revoked instead); that must not block deleting their account.
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(ApiKey._meta.verbose_name)
        return deleted, model_count, perms_needed, protected

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.pk == request.user.pk:
            # An admin cannot lock themselves out by demoting or disabling their own account.
            return (*fields, "role", "is_active")
        return fields


# --- API keys --------------------------------------------------------------------------------

# What each scope lets a key do, shown beside its checkbox.
SCOPE_DESCRIPTIONS = {
    "oracle:read": _("read profiles and readings"),
    "oracle:write": _("create and change profiles and readings (includes read)"),
    "oracle:admin": _("every account's profiles and readings (includes write)"),
    "vault:read": _("read the vault"),
    "vault:write": _("change the vault (includes read)"),
    "vault:admin": _("administer the vault (includes write)"),
    "admin": _("administration"),
    "keys:manage": _("create, list and revoke the owner's API keys"),
}


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.username} ({obj.get_role_display()})"


class ApiKeyCreateForm(forms.Form):
    owner = OwnerChoiceField(
        label=_("Owner account"),
        queryset=User.objects.filter(is_active=True),
        help_text=_("The key acts as this account and never with more than its role allows."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the key is for, e.g. the app or script that uses it."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=[
            (scope, format_lazy("{} — {}", scope, SCOPE_DESCRIPTIONS[scope]))
            for scope in ALL_SCOPES
        ],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "radiolist"}),
        required=False,
        help_text=_(
            "Each ticked scope must be one the owner's role holds. None ticked: the scopes of "
            "the owner's role, without key management."
        ),
    )
    expires_in_days = forms.IntegerField(
        label=_("Expires in (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("Empty: the key never expires."),
    )


class ExpiredFilter(admin.SimpleListFilter):
    title = _("expired")
    parameter_name = "expired"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No")))

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "yes":
            return queryset.filter(expires_at__lte=now)
        if self.value() == "no":
            return queryset.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        return queryset


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Admins only (see `User.has_perm`). Keys are created through the account services, shown once,
    and revoked, never deleted: their audit trail must outlive them."""

    list_display = (
        "name",
        "owner",
        "scope_list",
        "created_at",
        "expires_at",
        "last_used",
        "is_active",
    )
    list_filter = ("is_active", ExpiredFilter)
    search_fields = ("name", "user__username")
    list_select_related = ("user",)
    ordering = ("-created_at",)
    actions = ("revoke",)
    fieldsets = (
        (None, {"fields": ("name", "owner", "scope_list", "rate_limit")}),
        (_("Validity"), {"fields": ("is_active", "created_at", "expires_at", "last_used")}),
        (_("Secret"), {"fields": ("key_hash",)}),
    )
    readonly_fields = ("owner", "scope_list", "is_active", "created_at", "last_used", "key_hash")
    add_form_template = "admin/accounts/apikey/add_form.html"
    created_template = "admin/accounts/apikey/created.html"

    @admin.display(description=_("owner"), ordering="user__username")
    def owner(self, obj: ApiKey) -> str:
        return obj.user.username if obj.user is not None else _("(legacy shared secret)")

    @admin.display(description=_("scopes"))
    def scope_list(self, obj: ApiKey) -> str:
        return ", ".join(obj.scopes) if obj.scopes else _("(the owner's role)")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revocation is soft: use the "revoke" action

    @admin.action(description=_("Revoke the selected API keys (they stop working at once)"))
    def revoke(self, request, queryset):
        principal = principal_for_account(request.user, auth_type="session")
        revoked = 0
        for api_key in queryset.filter(is_active=True):
            services.revoke_api_key(
                principal=principal, key_id=api_key.pk, client_address=client_ip(request)
            )
            revoked += 1
        self.message_user(
            request,
            ngettext("%d API key revoked.", "%d API keys revoked.", revoked) % revoked,
            messages.SUCCESS,
        )

    def add_view(self, request, form_url="", extra_context=None):
        """A plain form calling `services.create_api_key`; the raw key is shown on the answer to
        the POST itself, never stored (not even in the session or a message cookie)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = ApiKeyCreateForm(request.POST)
            if form.is_valid():
                created = self._create_key(request, form)
                if created is not None:
                    return self._render_created(request, *created)
        else:
            form = ApiKeyCreateForm()
        adminform = helpers.AdminForm(
            form,
            [(None, {"fields": ["owner", "name", "scopes", "expires_in_days"]})],
            {},
            model_admin=self,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add API key"),
            "subtitle": None,
            "opts": self.opts,
            "adminform": adminform,
            "errors": helpers.AdminErrorList(form, []),
            "has_view_permission": self.has_view_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.add_form_template, context)

    def _create_key(self, request, form) -> tuple[ApiKey, str] | None:
        owner = form.cleaned_data["owner"]
        try:
            api_key, raw_key = services.create_api_key(
                principal=principal_for_account(owner, auth_type="session"),
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"] or None,
                expires_in_days=form.cleaned_data["expires_in_days"],
                client_address=client_ip(request),
                actor=request.user,
            )
        except services.ApiKeyScopeError:
            form.add_error(
                "scopes",
                _("Beyond what %(owner)s may hold: their role (%(role)s) allows only %(held)s.")
                % {
                    "owner": owner.username,
                    "role": owner.get_role_display(),
                    "held": ", ".join(sorted(owner.scopes)),
                },
            )
            return None
        self.log_addition(request, api_key, [{"added": {}}])
        return api_key, raw_key

    def _render_created(self, request, api_key: ApiKey, raw_key: str):
        context = {
            **self.admin_site.each_context(request),
            "title": _("API key created"),
            "subtitle": None,
            "opts": self.opts,
            "api_key": api_key,
            "raw_key": raw_key,
            "scope_list": self.scope_list(api_key),
        }
        response = TemplateResponse(request, self.created_template, context)
        add_never_cache_headers(response)
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            audit.record(
                "api_key.update",
                actor=request.user,
                client_address=client_ip(request),
                details={"key_id": str(obj.pk), "updated_fields": sorted(form.changed_data)},
            )
