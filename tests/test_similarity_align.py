"""Exact alignment: shared passages survive masks, traditional characters, spacing and punctuation,
small edits and reordering, and their spans slice both original texts exactly."""

from __future__ import annotations

import re
from itertools import pairwise

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.similarity.align import MatchText, Passage, common_passages, coverage, covered_spans
from duizhao.text.normal import normalize

S1 = "我们要认真学习贯彻党的二十大精神，坚持以人民为中心的发展思想。"
S2 = "对照群众提出的意见建议，逐条列出整改清单，明确责任人和完成时限。"
S3 = "通过召开民主生活会开展批评和自我批评，推动班子成员红脸出汗、排毒治病。"
UNRELATED = "今年春季雨水偏多，县里组织农技人员下乡指导油菜田间管理，帮助农户抢收抢种。"
_LETTERS = re.compile(r"[^0-9A-Za-z\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def align(a: str, b: str, **options: int) -> list[Passage]:
    return common_passages(normalize(a), normalize(b), **options)


def letters(text: str) -> str:
    """The normalised CJK characters, letters and digits of a text: what alignment compares."""
    return _LETTERS.sub("", normalize(text).key)


def test_identical_paragraphs_give_one_passage_covering_all() -> None:
    text = S1 + S2 + S3
    [p] = align(text, text)
    end = len(text) - 1  # the closing 。 is no matched character
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, end, 0, end)
    assert p.chars == len(letters(text))


def test_disguised_copy_is_one_passage_sliced_exactly() -> None:
    original = "我们要认真学习贯彻党的二十大精神，开好专题民主生活会，坚持以人民为中心的发展思想"
    disguised = opencc.OpenCC("s2t").convert(original.replace("民主生活会", "mzshh"))
    disguised = disguised.replace("，", ", ").replace("二十大", "二十 大")
    before, after = "前言部分。", "。以上为本人材料。"
    [p] = align(original, before + disguised + after)
    assert original[p.a_start:p.a_end] == original
    assert (before + disguised + after)[p.b_start:p.b_end] == disguised
    assert p.chars == len(letters(original))


def test_dangshi_mask_and_changed_punctuation_still_match() -> None:
    original = "深入开展党史学习教育，做到学史明理、学史增信、学史崇德、学史力行"
    copy = "深入开展dangshi学习教育;做到学史明理,学史增信,学史崇德,学史力行"
    [p] = align(original, copy)
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, len(original), 0, len(copy))


@pytest.mark.parametrize(("copy", "unmatched"), [
    ((S1 + S2).replace("逐条列出", "列出逐条"), 4),  # two words swapped
    ((S1 + S2).replace("坚持以人民", "始终坚持以人民"), 0),  # a word inserted
    ((S1 + S2).replace("发展思想", "工作思想"), 2),  # a word replaced
    ((S1 + S2).replace("意见建议，", "意见建议，认真"), 0),  # a word inserted after a comma
])
def test_a_few_words_changed_give_one_merged_span(copy: str, unmatched: int) -> None:
    [p] = align(S1 + S2, copy)
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, len(S1 + S2) - 1, 0, len(copy) - 1)
    assert p.chars == len(letters(S1 + S2)) - unmatched


def test_reordered_sentences_give_one_passage_per_block() -> None:
    a, b = S1 + S2 + S3, S3 + S1 + S2
    passages = align(a, b)
    assert [(a[p.a_start:p.a_end], b[p.b_start:p.b_end]) for p in passages] == [
        (S1 + S2[:-1], S1 + S2[:-1]), (S3[:-1], S3[:-1])]


def test_shared_text_shorter_than_min_chars_is_ignored() -> None:
    shared = "坚持以人民为中心的发展思"  # 12 characters
    a, b = "一是" + shared + "还不够牢。", "去年" + shared + "有所淡化。"
    assert align(a, b) == []
    assert len(align(a, b, min_chars=12, max_gap=4)) == 1


def test_unrelated_texts_share_nothing() -> None:
    assert align(S1 + S2, UNRELATED) == []
    assert align("", S1) == align(S1, "") == []


def test_repeated_phrases_give_no_duplicate_or_overlapping_passages() -> None:
    phrase = "学习贯彻习近平新时代中国特色社会主义思想"
    a = f"一是{phrase}不够系统。二是{phrase}不够深入。"
    b = f"要求{phrase}。{phrase}。再次{phrase}。"
    passages = align(a, b)
    assert len(passages) == 2
    for side in ("a", "b"):
        spans = sorted((p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end) for p in passages)
        assert all(x[1] <= y[0] for x, y in pairwise(spans))
    assert {a[p.a_start:p.a_end] for p in passages} == {b[p.b_start:p.b_end] for p in passages} == {phrase}


def test_passages_meeting_inside_one_mask_do_not_overlap() -> None:
    before, after = "我们对照群众提出的意见建议逐条列出整改清单", "要推动班子成员红脸出汗排毒治病"
    a = f"生活会{after}。{before}民主"
    b = f"{before}mzshh{after}"
    first, second = sorted(align(a, b), key=lambda p: p.b_start)
    assert b[first.b_start:first.b_end] == before + "mzshh"
    assert b[second.b_start:second.b_end] == after  # the shared mask went to the earlier passage
    assert a[second.a_start:second.a_end] == "生活会" + after


def test_coverage_counts_the_union_once() -> None:
    passages = [Passage(0, 10, 0, 10, 10), Passage(5, 20, 30, 45, 15), Passage(30, 40, 50, 60, 10)]
    assert covered_spans(passages, "a") == [(0, 20), (30, 40)]
    assert coverage(passages, "a", 35) == 25
    assert coverage(passages, "b", 100) == 35


def test_a_prepared_side_gives_the_same_passages() -> None:
    a, b = S1 + S2 + S3, S3 + UNRELATED + S1
    prepared = MatchText(normalize(a))
    assert common_passages(prepared, normalize(b)) == align(a, b)
    assert common_passages(prepared, normalize(b)) == align(a, b)


def test_gap_must_stay_below_min_chars() -> None:
    with pytest.raises(ValueError, match="参数无效"):
        align(S1, S1, min_chars=5, max_gap=5)


PLAIN = ["学习", "贯彻", "党的", "二十大", "精神", "坚持", "人民", "中心", "发展", "思想",
         "黨", "國", "，", "。", " ", "\n", "a", "1"]
WORDS = st.sampled_from([*PLAIN, "mzshh", "dangshi"])
CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
TEXT = st.lists(st.one_of(WORDS, CHARS), max_size=120).map("".join)
PLAIN_TEXT = st.lists(st.one_of(st.sampled_from(PLAIN), CHARS), max_size=120).map("".join)
EDITS = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3), st.one_of(WORDS, CHARS)), max_size=6)


def _edit(text: str, edits: list[tuple[int, int, str]]) -> str:
    for at, cut, insert in edits:
        k = at % (len(text) + 1)
        text = text[:k] + insert + text[k + cut:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT, EDITS, st.integers(2, 15))
def test_passages_stay_in_bounds_and_never_overlap(a: str, extra: str, edits: list[tuple[int, int, str]],
                                                   min_chars: int) -> None:
    b = _edit(extra + a, edits)
    passages = common_passages(normalize(a), normalize(b), min_chars, min(4, min_chars - 1))
    for p in passages:
        assert 0 <= p.a_start < p.a_end <= len(a) and 0 <= p.b_start < p.b_end <= len(b)
        assert p.chars >= min_chars
    for side, length in (("a", len(a)), ("b", len(b))):
        spans = sorted((p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end) for p in passages)
        assert all(x[1] <= y[0] for x, y in pairwise(spans))
        assert coverage(passages, "a" if side == "a" else "b", length) == sum(e - s for s, e in spans)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PLAIN_TEXT, TEXT, TEXT, st.integers(2, 15))
def test_a_whole_copy_is_found(a: str, before: str, after: str, min_chars: int) -> None:
    b = f"{before}。{a}。{after}"
    passages = common_passages(normalize(a), normalize(b), min_chars, 0)
    if len(letters(a)) >= min_chars:
        assert max(p.chars for p in passages) == len(letters(a))
    for p in passages:  # with no gap allowed, both sides of a passage read the same
        assert letters(a[p.a_start:p.a_end]) == letters(b[p.b_start:p.b_end])


def test_join_nearby_bridges_a_reworded_phrase():
    from duizhao.similarity.align import join_nearby

    source = ("一是研读党史文献不深，学习有关党史资料不深不透，对党史的主要脉络、重大事件、重要会议和重要人物"
              "学习了解还不够深入，学以致用不够")
    mine = source.replace("不深不透", "不够深入").replace("主要脉络", "发展脉络")
    passages = common_passages(normalize(mine), normalize(source))
    assert len(passages) == 2
    [joined] = join_nearby(passages)
    assert (joined.a_start, joined.a_end) == (passages[0].a_start, passages[1].a_end)
    assert joined.chars == passages[0].chars + passages[1].chars
    assert join_nearby(passages, max_gap=0) == passages
