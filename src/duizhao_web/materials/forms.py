"""Forms of the materials app: an upload (a file or pasted text), a status change, a comment."""

from __future__ import annotations

from typing import Any

from django import forms

from duizhao_web.materials.models import Version
from duizhao_web.materials.workflow import RULES

COMMENT_MAX = 2000
REASON_MAX = 2000


class UploadForm(forms.Form):
    file = forms.FileField(label="上传文件", required=False,
                           help_text="支持 .docx、.doc、.wps、.pdf、.txt",
                           widget=forms.ClearableFileInput(attrs={"accept": ".docx,.doc,.wps,.pdf,.txt"}))
    text = forms.CharField(label="或粘贴全文", required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 12}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file, has_text = bool(data.get("file")), bool((data.get("text") or "").strip())
        if has_file == has_text:
            raise forms.ValidationError("请上传一个文件，或粘贴材料全文（二选一）")
        return data


class StatusForm(forms.Form):
    action = forms.ChoiceField(choices=[(k, r.label) for k, r in RULES.items()])
    reason = forms.CharField(label="理由", required=False, max_length=REASON_MAX, widget=forms.Textarea)


class CommentForm(forms.Form):
    start = forms.IntegerField(label="起", min_value=0)
    end = forms.IntegerField(label="止", min_value=0)
    text = forms.CharField(label="审核意见", max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, version: Version, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            return data
        if not start < end <= len(self.version.text):
            raise forms.ValidationError("所选范围不在正文之内，请在正文中重新选择一段文字")
        if not self.version.text[start:end].strip():
            raise forms.ValidationError("所选范围只有空白，请选择要提意见的文字")
        data["quote"] = self.version.text[start:end]
        return data
