"""``import samvalg`` and ``import samvalg.methods`` load neither matplotlib, pandas nor pymcdm."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "pandas", "pymcdm")


@pytest.mark.slow
def test_import_does_not_load_heavy_modules():
    code = (
        "import json, sys; import samvalg; import samvalg.methods; "
        "samvalg.methods.wsm([[1.0, 2.0], [2.0, 1.0]], [0.5, 0.5], [1, 1]); "
        f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
