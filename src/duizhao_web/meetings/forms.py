"""Forms of the meetings app: a meeting and its notice, opinions, talks."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import Q, QuerySet

from duizhao_web.meetings.models import Meeting, Opinion, Talk
from duizhao_web.people.models import Person, Team
from duizhao_web.permissions import today
from duizhao_web.reviews import services

OPINION_FILE_MAX_BYTES = 5 * 1024 * 1024
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingCreateForm(forms.ModelForm):  # type: ignore[type-arg]
    notice = forms.CharField(label="通知全文（粘贴）", required=False,
                             widget=forms.Textarea(attrs={"rows": 8}))
    notice_file = forms.FileField(label="或上传通知（.docx、.txt、.pdf，不超过 5 MB）", required=False)

    class Meta:
        model = Meeting
        fields = ("team", "year", "kind", "special", "theme", "date")
        widgets: ClassVar[dict[str, Any]] = {"date": DATE}

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["year"].initial = today().year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("notice_file")
        if upload is not None and data.get("notice", "").strip():
            self.add_error("notice_file", "请只用一种方式提供通知：粘贴全文或上传文件")
        elif upload is not None:
            try:
                data["notice"] = services.notice_text(upload.name or "", upload.read())
            except services.UploadRefused as exc:
                self.add_error("notice_file", str(exc))
        return data


class MeetingEditForm(forms.ModelForm):  # type: ignore[type-arg]
    aspects_text = forms.CharField(label="对照方面（每行一个，可修改）", required=False,
                                   widget=forms.Textarea(attrs={"rows": 8}))

    class Meta:
        model = Meeting
        fields = ("year", "kind", "special", "theme", "date", "participants")
        widgets: ClassVar[dict[str, Any]] = {"date": DATE, "participants": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.instance
        chosen = Q(team=meeting.team) | Q(pk__in=meeting.participants.values("pk"))
        self.fields["participants"].queryset = Person.objects.filter(chosen)  # type: ignore[attr-defined]
        self.fields["aspects_text"].initial = "\n".join(meeting.aspects)

    def clean_aspects_text(self) -> list[str]:
        return services.listed_aspects(self.cleaned_data.get("aspects_text", ""))


class OpinionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Opinion
        fields = ("text", "source", "addressee")
        widgets: ClassVar[dict[str, Any]] = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["addressee"]
        field.queryset = meeting.participants.all()  # type: ignore[attr-defined]
        field.empty_label = "班子（整体）"  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("意见内容不能为空")
        return text


class OpinionImportForm(forms.Form):
    file = forms.FileField(label="意见表（.xlsx）")

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 文件（Excel 或 WPS 表格另存为 .xlsx）")
        if upload.size > OPINION_FILE_MAX_BYTES:
            raise forms.ValidationError("文件超过 5 MB 的上限，请只保留意见表")
        data: bytes = upload.read()
        return data


def talk_people(meeting: Meeting) -> QuerySet[Person]:
    """The participants and the heads of the departments they oversee."""
    participants = meeting.participants.values("pk")
    return Person.objects.filter(Q(pk__in=participants) | Q(overseen_by__in=participants)).distinct()


class TalkForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Talk
        fields = ("first", "second", "date", "topics", "points")
        widgets: ClassVar[dict[str, Any]] = {"date": DATE, "points": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            self.fields[name].queryset = talk_people(meeting)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") is not None and data.get("first") == data.get("second"):
            self.add_error("second", "谈话双方不能是同一人")
        return data
