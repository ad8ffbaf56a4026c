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


def test_version_is_single_sourced():
    from importlib.metadata import version

    from agstats import _version

    assert agstats.__version__ == _version.__version__ == "0.3.0"
    assert version("agstats") == agstats.__version__, "the installed metadata reads agstats/_version.py"
    assert agstats.data_version() != agstats.__version__


NEW_PUBLIC_NAMES = {
    "data_version",
    "describe",
    "catalogue",
    "IndicatorMetadata",
    "load_catalogue",
    "area_codes",
    "select_areas",
    "canonical_units",
    "normalise",
}


def test_new_public_names_are_exported_and_documented():
    assert NEW_PUBLIC_NAMES <= set(agstats.__all__)
    for name in NEW_PUBLIC_NAMES:
        obj = getattr(agstats, name)
        assert obj.__doc__ and "Examples" in obj.__doc__, name
