"""The ``duizhao`` command: the core's commands plus ``serve``, ``demo-data`` and ``admin``.

Django is imported only inside the web commands, so ``duizhao review`` starts as fast as before.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from duizhao.cli import main

DATA_HELP = "数据目录（数据库、上传的文件、密钥）；默认为环境变量 DUIZHAO_DATA 或当前目录下的 duizhao-data"


def _setup(data: Path | None) -> None:
    """Point Django at the data directory, then set it up and bring the database up to date."""
    if data is not None:
        os.environ["DUIZHAO_DATA"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duizhao_web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _database_error(exc: Exception) -> click.ClickException:
    return click.ClickException(f"无法打开数据库：{exc}。请检查 DATABASE_URL 或数据目录的权限")


def _default_workers() -> int:
    from duizhao_web.server import can_fork

    return min(os.cpu_count() or 1, 4) if can_fork() else 1


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址；只在本机使用时保持 127.0.0.1")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), help=DATA_HELP)
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="每个进程处理请求的线程数")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="处理请求的进程数（默认：CPU 核数，最多 4；Windows 上只能为 1）")
def serve(host: str, port: int, data: Path | None, threads: int, workers: int | None) -> None:
    """启动网页应用（waitress）；首次启动时建立数据库并生成密钥。"""
    from django.db import DatabaseError

    try:
        _setup(data)
    except DatabaseError as exc:
        raise _database_error(exc) from exc
    from django.db import connections

    from duizhao_web import accounts, server
    from duizhao_web.wsgi import application

    for line in accounts.startup_notes():
        click.secho(line, fg="yellow", err=True)
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host

    def ready(count: int) -> None:
        click.echo(f"duizhao 已启动：http://{shown_host}:{port}/  （{count} 个进程；按 Ctrl+C 停止）")
        sys.stdout.flush()

    try:
        code = server.run(application, host, port, threads, workers or _default_workers(), ready,
                          connections.close_all)
    except server.PortTaken as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@main.command(name="demo-data")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), help=DATA_HELP)
@click.option("--if-empty", is_flag=True, help="数据库中已有数据时什么也不做（不报错）")
def demo_data(data: Path | None, if_empty: bool) -> None:
    """载入演示数据：单位、班子、会议、人员与各角色账号、征求意见、谈话和材料。"""
    _setup(data)
    from duizhao_web import demo

    if not demo.empty():
        if not if_empty:
            raise click.ClickException("数据库中已有数据：演示数据只能载入空数据库"
                                       "（可用 --data 指定一个新的数据目录）")
        click.echo("数据库中已有数据，未载入演示数据。")
        _show_logins(demo.present(), demo.PASSWORD)
        return
    demo.load()
    click.echo("已载入演示数据。")
    _show_logins(demo.LOGINS, demo.PASSWORD)


def _show_logins(logins: list[tuple[str, str]], password: str) -> None:
    if not logins:
        click.echo("数据库中没有演示账号。")
        return
    click.echo(f"演示账号（密码均为 {password}）：")
    for login, label in logins:
        click.echo(f"  {login:<10} {label}")


@main.group()
def admin() -> None:
    """管理账号。"""


@admin.command(name="create")
@click.option("--username", prompt="用户名", help="新管理员的用户名")
@click.option("--password", prompt="密码", hide_input=True, confirmation_prompt="再次输入密码",
              help="密码（不在命令行给出时会提示输入，不回显）")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), help=DATA_HELP)
def create_admin(username: str, password: str, data: Path | None) -> None:
    """建立管理员账号（新数据目录没有任何账号，先用它建立第一个管理员）。"""
    _setup(data)
    from duizhao_web import accounts

    try:
        accounts.create_admin(username, password)
    except accounts.AccountRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"已建立管理员 {username}。")


__all__ = ["main"]
