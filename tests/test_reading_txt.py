"""The plain-text reader: encodings, line ends, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.reading import txt as reader

TEXT = "一、存在的问题\n（一）在政治建设方面\n一是学习不够系统，全年只参加了 6 次集中学习。\n"


def write(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "note"), [
    (TEXT.encode("utf-8"), None),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8"),
    (TEXT.encode("gbk"), "GB18030"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "UTF-16-LE"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF-16-BE"),
])
def test_encodings(tmp_path: Path, data: bytes, note: str | None) -> None:
    extracted = read_text_of(write(tmp_path, data))
    assert extracted.text == TEXT
    assert not note or any(note in n for n in extracted.notes) or note == "UTF-8"


def test_gb18030_characters_outside_gbk(tmp_path: Path) -> None:
    text = "㐀䶵字与𠀀字都要读出。"
    assert read_text_of(write(tmp_path, text.encode("gb18030"))).text == text


def test_crlf_and_old_mac_line_ends(tmp_path: Path) -> None:
    data = "第一行\r\n第二行\r第三行\n".encode()
    assert read_text_of(write(tmp_path, data)).text == "第一行\n第二行\n第三行\n"


def test_control_characters_removed(tmp_path: Path) -> None:
    assert read_text_of(write(tmp_path, "学\u200b习\x07。".encode())).text == "学习。"


def test_binary_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="不是文本文件"):
        read_text_of(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_undecodable_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="编码"):
        reader.decode(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then a lone surrogate


def test_empty_and_blank_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="为空"):
        read_text_of(write(tmp_path, b""))
    with pytest.raises(UnreadableDocument, match="没有可读取的文字"):
        read_text_of(write(tmp_path, " \n\u3000\n".encode()))


def test_markdown_and_other_suffixes(tmp_path: Path) -> None:
    assert read_text_of(write(tmp_path, TEXT.encode(), "a.md")).text == TEXT
    with pytest.raises(UnreadableDocument, match="不支持的文件类型"):
        read_text_of(write(tmp_path, TEXT.encode(), "a.rtf"))


def test_text_copied_from_a_pdf_is_unwrapped(tmp_path: Path) -> None:
    paragraph = "一是学习不够系统深入，对党的创新理论的学习还停留在读原文、记笔记的层面，理论联系实际不紧密，"
    paragraph *= 4
    wrapped = "\n".join(paragraph[i:i + 24] for i in range(0, len(paragraph), 24))
    data = f"一、存在的问题\n{wrapped}\n- 1 -\n二是作风不够扎实。\n".encode()
    extracted = read_text_of(write(tmp_path, data))
    assert extracted.text == f"一、存在的问题\n{paragraph}\n二是作风不够扎实。\n"
    assert any("硬换行" in n for n in extracted.notes) and any("页码" in n for n in extracted.notes)
