"""URLs of the meetings app (each needs a rule in tests/web/test_permission_walk.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/export.xlsx", views.meeting_export, name="meeting-export"),
    path("<int:pk>/opinions/", views.opinion_list, name="opinion-list"),
    path("<int:pk>/opinions/import/", views.opinion_import, name="opinion-import"),
    path("<int:pk>/talks/", views.talk_list, name="talk-list"),
    path("compare/<int:year>/", views.meeting_compare, name="meeting-compare"),
]
