"""Materials: one per participant and one per team; every upload an immutable reviewed version."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duizhao_web.meetings.models import Meeting
from duizhao_web.people.models import Organisation, Person


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审核通过"


class Material(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="materials")
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="materials",
                               verbose_name="撰写人（空为班子材料）")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        verbose_name = verbose_name_plural = "对照检查材料"
        ordering = ["meeting", "person__order", "person__pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="material_per_person"),
                       models.UniqueConstraint(fields=["meeting"], condition=models.Q(person=None),
                                               name="material_per_team")]

    def __str__(self) -> str:
        return f"{self.writer()}的对照检查材料"

    def writer(self) -> str:
        return self.person.name if self.person else "班子"

    def latest(self) -> Version | None:
        return self.versions.order_by("-number").first()


class Version(models.Model):
    """One upload, never changed: the file (by content hash), the extracted text and the review."""

    material = models.ForeignKey(Material, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    file_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField("大小")
    text = models.TextField("正文", blank=True)
    result = models.JSONField("审核结果", default=dict)
    error = models.TextField("无法读取的原因", blank=True)
    grade = models.CharField("结论", max_length=16, blank=True)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    infos = models.PositiveIntegerField(default=0)
    copy_ratio = models.FloatField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "材料版本"
        ordering = ["material", "number"]
        constraints = [models.UniqueConstraint(fields=["material", "number"], name="version_number")]

    def __str__(self) -> str:
        return f"{self.material} 第{self.number}版"


class StatusChange(models.Model):
    material = models.ForeignKey(Material, models.CASCADE, related_name="changes")
    before = models.CharField(max_length=16, choices=Status.choices)
    after = models.CharField(max_length=16, choices=Status.choices)
    reason = models.TextField("理由", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Comment(models.Model):
    """A reviewer's comment on a span of one version's text."""

    version = models.ForeignKey(Version, models.CASCADE, related_name="comments")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(blank=True)
    text = models.TextField("意见")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]


class MeetingBatch(models.Model):
    """The comparison of a meeting's latest versions, kept until one of them changes (``key``)."""

    meeting = models.OneToOneField(Meeting, models.CASCADE, related_name="batch")
    key = models.CharField(max_length=64)
    result = models.JSONField(default=dict)


class OrganisationBatch(models.Model):
    """The comparison of the latest versions of one year's meetings under an organisation (a
    reviewer's; none: an administrator's, every meeting), kept until one of them changes (``key``)."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, null=True, blank=True, related_name="+")
    year = models.PositiveIntegerField()
    key = models.CharField(max_length=64)
    result = models.JSONField(default=dict)
    seconds = models.FloatField(default=0)  # how long the comparison took

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"],
                                               name="batch_per_organisation"),
                       models.UniqueConstraint(fields=["year"], condition=models.Q(organisation=None),
                                               name="batch_of_everything")]
