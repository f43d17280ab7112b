"""The test suite's Node tools (package.json: axe-core, Lighthouse), installed by
`npm ci` from the committed package-lock.json when they are missing. Tests that
need them skip only where Node is missing and REQUIRE_BROWSER is unset (CI sets it)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"


def node_tools() -> Path:
    """node_modules, installed (`npm ci`) when package-lock.json is newer than it."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("node and npm are missing but REQUIRE_BROWSER is set (apt-get install nodejs npm)")
        pytest.skip("node is not installed (apt-get install nodejs npm); axe-core and Lighthouse tests not run")
    stamp = NODE_MODULES / ".package-lock.json"  # npm writes it on install
    lock = ROOT / "package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime or not (AXE.exists() and LIGHTHOUSE.exists()):
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
    return NODE_MODULES
