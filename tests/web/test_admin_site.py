"""The back office (/admin/): every registered model's list and a record's page open for the
administrator; versions are shown, never added or edited there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from web.world import World, material_of

pytestmark = pytest.mark.django_db


def test_every_model_list_opens_for_the_administrator(world: World,
                                                     as_user: Callable[[str | None], Client]) -> None:
    client = as_user("admin")
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_a_material_shows_its_versions_read_only(world: World,
                                                 as_user: Callable[[str | None], Client]) -> None:
    material = material_of(world, "A1")
    page = as_user("admin").get(reverse("admin:materials_material_change", args=[material.pk]))
    assert page.status_code == 200
    assert "材料.txt" in page.content.decode()
    assert 'name="versions-0-file_name"' not in page.content.decode()


def test_others_are_sent_to_the_admin_login(world: World, as_user: Callable[[str | None], Client]) -> None:
    response = as_user("reviewer").get(reverse("admin:people_profile_changelist"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
