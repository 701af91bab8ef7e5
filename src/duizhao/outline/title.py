"""The title line and what it says: year, unit, post, meeting, personal or team."""

from __future__ import annotations

import re
from functools import lru_cache

from duizhao.document import Kind, Title
from duizhao.text.normal import normalize

_TITLE_WORDS = re.compile(r"材料|提纲|发言|对照|检查|剖析|生活会|检视")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_MEETING = re.compile(r"(?:专题)?(?:民主生活会|组织生活会)")
POSTS = ("党委书记", "党组书记", "党工委书记", "支部书记", "副书记", "书记", "副局长", "局长",
         "副主任", "主任", "副部长", "部长", "副县长", "县长", "副市长", "市长", "副区长", "区长",
         "副镇长", "镇长", "副乡长", "乡长", "副处长", "处长", "副科长", "科长", "副主席", "主席",
         "副校长", "校长", "副院长", "院长", "副厅长", "厅长", "副经理", "总经理", "经理",
         "董事长", "副行长", "行长", "副所长", "所长", "副站长", "站长", "副队长", "队长",
         "组长", "委员", "常委", "班子成员", "党员")
_POST = re.compile("|".join(POSTS).replace("委员", "委员(?!会)"))
_UNIT = re.compile(r"([\u4e00-\u9fff]{2,24}?)(?:党委|党组|党工委|党支部)?$")
_TEAM = re.compile(r"班子|党组|党委(?!书记|副书记|委员)|党工委(?!书记)|支部委员会")
_PERSONAL = re.compile(r"个人")
_TEAM_UNIT = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,30}?)(?:领导班子|班子)")


@lru_cache(maxsize=1024)
def _key(line: str) -> str:
    """The normalised key of a short line (titles repeat across a batch: computed once)."""
    return normalize(line).key


def looks_like_title(line: str) -> bool:
    body = line.strip()
    return 0 < len(body) <= 80 and not body.endswith("。") and bool(_TITLE_WORDS.search(_key(body)))


def _kind(key: str) -> Kind:
    if _PERSONAL.search(key):
        return "personal"
    if _TEAM.search(key):
        return "team"
    return "unknown"


def read_title(text: str, start: int, end: int) -> Title:
    raw = text[start:end]
    key = _key(raw)
    year = _YEAR.search(key)
    meeting = _MEETING.search(key)
    title = Title(text=raw, start=start, end=end, year=int(year.group(1)) if year else None,
                  meeting=meeting.group() if meeting else "", kind=_kind(key))
    team = _TEAM_UNIT.search(_YEAR.sub("", key))
    if team:
        title.unit = team.group(1)
    post = _POST.search(key)
    if post and not team:
        title.post = post.group()
        head = _YEAR.sub("", key[:post.start()])
        unit = _UNIT.search(head)
        title.unit = unit.group(1) if unit else ""
        if title.kind == "unknown" and title.post != "班子成员":
            title.kind = "personal"
    return title
