"""The package's public surface: every name in __all__ resolves; heavy modules load on first use."""

from __future__ import annotations

import subprocess
import sys

import agstats


def test_every_public_name_resolves():
    for name in agstats.__all__:
        assert getattr(agstats, name) is not None, name
    assert set(agstats.__all__) <= set(dir(agstats))


def test_import_is_light():
    code = (
        "import sys, agstats; "
        "print(sorted(m for m in ('matplotlib', 'seaborn', 'agstats.parsing', 'agstats.plotting', 'agstats.extract') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_names_are_the_module_objects():
    from agstats import parsing

    assert agstats.parse_quantity is parsing.parse_quantity
    assert agstats.plotting.__name__ == "agstats.plotting"
