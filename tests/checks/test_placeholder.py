from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse


def spans(text: str, ctx: ReviewContext) -> list[str]:
    return [text[h.start:h.end] for h in REGISTRY["placeholder"].run(parse(text), ctx)]


@pytest.mark.parametrize(("text", "expected"), [
    ("按照《XX党委关于召开会议的通知》要求。", ["XX"]),
    ("牵头推动XX、XX等4项改革任务。", ["XX", "XX"]),
    ("中共xxx市xxx区委组织部。", ["xxx", "xxx"]),
    ("××同志主持会议。", ["××"]),
    ("ＸＸ单位。", ["ＸＸ"]),
    ("某某同志在会上发言。", ["某某"]),
    ("202X年度民主生活会。", ["202X"]),
    ("20XX年工作总结。", ["20XX"]),
    ("20**年度对照检查材料。", ["20**"]),
    ("202*年底前完成。", ["202*"]),
    ("此处补充数据【待补】。", ["【待补】"]),
    ("全年调研（待补充）次。", ["（待补充）"]),
    ("全年完成[待填]项。", ["[待填]"]),
    ("参加人员：______。", ["______"]),
    ("到X市调研。", ["X"]),
    ("随市领导来X考察。", ["X"]),
    ("分管**市的工作。", ["**"]),
])
def test_fires(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "县道X212改造工程于年内完工。",
    "G318沿线的安全隐患已经排查。",
    "新购型号X5的检测设备。",
    "体检项目包括X光和X射线检查。",
    "会议室面积为3×4米。",
    "The XXL size is not a placeholder.",
    "某单位的某些做法值得借鉴。",
    "从严治X，全面加强X的建设。",
    "开好**学习教育专题会议。",
    "对***同志的批评意见。",
    "变量_名称保持一致。",
])
def test_silent(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


def test_user_words() -> None:
    ctx = ReviewContext(settings=Settings(words={"placeholders": ("〇〇",)}))
    assert spans("〇〇局召开会议。", ctx) == ["〇〇"]


def test_message_and_hint(ctx: ReviewContext) -> None:
    hit = next(iter(REGISTRY["placeholder"].run(parse("202X年度。"), ctx)))
    assert "202X" in hit.message and hit.hint
    assert REGISTRY["placeholder"].severity == "error"
