"""agstats.language and agstats.areas: one explicit language setting, names of areas."""

from __future__ import annotations

import pytest

import agstats
from agstats import language
from agstats.areas import AREA_NAMES, area_name


@pytest.fixture(autouse=True)
def english():
    yield
    language.set_language("en")


def test_tr_follows_the_setting_and_the_argument():
    agstats.set_language("vi")
    assert agstats.tr("telecom", "viễn thông") == "viễn thông"
    assert agstats.tr("telecom", "viễn thông", "en") == "telecom"
    agstats.set_language("en")
    assert agstats.tr("telecom", "viễn thông") == "telecom"


def test_plotting_shares_the_setting():
    agp = pytest.importorskip("agstats.plotting")
    agp.set_theme("vi")
    assert agstats.get_language() == "vi" and agp.format_number(3300) == "3.300"
    agstats.set_language("en")
    assert agp.get_language() == "en" and agp.format_number(3300) == "3,300"


@pytest.mark.parametrize("bad", ["fr", "", None, 1])
def test_tr_and_set_language_refuse_bad_input(bad):
    if bad is None:
        with pytest.raises(TypeError):
            agstats.tr("a", bad)  # type: ignore[arg-type]
    else:
        with pytest.raises((ValueError, TypeError)):
            agstats.set_language(bad)  # type: ignore[arg-type]


def test_every_area_code_of_the_package_has_two_names():
    assert set(agstats.area_codes()) == set(AREA_NAMES)
    for code in AREA_NAMES:
        en, vi = area_name(code, "en"), area_name(code, "vi")
        assert en and vi and en.isascii(), code


def test_unknown_area_names_the_code():
    with pytest.raises(KeyError, match="atlantis"):
        area_name("atlantis")
