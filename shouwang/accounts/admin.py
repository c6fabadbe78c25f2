from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from shouwang.units.admin import ScopedAdminMixin

from .models import AccountUnlock, ApiToken, User


@admin.register(User)
class UserAdmin(ScopedAdminMixin, DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "unit", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "police_number"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("守望", {"fields": ("full_name", "unit", "role", "police_number")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["user", "token_hash", "prefix", "created_at", "last_used_at"]


@admin.register(AccountUnlock)
class AccountUnlockAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The unlock record is evidence: read only."""

    list_display = ["unlocked_at", "username", "actor_username", "reason", "locks_cleared"]
    search_fields = ["username", "actor_username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
