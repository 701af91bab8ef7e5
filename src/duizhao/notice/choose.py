"""Which of a notice's enumerations holds the aspects to check against.

1. Runs under a part about the preparations, the requirements or the schedule are never
   aspects (会前准备、有关要求、时间安排、报送材料……), nor runs whose items are mostly such
   steps (学习研讨、征求意见、谈心谈话、撰写材料……). The theme sentence (以“……”为主题) is
   dropped from any run.
2. Among runs under a part about the check itself (对照检查、查摆、重点内容、方面……), or led in
   by such words, the one with the most aspect-like items (带头……, 在……方面, ……方面) wins;
   on a tie, a run under a sub-heading that names the check (“（二）对照检查内容”), then the
   earliest.
3. Failing that, the run with the most aspect-like items, if it has at least two.
"""

from __future__ import annotations

import re

from duizhao.notice.scan import Run

_ABOUT_CHECK = re.compile(r"对照|查摆|检视|检查|重点|内容|方面")
# Words that make a heading about something else: the first always (“撰写对照检查材料”), the
# second unless the heading also names the check (“对照检查内容和要求”).
_ABOUT_OTHER = re.compile(r"准备|时间|安排|报送|程序|议程|步骤|参加|参会|撰写|材料|督导|联系|附件|地点")
_ALSO_OTHER = re.compile(r"要求|组织领导|纪律|范围|方式|方法|指导|整改")
_LEAD_IN = re.compile(r"方面|对照检查|查摆|检视")
_STEP = re.compile(r"学习研讨|集中学习|征求意见|听取意见|意见建议|谈心|撰写|起草|对照检查材料|发言提纲|报送|"
                   r"会议时间|时间安排|召开|列席|督导|会议议程|参会|会议方案|会前准备|整改清单|情况报告|"
                   r"联系人|联系电话")
_THEME = re.compile(r"为主题|^(?:会议)?主题")
_ASPECT = re.compile(r"^带头|^在.{2,40}方面|方面$")
# “对照检查的重点方面” names the list, it is not in it (“对照理想信念方面” is in it).
_NAMES_CHECK = re.compile("对照检查|查摆|检视剖析")
# A sub-heading that names the check (“（二）对照检查内容”) over the run beneath it.
_HEADS_CHECK = re.compile("对照检查|查摆|检视|重点内容|重点方面")
_MIN_ITEMS = 2


def choose(runs: list[Run]) -> tuple[str, ...]:
    usable = [run for run in map(_without_theme, runs) if _usable(run)]
    about_check = [run for run in usable if _leads_to_aspects(run)]
    pool = about_check or [run for run in usable if _aspect_like(run) >= _MIN_ITEMS]
    if not pool:
        return ()
    return max(pool, key=lambda run: (_aspect_like(run), _under_check_heading(run), -run.start)).items


def _without_theme(run: Run) -> Run:
    items = tuple(item for item in run.items if item and not _THEME.search(item))
    return Run(run.family, items, run.start, run.heading, run.part, run.lead)


def _usable(run: Run) -> bool:
    if len(run.items) < _MIN_ITEMS or _context(run) == "other":
        return False
    steps = sum(bool(_STEP.search(item)) for item in run.items)
    return 2 * steps < len(run.items)


def _context(run: Run) -> str:
    """"check", "other" or "": what the heading above the run (or else its part) is about."""
    for heading in (run.heading, run.part):
        if _ABOUT_OTHER.search(heading):
            return "other"
        if _ABOUT_CHECK.search(heading):
            return "check"
        if _ALSO_OTHER.search(heading):
            return "other"
    return ""


def _leads_to_aspects(run: Run) -> bool:
    return _context(run) == "check" or bool(_LEAD_IN.search(run.lead))


def _aspect_like(run: Run) -> int:
    return sum(bool(_ASPECT.search(item)) and not _NAMES_CHECK.search(item) for item in run.items)


def _under_check_heading(run: Run) -> bool:
    """The run sits under a sub-heading of its own that names the check, not only under the part."""
    return run.heading != run.part and bool(_HEADS_CHECK.search(run.heading))
