"""Every URL of the app. Each pattern needs a rule in tests/web/test_permission_walk.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from duizhao_web.home import views as home

admin.site.site_header = admin.site.site_title = "duizhao 管理"

urlpatterns = [
    path("", home.index, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("duizhao_web.people.urls")),
    path("meetings/", include("duizhao_web.meetings.urls")),
    path("materials/", include("duizhao_web.materials.urls")),
]
