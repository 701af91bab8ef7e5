"""Aspects to check against: from a list file (one per line) or from a meeting notice.

A notice is read as it is written (see ``docs/notice.md``): parts by their headings, the
enumerations inside each part (:mod:`duizhao.notice.scan`), then the one enumeration that
holds the aspects (:mod:`duizhao.notice.choose`).
"""

from __future__ import annotations

import re
from pathlib import Path

from duizhao.config import Limits
from duizhao.notice.choose import choose
from duizhao.notice.scan import Notice
from duizhao.outline import markers
from duizhao.reading import SUPPORTED, UnreadableDocument, read_text_of
from duizhao.reading.txt import decode

_ENUM = re.compile(
    rf"(?:^|(?<=[。；;：:\s]))(?:[（(][{markers.NUMERALS}]{{1,3}}[）)]|[{markers.NUMERALS}]{{1,3}}是|"
    rf"\d{{1,2}}[.．、]|[（(]\d{{1,2}}[）)]|第[{markers.NUMERALS}]{{1,3}}[，,、])")
_PLAIN = (".txt", ".md", ".text")
MAX_LIST_BYTES = 1024 * 1024

LOOKED_FOR = ("已查找：“对照检查内容”“重点内容”等部分下的（一）（二）、1. 2.、一是二是等编号清单，"
              "“重点从以下几个方面……：带头……；带头……”式的行内列举，以及“在……方面”“带头……”式的条目")


ASPECTS_HELP = (
    "提取规则：按“一、”“第一部分”等部分标题分段，编号重新从（一）或 1. 开始即为新的清单；"
    "取“对照检查内容”“查摆重点”“……方面”等部分下的清单，没有这样的部分时取条目形如“带头……”"
    "“在……方面”的清单；也识别“重点从以下五个方面进行对照检查：带头……；带头……。”"
    "和“一是……二是……”式的行内列举。会前准备、会议要求、时间安排等部分的清单和会议主题句"
    "（以“……”为主题）不算方面。每个方面只取其标题（到第一个句号、冒号或“……方面”为止），"
    "不含后面的说明。\n\n"
    "请核对输出，必要时修改，再用 duizhao review --aspects 文件 审核；方面清单为纯文本"
    "（UTF-8、GBK、Big5 等，自动识别），扩展名不限，每行一个方面，# 开头的行为注释。详见 docs/notice.md。")


def aspects_from_list(text: str) -> tuple[str, ...]:
    """One aspect per non-empty line; leading numbering and ``#`` comment lines are dropped."""
    out = []
    for line in text.splitlines():
        line = _ENUM.sub("", line.strip(), count=1).strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


def aspects_from_notice(text: str) -> tuple[str, ...]:
    """The aspects a notice sets, each as its short head (no explanation); () when none is found."""
    return choose(Notice(text).runs())


def read_list(path: Path, limits: Limits | None = None) -> str:
    """An aspects list: plain text of any name, in any encoding the .txt reader recognises
    (UTF-8/16/32, GB18030, Big5), or a document."""
    if path.suffix.lower() in SUPPORTED and path.suffix.lower() not in _PLAIN:
        return read_text_of(path, limits).text
    if not path.is_file():
        raise UnreadableDocument("文件不存在或不是普通文件")
    if path.stat().st_size > MAX_LIST_BYTES:
        raise UnreadableDocument("方面清单文件过大（超过 1 MB），请确认选择的是方面清单")
    return decode(path.read_bytes())[0]


def read_notice(path: Path, limits: Limits | None = None) -> str:
    """A notice in any format the readers know; a file of another extension is read as plain text."""
    if path.suffix.lower() in SUPPORTED:
        return read_text_of(path, limits).text
    return read_list(path, limits)


def load_aspects(path: Path, from_notice: bool, limits: Limits | None = None) -> tuple[str, ...]:
    """The aspects of a notice or of a list file, read within ``limits`` (``[limits]``)."""
    if from_notice:
        return aspects_from_notice(read_notice(path, limits))
    return aspects_from_list(read_list(path, limits))


def nothing_found(path: Path, from_notice: bool) -> str:
    """The message when a file gives no aspects: what was looked for and what to do instead."""
    if not from_notice:
        return f"方面清单 {path} 中没有任何方面：请每行写一个方面（以 # 开头的行为注释）"
    return (f"没能从通知 {path} 中找出需要对照的方面。{LOOKED_FOR}。"
            "请把通知中的方面逐行写入一个文本文件（每行一个方面），审核时改用 --aspects 指定该文件")


def aspects_listing(aspects: tuple[str, ...]) -> str:
    """The aspects one per line, as ``--aspects`` reads them back."""
    return "".join(f"{aspect}\n" for aspect in aspects)

