"""A meeting of a team, with its notice and aspects, participants, opinions and talks."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from duizhao_web.people.models import Person, Team

PLAN_DAYS_BEFORE = 15  # the plan (theme, date) reported upward 10–15 days before (DOMAIN.md §1)
REPORT_DAYS_AFTER = 15  # the report upward within 15 days after


class Kind(models.TextChoices):
    DEMOCRATIC = "democratic", "民主生活会"
    ORGANISATIONAL = "organisational", "组织生活会"


class Meeting(models.Model):
    team = models.ForeignKey(Team, models.PROTECT, related_name="meetings", verbose_name="班子")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.DEMOCRATIC)
    special = models.BooleanField("专题会议", default=False)
    theme = models.CharField("主题", max_length=200, blank=True)
    notice = models.TextField("通知全文", blank=True)
    aspects = models.JSONField("对照方面", default=list, blank=True)
    date = models.DateField("会议日期", null=True, blank=True)
    participants = models.ManyToManyField(Person, blank=True, related_name="meetings",
                                          verbose_name="参会人员")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "会议"
        ordering = ["-year", "-date", "-pk"]

    def __str__(self) -> str:
        special = "专题" if self.special else ""
        return f"{self.team.name}{self.year}年度{special}{self.get_kind_display()}"

    def plan_due(self) -> datetime.date | None:
        return self.date - datetime.timedelta(days=PLAN_DAYS_BEFORE) if self.date else None

    def report_due(self) -> datetime.date | None:
        return self.date + datetime.timedelta(days=REPORT_DAYS_AFTER) if self.date else None

    def held(self, today: datetime.date) -> bool:
        """The meeting has taken place (colleagues may then see each other's materials)."""
        return self.date is not None and self.date <= today


class Opinion(models.Model):
    """An opinion solicited before the meeting, forwarded unedited to its addressee."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="opinions")
    text = models.TextField("意见内容")
    source = models.CharField("来源", max_length=100, blank=True)
    addressee = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="opinions",
                                  verbose_name="针对（空为班子）")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "征求意见"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:30]


class Talk(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="talks")
    first = models.ForeignKey(Person, models.PROTECT, related_name="+", verbose_name="谈话人")
    second = models.ForeignKey(Person, models.PROTECT, related_name="+", verbose_name="谈话对象")
    date = models.DateField("日期")
    topics = models.CharField("主题", max_length=200, blank=True)
    points = models.TextField("谈话要点", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "谈心谈话"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.first} ↔ {self.second}"
