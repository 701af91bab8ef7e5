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
