"""The data directory: the SQLite database, uploaded files (named by content hash) and the secret
key generated on first start. Chosen by ``--data`` or ``DUIZHAO_DATA``; ``./duizhao-data`` otherwise."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ENV = "DUIZHAO_DATA"
DEFAULT = "duizhao-data"


def data_dir() -> Path:
    path = Path(os.environ.get(ENV) or DEFAULT).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(folder: Path) -> str:
    """The key in ``folder/secret_key``, written (readable by its owner only) when missing."""
    path = folder / "secret_key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process wrote it meanwhile
            return path.read_text().strip()
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def uploads(folder: Path) -> Path:
    path = folder / "uploads"
    path.mkdir(exist_ok=True)
    return path
