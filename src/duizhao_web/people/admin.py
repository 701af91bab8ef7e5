"""The administrator's back office for organisations, teams, people and account roles."""

from django.contrib import admin

from duizhao_web.people.models import Organisation, Person, Profile, Team


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "parent")
    search_fields = ("name",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ("name", "organisation")
    search_fields = ("name", "organisation__name")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ("name", "post", "organisation", "team", "principal")
    list_filter = ("principal",)
    search_fields = ("name", "post", "organisation__name")
    filter_horizontal = ("oversees",)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ("user", "role", "organisation", "team", "person", "demo")
    list_filter = ("role", "demo")
    search_fields = ("user__username", "person__name")
