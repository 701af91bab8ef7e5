"""unit-mismatch: the body speaks as a different kind of unit than the title's.

The title's unit (投资促进局) puts the writer in a family — agency (局/委/办/厅/部/中心),
street or township (街道/工委/乡/镇/社区), school, enterprise, hospital. The body
contradicts it when it names another family as its own: “我校”“本公司”, the team of a
street (“工委班子”), a street's own business (“街道发展的”“街道各项工作”), or 街道 as the
subject of a clause (“街道切实开展…”). Mere mentions — a bureau head visiting a community
(到社区走访) — are fine. Nothing is reported when the title's unit is unknown or is a
regional committee or government (市委, 县政府).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from duizhao.checks._terms import clause_start
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document

_FAMILY_OF_UNIT = (
    ("street", re.compile(r"街道|镇.{0,8}(?:中心|站|所)$|[乡镇](?:党委|人民政府|政府)$"
                          r"|(?:党工委|工委|镇|乡|社区|居委会|村委会|居民委员会|村民委员会)$")),
    ("school", re.compile(r"(?:学校|中学|小学|大学|学院|校)$")),
    ("enterprise", re.compile(r"(?:公司|集团|企业|厂)$")),
    ("hospital", re.compile(r"(?:医院|卫生院)$")),
    ("agency", re.compile(r"(?<![省市县区州旗党镇乡])(?:局|委员会|委|办公室|办|厅|署|部|中心)$")),
)
_NAMES = {"street": "街道（乡镇）", "school": "学校", "enterprise": "企业", "hospital": "医院",
          "agency": "机关部门"}
# “我校”“本局”: the word after 我/本 names the family.
_PRONOUN = re.compile(r"[我本](街道|镇(?!定|静|压)|乡(?!村|镇)|社区|校(?!对|准|验|正|园)|院(?!子|落)"
                      r"|公司|集团|[局厅](?!限|面|势))")
_PRONOUN_FAMILY = {"街道": "street", "镇": "street", "乡": "street", "社区": "street", "校": "school",
                   "院": "hospital", "公司": "enterprise", "集团": "enterprise",
                   "局": "agency", "厅": "agency"}
# What only a street says of itself; group “act” counts only at the start of a clause.
# 机关工委 and a district's 党工委 (开发区, 园区) may well be above a bureau: not a street's.
# Every alternative starts with a literal, so the regex engine scans for 社/党/工/街 quickly.
_COMMITTEE = r"(?<!机关工委)(?<!直属工委)(?<!区工委)(?<!区党工委)(?:班子|(?:交办|部署|安排)(?=的))"
_STREET = re.compile(rf"社区两委|党工委{_COMMITTEE}|工委{_COMMITTEE}"
                     r"|街道(?:发展(?=的)|各项工作|党工委班子|班子"
                     r"|(?P<act>切实|积极|始终|认真|扎实|能够|坚持|全面|着力|还|仍|存在))")
_OBJECT_BEFORE = ("对", "向", "与", "和", "同", "到", "去", "为", "帮助", "支持", "指导", "服务", "助力",
                  "协助", "推动", "促进", "联系", "协调", "配合", "深入", "走访", "调研")


def family(unit: str) -> str | None:
    for name, pattern in _FAMILY_OF_UNIT:
        if pattern.search(unit):
            return name
    return None


def _own_words(key: str, start: int, unit: str, mine: str) -> Iterator[tuple[int, int, str]]:
    """Key spans where the body speaks as a unit of another family, with that family."""
    for m in _PRONOUN.finditer(key, start):
        other = _PRONOUN_FAMILY[m.group(1)]
        if other != mine and not unit.endswith(m.group(1)):  # 我院 in a 学院's material
            yield m.start(), m.end(), other
    if mine == "street":
        return
    for m in _STREET.finditer(key, start):
        at = m.start()
        if not key[max(0, at - 2):at].endswith(_OBJECT_BEFORE) and (
                m.group("act") is None or clause_start(key, at)):
            yield at, m.end(), "street"


@register("unit-mismatch", "error", "单位或职务与正文不符")
def foreign_unit(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    mine = family(doc.title.unit) if doc.title.unit else None
    if mine is None:
        return
    words = _own_words(doc.key.key, doc.key.offset(doc.title.end), doc.title.unit, mine)
    for ks, ke, other in sorted(words):
        s, e = doc.key.span(ks, ke)
        yield Hit(s, e, f"本材料的单位是“{doc.title.unit}”，正文却写“{doc.text[s:e]}”，"
                        f"这是{_NAMES[other]}材料的说法",
                  "疑似套用了其他单位的材料：把正文中的单位、班子和工作对象改为本单位的实际情况。")
