"""Run a command with file modes honoured, also when the tests run as root.

Root reads files of mode 000 through the CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
capabilities; ``setpriv`` (util-linux) starts the command without them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

DAC_CAPABILITIES = "-dac_override,-dac_read_search"


def modes_honoured_prefix() -> list[str]:
    """The command prefix that makes file modes apply; skips the test when none can."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: mode 000 is not honoured")
    return [setpriv, "--bounding-set", DAC_CAPABILITIES, "--"]


def run_python(code: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -c code args...`` in the repository, with file modes honoured."""
    return subprocess.run(
        [*modes_honoured_prefix(), sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
