"""The meeting page as an .xlsx workbook: materials, shared-text groups, aspects, talks, opinions."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

from duizhao_web.meetings import pages
from duizhao_web.meetings.models import Meeting
from duizhao_web.reviews import services


def workbook(meeting: Meeting) -> bytes:
    summary = services.meeting_summary(meeting)
    rows = pages.material_rows(meeting, summary)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "材料"
    _fill(sheet, ["撰写人", "状态", "版本", "结论", "错误", "警告", "提示", "各项检查", "雷同比例"],
          [_material(r) for r in rows])
    groups = pages.batch_groups(meeting, summary)
    _fill(book.create_sheet("雷同分组"), ["分组", "材料（占比）", "共同段落", "出现份数"],
          [[n, "、".join(f"{w}（{s:.0%}）" for w, s in g.members), text, count]
           for n, g in enumerate(groups, 1) for text, count in g.passages])
    _fill(book.create_sheet("方面覆盖"), ["对照方面", *[r.material.writer() for r in rows]],
          [[aspect, *marks] for aspect, marks in pages.coverage_table(meeting, rows)])
    _talks(book, meeting)
    _fill(book.create_sheet("意见"), ["针对", "来源", "意见内容"],
          [[o.addressee.name if o.addressee else "班子", o.source, o.text]
           for o in meeting.opinions.select_related("addressee")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _material(row: pages.MaterialRow) -> list[Any]:
    v = row.latest
    checks = "；".join(f"{name} {count}" for name, count in row.by_check)
    if v is None:
        return [row.material.writer(), row.material.get_status_display(), "", "未上传", "", "", "", "", ""]
    return [row.material.writer(), row.material.get_status_display(), v.number, v.grade or "无法读取",
            v.errors, v.warnings, v.infos, checks, v.copy_ratio]


def _talks(book: Workbook, meeting: Meeting) -> None:
    coverage = pages.talk_coverage(meeting)
    sheet = book.create_sheet("谈话")
    _fill(sheet, ["谈话人", "谈话对象", "日期", "主题", "要点"],
          [[t.first.name, t.second.name, t.date, t.topics, t.points]
           for t in meeting.talks.select_related("first", "second")])
    sheet.append([])
    _fill(sheet, ["未谈的必谈对象", "", "类别"], [list(pair) for pair in coverage["missing"]])


def _fill(sheet: Any, header: list[str], rows: Iterable[list[Any]]) -> None:
    sheet.append(header)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # user text, never a formula
