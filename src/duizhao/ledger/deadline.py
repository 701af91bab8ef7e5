"""Deadlines as measures write them: “2026年3月底前”, “一季度”, “年内”, “长期坚持” → a date or 长期.

The base year. A material's title names the year it examines (“2025年度民主生活会”); the
meeting is held around that year's end, so its measures are carried out in the next year: an
unqualified “3月底前”, “一季度”, “上半年” or “年内” means the year after the title's year
(“2025年度” → 2026-03-31). A year written out (“2026年6月底前”) is taken as written, and
“明年” is the base year too. Without a year in the title the caller passes the base year
(:func:`base_year`: the current year, or the next one from October on, when the meetings are held).

A deadline is the end of the period named: 月底/月末/月 → the last day of the month, 上旬 → the
10th, 中旬 → the 20th, 下旬 → the last day, 季度 → its last day, 上半年 → 6-30, 下半年/年内/
年底/全年 → 12-31, and a year named alone (“2026年完成……”, not a past year) → its 12-31.
Words of continuing work (长期坚持, 常态化, 持续, 久久为功, 每月/每季度/每年…, 2026年起) give 长期
when no date is found in the same clause.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

LONG_TERM = "长期"
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "两": 2}
_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?:(?P<year>20\d{2})年|(?P<rel>明年|今年|次年|当年))?"
_DATE = re.compile(
    _YEAR + r"(?:"
    + _MONTH + r"月(?:(?P<day>[1-9]|[12]\d|3[01])日|(?P<part>上旬|中旬|下旬|底|末|份|中))?"
    r"|(?:第?(?P<quarter>[一二三四1-4])季度(?:末|底)?)"
    r"|(?P<half>上半年|下半年)"
    r"|(?P<year_end>(?<![两几多二三四五0-9])年内|年底|年末|底|末|全年|内)"
    r")(?:前|以前|之前|内|止|为止)?")
_LONG = re.compile(r"长期坚持|长期|常态化|持续|久久为功|长效|经常性|每[月周季年]|每季度|每半年|"
                   r"(?:20\d{2}年|学期|季度|月份?)起")
_BARE_YEAR = re.compile(r"(20\d{2})年(?![起度])(?![^，,。；]{0,4}前)")  # not “2026年汛期前”
_CLAUSE = re.compile(r"[^。；;！？\n]+")


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline: a date, or 长期 (``long_term``), with the words it was read from."""

    due: date | None
    long_term: bool
    source: str

    def label(self) -> str:
        if self.due is not None:
            return self.due.isoformat()
        return LONG_TERM if self.long_term else ""


NONE = Deadline(None, False, "")


def base_year(title_year: int | None, today: date) -> int:
    """The year unqualified deadlines fall in (see the module's doc)."""
    if title_year is not None:
        return title_year + 1
    return today.year + 1 if today.month >= 10 else today.year


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + (_CN_DIGITS.get(text[1:], 0) if len(text) > 1 else 0)
    return {**_CN_DIGITS, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}[text]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(match: re.Match[str], base: int) -> int:
    if match.group("year"):
        return int(match.group("year"))
    return base - 1 if match.group("rel") == "今年" else base


def _due(match: re.Match[str], base: int) -> date | None:
    year = _year_of(match, base)
    if match.group("month"):
        month = _number(match.group("month"))
        part = match.group("part") or "底"
        if match.group("day"):
            day = min(int(match.group("day")), calendar.monthrange(year, month)[1])
            return date(year, month, day)
        return {"上旬": date(year, month, 10), "中旬": date(year, month, 20),
                "中": date(year, month, 20)}.get(part, _last_day(year, month))
    if match.group("quarter"):
        return _last_day(year, 3 * _number(match.group("quarter")))
    if match.group("half"):
        return date(year, 6, 30) if match.group("half") == "上半年" else date(year, 12, 31)
    word = match.group("year_end")
    if word in ("底", "末", "内", "全年") and not (match.group("year") or match.group("rel")):
        return None  # “月底”“年底” without a year word are caught by their own branch
    return date(year, 12, 31)


def _dated(clause: str, base: int) -> Deadline | None:
    """The latest date named in a clause (a clause may say “3月底前启动，6月底前完成”)."""
    found = []
    started = False
    for match in _DATE.finditer(clause):
        if not match.group().strip():
            continue
        if _is_start(clause, match):
            started = True
            continue
        due = _due(match, base)
        if due is not None:
            found.append((due, match.group()))
    if not found:
        return None if started else _year_only(clause, base)
    due, words = max(found)
    return Deadline(due, False, words)


def _year_only(clause: str, base: int) -> Deadline | None:
    """“2026年中心组集中学习不少于12次”: a year named alone (not a past one) → its last day."""
    for match in _BARE_YEAR.finditer(clause):
        year = int(match.group(1))
        if year >= base:
            return Deadline(date(year, 12, 31), False, match.group())
    return None


def _is_start(clause: str, match: re.Match[str]) -> bool:
    """“2026年起”, “春季学期起”: a date that starts recurring work, not a deadline."""
    return clause[match.end():match.end() + 1] == "起"


def parse_clause(clause: str, base: int) -> Deadline:
    """The deadline one clause states, or :data:`NONE`."""
    dated = _dated(clause, base)
    if dated is not None:
        return dated
    long_term = _LONG.search(clause)
    return Deadline(None, True, long_term.group()) if long_term else NONE


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.findall(text) if c.strip()]


def parse_deadline(text: str, base: int) -> Deadline:
    """The deadline of a whole text: the latest date any clause names, else 长期, else none."""
    found = [parse_clause(c, base) for c in clauses(text)]
    dated = [d for d in found if d.due is not None]
    if dated:
        return max(dated, key=lambda d: d.due or date.min)
    return next((d for d in found if d.long_term), NONE)
