import re

from duizhao.text.masks import find_masks, pinyin_masks
from duizhao.text.normal import normalize


def test_key_folds_width_traditional_masks_and_spaces():
    text = "我參加了專題mzshh，２０２５ 年, 全面从严治_ 。"
    n = normalize(text)
    assert n.key == "我参加了专题民主生活会，2025年，全面从严治党。"


def test_spans_map_back_to_original_characters():
    text = "开好dangshi学习教育专题mzshh。"
    n = normalize(text)
    for word, raw in (("党史", "dangshi"), ("民主生活会", "mzshh")):
        i = n.key.index(word)
        start, end = n.span(i, i + len(word))
        assert text[start:end] == raw


def test_finditer_limits_to_a_text_span():
    text = "一段：两个维护。二段：两个维护。"
    n = normalize(text)
    spans = [(s, e) for _, s, e in n.finditer(re.compile("两个维护"), 8)]
    assert [text[s:e] for s, e in spans] == ["两个维护"]
    assert spans[0][0] > 8


def test_pinyin_masks_are_generated_not_listed():
    masks = pinyin_masks()
    assert masks["mzshh"] == "民主生活会"
    assert masks["dangshi"] == "党史"
    assert masks["sgys"] == "四个意识"


def test_party_masks_need_context():
    words = [(m.word, "x"[:0]) for m in find_masks("加强D员教育，落实治X责任")]
    assert len(words) == 2
    assert find_masks("来X考察，县道X212，X光检查") == []
