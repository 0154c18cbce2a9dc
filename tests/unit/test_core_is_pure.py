"""werkpad.core never imports Django (ARCHITECTURE: pure cores). Ruff's banned-api checks the
source; this test checks what actually gets imported, in a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_importing_every_core_package_loads_no_django():
    code = (
        "import sys, pkgutil, importlib, werkpad.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'werkpad.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'django' or n.startswith('django.'))\n"
        "print(len(bad)); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
