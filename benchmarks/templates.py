"""Deterministic batches of materials written by groups of colleagues from a shared template.

Every group has its own template, generated here from a phrase grammar with many slots (our own
wording, no sample text), so that two groups share no more than the genre's short stock phrases.
Each member starts from the group's template and edits it the way colleagues do: their own
title line, a few items rewritten in their own words, figures changed, an item dropped.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from materials import cn

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "建国华明军平伟强磊洋勇艳杰涛超秀英霞敏静丽刚桂芳玉兰志红文斌宇浩凯鹏飞波辉"
PLACE = "青石白马龙泉高山清溪黄坪云台桃园柳林金川松岭河湾杏花竹园梨树凤鸣双江鹿角"
UNITS = ("农业农村局", "自然资源局", "交通运输局", "水利局", "商务局", "文化广电旅游局", "卫生健康局",
         "住房和城乡建设局", "生态环境局", "市场监督管理局", "医疗保障局", "统计局", "林业局",
         "教育局", "民政局", "司法局", "财政局", "审计局", "应急管理局", "退役军人事务局")
POSTS = ("局长", "党组书记、局长", "副局长", "党组成员、副局长", "总工程师", "四级调研员")
TOPICS = ("高标准农田建设", "营商环境优化", "基层党组织标准化建设", "安全生产专项整治", "乡村振兴衔接项目",
          "招商引资项目跟踪", "信访积案化解", "民生实事项目", "专项资金绩效管理", "年轻干部培养",
          "河道采砂监管", "城乡供水一体化", "农村公路养护", "汛期值班值守", "政务服务窗口改革",
          "耕地占补平衡", "校园食品安全", "医保基金监管", "义务教育均衡发展", "老旧小区改造",
          "森林防火巡查", "农产品质量追溯", "统计数据质量核查", "审计整改跟踪", "执法案卷评查",
          "人居环境整治", "养老服务站点运营", "退役军人就业帮扶", "村级集体经济发展", "重点项目前期工作")
ASPECTS = ("在加强政治建设方面", "在履职尽责、担当作为方面", "在践行以人民为中心的发展思想方面",
           "在落实全面从严治党责任方面", "在落实中央八项规定精神、纠治“四风”方面", "在理论学习方面",
           "在攻坚克难、推动发展方面")
JUDGE = ("{t}推进的节奏时快时慢", "对{t}的研究停留在听汇报", "抓{t}的办法不多、{k}不够",
         "{t}的底数掌握得不够细", "督促{t}落地的手段偏软", "对{t}中的苗头问题警觉不够",
         "统筹{t}与{u}的能力有短板", "对{t}的群众诉求回应偏慢")
FACT = ("{y}年{m}月{p}的{t}计划{a}项、完成{b}项", "{p}我去年调研{t}只有{a}次，每次不到{b}小时",
        "{p}反映的{t}问题拖了{a}个月才答复", "{t}台账有{a}条与{p}报送的不一致，我没有{k}",
        "第{c}季度{t}考评我们排在第{b}位", "{p}的{t}资金{a}万元滞留{b}个月",
        "{p}的{t}我带队检查{b}次，发现问题{a}个，{k}的只有{b}个")
KNOW = ("逐条核对", "跟踪到底", "当场纠正", "及时过问", "督促整改", "认真核实", "亲自盯办", "回头复查")
CAUSE = ("对{t}的政治意义认识不深，是{q}的根子", "宗旨意识在{t}上有所淡化，{q}由此而来",
         "把{t}当作一般业务，{k}的标准不高", "对{t}的规律{k}不够，{q}随之出现")
MEASURE = ("{y}年{m}月底前制定{t}清单{a}项，明确{k}时限", "每季度到{p}蹲点调研{t}不少于{a}天",
           "建立{t}销号台账，{m}月底前完成{a}个问题{k}", "对{t}的{a}个重点事项实行周调度，每月{k}{b}次")
CAUSE_HEADS = ("理想信念方面", "宗旨意识方面", "纪律规矩方面", "担当作为方面", "能力本领方面")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def _place(rng: random.Random) -> str:
    return "".join(rng.sample(PLACE, 2)) + rng.choice(("镇", "乡", "村", "社区"))


def _fill(rng: random.Random, pattern: str, topic: str) -> str:
    return pattern.format(t=topic, p=_place(rng), y=rng.choice((2024, 2025)), m=rng.randint(1, 12),
                          a=rng.randint(2, 60), b=rng.randint(1, 30), c=rng.randint(1, 4),
                          q=rng.choice(("上述问题", "这些问题", "以上不足", "这些短板")),
                          k=rng.choice(KNOW), u=rng.choice(TOPICS))


def _item(rng: random.Random) -> str:
    """A problem: a judgement and two or three facts, each about its own topic."""
    facts = [_fill(rng, rng.choice(FACT), rng.choice(TOPICS)) for _ in range(rng.randint(2, 3))]
    joined = "".join(f + rng.choice(("；", "，", "。")) for f in facts[:-1]) + facts[-1]
    return _fill(rng, rng.choice(JUDGE), rng.choice(TOPICS)) + "。" + joined + "。"


def _cause(rng: random.Random) -> str:
    return "".join(_fill(rng, rng.choice(CAUSE), rng.choice(TOPICS)) + "。" for _ in range(rng.randint(2, 3)))


def _measure(rng: random.Random) -> str:
    return "".join(_fill(rng, rng.choice(MEASURE), rng.choice(TOPICS)) + "。"
                   for _ in range(rng.randint(2, 3)))


@dataclass
class Template:
    """A group's shared text: preamble, aspects with their items, causes, measures."""

    unit: str
    preamble: str
    aspects: list[tuple[str, list[str]]]
    causes: list[str]
    measures: list[str]


def template(rng: random.Random) -> Template:
    unit = rng.choice(UNITS)
    preamble = (f"按照{_place(rng)}党委通知要求，我围绕{rng.choice(TOPICS)}和{rng.choice(TOPICS)}"
                f"学习{rng.randint(3, 9)}次，与{_place(rng)}等{rng.randint(4, 12)}个单位的同志谈心，"
                f"征求到意见{rng.randint(5, 30)}条。现对照{rng.choice(KNOW)}如下。")
    aspects = [(heading, [_item(rng) for _ in range(rng.randint(5, 7))])
               for heading in rng.sample(ASPECTS, 5)]
    return Template(unit, preamble, aspects, [_cause(rng) for _ in range(4)],
                    [_measure(rng) for _ in range(5)])


def _figures(rng: random.Random, text: str) -> str:
    """The same sentence with one figure changed (a colleague's own numbers)."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if not digits:
        return text
    i = rng.choice(digits)
    return text[:i] + str((int(text[i]) + rng.randint(1, 8)) % 10) + text[i + 1:]


def _edited(rng: random.Random, text: str, own: str) -> str | None:
    """A member's version of one paragraph: kept, figures changed, rewritten, or dropped."""
    roll = rng.random()
    if roll < 0.10:
        return own
    if roll < 0.35:
        return _figures(rng, text)
    return None if roll < 0.38 else text


def member(rng: random.Random, shared: Template) -> str:
    """One colleague's material from the group's template."""
    title = f"青川县{shared.unit}{rng.choice(POSTS)}{_name(rng)}2025年度民主生活会个人对照检查材料"
    lines = [title, "", _edited(rng, shared.preamble, shared.preamble) or shared.preamble, "",
             "一、存在的问题", ""]
    for n, (heading, items) in enumerate(shared.aspects, 1):
        kept = [t for t in (_edited(rng, item, _item(rng)) for item in items) if t]
        lines += [f"（{cn(n)}）{heading}", *(f"{cn(i)}是{t}" for i, t in enumerate(kept, 1)), ""]
    lines += ["二、原因分析", ""]
    for i, (head, cause) in enumerate(zip(CAUSE_HEADS, shared.causes, strict=False), 1):
        lines.append(f"（{cn(i)}）{head}：{_edited(rng, cause, _cause(rng)) or cause}")
    lines += ["", "三、整改措施", ""]
    for i, measure in enumerate(shared.measures, 1):
        lines.append(f"（{cn(i)}）{_edited(rng, measure, _measure(rng)) or measure}")
    return "\n".join([*lines, "", "以上是我的个人对照检查，不妥之处，恳请同志们批评指正。", ""])


def sizes(count: int, rng: random.Random, low: int = 20, high: int = 60) -> list[int]:
    """Group sizes in ``low``–``high`` adding up to ``count`` (smaller groups when count is small)."""
    out: list[int] = []
    while sum(out) < count:
        left = count - sum(out)
        size = left if left <= high else min(rng.randint(low, high), left - min(low, left - high))
        out.append(max(1, size))
    return out


def batch(count: int, seed: int = 0, low: int = 20, high: int = 60) -> list[tuple[int, str]]:
    """``count`` materials as (group number, text), in an order that mixes the groups."""
    rng = random.Random(seed)
    out = [(g, member(rng, shared)) for g, size in enumerate(sizes(count, rng, low, high))
           for shared in [template(rng)] for _ in range(size)]
    rng.shuffle(out)
    return out
