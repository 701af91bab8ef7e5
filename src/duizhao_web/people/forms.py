"""The roster upload form: an .xlsx file of at most 5 MB."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from duizhao_web.people.roster import MAX_BYTES


class RosterForm(forms.Form):
    file = forms.FileField(label="名册文件（.xlsx，不超过 5 MB）",
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError("只能导入 .xlsx 格式的名册：请在 Excel/WPS 中另存为 .xlsx 后再上传")
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，请只保留名册所在的工作表")
        return upload
