"""URLs of the people app (each needs a rule in tests/web/test_permission_walk.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("teams/<int:pk>/", views.team_detail, name="team-detail"),
    path("people/import/", views.roster_import, name="roster-import"),
]
