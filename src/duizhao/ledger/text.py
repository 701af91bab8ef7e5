"""The ledger for a terminal: one block per row, the filled-in columns only."""

from __future__ import annotations

import textwrap

from duizhao.ledger.draft import Ledger
from duizhao.ledger.rows import LedgerRow
from duizhao.names import printable

WIDTH = 38  # Chinese characters per line (each takes two terminal columns)


def _field(label: str, value: str) -> list[str]:
    lines = []
    for paragraph in value.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, WIDTH) or [""]
    pad = " " * (len(label) * 2 + 4)
    return [f"  {label}：{lines[0]}", *(pad + line for line in lines[1:])]


def _row(row: LedgerRow) -> list[str]:
    head = f"{row.index}. 【{row.aspect or '未分方面'}】 责任人：{row.owner or '（待填）'}" \
           f"  时限：{row.deadline or '（待定）'}  状态：{row.status}"
    lines = [head, *_field("问题", row.problem), *_field("措施", row.measures or "（无）")]
    if row.goal:
        lines += _field("目标", row.goal)
    lines += _field("依据", row.basis)
    if row.material:
        lines.append(f"  材料：{row.material}")
    return lines


def render_text(ledger: Ledger) -> bytes:
    out = [ledger.title, "=" * 40]
    for row in ledger.rows:
        out += [*_row(row), ""]
    for m in ledger.failed:
        out.append(f"未能起草：{m.path}：{m.error}")
    drafted = [m for m in ledger.materials if not m.error]
    out.append(f"共 {len(ledger.rows)} 行，来自 {len(drafted)} 份材料"
               + (f"，{len(ledger.failed)} 份未能起草" if ledger.failed else "") + "。")
    return ("\n".join(map(printable, out)) + "\n").encode("utf-8")  # names and text may hold escapes
