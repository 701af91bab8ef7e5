"""Line clean-up: hard wraps, page numbers, spaced-out lines."""

from __future__ import annotations

from duizhao.text.wraps import clean_lines, repair_wraps, strip_page_numbers, unspace_cjk, width

PARAGRAPH = ("一是理论学习不够系统深入，对党的创新理论的学习还停留在读原文、记笔记层面，"
             "2025年只参加了6次集中学习，运用理论指导实践、推动工作的能力还有差距，"
             "在学用结合、知行合一上下功夫不够，用以武装头脑、指导实践的自觉性还不够强。")


def wrap(text: str, chars: int = 22, indent: str = "") -> list[str]:
    """Lines of at most ``chars`` CJK characters' width, as a page breaks them."""
    lines, line = [], indent
    for c in text:
        if width(line + c) > 2 * chars:
            lines.append(line)
            line = ""
        line += c
    return [*lines, line]


def test_width_counts_wide_characters_twice() -> None:
    assert width("学习abc") == 7
    assert width("\u3000\u3000学习") == 4 + 4
    assert width("   ") == 0


def test_wrapped_paragraphs_are_joined() -> None:
    text = "\n".join(["一、存在的问题", *wrap(PARAGRAPH), *wrap("二" + PARAGRAPH[1:]), "二、原因分析"])
    repaired, joins = repair_wraps(text)
    assert repaired == "\n".join(["一、存在的问题", PARAGRAPH, "二" + PARAGRAPH[1:], "二、原因分析"])
    assert joins == 2 * (len(wrap(PARAGRAPH)) - 1)


def test_word_broken_at_the_line_end() -> None:
    text = "\n".join(wrap("我们要深入学习习近平新时代中国特色社会主义思想，" * 6, 23))
    repaired, _ = repair_wraps(text, min_lines=4)
    assert "\n" not in repaired and "习近平" in repaired


def test_indented_line_starts_a_paragraph() -> None:
    first = ("班子成员带头深入基层调查研究，掌握第一手资料，"
             "形成了一批有分量的调研报告和对策建议，推动解决了一批实际问题")
    second = ("在推动高质量发展方面，存在的差距主要表现在思路不宽、"
              "办法不多、成效不够明显，需要认真加以改进和提高水平")
    text = "\n".join([*wrap(first, 24, "\u3000\u3000"), *wrap(second, 24, "\u3000\u3000")])
    repaired, _ = repair_wraps(text, min_lines=4)
    assert repaired.split("\n") == ["\u3000\u3000" + first, "\u3000\u3000" + second]


def test_markers_and_sentence_ends_keep_their_breaks() -> None:
    lines = [*wrap(PARAGRAPH), "（二）在担当作为方面存在差距，主要是工作标准不够高、推进落实不够有力",
             "三是作风不够扎实。"]
    repaired, _ = repair_wraps("\n".join(lines), min_lines=4)
    assert repaired.split("\n")[1:] == lines[-2:]


def test_unwrapped_text_is_left_alone() -> None:
    lines = ["一、存在的问题", PARAGRAPH, "二是" + PARAGRAPH[2:40] + "。", "二、原因分析",
             PARAGRAPH[:60] + "。"]
    text = "\n".join(lines)
    assert repair_wraps(text) == (text, 0)


def test_short_lines_are_not_a_page_width() -> None:
    text = "\n".join(f"第{i}项工作推进情况良好" for i in range(20))
    assert repair_wraps(text) == (text, 0)


def test_ascii_words_keep_a_space() -> None:
    line = "学习贯彻党的创新理论，深入开展调查研究，推动各项工作落地见效，全面 Party"
    text = "\n".join([line, "member 意识不断增强"] * 1 + [line, "building 工作"] * 4)
    repaired, _ = repair_wraps(text, min_lines=4)
    assert "Party member" in repaired and "Party building" in repaired


def test_page_numbers_removed() -> None:
    text = "第一页末尾\n- 3 -\n— 12 —\n第 4 页 共 9 页\n第5页\n正文 - 3 - 里的不删\n"
    assert strip_page_numbers(text) == ("第一页末尾\n正文 - 3 - 里的不删\n", 4)


def test_spaced_lines_closed_up() -> None:
    text = "习 近 平 总 书 记 强 调\n正常 文字 不动\nA B C D E\n\u3000\u3000坚 持 问 题 导 向"
    assert unspace_cjk(text) == "习近平总书记强调\n正常 文字 不动\nA B C D E\n\u3000\u3000坚持问题导向"


def test_clean_lines() -> None:
    assert clean_lines("甲\r\n乙\r丙\x0c丁\u2028戊\x00己\ufeff") == "甲\n乙\n丙\n丁\n戊己"
