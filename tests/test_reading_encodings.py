"""Encodings of plain text: each one a Chinese material is saved in, told apart without a BOM.

The bytes are built here from our own sample text; Big5 from its traditional form (OpenCC).
"""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.notice import load_aspects
from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.reading.txt import decode
from duizhao.review import review_file

TEXT = ("一、存在的问题\n（一）在政治建设方面\n一是学习不够系统，全年只参加了 6 次集中学习，"
        "对党的创新理论刨析不深，理论联系实际不紧密。\n二是调查研究不够深入，下基层的次数偏少。\n")
TRADITIONAL = opencc.OpenCC("s2t").convert(TEXT)
ASPECTS = "在政治建设方面\n在担当尽责方面\n在作风建设方面\n"
BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}


def noise(seed: int, n: int = 4000, low: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(n))


def write(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", list(BOMS))
@pytest.mark.parametrize("bom", [True, False], ids=["bom", "nobom"])
def test_unicode_with_and_without_bom(tmp_path: Path, encoding: str, bom: bool) -> None:
    data = (BOMS[encoding] if bom else b"") + TEXT.encode(encoding)
    extracted = read_text_of(write(tmp_path, data))
    assert extracted.text == TEXT
    assert encoding == "utf-8" or any(encoding.upper() in n for n in extracted.notes)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_gb_family(tmp_path: Path, encoding: str) -> None:
    extracted = read_text_of(write(tmp_path, TEXT.encode(encoding)))
    assert extracted.text == TEXT
    assert any("GB18030" in n for n in extracted.notes)


def test_big5_is_not_read_as_gb18030(tmp_path: Path) -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes are valid GB18030 too
    extracted = read_text_of(write(tmp_path, data))
    assert extracted.text == TRADITIONAL
    assert any("按 Big5 编码读取" in n for n in extracted.notes)


def test_big5_material_is_checked_like_simplified(tmp_path: Path) -> None:
    ctx = ReviewContext(settings=Settings())
    simplified = review_file(write(tmp_path, TEXT.encode(), "s.txt"), ctx)
    traditional = review_file(write(tmp_path, TRADITIONAL.encode("big5"), "t.txt"), ctx)
    assert traditional.error is None and traditional.document is not None
    assert any("Big5" in n for n in traditional.document.notes)
    assert "misspelling" in {f.check for f in simplified.findings}
    assert {f.check for f in traditional.findings} == {f.check for f in simplified.findings}
    assert traditional.grade == simplified.grade


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "gbk", "big5"])
def test_aspects_list_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    text = opencc.OpenCC("s2t").convert(ASPECTS) if encoding == "big5" else ASPECTS
    path = write(tmp_path, text.encode(encoding), "aspects.list")
    assert len(load_aspects(path, from_notice=False)) == 3


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"PK\x03\x04" + noise(1),
    noise(2),
    noise(3, low=1),  # no NUL byte
    noise(4, low=0x80),  # high bytes only
], ids=["png", "zip", "random", "random-without-nul", "random-high"])
def test_binary_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(UnreadableDocument, match="不是文本文件"):
        read_text_of(write(tmp_path, data))


def test_a_binary_text_file_is_an_error_for_that_file_only(tmp_path: Path) -> None:
    item = review_file(write(tmp_path, noise(5, 999)),
                       ReviewContext(settings=Settings()))
    assert item.error and "不是文本文件" in item.error


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "gb18030", "big5"])
def test_long_text_detected_from_its_start(tmp_path: Path, encoding: str) -> None:
    text = (TRADITIONAL if encoding == "big5" else TEXT) * 2000  # past the detector's sample
    assert decode(text.encode(encoding)) == (text, encoding)


def test_damaged_utf8_is_read_as_utf8_not_as_gb18030_mojibake(tmp_path: Path) -> None:
    data = TEXT.encode()
    cut = data[:len(data) - 2]  # cut off inside the last character
    flipped = data[:30] + b"\xff" + data[31:]
    for damaged in (cut, flipped):
        extracted = read_text_of(write(tmp_path, damaged))
        assert 1 <= extracted.text.count("\ufffd") <= 3 and "刨析" in extracted.text
        assert any("无法识别" in n for n in extracted.notes)


def test_mostly_ascii_gbk_stays_gbk(tmp_path: Path) -> None:
    text = "Report 2025, version 3, page 12 of 40, file name draft-final.txt: 问题\n" * 3
    assert decode(text.encode("gbk")) == (text, "gb18030")
