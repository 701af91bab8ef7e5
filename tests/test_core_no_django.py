"""The core is pure Python: importing every module of ``duizhao`` never imports Django."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import importlib, pkgutil, sys
import duizhao
for module in pkgutil.walk_packages(duizhao.__path__, "duizhao."):
    importlib.import_module(module.name)
bad = sorted(name for name in sys.modules if name == "django" or name.startswith(("django.", "duizhao_web")))
print(",".join(bad))
"""


def test_core_imports_no_django() -> None:
    out = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_web_commands_do_not_load_django_for_a_review() -> None:
    program = "import sys, duizhao_web.cli; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
