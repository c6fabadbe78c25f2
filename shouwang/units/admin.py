from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EmergencyLevelChange, Unit


class ScopedAdminMixin:
    """Admin pages obey the same jurisdiction as every other page."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Unit)
class UnitAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "emergency_level", "is_active"]
    list_filter = ["kind", "emergency_level", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["path", "depth", "emergency_level"]


@admin.register(EmergencyLevelChange)
class EmergencyLevelChangeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "from_level", "to_level", "changed_by", "changed_at", "reason"]
    readonly_fields = ["unit", "from_level", "to_level", "changed_by", "changed_at", "reason"]

    def has_add_permission(self, request):
        return False
