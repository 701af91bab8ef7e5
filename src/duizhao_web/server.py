"""Serving the app with waitress: one process, or several (``workers``) on POSIX, each with its
own listening socket on the same port (SO_REUSEPORT: the kernel spreads the connections), so that
more than one core answers requests. The parent only starts, watches and stops them."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable
from typing import Any

from waitress import serve

IDENT = "duizhao"


class PortTaken(Exception):
    """The address cannot be listened on: the message (Chinese) says why."""


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "SO_REUSEPORT")


def listening(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise PortTaken(f"无法在 {host}:{port} 上监听（{exc.strerror or exc}）：端口可能已被占用，"
                        "请用 --port 换一个端口") from exc
    sock.listen(1024)
    return sock


def run(application: Callable[..., Any], host: str, port: int, threads: int, workers: int,
        ready: Callable[[int], None], before_fork: Callable[[], None]) -> int:
    """Serve until interrupted; ``ready`` is told the number of processes once the port is
    listened on; ``before_fork`` closes what must not be shared (database connections).
    Returns the exit status."""
    if workers <= 1 or not can_fork():
        sock = listening(host, port)
        ready(1)
        serve(application, sockets=[sock], threads=threads, ident=IDENT)
        return 0
    sockets = [listening(host, port) for _ in range(workers)]
    ready(workers)
    before_fork()
    children = [_child(application, sockets, n, threads) for n in range(workers)]
    for sock in sockets:
        sock.close()
    return _watch(children)


def _child(application: Callable[..., Any], sockets: list[socket.socket], n: int, threads: int) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        for other, sock in enumerate(sockets):
            if other != n:
                sock.close()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        serve(application, sockets=[sockets[n]], threads=threads, ident=IDENT)
    except KeyboardInterrupt:
        pass
    except BaseException:
        code = 1
    os._exit(code)


def _watch(children: list[int]) -> int:
    """Wait for the workers; when one ends (or the parent is told to stop), stop the others."""
    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    code = 0
    try:
        _, status = os.wait()
        code = os.waitstatus_to_exitcode(status)
    except KeyboardInterrupt:
        pass
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for pid in children:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            continue
    return max(code, 0)
