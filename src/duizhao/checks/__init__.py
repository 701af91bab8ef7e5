"""Review checks: one module per check id, found through the registry.

Importing this package imports every check module, so the registry is complete.
"""

from __future__ import annotations

import importlib
import pkgutil

from duizhao.checks.registry import REGISTRY, Hit, register

_SKIP = {"registry", "runner", "helpers"}  # and private modules (_name)

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in _SKIP and not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["REGISTRY", "Hit", "register"]
