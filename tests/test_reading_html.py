"""Web pages saved from a browser: visible text with its debris, hidden text dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.review import review_file

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>对照检查材料范文_某某范文网</title>
<style>p {{ color: red; }}</style><script>var x = "不应出现";</script></head>
<body>
<nav><a href="/">首页</a> &gt; <a href="/fanwen/">范文大全</a></nav>
<h1>2025年度民主生活会个人对照检查材料</h1>
<p>一、存在的问题</p>
<p>一是理论学习不够深入<span style="display: none">某某范文网</span>，满足于读原文、记笔记&nbsp;。</p>
<p>二是调查研究不够<font hidden>ABC</font>扎实，全年到基层只有3次。</p>
<table><tr><td>时间</td><td>2025年</td></tr></table>
<div class="footer">本文来源于某某范文网，更多范文请访问www.fanwen.example</div>
</body></html>
"""


def page(tmp_path: Path, charset: str = "utf-8", encoding: str = "utf-8", name: str = "范文.html") -> Path:
    path = tmp_path / name
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    return path


def test_visible_text_by_lines_with_debris(tmp_path: Path):
    text = read_text_of(page(tmp_path)).text
    lines = text.splitlines()
    assert "2025年度民主生活会个人对照检查材料" in lines and "一、存在的问题" in lines
    assert "一是理论学习不够深入，满足于读原文、记笔记 。" in lines
    assert "二是调查研究不够扎实，全年到基层只有3次。" in lines
    assert "时间\t2025年" in lines and "首页 > 范文大全" in lines
    assert "本文来源于某某范文网" in text
    for hidden in ("不应出现", "color", "_某某范文网", "ABC"):
        assert hidden not in text


def test_gbk_page_is_read_by_its_meta_charset(tmp_path: Path):
    extracted = read_text_of(page(tmp_path, charset="gb2312", encoding="gb18030", name="a.htm"))
    assert "二是调查研究不够扎实" in extracted.text
    assert any("GB18030" in note for note in extracted.notes)


def test_a_wrong_declaration_falls_back_to_guessing(tmp_path: Path):
    assert "理论学习" in read_text_of(page(tmp_path, charset="latin-9-nonsense")).text


def test_not_a_page_is_refused(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_text("只是文字", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="不是网页"):
        read_text_of(path)


def test_the_debris_is_reported_when_reviewed(tmp_path: Path):
    item = review_file(page(tmp_path), ReviewContext(settings=Settings()))
    assert item.document is not None
    flagged = [item.document.text[f.start:f.end] for f in item.findings if f.check == "web-debris"]
    assert any("某某范文网" in s or "范文" in s for s in flagged)
