"""The administrator's back office for meetings, opinions and talks."""

from django.contrib import admin

from duizhao_web.meetings.models import Meeting, Opinion, Talk


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ("__str__", "year", "kind", "date")
    list_filter = ("year", "kind", "special")
    filter_horizontal = ("participants",)


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin[Opinion]):
    list_display = ("__str__", "meeting", "source", "addressee")


@admin.register(Talk)
class TalkAdmin(admin.ModelAdmin[Talk]):
    list_display = ("__str__", "meeting", "date")
