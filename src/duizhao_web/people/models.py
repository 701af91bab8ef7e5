"""Organisations (a tree: the higher level oversees those under it), teams (领导班子), people and
the role of each account."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    name = models.CharField("名称", max_length=100, unique=True)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name="上级单位")

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def subtree_ids(self) -> set[int]:
        """This organisation and every one under it, at any depth."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            below = list(Organisation.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            frontier = [pk for pk in below if pk not in ids]
            ids.update(frontier)
        return ids


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="teams", verbose_name="单位")
    name = models.CharField("班子名称", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "班子"
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="people", verbose_name="单位")
    team = models.ForeignKey(Team, models.SET_NULL, null=True, blank=True, related_name="members",
                             verbose_name="班子")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=100, blank=True)
    principal = models.BooleanField("主要负责人", default=False)
    order = models.PositiveIntegerField("排序", default=0)
    oversees = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="overseen_by",
                                      verbose_name="分管部门负责人")

    class Meta:
        verbose_name = verbose_name_plural = "人员"
        ordering = ["-principal", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="person_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "管理员"
    REVIEWER = "reviewer", "审核人"
    SECRETARY = "secretary", "联络员"
    MEMBER = "member", "成员"


class Profile(models.Model):
    """An account's role and what it is attached to: a reviewer to an organisation (and all
    under it), a secretary to a team, a member to a person."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile")
    role = models.CharField("角色", max_length=16, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(Organisation, models.SET_NULL, null=True, blank=True,
                                     verbose_name="所在单位（审核人）")
    team = models.ForeignKey(Team, models.SET_NULL, null=True, blank=True, verbose_name="班子（联络员）")
    person = models.OneToOneField(Person, models.SET_NULL, null=True, blank=True, related_name="profile",
                                  verbose_name="本人")
    demo = models.BooleanField("演示账号", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "账号角色"

    def __str__(self) -> str:
        return f"{self.user.get_username()}（{self.get_role_display()}）"
