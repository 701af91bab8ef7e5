"""An upload from the form turned into a :class:`~duizhao_web.reviews.services.Upload`, checked
before anything is reviewed or stored: the size and type limits of the core
(``services.check_upload``) and the file's first bytes against its extension."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from duizhao_web.reviews.services import Upload, UploadRefused, check_upload

PASTED_NAME = "粘贴的正文.txt"
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PROGRAMS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")  # Windows, Linux, macOS
EXPECTED = {".docx": (ZIP, OLE), ".doc": (OLE, ZIP, b"{\\rtf"), ".wps": (OLE, ZIP), ".pdf": (b"%PDF-",)}
KIND = {".docx": "Word 文档", ".doc": "Word 文档", ".wps": "WPS 文档", ".pdf": "PDF 文件"}


def from_form(file: UploadedFile[bytes] | None, text: str) -> Upload:
    """The upload of the form: a file (read up to one byte past the limit) or pasted text."""
    if file is None:
        return Upload(PASTED_NAME, text=text)
    data = file.read(settings.LIMITS.max_file_bytes + 1)
    return Upload(Path(file.name or "").name, data=data)


def check(upload: Upload) -> None:
    """Refuse (:class:`UploadRefused`) what must not be reviewed: limits, then the content's kind."""
    check_upload(upload)
    if upload.data is None:
        return
    suffix = Path(upload.name).suffix.lower()
    head = upload.data[:1024]
    if head.startswith(PROGRAMS):
        raise UploadRefused("这是一个程序文件，不是材料：请上传 Word、PDF 或文本文件")
    expected = EXPECTED.get(suffix)
    if suffix == ".pdf" and b"%PDF-" in head:
        return
    if expected and not head.startswith(expected):
        raise UploadRefused(f"文件内容不是{KIND[suffix]}，只是扩展名为 {suffix}："
                            f"请在 Word/WPS 中打开原文件，另存为 .docx 或 .pdf 后再上传")
