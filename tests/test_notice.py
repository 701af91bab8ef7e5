from duizhao.notice import aspects_from_list, aspects_from_notice

NOTICE = """关于召开2025年度县处级领导班子民主生活会的通知
各单位：
经研究，现就开好民主生活会有关事项通知如下。
一、主要内容
围绕主题，重点从以下五个方面进行对照检查：（一）在加强政治建设方面；（二）在履职尽责、担当作为方面；
（三）在践行以人民为中心的发展思想方面；（四）在落实全面从严治党责任方面；（五）在纠治“四风”方面。
二、有关要求
1. 会前广泛征求意见。
2. 认真开展谈心谈话。
"""


def test_notice_aspects_prefer_the_aspect_run():
    assert aspects_from_notice(NOTICE) == (
        "在加强政治建设方面", "在履职尽责、担当作为方面", "在践行以人民为中心的发展思想方面",
        "在落实全面从严治党责任方面", "在纠治“四风”方面")


def test_list_file_drops_numbering_and_blank_lines():
    assert aspects_from_list("1. 政治建设\n\n（二）担当作为\n# 注释\n纠治四风\n") == (
        "政治建设", "担当作为", "纠治四风")


def test_notice_without_enumeration_gives_nothing():
    assert aspects_from_notice("请各单位认真准备。") == ()
