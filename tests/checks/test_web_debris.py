from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.checks.web_debris import is_noise
from duizhao.config import Settings
from duizhao.outline import parse


def spans(text: str, ctx: ReviewContext) -> list[str]:
    return [text[h.start:h.end] for h in REGISTRY["web-debris"].run(parse(text), ctx)]


@pytest.mark.parametrize(("text", "expected"), [
    ("学习不够深入。此处隐藏956字，下载后查看", ["此处隐藏956字", "下载后查看"]),
    ("正文复制\n一、存在的问题", ["正文复制"]),
    ("本文由好文章网整理发布。", ["本文由好文章网整理"]),
    ("来源：某某范文网", ["来源：某某范文网"]),
    ("更多内容请访问www.fanwen.com获取。", ["www.fanwen.com"]),
    ("认真学习會(huì)议精神。", ["(huì)"]),
    ("认真学习会（huì）议精神。", ["（huì）"]),
    ("加强理论a9Fk2学习。", ["a9Fk2"]),
    ("上一篇：年度工作总结", ["上一篇"]),
    ("文章来源：网络", ["文章来源："]),
])
def test_fires(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "参加G20峰会保障，推进5G基站建设，防控COVID-19疫情，PM2.5浓度下降。",
    "2024年完成GDP目标，开发APP和QQ群服务群众，防控H5N1禽流感。",
    "（二）用好微信公众号等新媒体平台，方便群众扫一扫办理业务。",
    "下一步打算：加强学习，相关推荐人选已按程序上报。",
    "民主生活会前认真学习，会议开得好。",
    "县道X212和G318改造，型号B2B平台。",
])
def test_silent(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


def test_noise_heuristic() -> None:
    assert is_noise("a9Fk2") and is_noise("x7k2m9")
    assert not any(is_noise(t) for t in ("G20", "H5N1", "B2B", "MP3", "Win10", "abc", "2024"))


def test_user_words() -> None:
    ctx = ReviewContext(settings=Settings(words={"web_debris": ("本站整理",)}))
    assert spans("本站整理，仅供参考。", ctx) == ["本站整理"]


@pytest.mark.parametrize(("text", "expected"), [
    ("加强理论学习【某某范文网】，提高站位。", ["【某某范文网】"]),
    ("加强理论学习（来源：某某文库），提高站位。", ["（来源：某某文库）"]),
    ("加强理论学习(来源:某某文库)，提高站位。", ["(来源:某某文库)"]),
    ("加强理论学习[www.example.com]，提高站位。", ["[www.example.com]"]),
    ("加强理论学习〔本文来自某某公文写作网〕，提高站位。", ["〔本文来自某某公文写作网〕"]),
    ("加强理论学习（转载自某某微信公众号），提高站位。", ["（转载自某某微信公众号）"]),
    ("加强理论学习【第一范文】，提高站位。", ["【第一范文】"]),
    ("加强理论学习【某某文库】，提高站位。", ["【某某文库】"]),
])
def test_bracketed_source_notes(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


def test_bracketed_message(ctx: ReviewContext) -> None:
    hit = next(iter(REGISTRY["web-debris"].run(parse("学习【某某范文网】。"), ctx)))
    assert hit.message == "疑似网站插入的来源标记：“【某某范文网】”" and "来源" in hit.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("学习不够深入。点击下载", ["点击下载"]),
    ("下载本文\n一、存在的问题", ["下载本文"]),
    ("一、存在的问题\n复制全文", ["复制全文"]),
    ("全文复制 一键复制", ["全文复制", "一键复制"]),
    ("立即下载 下载原文", ["立即下载", "下载原文"]),
    ("展开全文\n收藏本文", ["展开全文", "收藏本文"]),
    ("本文为会员专享内容。", ["会员专享"]),
    ("开通VIP，免费下载。", ["开通VIP", "免费下载"]),
    ("本文档由用户123上传，仅供参考。", ["本文档由用户123上传"]),
    ("全文共5页，下载后可编辑。", ["下载后可编辑"]),
    ("温馨提示：本文仅供参考，请勿复制。", ["温馨提示：本文仅供参考"]),
    ("此处隐藏：1,205字", ["此处隐藏：1,205字"]),
    ("一、存在的问题\n举报 | 收藏 | 分享\n学习不够深入。", ["举报 | 收藏 | 分享"]),
    ("收藏(12)  点赞(3)  举报", ["收藏(12)  点赞(3)  举报"]),
    ("VIP", ["VIP"]),
])
def test_buttons_and_prompts(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "坚持每天在学习强国平台学习，及时阅读中国政府网发布的政策文件。",
    "（三）用好学习强国平台（中国政府网发布）。",
    "建立党建文库，收藏红色书籍，分享学习心得。",
    "对群众举报的问题及时核查，做到件件有回音。",
    "举报电话：12345，群众来信来访及时办理。",
    "加强网格化管理（网格员队伍），推进互联网+政务服务（网上办事大厅）。",
    "学习《习近平谈治国理政》（摘自第三卷）。",
    "按照上级要求（来源：市委组织部通知）开展工作。",
    "为VIP客户提供上门服务，复制推广先进经验，下载安装政务APP。",
    "存在复制粘贴、照搬照抄上级文件的问题。",
])
def test_silent_on_sites_and_words_in_sentences(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []
