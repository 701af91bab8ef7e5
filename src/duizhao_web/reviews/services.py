"""The one place where the web app calls the core: review an upload, compare a meeting's
materials, write a version back as Word with comments, tell two versions apart."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery

from duizhao.batch import compare
from duizhao.checks.aspect import uncovered_aspects
from duizhao.checks.registry import Finding, ReviewContext
from duizhao.config import load_settings
from duizhao.corpus import CorpusError, Store, database_errors, open_store
from duizhao.document import Document
from duizhao.groups import build
from duizhao.notice import aspects_from_list, aspects_from_notice
from duizhao.opinions import OpinionRow, RosterError, RowError, read_opinions
from duizhao.outline import parse
from duizhao.reading import SUPPORTED, UnreadableDocument, read_text_of
from duizhao.reports import word
from duizhao.reports.json import batch_dict, document_dict
from duizhao.review import Reviewed, review_file, review_text
from duizhao.similarity import ParamsMismatch
from duizhao.talks import Coverage, coverage
from duizhao.talks import Member as TalkMember
from duizhao_web.datadir import uploads
from duizhao_web.materials.models import Material, MeetingBatch, Version
from duizhao_web.meetings.models import Meeting

log = logging.getLogger(__name__)
UPLOAD_TYPES = (".docx", ".doc", ".wps", ".pdf", ".txt", ".md", ".html", ".htm")


class UploadRefused(Exception):
    """An upload that is not reviewed: the message (Chinese) says why and what to do."""


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes | None = None  # a file; None: pasted ``text``
    text: str = ""


def context(meeting: Meeting, team: bool, corpus: Store | None = None,
            author: str | None = None) -> ReviewContext:
    return ReviewContext(settings=load_settings(None), aspects=tuple(meeting.aspects),
                         kind="team" if team else "personal", corpus=corpus, author=author)


@contextmanager
def reference_corpus() -> Iterator[tuple[Store | None, str]]:
    """The reference corpus configured by ``DUIZHAO_CORPUS`` (None when there is none), and why it
    could not be opened (a note for the review: the upload is reviewed without it)."""
    url = settings.CORPUS_URL
    if not url:
        yield None, ""
        return
    unusable: tuple[type[BaseException], ...] = (CorpusError, ParamsMismatch, OSError, *database_errors())
    try:
        store = open_store(url)
    except unusable as exc:
        log.warning("reference corpus %s cannot be opened: %s", url, exc)
        yield None, f"参考语料库无法打开（{exc}），本次审核没有与往年材料比对；请管理员检查 DUIZHAO_CORPUS"
        return
    with store:
        yield store, ""


def check_upload(upload: Upload) -> None:
    limit = settings.LIMITS.max_file_bytes
    if upload.data is None:
        if not upload.text.strip():
            raise UploadRefused("粘贴的正文是空的，请粘贴材料全文或上传文件")
        if len(upload.text) > settings.LIMITS.max_chars:
            raise UploadRefused(f"粘贴的正文超过 {settings.LIMITS.max_chars} 字，请上传文件")
        return
    suffix = Path(upload.name).suffix.lower()
    if suffix not in UPLOAD_TYPES or suffix not in SUPPORTED:
        raise UploadRefused(f"不支持 {suffix or '无扩展名'} 文件："
                            "请上传 .docx、.doc、.wps、.pdf 或 .txt 文件")
    if len(upload.data) > limit:
        raise UploadRefused(f"文件超过 {limit // (1024 * 1024)} MB 的上限，请压缩图片或删去附件后再上传")
    if not upload.data:
        raise UploadRefused("上传的文件是空的")


def store(data: bytes, suffix: str) -> Path:
    """The file under the data directory, named by its content hash (written once)."""
    digest = hashlib.sha256(data).hexdigest()
    path = uploads(settings.DATA_DIR) / f"{digest}{suffix}"
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    return path


def stored_file(version: Version) -> Path | None:
    if not version.sha256 or version.result.get("pasted"):
        return None
    path = uploads(settings.DATA_DIR) / f"{version.sha256}{Path(version.file_name).suffix.lower()}"
    return path if path.exists() else None


def review_upload(upload: Upload, material: Material) -> Reviewed:
    """The upload reviewed with the meeting's aspects and, when configured, the reference corpus
    (the writer's own earlier materials in it counted apart)."""
    author = material.person.name if material.person else None
    with reference_corpus() as (corpus, problem):
        ctx = context(material.meeting, material.person_id is None, corpus, author)
        if upload.data is None:
            item = review_text(upload.text, ctx, upload.name)
        else:
            item = review_file(store(upload.data, Path(upload.name).suffix.lower()), ctx)
            item.path = upload.name
    if problem and item.document is not None:
        item.document.notes.append(problem)
    return item


def add_version(material: Material, upload: Upload, user: Any) -> Version:
    """Review an upload and keep it as the material's next version (nothing kept when refused)."""
    check_upload(upload)
    item = review_upload(upload, material)
    data = upload.data if upload.data is not None else upload.text.encode("utf-8")
    with transaction.atomic():
        locked = Material.objects.select_for_update().get(pk=material.pk)
        number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        return Version.objects.create(material=locked, number=number, uploaded_by=user,
                                      **version_fields(item, upload, data))


def version_fields(item: Reviewed, upload: Upload, data: bytes) -> dict[str, Any]:
    result = document_dict(item)
    text = result.pop("text") or ""
    result["pasted"] = upload.data is None
    result["by_check"] = dict(Counter(f.check for f in item.findings))
    copy = item.copy.ratio_excluding_both if item.copy else None
    return {"file_name": upload.name[:255], "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
            "text": text, "result": result, "error": item.error or "", "grade": item.grade or "",
            "errors": item.count("error"), "warnings": item.count("warning"), "infos": item.count("info"),
            "copy_ratio": copy}


def findings(version: Version) -> list[Finding]:
    return [Finding(f["check"], f["severity"], f["message"], f["hint"], f["start"], f["end"])
            for f in version.result.get("findings", [])]


def document(version: Version) -> Document:
    return parse(version.text, version.file_name, list(version.result.get("notes", [])))


def word_file(version: Version) -> bytes:
    """The writer's file with the findings and the reviewers' comments as Word comments."""
    item = Reviewed(version.file_name, document(version), findings(version), version.grade or None)
    remarks = [(c.start, c.end, [f"【审核意见】{c.author.get_username() if c.author else ''}：{c.text}"])
               for c in version.comments.select_related("author")]
    return word(item, stored_file(version), extra=remarks)


def latest_versions(meeting: Meeting, full: bool = True) -> list[Version]:
    """The latest readable version of each material of the meeting, in one query (``full``:
    with the text and the stored review; otherwise the figures only)."""
    newest = Version.objects.filter(material=OuterRef("material")).order_by("-number").values("number")[:1]
    found = Version.objects.filter(material__meeting=meeting, number=Subquery(newest), error="")
    if not full:
        found = found.defer("text", "result")
    return list(found.select_related("material__person").order_by("material_id"))


def meeting_summary(meeting: Meeting) -> dict[str, Any]:
    """What the meeting page derives from the latest versions' texts, computed once per set of
    versions and aspects and kept: ``batch`` (groups sharing text; ``documents`` index
    ``batch["versions"]``, version ids), ``missing`` (version id → aspects not answered) and
    ``by_check`` (version id → findings per check)."""
    ids = [v.pk for v in latest_versions(meeting, full=False)]
    key = hashlib.sha256(json.dumps([ids, meeting.aspects], ensure_ascii=False).encode()).hexdigest()
    kept: dict[str, Any] | None = MeetingBatch.objects.filter(meeting=meeting, key=key).values_list(
        "result", flat=True).first()
    if kept is not None:
        return kept
    versions = latest_versions(meeting)
    result = {"batch": compare_versions(versions, meeting),
              "missing": {str(v.pk): sorted(missing_aspects(v, meeting.aspects)) for v in versions},
              "by_check": {str(v.pk): v.result.get("by_check") or {} for v in versions}}
    MeetingBatch.objects.update_or_create(meeting=meeting, defaults={"key": key, "result": result})
    return result


def compare_versions(versions: list[Version], meeting: Meeting) -> dict[str, Any] | None:
    if len(versions) < 2:
        return None
    docs = [document(v) for v in versions]
    ctx = context(meeting, team=False)
    batch = build(docs, list(range(len(docs))), compare(docs, ctx), ctx.settings.thresholds.min_group_chars)
    found = batch_dict(batch)
    assert found is not None
    found["versions"] = [v.pk for v in versions]
    return found


# Meetings: the notice and its aspects, talks, opinions (added for the meetings app).

NOTICE_TYPES = (".docx", ".txt", ".pdf")
NOTICE_MAX_BYTES = 5 * 1024 * 1024


def notice_text(name: str, data: bytes) -> str:
    """The text of an uploaded notice (.docx, .txt, .pdf, at most 5 MB); refused with a Chinese
    message when it cannot be read."""
    suffix = Path(name).suffix.lower()
    if suffix not in NOTICE_TYPES:
        raise UploadRefused(f"通知不支持 {suffix or '无扩展名'} 文件："
                            "请上传 .docx、.txt 或 .pdf，或直接粘贴全文")
    if len(data) > NOTICE_MAX_BYTES:
        raise UploadRefused("通知文件超过 5 MB 的上限，请删去附件后再上传，或直接粘贴全文")
    if not data:
        raise UploadRefused("上传的通知文件是空的")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"notice{suffix}"
        path.write_bytes(data)
        try:
            return read_text_of(path, settings.LIMITS).text
        except UnreadableDocument as exc:
            raise UploadRefused(f"通知无法读取：{exc}") from exc


def notice_aspects(text: str) -> list[str]:
    """The aspects a notice sets ([] when none is found)."""
    return list(aspects_from_notice(text)) if text.strip() else []


def listed_aspects(text: str) -> list[str]:
    """Aspects typed one per line (numbering and # comment lines dropped, each kept once)."""
    return list(dict.fromkeys(aspects_from_list(text)))


def missing_aspects(version: Version, aspects: list[str]) -> set[str]:
    """The ``aspects`` a version's problems part does not answer, judged now by the same rule as
    the aspect-not-covered check (so aspects corrected after the upload count)."""
    doc = document(version)
    ctx = context(version.material.meeting, version.material.person_id is None)
    missing = set()
    for aspect in aspects:
        one = ReviewContext(settings=ctx.settings, aspects=(aspect,), kind=ctx.kind)
        if next(iter(uncovered_aspects(doc, one)), None) is not None:
            missing.add(aspect)
    return missing


def talk_coverage(team: list[tuple[str, str, bool, tuple[str, ...]]], heads: list[tuple[str, str]],
                  talks: list[tuple[str, str]]) -> tuple[Coverage, list[TalkMember]]:
    """The required talks of a team (``team``: key, name, principal, keys of the heads overseen)
    and which of them ``talks`` cover; with the team and then the ``heads`` (key, name) as the
    rows and columns of the coverage matrix."""
    members = [TalkMember(key, name, principal, oversees) for key, name, principal, oversees in team]
    return coverage(members, talks), members + [TalkMember(key, name) for key, name in heads]


def opinion_rows(data: bytes) -> tuple[list[OpinionRow], list[RowError]]:
    """The opinions of an .xlsx file and its row errors; UploadRefused for a file that cannot be used."""
    try:
        return read_opinions(data)
    except RosterError as exc:
        raise UploadRefused(str(exc)) from exc
