"""The HTML report: one self-contained page, a batch table and every document with its findings marked.

Every piece of user text (document text, paths, titles, messages) passes through :func:`esc`;
the only unescaped markup is this module's own, the inlined ``report.css`` and ``report.js``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html import escape
from importlib import resources

from duizhao import marks
from duizhao.checks.registry import REGISTRY, Finding
from duizhao.copying import CopyStats
from duizhao.document import Document, Node
from duizhao.groups import Batch, Group
from duizhao.reports.text import TOP_PAIRS, TOP_PASSAGES, percent, ratios
from duizhao.review import GRADES, Review, Reviewed
from duizhao.similarity.source import Source

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
KIND = {"personal": "个人", "team": "班子", "unknown": "未识别"}
GRADE_CLASS = {"不达标": "g-fail", "需修改": "g-revise", "基本达标": "g-pass"}
ROLE = {"preamble": "开头", "problems": "存在的问题", "causes": "原因分析", "measures": "整改措施",
        "other": "其他"}
UNREADABLE = "无法读取"
BATCH_COLUMNS = ("序号", "文件", "标题", "类型", "结论", "字数", "复制比", "错误", "警告", "提示")
RELATION = {"copy": "照搬", "quotation": "引用", "own": "本人往年材料"}


def relation_name(source: Source) -> str:
    """照搬 from the corpus; between colleagues nobody can tell who copied whom: 雷同."""
    return "雷同" if source.kind == "colleague" and source.relation == "copy" else RELATION[source.relation]


def esc(value: object) -> str:
    return escape(str(value), quote=True)


@cache
def asset(name: str) -> str:
    return resources.files("duizhao.reports").joinpath(name).read_text(encoding="utf-8")


def title_of(check: str) -> str:
    found = REGISTRY.get(check)
    return found.title if found else check


def short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def grade_badge(item: Reviewed) -> str:
    grade = item.grade or UNREADABLE
    return f'<span class="grade {GRADE_CLASS.get(grade, "g-unread")}">{esc(grade)}</span>'


# --- highlighting ----------------------------------------------------------------------------


@dataclass
class Marked:
    """The text with findings marked, and for each finding the element id to scroll to."""

    html: str
    targets: list[str]


def _tooltip(findings: list[Finding], covering: Sequence[int]) -> str:
    parts = [f"[{SEVERITY[findings[k].severity]}] {findings[k].message}\n建议：{findings[k].hint}"
             for k in covering]
    return "\n\n".join(parts)


def _zero_width(n: int, k: int, f: Finding) -> str:
    tip = _tooltip([f], [0])
    return (f'<span class="zw s-{f.severity}" id="z{n}-{k}" data-f="f{n}-{k}" title="{esc(tip)}" '
            f'role="button" aria-label="{esc(f.message)}">▲</span>')


def _mark(n: int, element: str, piece: str, findings: list[Finding], covering: Sequence[int]) -> str:
    copied = marks.copy_class(findings, covering)
    multi = (" multi" if len(covering) > 1 else "") + (f" {copied}" if copied else "")
    ids = " ".join(f"f{n}-{k}" for k in covering)
    tip = esc(_tooltip(findings, covering))
    return (f'<mark class="s-{marks.worst(findings, covering)}{multi}" id="{element}" data-f="{ids}" '
            f'title="{tip}">{esc(piece)}</mark>')


def _element_ids(n: int, cut: list[marks.Piece]) -> list[str]:
    """The element id of each piece: m{n}-{number of the text piece}, z{n}-{finding}, or none."""
    ids: list[str] = []
    seg = 0
    for piece in cut:
        if piece.zero_width is not None:
            ids.append(f"z{n}-{piece.zero_width}")
        elif piece.anchor is None:
            ids.append(f"m{n}-{seg}")
            seg += 1
        else:
            ids.append("")
    return ids


def _render(n: int, text: str, findings: list[Finding], piece: marks.Piece, element: str) -> str:
    if piece.anchor is not None:
        return f'<span class="anchor" id="{piece.anchor}"></span>'
    if piece.zero_width is not None:
        return _zero_width(n, piece.zero_width, findings[piece.zero_width])
    shown = text[piece.start:piece.end]
    if not piece.marked:
        return esc(shown)
    return _mark(n, element, shown, findings, piece.findings)


def highlight(n: int, text: str, findings: list[Finding], anchors: dict[int, str] | None = None) -> Marked:
    """Split the text at every finding boundary; each segment is marked by all findings covering it."""
    cut = marks.pieces(len(text), findings, anchors)
    ids = _element_ids(n, cut)
    html = "".join(_render(n, text, findings, piece, ids[i]) for i, piece in enumerate(cut))
    targets = ["" if i is None else ids[i] for i in marks.first_pieces(cut, len(findings))]
    return Marked(html, targets)


# --- one document ----------------------------------------------------------------------------


def _anchors(n: int, doc: Document) -> dict[int, str]:
    anchors: dict[int, str] = {}
    for i, section in enumerate(doc.sections):
        anchors.setdefault(section.start, f"s{n}-{i}")
        for j, child in enumerate(c for c in section.children if c.role == "aspect"):
            anchors.setdefault(child.start, f"s{n}-{i}-{j}")
    return anchors


def _items(node: Node) -> int:
    return sum(1 for c in node.walk() if c.role == "item")


def _outline_entry(n: int, i: int, section: Node) -> str:
    aspects = [c for c in section.children if c.role == "aspect"]
    name = f"{section.label}{section.heading}"
    counts = f"{len(aspects)} 个方面，{_items(section)} 条" if aspects or _items(section) else ""
    role = "：".join(part for part in (ROLE[section.role] if name else "", counts) if part)
    head = (f'<a href="#s{n}-{i}">{esc(short(name or ROLE[section.role], 30))}</a> '
            f'<span class="meta">{esc(role)}</span>')
    rows = [f'<li><a href="#s{n}-{i}-{j}">{esc(short(a.label + a.heading, 30))}</a>'
            f' <span class="meta">{_items(a)} 条</span></li>' for j, a in enumerate(aspects)]
    sub = f"<ul>{''.join(rows)}</ul>" if rows else ""
    return f"<li>{head}{sub}</li>"


def outline(n: int, doc: Document) -> str:
    if not doc.sections:
        return '<p class="meta">未识别出结构。</p>'
    entries = "".join(_outline_entry(n, i, s) for i, s in enumerate(doc.sections))
    return f'<ul class="outline">{entries}</ul>'


def _finding(n: int, k: int, f: Finding, doc: Document, target: str) -> str:
    line = doc.line(f.start)
    flagged = short(doc.text[f.start:f.end]) if f.end > f.start else "（此处）"
    return (f'<li id="f{n}-{k}" class="s-{f.severity}"><div class="fbody">'
            f'<span class="badge b-{f.severity}">{SEVERITY[f.severity]}</span>'
            f'<span class="cid">{esc(f.check)}</span> {esc(title_of(f.check))}'
            f'<p class="msg">{esc(f.message)}</p>{_source(f)}<p class="hint">建议：{esc(f.hint)}</p></div>'
            f'<div class="quote">第{line}行 · “{esc(flagged)}” '
            f'<a class="goto" href="#{target}">定位到原文</a></div></li>')


def _source(f: Finding) -> str:
    """The source of a copied passage, shown beside it: its name and its own text."""
    if f.source is None:
        return ""
    source = f.source
    return (f'<div class="source r-{source.relation}"><span class="meta">'
            f'来源（{relation_name(source)}）：{esc(source.name())}</span>'
            f'<blockquote>{esc(short(source.excerpt, 160))}</blockquote></div>')


def findings_list(n: int, item: Reviewed, targets: list[str]) -> str:
    assert item.document is not None
    if not item.findings:
        return '<p class="none">未发现问题。</p>'
    rows = (_finding(n, k, f, item.document, targets[k]) for k, f in enumerate(item.findings))
    return f'<ol class="findings">{"".join(rows)}</ol>'


def _meta(item: Reviewed, doc: Document) -> str:
    fields = [("文件", item.path), ("类型", KIND.get(doc.kind, doc.kind)),
              ("单位", doc.title.unit or "—"), ("职务", doc.title.post or "—"),
              ("字数", f"全文 {doc.chars()} 字；问题 {doc.part_chars('problems')} 字；"
                      f"原因 {doc.part_chars('causes')} 字；措施 {doc.part_chars('measures')} 字"),
              ("问题", "，".join(f"{name} {item.count(s)} 条" for s, name in SEVERITY.items()))]
    if item.copy:
        fields.append(("复制比", ratios(item.copy)))
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in fields)
    return f'<dl class="docmeta">{rows}</dl>{_sources(item.copy)}'


def _sources(copy: CopyStats | None) -> str:
    if not copy or not copy.sources:
        return ""
    rows = "".join(f"<tr><td>{esc(s.source.name())}</td><td>{relation_name(s.source)}</td>"
                   f'<td class="n">{s.chars}</td><td class="n">{len(s.passages)}</td></tr>'
                   for s in copy.sources)
    return ('<table class="batch sources"><thead><tr><th>复制来源</th><th>性质</th><th>字数</th><th>段落</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _notes(doc: Document) -> str:
    if not doc.notes:
        return ""
    return '<div class="notes">' + "<br>".join(f"说明：{esc(note)}" for note in doc.notes) + "</div>"


def document_section(n: int, item: Reviewed) -> str:
    head = (f'<section class="card doc" id="doc-{n}"><a class="back" href="#batch">返回汇总表</a>'
            f'<h2>{n}. {esc(_doc_title(item))} {grade_badge(item)}</h2>')
    doc = item.document
    if doc is None:
        return (f'{head}<dl class="docmeta"><dt>文件</dt><dd>{esc(item.path)}</dd>'
                f'<dt>错误</dt><dd>{esc(item.error or "")}</dd></dl></section>')
    marked = highlight(n, doc.text, item.findings, _anchors(n, doc))
    side = (f'<aside class="side"><h3>问题清单（{len(item.findings)} 条）</h3>'
            f"{findings_list(n, item, marked.targets)}<h3>结构</h3>{outline(n, doc)}</aside>")
    body = f'<div><h3>全文</h3><div class="fulltext">{marked.html}</div></div>'
    return f'{head}{_meta(item, doc)}{_notes(doc)}<div class="layout">{side}{body}</div></section>'


def _doc_title(item: Reviewed) -> str:
    if item.document is None:
        return item.path.replace("\\", "/").rsplit("/", 1)[-1]
    return item.document.title.text or "（未识别标题）"


# --- the batch -------------------------------------------------------------------------------


def _batch_row(n: int, item: Reviewed) -> str:
    doc = item.document
    grade = grade_badge(item)
    if doc is None:
        grade += f'<div class="errmsg">{esc(item.error or "")}</div>'
    cells = [f'<td class="n">{n}</td>', f'<td class="file"><a href="#doc-{n}">{esc(item.path)}</a></td>',
             f"<td>{esc(doc.title.text if doc else '') or '—'}</td>",
             f"<td>{esc(KIND.get(doc.kind, doc.kind)) if doc else '—'}</td>", f"<td>{grade}</td>",
             f'<td class="n">{doc.chars() if doc else "—"}</td>', _copy_cell(item.copy)]
    cells += [f'<td class="n">{item.count(s) if doc else "—"}</td>' for s in SEVERITY]
    return f"<tr>{''.join(cells)}</tr>"


def _copy_cell(copy: CopyStats | None) -> str:
    if copy is None:
        return '<td class="n" title="未与参考语料或同批材料比对">—</td>'
    return (f'<td class="n" title="{esc(ratios(copy))}">{percent(copy.ratio_excluding_both)}</td>')


def batch_table(review: Review) -> str:
    head = "".join(f"<th>{h}</th>" for h in BATCH_COLUMNS)
    rows = "".join(_batch_row(n, item) for n, item in enumerate(review.documents, 1))
    return (f'<section class="card" id="batch"><h2>汇总</h2><table class="batch"><thead><tr>{head}</tr>'
            f"</thead><tbody>{rows}</tbody></table></section>")


def _doc_link(review: Review, number: int) -> str:
    item = review.documents[number]
    return f'<a href="#doc-{number + 1}">{number + 1}. {esc(item.path)}</a>'


def _group_members(review: Review, group: Group) -> str:
    rows = "".join(f'<tr><td class="file">{_doc_link(review, m.number)}</td><td class="n">{m.chars}</td>'
                   f'<td class="n">{percent(m.share)}</td></tr>' for m in group.members)
    return ('<table class="batch"><thead><tr><th>成员</th><th>与组内其他材料相同（字）</th><th>占全文</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _group_passages(group: Group) -> str:
    rows = []
    for p in group.passages[:TOP_PASSAGES]:
        where = "、".join(f'<a href="#doc-{d + 1}">{d + 1}</a>' for d, _, _ in p.places)
        rows.append(f'<tr><td class="n">{p.count}</td><td>{esc(short(p.text, 120))}</td>'
                    f"<td>{where}</td></tr>")
    left = len(group.passages) - TOP_PASSAGES
    more = f'<p class="meta">另有 {left} 处共有段落，见 JSON 或 XLSX 报告。</p>' if left > 0 else ""
    return ('<table class="batch"><thead><tr><th>份数</th><th>共有段落</th><th>所在材料</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>{more}")


def _group_pairs(group: Group) -> str:
    rows = "".join(f'<tr><td class="n">{p.a + 1} ↔ {p.b + 1}</td>'
                   f'<td class="n">{p.a_chars}（{percent(p.a_share)}）</td>'
                   f'<td class="n">{p.b_chars}（{percent(p.b_share)}）</td></tr>'
                   for p in group.pairs[:TOP_PAIRS])
    more = (f'<p class="meta">共 {len(group.pairs)} 对，此处列出相同字数最多的 {TOP_PAIRS} 对；'
            "完整列表见 JSON 或 XLSX 报告。</p>" if len(group.pairs) > TOP_PAIRS else "")
    return ('<table class="batch pairs"><thead><tr><th>两份材料</th><th>前者与后者相同（字，占前者）</th>'
            f"<th>后者与前者相同（字，占后者）</th></tr></thead><tbody>{rows}</tbody></table>{more}")


def _group(review: Review, g: int, group: Group) -> str:
    return (f'<div class="group"><h3>第 {g} 组（{len(group.members)} 份材料）</h3>'
            f"{_group_members(review, group)}"
            f"<h4>共有段落（{len(group.passages)} 处）</h4>{_group_passages(group)}"
            f"<h4>两两相同字数</h4>{_group_pairs(group)}</div>")


def batch_groups(review: Review, batch: Batch) -> str:
    """The batch section: groups of materials sharing text, their common passages and pairs."""
    rule = (f'<p class="meta">两份材料互有至少 {batch.min_chars} 字相同（不计空白和引用）即连为一组；'
            "组内成员可能经由他人间接相连。</p>")
    body = "".join(_group(review, g, group) for g, group in enumerate(batch.groups, 1))
    count = f"（{len(batch.groups)} 组）" if batch.groups else ""
    body = body or '<p class="none">没有雷同的材料。</p>'
    return f'<section class="card" id="groups"><h2>同批雷同分组{count}</h2>{rule}{body}</section>'


def summary(review: Review) -> Iterator[str]:
    grades = [d.grade or UNREADABLE for d in review.documents]
    yield f"共 {len(grades)} 份材料"
    for grade in (*GRADES, UNREADABLE):
        if grade in grades:
            css = GRADE_CLASS.get(grade, "g-unread")
            yield f'<span class="grade {css}">{grade}</span> {grades.count(grade)} 份'
    for severity, name in SEVERITY.items():
        yield f"{name} {sum(d.count(severity) for d in review.documents)} 条"


def header(review: Review, generated: datetime | None) -> str:
    when = f'<p class="meta">生成时间：{generated:%Y-%m-%d %H:%M}</p>' if generated else ""
    items = "".join(f"<li>{s}</li>" for s in summary(review))
    return (f'<header class="top"><h1>对照检查材料审核报告</h1>{when}<ul class="summary">{items}</ul>'
            '<p class="meta">点击原文中的标记查看问题说明和修改建议；▲ 表示此处缺少内容；'
            '<mark class="c-copy">紫色</mark>为与参考语料或同批材料相同的文字，'
            '<mark class="c-quote">绿色</mark>为引用。'
            '复制比不计引用和本人往年材料，鼠标停在数字上可见全部数字。</p></header>')


def render(review: Review, *, generated: datetime | None = None) -> bytes:
    """The whole report as one HTML page; ``generated`` (if given) is printed as the generation time."""
    docs = "".join(document_section(n, item) for n, item in enumerate(review.documents, 1))
    groups = batch_groups(review, review.batch) if review.batch is not None else ""
    page = ('<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>对照检查材料审核报告</title><style>{asset("report.css")}</style></head>'
            f'<body><div class="page">{header(review, generated)}{batch_table(review)}{groups}{docs}</div>'
            f'<div id="pop" hidden role="dialog"></div><script>{asset("report.js")}</script></body></html>\n')
    return page.encode("utf-8")
