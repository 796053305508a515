from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nps.accounts.models import User


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
    actions = ("activate", "deactivate")

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

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.pk == request.user.pk:
            # An admin cannot lock themselves out by demoting or disabling their own account.
            return (*fields, "role", "is_active")
        return fields
