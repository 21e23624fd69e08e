"""Run manage.py in a fresh process, as a server starts, to test settings read at startup."""

import os
import subprocess
import sys
from pathlib import Path

MANAGE_PY = Path(__file__).resolve().parents[1] / "manage.py"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process that sees only `env` (plus PATH), as a server would."""
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, str(MANAGE_PY), *args],
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
