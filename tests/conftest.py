"""Shared fixtures: sample materials written for this project, and the seeds when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def ctx() -> ReviewContext:
    return ReviewContext(settings=Settings())
