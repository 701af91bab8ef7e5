"""``duizhao ledger``: draft the rectification ledger from materials (a thin shell over
:mod:`duizhao.ledger`)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from duizhao.cli_paths import INPUT, INPUT_FILE, OUTPUT_FILE, chosen_aspects
from duizhao.cli_paths import materials as collected
from duizhao.config import ConfigError, load_settings
from duizhao.ledger import FORMATS, DraftOptions, draft_paths, render
from duizhao.names import said

EXIT_HELP = ("退出码：0 全部材料已起草；1 有材料无法读取或找不到“存在的问题”（其余材料照常起草）；"
             "2 用法或配置有误。")
DRAFT_HELP = """从 MATERIALS（文件或文件夹）起草整改台账：每条问题一行，多份材料合成一张表（“材料”列注明
出处），其余各列（进展、完成情况、佐证材料、复核人、销号）留给整改时填写。

对应方法：问题取“存在的问题”部分的每一条（一是……、1、……；没有条目的方面算一条），
措施取“整改措施”部分的每一条。两部分都按方面分组时先把方面配对（顺序对得上就按顺序，否则按内容），
方面内一条措施对应全部问题，条数相同按顺序，否则按内容；否则按内容：比较两边共有的实词（去掉
“进一步加强”“存在……不够”等套话后的双字词和数字，按本材料中出现的稀有程度加权），取最接近的措施；
措施写明“针对……问题”的，以所写为准。每行的“匹配依据/置信度”列写明依据和置信度（高 ≥0.8，中 ≥0.6，
低）；没有措施的问题、没有对应问题的措施单独成行并注明，不会丢掉。

完成时限取自对应的措施：“2026年3月底前”→2026-03-31，“一季度”→3月31日，“上半年”→6月30日，
“年内/年底前”→12月31日，“长期坚持/常态化/持续”→长期。没写年份的，按标题年度的下一年算
（2025年度民主生活会一般在年底召开，“一季度”即 2026-03-31）。详见 docs/ledger.md。"""


@click.group()
def ledger() -> None:
    """整改台账：从对照检查材料起草整改台账（问题、措施、责任人、时限），供会后逐项整改销号。"""


@ledger.command(epilog=EXIT_HELP, help=DRAFT_HELP)
@click.argument("materials", nargs=-1, required=True, type=INPUT)
@click.option("--notice", type=INPUT_FILE,
              help="会议通知：“方面”一列改用通知中与问题对应的方面。")
@click.option("--aspects", type=INPUT_FILE,
              help="方面清单文件（每行一个方面），作用同 --notice。")
@click.option("--owner", help="责任领导/责任人；不指定时按标题取单位和职务（班子材料为“××领导班子”）。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True,
              help="台账格式。xlsx 未指定 -o 时写入 整改台账.xlsx；json/text 输出到标准输出。")
@click.option("--output", "-o", type=OUTPUT_FILE, help="写入的文件。")
@click.option("--config", type=INPUT_FILE,
              help="配置文件（默认读取当前目录的 duizhao.toml；用其中的 min_aspect_overlap）。")
def draft(materials: tuple[Path, ...], notice: Path | None, aspects: Path | None, owner: str | None,
          fmt: str, output: Path | None, config: Path | None) -> None:
    options = _options(notice, aspects, owner, config)
    found = collected(materials, "没有找到可读取的材料（支持 .docx .doc .wps .pdf .txt .md .html）")
    files = found.files
    result = draft_paths(files, options)
    for material in result.failed:
        click.echo(f"未能起草 {said(material.path)}：{material.error}", err=True)
    if not result.rows:
        click.echo("没有起草出任何一行，未写入台账。", err=True)
        sys.exit(1)
    data = render(result, fmt)
    if output is None and fmt == "xlsx":
        output = Path("整改台账.xlsx")
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        output.write_bytes(data)
        click.echo(f"台账已写入 {said(output.resolve())}（{len(result.rows)} 行）", err=True)
    sys.exit(1 if result.failed or found.skipped else 0)


def _options(notice: Path | None, aspects: Path | None, owner: str | None,
             config: Path | None) -> DraftOptions:
    try:
        settings = load_settings(config)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    found = chosen_aspects(aspects, notice, settings.limits)
    return DraftOptions(today=date.today(), aspects=found, owner=owner.strip() if owner else None,
                        min_aspect_overlap=settings.thresholds.min_aspect_overlap, limits=settings.limits)
