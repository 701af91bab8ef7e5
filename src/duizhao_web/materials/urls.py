"""URLs of the materials app (each needs a rule in tests/web/test_permission_walk.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.material_detail, name="material-detail"),
    path("<int:pk>/v<int:number>/", views.version_detail, name="version-detail"),
    path("<int:pk>/upload/", views.material_upload, name="material-upload"),
    path("<int:pk>/status/", views.material_status, name="material-status"),
    path("versions/<int:pk>/comment/", views.comment_add, name="comment-add"),
    path("versions/<int:pk>/word/", views.version_word, name="version-word"),
    path("versions/<int:pk>/file/", views.version_file, name="version-file"),
]
