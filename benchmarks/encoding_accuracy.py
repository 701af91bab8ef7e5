"""How often the plain-text decoder picks the right encoding, by encoding and piece length.

The bundled sample materials (and the seeds, when present) are cut into pieces of 8 to 1,000
characters; each piece is encoded (Big5 from its traditional form) and decoded without a BOM.

    .venv/bin/python benchmarks/encoding_accuracy.py
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import opencc

from duizhao.reading import UnreadableDocument
from duizhao.reading.txt import decode

ENCODINGS = ("gb18030", "gbk", "big5", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
LENGTHS = (8, 20, 50, 200, 1000)


def texts() -> list[str]:
    samples = resources.files("duizhao") / "samples"
    found = [p.read_text(encoding="utf-8") for p in samples.iterdir() if p.name.endswith(".txt")]
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    return found + [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]


def main() -> None:
    s2t = opencc.OpenCC("s2t")
    tally: Counter[tuple[str, int, bool]] = Counter()
    for text in texts():
        for n in LENGTHS:
            for i in range(0, min(len(text), 6000), max(n, 300)):
                piece = text[i:i + n]
                for encoding in ENCODINGS if piece.strip() else ():
                    source = s2t.convert(piece) if encoding == "big5" else piece
                    try:
                        data = source.encode(encoding)
                    except UnicodeEncodeError:
                        continue
                    try:
                        right = decode(data)[0] == source
                    except UnreadableDocument:
                        right = False
                    tally[(encoding, n, right)] += 1
    print(f"{'encoding':10} " + " ".join(f"{n:>9}" for n in LENGTHS))
    for encoding in ENCODINGS:
        cells = [f"{tally[(encoding, n, True)]}/{tally[(encoding, n, True)] + tally[(encoding, n, False)]}"
                 for n in LENGTHS]
        print(f"{encoding:10} " + " ".join(f"{c:>9}" for c in cells))


if __name__ == "__main__":
    main()
