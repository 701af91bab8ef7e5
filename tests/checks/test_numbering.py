from __future__ import annotations

from duizhao.checks import REGISTRY
from duizhao.checks.registry import Hit, ReviewContext
from duizhao.outline import parse

HEAD = "2025年度某局局长民主生活会个人对照检查材料\n\n按照通知要求，我认真准备。\n"


def hits(body: str, ctx: ReviewContext) -> list[Hit]:
    return list(REGISTRY["numbering"].run(parse(HEAD + body), ctx))


def labels(body: str, ctx: ReviewContext) -> list[str]:
    text = HEAD + body
    return [text[h.start:h.end] for h in hits(body, ctx)]


def test_skipped_item(ctx: ReviewContext) -> None:
    body = "一、存在的问题\n一是学习不够。今年参加6次学习。\n三是调研不深。全年调研4次。\n"
    found = hits(body, ctx)
    assert labels(body, ctx) == ["三是"]
    assert "一是" in found[0].message and "三是" in found[0].message


def test_repeated_aspect(ctx: ReviewContext) -> None:
    body = "一、存在的问题\n（一）在政治建设方面\n学习不够。\n（一）在担当作为方面\n推进偏慢。\n"
    assert labels(body, ctx) == ["（一）"]
    assert "重复" in hits(body, ctx)[0].message


def test_does_not_start_at_one(ctx: ReviewContext) -> None:
    body = "一、存在的问题\n二是学习不够。今年参加6次。\n三是调研不深。全年调研4次。\n"
    assert labels(body, ctx) == ["二是"]


def test_skipped_section(ctx: ReviewContext) -> None:
    body = "一、存在的问题\n学习不够。\n三、整改措施\n加强学习。\n"
    assert labels(body, ctx) == ["三、"]


def test_backwards(ctx: ReviewContext) -> None:
    body = "一、存在的问题\n一是学习不够。\n二是调研不深。\n三是创新不足。\n二是担当不够。\n"
    assert labels(body, ctx) == ["二是"]
    assert "颠倒" in hits(body, ctx)[0].message


def test_well_numbered_material_is_silent(ctx: ReviewContext) -> None:
    body = ("一、存在的问题\n（一）在政治建设方面\n一是学习不够。二是调研不深。\n（二）在担当作为方面\n"
            "一是推进偏慢。\n二是创新不足。\n三是协调不够。\n二、原因分析\n一是理想信念松懈。二是宗旨意识淡化。\n"
            "三、整改措施\n(一)加强学习。\n(二)改进作风。\n")
    assert hits(body, ctx) == []


def test_restart_and_unparsed_marker_are_silent(ctx: ReviewContext) -> None:
    body = ("一、存在的问题\n在学习方面：一是学得不深。二是用得不够。"
            "在工作方面：一是推进偏慢。二是协调不够。\n"
            "二、原因分析\n一是理想信念松懈，二是宗旨意识淡化。三是纪律观念不强。\n")
    assert hits(body, ctx) == []
