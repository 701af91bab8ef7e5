"""The administrator's back office for materials. Versions are immutable: shown, never edited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from duizhao_web.materials.models import Material, StatusChange, Version


class VersionInline(admin.TabularInline[Version, Material]):
    model = Version
    fields = ("number", "file_name", "grade", "errors", "warnings", "infos", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ChangeInline(admin.TabularInline[StatusChange, Material]):
    model = StatusChange
    fields = ("before", "after", "reason", "by", "at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin[Material]):
    list_display = ("__str__", "meeting", "status")
    list_filter = ("status",)
    readonly_fields = ("meeting", "person", "status")
    inlines = (VersionInline, ChangeInline)
