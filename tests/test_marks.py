"""Highlight marks: the pieces tile the text, list exactly the findings covering them, and the HTML
report renders from them exactly what it rendered before they were computed apart."""

from __future__ import annotations

import time
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao import marks
from duizhao.checks.registry import Finding, ReviewContext
from duizhao.config import load_settings
from duizhao.marks import Piece
from duizhao.reports import html
from duizhao.review import review_text
from duizhao.similarity.source import Source

TEXT = "一是学习不够系统，今年只参加了 6 次集中学习。<b>&\"'\n二是调研不够深入。\n"


def finding(start: int, end: int, severity: str = "warning", relation: str | None = None) -> Finding:
    source = Source("corpus", "旧材料", 0, 4, "摘录", relation) if relation else None  # type: ignore[arg-type]
    return Finding("demo", severity, f"问题{start}-{end}", "改正。", start, end, source)  # type: ignore[arg-type]


# --- the HTML highlighting as it was before marks.py, kept here as the reference -------------

def _old_bounds(findings: list[Finding], size: int) -> list[tuple[int, int]]:
    return [tuple(sorted((min(max(f.start, 0), size), min(max(f.end, 0), size))))  # type: ignore[misc]
            for f in findings]


def _old_mark(n: int, seg: int, piece: str, findings: list[Finding], covering: list[int]) -> str:
    worst = min((findings[k].severity for k in covering), key=marks.RANK.__getitem__)
    relations = {f.source.relation for k in covering if (f := findings[k]).source}
    copied = " c-copy" if relations & {"copy", "own"} else " c-quote" if relations else ""
    multi = (" multi" if len(covering) > 1 else "") + copied
    ids = " ".join(f"f{n}-{k}" for k in covering)
    tip = html.esc(html._tooltip(findings, covering))
    return (f'<mark class="s-{worst}{multi}" id="m{n}-{seg}" data-f="{ids}" title="{tip}">'
            f"{html.esc(piece)}</mark>")


def old_highlight(n: int, text: str, findings: list[Finding], anchors: dict[int, str]) -> html.Marked:
    spans = _old_bounds(findings, len(text))
    inserts: dict[int, list[str]] = {}
    for offset, anchor_id in anchors.items():
        inserts.setdefault(offset, []).append(f'<span class="anchor" id="{anchor_id}"></span>')
    for k, (start, end) in enumerate(spans):
        if start == end:
            inserts.setdefault(start, []).append(html._zero_width(n, k, findings[k]))
    cuts = sorted({0, len(text), *inserts, *(s for span in spans for s in span)})
    opening: dict[int, list[int]] = {}
    for k, (start, end) in enumerate(spans):
        if start < end:
            opening.setdefault(start, []).append(k)
    targets = [f"z{n}-{k}" if start == end else "" for k, (start, end) in enumerate(spans)]
    out: list[str] = []
    active: list[int] = []
    for seg, (a, b) in enumerate(zip(cuts, [*cuts[1:], len(text)], strict=True)):
        out += inserts.get(a, [])
        active = [k for k in active if spans[k][1] > a] + opening.get(a, [])
        if a == b:
            continue
        for k in opening.get(a, []):
            targets[k] = f"m{n}-{seg}"
        out.append(_old_mark(n, seg, text[a:b], findings, active) if active else html.esc(text[a:b]))
    return html.Marked("".join(out), targets)


findings_in = st.lists(st.builds(finding, st.integers(-5, len(TEXT) + 5), st.integers(-5, len(TEXT) + 5),
                                 st.sampled_from(["error", "warning", "info"]),
                                 st.sampled_from([None, "copy", "quotation", "own"])), max_size=12)
anchors_in = st.dictionaries(st.integers(0, len(TEXT)), st.from_regex(r"s1-[0-9]{1,2}", fullmatch=True),
                             max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(TEXT)), findings_in, anchors_in)
def test_html_is_what_it_was_before(cut: int, findings: list[Finding], anchors: dict[int, str]):
    text = TEXT[:cut]
    anchors = {k: v for k, v in anchors.items() if k <= cut}
    assert html.highlight(3, text, findings, anchors) == old_highlight(3, text, findings, anchors)


def test_html_is_what_it_was_before_on_overlapping_nested_and_out_of_range_spans():
    size = len(TEXT)
    cases = [[finding(2, 10), finding(5, 8, "error"), finding(5, 8, "info")],  # nested, same start
             [finding(8, 2), finding(4, 12, relation="quotation"), finding(6, 6, "error")],  # swapped
             [finding(-4, 3), finding(size - 2, size + 9, relation="own"), finding(size, size),
              finding(0, 0)],
             [finding(size + 3, size + 7), finding(-3, -1)]]  # wholly outside: zero-width at the edges
    for findings in cases:
        anchors = {0: "s1-0", 4: "s1-1", size: "s1-2"}
        assert html.highlight(1, TEXT, findings, anchors) == old_highlight(1, TEXT, findings, anchors)


# --- pieces ------------------------------------------------------------------------------------

spans_in = st.lists(st.tuples(st.integers(-20, 220), st.integers(-20, 220)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 200), spans_in, st.dictionaries(st.integers(-10, 210), st.text(max_size=3), max_size=5))
def test_pieces_tile_the_text_and_list_exactly_the_covering_findings(size: int, spans: list[tuple[int, int]],
                                                                      anchors: dict[int, str]):
    findings = [finding(a, b) for a, b in spans]
    cut = marks.pieces(size, findings, anchors)
    text_pieces = [p for p in cut if p.zero_width is None and p.anchor is None]
    ends = [p.end for p in text_pieces]
    assert [p.start for p in text_pieces] == [0, *ends][:len(ends)]
    assert ends[-1:] == ([size] if size else [])
    assert all(p.start < p.end for p in text_pieces)
    assert [p.start for p in cut] == sorted(p.start for p in cut)  # document order
    for k, f in enumerate(findings):
        start, end = marks.span(f, size)
        assert 0 <= start <= end <= size
        listing = [p for p in cut if k in p.findings]
        if start == end:
            assert listing == [Piece(start, start, (k,), zero_width=k)]
        else:
            assert [(p.start, p.end) for p in listing] == [(p.start, p.end) for p in text_pieces
                                                           if start <= p.start and p.end <= end]
            assert all(p.marked for p in listing)
            assert sum(p.end - p.start for p in listing) == end - start
    assert sorted(p.anchor for p in cut if p.anchor is not None) == sorted(anchors.values())
    first = marks.first_pieces(cut, len(findings))
    assert all(i is not None and k in cut[i].findings for k, i in enumerate(first))


def test_inserts_come_before_the_character_at_their_offset():
    cut = marks.pieces(10, [finding(3, 3), finding(3, 6, "error"), finding(0, 10)], {3: "s1-0"})
    assert cut == [Piece(0, 3, (2,)), Piece(3, 3, anchor="s1-0"), Piece(3, 3, (0,), zero_width=0),
                   Piece(3, 6, (2, 1)), Piece(6, 10, (2,))]
    assert [p.marked for p in cut] == [True, False, False, True, True]
    assert marks.first_pieces(cut) == [2, 3, 0]
    assert marks.worst([finding(3, 6, "info"), finding(3, 6, "error")], [0, 1]) == "error"


def test_nothing_to_mark_is_one_plain_piece():
    assert marks.pieces(7, []) == [Piece(0, 7)]
    assert not marks.pieces(7, [])[0].marked
    assert marks.pieces(0, []) == []
    assert marks.first_pieces(marks.pieces(7, [])) == []
    assert marks.first_pieces([], 2) == [None, None]


def test_copy_class_tells_copies_from_quotations():
    found = [finding(0, 2, relation="copy"), finding(0, 2, relation="quotation"),
             finding(0, 2, relation="own"), finding(0, 2)]
    assert marks.copy_class(found, [0, 1]) == "c-copy"
    assert marks.copy_class(found, [2]) == "c-copy"
    assert marks.copy_class(found, [1, 3]) == "c-quote"
    assert marks.copy_class(found, [3]) == ""


def test_a_reviewed_sample_is_cut_quickly():
    text = (resources.files("duizhao") / "samples" / "02_template_personal.txt").read_text(encoding="utf-8")
    item = review_text(text, ReviewContext(settings=load_settings(None)))
    assert item.findings
    long_text = text * 2  # about ten pages
    many = [finding((i * 97) % len(long_text), (i * 97) % len(long_text) + 20 * (i % 4)) for i in range(100)]
    findings = [*item.findings, *many]
    began = time.perf_counter()
    for _ in range(20):
        cut = marks.pieces(len(long_text), findings)
    assert (time.perf_counter() - began) / 20 < 0.005
    assert "".join(long_text[p.start:p.end] for p in cut) == long_text
