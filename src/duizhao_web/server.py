"""Serving the app with waitress: one process, or several (``workers``) on POSIX, each with its
own listening socket on the same port (SO_REUSEPORT: the kernel spreads the connections), so that
more than one core answers requests. The parent only starts, watches and stops them."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Callable
from typing import Any

from waitress import serve

IDENT = "duizhao"
STOPS = {signal.SIGTERM, signal.SIGINT}
MAX_BODY = 64 * 1024 * 1024  # a request body larger than this is refused by waitress (413)


class PortTaken(Exception):
    """The address cannot be listened on: the message (Chinese) says why."""


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "SO_REUSEPORT")


def listening(host: str, port: int, shared: bool = False) -> socket.socket:
    """A socket listening on the address; ``shared``: other sockets of ours may listen on it too
    (only after :func:`listening` without sharing found the port free: a port held by another
    server, even one of ours, is refused)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
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
    """Serve until interrupted (Ctrl+C or SIGTERM); ``ready`` is told the number of processes once
    the port is listened on; ``before_fork`` closes what must not be shared (database
    connections). Returns the exit status."""
    signal.signal(signal.SIGTERM, _interrupt)  # before anything listens: a stop is never lost
    if workers <= 1 or not can_fork():
        sock = listening(host, port)
        ready(1)
        with contextlib.suppress(KeyboardInterrupt):
            serve(application, sockets=[sock], threads=threads, ident=IDENT, max_request_body_size=MAX_BODY)
        return 0
    listening(host, port).close()  # the port is free, not held by another server
    sockets = [listening(host, port, shared=True) for _ in range(workers)]
    ready(workers)
    before_fork()
    children: list[int] = []
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)  # a stop while forking waits until every
        for n in range(workers):  # child is known, so that none is left behind
            children.append(_child(application, sockets, n, threads))
        for sock in sockets:
            sock.close()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
        _, status = os.wait()  # one worker ended: the others are stopped too
        return max(os.waitstatus_to_exitcode(status), 0)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(children)


def _child(application: Callable[..., Any], sockets: list[socket.socket], n: int, threads: int) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        signal.signal(signal.SIGTERM, _interrupt)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
        for other, sock in enumerate(sockets):
            if other != n:
                sock.close()
        serve(application, sockets=[sockets[n]], threads=threads, ident=IDENT, max_request_body_size=MAX_BODY)
    except KeyboardInterrupt:
        pass
    except BaseException:
        code = 1
    os._exit(code)


def _interrupt(signum: int, frame: Any) -> None:
    """SIGTERM stops the server as Ctrl+C does."""
    raise KeyboardInterrupt


def _stop(children: list[int]) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # stopping already
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
