"""Plotting: qualifier encoding, bilingual labels, number formats and image baselines.

Image comparisons (pytest-mpl) run with ``--mpl``; without it the image tests
only check that the figures draw.  Regenerate the baselines after an intended
change with::

    PYTHONPATH=. MPLBACKEND=Agg python -m pytest tests/test_plotting.py --mpl \\
        --mpl-generate-path=tests/baseline -p no:cacheprovider

Tolerance: RMS 2 (on the 0-255 grey scale, pytest-mpl/matplotlib
``compare_images``).  That absorbs anti-aliasing and small FreeType/DejaVu
version differences between machines, but not a change of the drawing: a
different hatch, a missing bound arrow, a lost fill or a changed label moves
the RMS well above 2 (``test_tolerance_detects_a_changed_hatch`` checks this).
Baselines are saved at 100 dpi with the ``"default"`` matplotlib style,
on top of which every image test applies :func:`agstats.plotting.set_theme`.

The indicator rows below are a small fixture in the loader's format (not read
from ``data/``), so these tests do not depend on the loader.
"""

from __future__ import annotations

import doctest
import io
import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
import seaborn as sns
from matplotlib.testing.compare import compare_images

import agstats.plotting as agp

ROOT = Path(__file__).resolve().parent.parent
IMAGE = dict(baseline_dir="baseline", tolerance=2, remove_text=False, style="default", savefig_kwargs={"dpi": 100})

QUALIFIERS = ["exact", "estimate", "approximate", "lower_bound", "estimate_lower_bound", "upper_bound", "target"]
SECTORS = ["postal", "telecom", "infosec", "ict_industry", "media", "egov", "policy", "context"]
UNITS = [
    "vnd",
    "vnd_mn",
    "vnd_bn",
    "vnd_tn",
    "usd",
    "usd_mn",
    "usd_bn",
    "percent",
    "count",
    "count_th",
    "count_mn",
    "persons",
    "hours_per_day",
    "km",
    "km2",
    "vnd_per_usd",
]


def make_rows(records: list[tuple]) -> pd.DataFrame:
    """Indicator rows with the loader's columns and dtypes."""
    cols = ["indicator", "sector", "label_en", "label_vi", "value", "unit", "period_start", "period_end", "qualifier"]
    df = pd.DataFrame(records, columns=cols)
    df["sector"] = pd.Categorical(df["sector"], categories=SECTORS)
    df["unit"] = pd.Categorical(df["unit"], categories=UNITS)
    df["qualifier"] = pd.Categorical(df["qualifier"], categories=QUALIFIERS)
    df["value"] = df["value"].astype(float)
    df["period_start"] = pd.to_datetime(df["period_start"])
    df["period_end"] = pd.to_datetime(df["period_end"])
    df["area"] = "an_giang_pre2025"
    df["source"] = "mic2019"
    df["evidence"] = ""
    df["method"] = "stated"
    df["note"] = ""
    return df


Y2018 = ("2018-01-01", "2018-12-31")
JAN_SEP_2019 = ("2019-01-01", "2019-09-30")
AS_OF = ("2019-09-30", "2019-09-30")


@pytest.fixture
def money() -> pd.DataFrame:
    """Mixed qualifiers, one unit (billion VND)."""
    return make_rows(
        [
            (
                "telecom_revenue",
                "telecom",
                "Telecommunications revenue",
                "Doanh thu viễn thông",
                3300,
                "vnd_bn",
                *Y2018,
                "exact",
            ),
            (
                "telecom_revenue",
                "telecom",
                "Telecommunications revenue",
                "Doanh thu viễn thông",
                2700,
                "vnd_bn",
                *JAN_SEP_2019,
                "estimate",
            ),
            (
                "ict_industry_revenue",
                "ict_industry",
                "Revenue of the information-technology industry",
                "Doanh thu ngành Công nghệ thông tin",
                4600,
                "vnd_bn",
                *Y2018,
                "lower_bound",
            ),
            (
                "ict_industry_budget_contribution",
                "ict_industry",
                "Paid into the state budget by the IT industry",
                "Nộp ngân sách nhà nước của ngành Công nghệ thông tin",
                28,
                "vnd_bn",
                *Y2018,
                "lower_bound",
            ),
        ]
    )


@pytest.fixture
def shares() -> pd.DataFrame:
    """Percentages: reported, lower bound and target."""
    return make_rows(
        [
            (
                "mobile_3g4g_coverage",
                "telecom",
                "3G/4G mobile coverage of the province",
                "Tỷ lệ phủ sóng thông tin di động 3G, 4G",
                100,
                "percent",
                *AS_OF,
                "exact",
            ),
            (
                "smart_device_users_share",
                "telecom",
                "Share of the population using smart devices",
                "Tỷ lệ dân số sử dụng thiết bị thông minh",
                60,
                "percent",
                *AS_OF,
                "lower_bound",
            ),
            (
                "ict_budget_share_recommended",
                "policy",
                "Recommended ICT share of the investment budget",
                "Tỷ lệ ngân sách đầu tư dành cho thông tin - truyền thông (kiến nghị)",
                1,
                "percent",
                *AS_OF,
                "target",
            ),
        ]
    )


@pytest.fixture
def every_qualifier() -> pd.DataFrame:
    """Synthetic rows, one per qualifier (values are made up)."""
    return make_rows(
        [
            (f"ind_{q}", "context", f"Indicator {q}", f"Chỉ tiêu {q}", 10 * (i + 1), "count", *AS_OF, q)
            for i, q in enumerate(QUALIFIERS)
        ]
    )


@pytest.fixture(autouse=True)
def _clean_state():
    """Restore rcParams and the default language; close every figure."""
    with mpl.rc_context():
        yield
    agp.set_language("en")
    plt.close("all")


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_text()]


def legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def arrows(ax) -> list:
    """Annotations that draw an arrow (bound arrows, open ends)."""
    return [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]


# --------------------------------------------------------------------------
# Image comparisons
# --------------------------------------------------------------------------


@pytest.mark.mpl_image_compare(filename="bar_mixed_qualifiers_en.png", **IMAGE)
def test_image_bar_mixed_qualifiers_en(money):
    agp.set_theme("en")
    ax = agp.bar(money, title="Revenue, An Giang ICT sector", source="MIC 2019 report (mic2019)")
    return ax.figure


@pytest.mark.mpl_image_compare(filename="bar_mixed_qualifiers_vi.png", **IMAGE)
def test_image_bar_mixed_qualifiers_vi(money):
    agp.set_theme("vi")
    ax = agp.bar(
        money, title="Doanh thu ngành thông tin và truyền thông, An Giang", source="Báo cáo Sở TT&TT An Giang 2019"
    )
    return ax.figure


@pytest.mark.mpl_image_compare(filename="point_lower_bound_en.png", **IMAGE)
def test_image_point_lower_bound(shares):
    agp.set_theme("en")
    ax = agp.point(shares, title="Coverage and adoption", source="MIC 2019 report (mic2019)")
    return ax.figure


@pytest.mark.mpl_image_compare(filename="interval_open_ended_en.png", **IMAGE)
def test_image_interval_plot(money):
    agp.set_theme("en")
    ax = agp.interval_plot(money, title="What the reported bounds allow", source="MIC 2019 report (mic2019)")
    return ax.figure


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def test_tolerance_detects_a_changed_hatch(money, tmp_path, monkeypatch):
    """RMS 2 is tight enough to catch a changed estimate hatch."""
    with mpl.style.context("default"):
        agp.set_theme("en")
        (tmp_path / "a.png").write_bytes(_png(agp.bar(money).figure))
        changed = agp.QualifierStyle(0.35, "\\\\", "-", "o", "", 0)
        monkeypatch.setitem(agp.QUALIFIER_STYLES, "estimate", changed)
        (tmp_path / "b.png").write_bytes(_png(agp.bar(money).figure))
    result = compare_images(str(tmp_path / "a.png"), str(tmp_path / "b.png"), tol=2)
    assert result is not None and "RMS" in result


def test_output_is_deterministic(money):
    agp.set_theme("vi")
    assert _png(agp.bar(money).figure) == _png(agp.bar(money).figure)


def test_svg_output_is_deterministic_and_undated(money):
    agp.set_theme("vi")
    first, second = agp.figure_svg(agp.bar(money).figure), agp.figure_svg(agp.bar(money).figure)
    assert first == second
    assert "<dc:date>" not in first and "Matplotlib v" not in first
    assert "<title>Doanh thu viễn thông" not in first  # three indicators: the generic title
    assert "<title>Một số chỉ tiêu</title>" in first
    assert "Doanh thu viễn thông</text>" in first  # svg.fonttype "none": labels stay text
    plt.close("all")


def test_svg_changes_with_the_data(money):
    agp.set_theme("en")
    moved = money.copy()
    moved.loc[0, "period_start"], moved.loc[0, "period_end"] = pd.Timestamp("2017-01-01"), pd.Timestamp("2017-12-31")
    requalified = money.copy()
    requalified.loc[0, "qualifier"] = "estimate"
    svgs = [agp.figure_svg(agp.bar(d).figure) for d in (money, moved, requalified)]
    assert len(set(svgs)) == 3
    plt.close("all")


def test_set_theme_under_ipython_shows_svg_only():
    """In an IPython shell, figures are displayed as image/svg+xml only, via figure_svg."""
    proc = _run(
        "from IPython.core.interactiveshell import InteractiveShell; "
        "shell = InteractiveShell.instance(); "
        "import matplotlib.pyplot as plt, agstats.plotting as agp; "
        "agp.set_theme('en'); "
        "fig, ax = plt.subplots(); ax.set_title('T'); ax.plot([1, 2]); "
        "data, _ = shell.display_formatter.format(fig); "
        "print(sorted(data)); print(data['image/svg+xml'] == agp.figure_svg(fig)); "
        "empty = plt.figure(); print(sorted(shell.display_formatter.format(empty)[0]))"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:3] == ["['image/svg+xml', 'text/plain']", "True", "['text/plain']"]


def test_set_theme_outside_ipython_leaves_display_alone():
    proc = _run("import sys, agstats.plotting as agp; agp.set_theme(); print('IPython' in sys.modules)")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


# --------------------------------------------------------------------------
# Qualifier encoding
# --------------------------------------------------------------------------


def test_estimate_bars_hatched_and_light_exact_bars_solid(money):
    ax = agp.bar(money)
    exact, estimate, lower, _ = ax.patches
    assert estimate.get_hatch() == "//" and estimate.get_facecolor()[3] == pytest.approx(0.35)
    assert exact.get_hatch() is None and exact.get_facecolor()[3] == 1.0
    assert lower.get_hatch() is None and lower.get_facecolor()[3] == 1.0


@pytest.mark.parametrize("orient", ["v", "h"])
def test_every_qualifier_style(every_qualifier, orient):
    ax = agp.bar(every_qualifier, orient=orient)
    assert len(ax.patches) == len(QUALIFIERS)
    for patch, q in zip(ax.patches, QUALIFIERS):
        st = agp.QUALIFIER_STYLES[q]
        assert patch.get_hatch() == st.hatch, q
        assert patch.get_facecolor()[3] == pytest.approx(st.fill_alpha), q
        assert patch.get_linestyle() == ("--" if q == "target" else "-"), q
    assert agp.QUALIFIER_STYLES["target"].fill_alpha == 0
    assert {"estimate", "approximate", "estimate_lower_bound"} == {
        q for q, st in agp.QUALIFIER_STYLES.items() if st.hatch
    }


def test_bound_labels_and_arrows(every_qualifier):
    ax = agp.bar(every_qualifier)
    labels = texts(ax)
    assert labels == ["10", "20", "≈ 30", "≥ 40", "≥ 50", "≤ 60", "70"]
    # one arrow per bound: lower bounds point up (offset > 0), upper bounds down
    offsets = [a.xyann[1] for a in arrows(ax)]
    assert len(offsets) == 3
    assert offsets[0] > 0 and offsets[1] > 0 and offsets[2] < 0


def test_horizontal_lower_bound_arrow_points_right(money):
    ax = agp.bar(money, orient="h")
    (a, b) = arrows(ax)
    assert a.xyann[0] > 0 and a.xyann[1] == 0 and b.xyann[0] > 0
    assert "≥ 4,600" in texts(ax)
    assert ax.yaxis_inverted()


def test_point_lower_bound_arrow_and_marker_fill(shares):
    ax = agp.point(shares)
    assert "≥ 60" in texts(ax)
    (arrow,) = arrows(ax)
    assert arrow.xyann[0] > 0 and arrow.xy == (60.0, 1.0)
    markers = [line for line in ax.lines if line.get_marker() not in ("None", None, "")]
    faces = [mpl.colors.to_rgb(m.get_markerfacecolor()) for m in markers]
    assert faces[0] == pytest.approx(mpl.colors.to_rgb(markers[0].get_markeredgecolor()))
    assert faces[2] == pytest.approx((1.0, 1.0, 1.0))  # target: open marker
    stems = [line for line in ax.lines if line.get_marker() in ("None", None, "")]
    assert stems[2].get_linestyle() == "--"
    assert ax.get_xlim()[0] == 0


def test_legend_entries_en_and_vi(every_qualifier, money):
    ax = agp.bar(every_qualifier, language="en")
    assert legend_texts(ax) == [
        "reported",
        "estimate",
        "approximate",
        "lower bound (≥)",
        "estimate, lower bound (≥)",
        "upper bound (≤)",
        "target",
    ]
    assert ax.get_legend().get_title().get_text() == "Value type"
    ax = agp.bar(money, language="vi")
    assert legend_texts(ax) == ["số báo cáo", "ước tính", "cận dưới (≥)"]
    assert ax.get_legend().get_title().get_text() == "Loại số liệu"
    assert agp.bar(money, legend=False).get_legend() is None


def test_qualifier_legend_draws(every_qualifier):
    fig, ax = plt.subplots()
    for kind in ("bar", "point", "marker"):
        leg = agp.qualifier_legend(ax, QUALIFIERS, "vi", kind=kind, orient="h")
        assert [t.get_text() for t in leg.get_texts()][-1] == "mục tiêu"
    fig.canvas.draw()
    with pytest.raises(ValueError, match="unknown qualifier"):
        agp.qualifier_legend(ax, ["guess"])


def test_interval_plot_bounds_and_open_end(money, shares):
    bounds = agp.interval_bounds(money)
    assert bounds["lower"].tolist() == [3300, 2700, 4600, 28]
    assert bounds["upper"].tolist()[:2] == [3300, 2700] and np.isinf(bounds["upper"][2:]).all()
    assert agp.interval_bounds(shares)["upper"].tolist() == [100, 100, 1]
    ax = agp.interval_plot(money)
    open_ends = [a for a in arrows(ax) if a.xy[0] == ax.get_xlim()[1]]
    assert len(open_ends) == 2
    assert legend_texts(ax)[-2:] == ["range allowed", "no upper limit (→ ∞)"]
    ax = agp.interval_plot(shares, language="vi")
    assert not arrows(ax)  # [60, 100] is closed
    assert "khoảng giá trị có thể" in legend_texts(ax)


def test_interval_plot_explicit_columns(money):
    data = money.assign(lo=[3300, 2700, 4600, 28], hi=[3300, 2700, np.nan, 5000])
    ax = agp.interval_plot(data, lower="lo", upper="hi")
    assert len([a for a in arrows(ax) if a.xy[0] == ax.get_xlim()[1]]) == 1


# --------------------------------------------------------------------------
# Language
# --------------------------------------------------------------------------


def test_language_switch_titles_ticks_axis(money):
    telecom = money[money.indicator == "telecom_revenue"]
    ax = agp.bar(telecom, language="vi")
    assert ax.get_title(loc="left") == "Doanh thu viễn thông"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018", "tháng 1–9/2019"]
    assert ax.get_ylabel() == "Giá trị (tỷ đồng)"
    ax = agp.bar(telecom, language="en")
    assert ax.get_title(loc="left") == "Telecommunications revenue"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018", "Jan–Sep 2019"]
    assert ax.get_ylabel() == "Value (billion VND)"


def test_set_language_is_the_default(money, shares):
    agp.set_language("vi")
    assert agp.get_language() == "vi"
    ax = agp.bar(money, orient="h")
    ticks = " ".join(t.get_text() for t in ax.get_yticklabels())
    assert "Doanh thu ngành Công nghệ thông tin" in ticks.replace("\n", " ")
    assert "Doanh thu viễn thông (tháng 1–9/2019)" in ticks.replace("\n", " ")
    assert "≥ 4.600" in texts(ax)
    assert agp.label(money.iloc[0]) == "Doanh thu viễn thông"
    assert agp.point(shares).get_xlabel() == "Giá trị (%)"
    agp.set_language("en")
    assert agp.label(money).tolist()[0] == "Telecommunications revenue"


def test_value_axis_numbers_follow_language(money):
    ax = agp.bar(money, language="vi")
    ax.figure.canvas.draw()
    assert "4.000" in [t.get_text() for t in ax.get_yticklabels()]
    ax = agp.bar(money, language="en")
    ax.figure.canvas.draw()
    assert "4,000" in [t.get_text() for t in ax.get_yticklabels()]


def test_label_fallbacks():
    assert agp.label({"indicator": "x", "label_en": "X", "label_vi": float("nan")}, "vi") == "X"
    assert agp.label(pd.Series({"indicator": "x"}), "en") == "x"


@pytest.mark.parametrize(
    "call",
    [
        lambda df: agp.bar(df, language="fr"),
        lambda df: agp.point(df, language="de"),
        lambda df: agp.interval_plot(df, language="jp"),
        lambda df: agp.label(df, language="zh"),
        lambda df: agp.format_value(1, language="vn"),
        lambda df: agp.set_language("english"),
        lambda df: agp.set_theme("fr"),
        lambda df: agp.add_source(plt.figure(), "x", language="fr"),
    ],
)
def test_unknown_language_raises(money, call):
    with pytest.raises(ValueError, match=r"unknown language .*expected one of 'en', 'vi'"):
        call(money)


def test_unknown_qualifier_raises(money):
    with pytest.raises(ValueError, match="unknown qualifier 'roughly'"):
        agp.format_value(1, "roughly")
    bad = money.assign(qualifier=["exact", "estimate", "guess", "exact"])
    for draw in (agp.bar, agp.point, agp.interval_plot):
        with pytest.raises(ValueError, match="unknown qualifier 'guess'"):
            draw(bad)


# --------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "en", "vi"),
    [
        ((4600, "lower_bound", "vnd_bn"), "≥ 4,600 billion VND", "≥ 4.600 tỷ đồng"),
        ((3300, "exact", "vnd_bn"), "3,300 billion VND", "3.300 tỷ đồng"),
        ((2700, "estimate", "vnd_bn"), "2,700 billion VND", "2.700 tỷ đồng"),
        ((60, "lower_bound", "percent"), "≥ 60%", "≥ 60%"),
        ((12.5, "upper_bound", "percent"), "≤ 12.5%", "≤ 12,5%"),
        ((1234567.891, "approximate", None), "≈ 1,234,567.89", "≈ 1.234.567,89"),
        ((24, "exact", "hours_per_day"), "24 hours per day", "24 giờ/ngày"),
        ((156, "exact", "count"), "156", "156"),
        ((1, "target", "percent"), "1%", "1%"),
        ((-0.5, "estimate_lower_bound", None), "≥ -0.5", "≥ -0,5"),
    ],
)
def test_format_value(args, en, vi):
    assert agp.format_value(*args, language="en") == en
    assert agp.format_value(*args, language="vi") == vi


def test_format_value_options():
    assert agp.format_value(28, "lower_bound", unit_label="tỷ ₫", language="vi") == "≥ 28 tỷ ₫"
    assert agp.format_value(2.0, decimals=1, language="vi") == "2,0"
    assert agp.format_number(float("nan")) == "–"
    assert agp.format_number(float("inf")) == "∞"
    assert agp.unit_text("no_such_unit", "en") == "no_such_unit"


@pytest.mark.parametrize(
    ("start", "end", "en", "vi"),
    [
        ("2018-01-01", "2018-12-31", "2018", "2018"),
        ("2019-01-01", "2019-09-30", "Jan–Sep 2019", "tháng 1–9/2019"),
        ("2019-09-30", "2019-09-30", "30 Sep 2019", "30/9/2019"),
        ("2017-01-01", "2019-09-30", "Jan 2017–Sep 2019", "tháng 1/2017–tháng 9/2019"),
        ("2016-01-01", "2018-12-31", "2016–2018", "2016–2018"),
        ("2019-03-05", "2019-04-10", "5 Mar 2019–10 Apr 2019", "5/3/2019–10/4/2019"),
    ],
)
def test_period_label(start, end, en, vi):
    assert agp.period_label(start, end, "en") == en
    assert agp.period_label(start, end, "vi") == vi


# --------------------------------------------------------------------------
# Titles, units, sources, layout options
# --------------------------------------------------------------------------


def test_every_chart_has_title_and_unit_axis(money, shares):
    for ax in (agp.bar(money), agp.bar(money, orient="h"), agp.point(shares), agp.interval_plot(money)):
        assert ax.get_title(loc="left")
        value_label = ax.get_ylabel() if ax.get_xlabel() == "" else ax.get_xlabel()
        assert "(" in value_label and ")" in value_label
    counts = make_rows(
        [
            (
                "paytv_providers",
                "media",
                "Pay-TV service providers",
                "Đơn vị cung cấp dịch vụ truyền hình trả tiền",
                7,
                "count",
                *AS_OF,
                "exact",
            )
        ]
    )
    assert agp.bar(counts, language="vi").get_ylabel() == "Số lượng"


@pytest.mark.parametrize("helper", ["bar", "point", "interval_plot"])
def test_mixed_units_are_refused_even_with_unit_label(money, helper):
    """13.56 trillion and 13.56 billion are not one scale: unit_label= must not make them one."""
    mixed = money.iloc[:2].copy()
    mixed["unit"] = pd.Categorical(["vnd_tn", "vnd_bn"], categories=UNITS)
    for kwargs in ({}, {"unit_label": "billion VND"}):
        with pytest.raises(ValueError) as err:
            getattr(agp, helper)(mixed, **kwargs)
        message = str(err.value)
        assert "vnd_tn, vnd_bn" in message and "agstats.units.normalise" in message
        assert "unit_label" not in message  # the advice never leads to a relabelled, wrong chart
    plt.close("all")


def test_unit_label_renames_a_single_unit_axis(money):
    ax = agp.bar(money.iloc[:2], unit_label="tỷ VND")
    assert ax.get_ylabel() == "Value (tỷ VND)"
    plt.close("all")


def test_import_plotting_without_matplotlib_names_the_extra():
    proc = _run(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('matplotlib', 'seaborn'):\n"
        "            raise ImportError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import agstats\n"
        "try:\n"
        "    import agstats.plotting\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert 'pip install "agstats[plot]"' in proc.stdout and "matplotlib" in proc.stdout


def test_duplicate_categories_raise(money):
    with pytest.raises(ValueError, match="same category"):
        agp.bar(money, x="indicator")


def test_hue_groups_and_colours(money):
    ax = agp.bar(money, x="label", hue="period")
    assert len(ax.patches) == 4
    colours = [mpl.colors.to_hex(p.get_edgecolor()) for p in ax.patches]
    assert colours[0] == colours[2] == colours[3] != colours[1]
    assert set(colours) <= set(agp.PALETTE)
    centres = [p.get_x() + p.get_width() / 2 for p in ax.patches]
    assert centres[0] < 0 < centres[1]  # 2018 and Jan-Sep 2019 side by side
    assert ax.get_xticklabels()[0].get_text().replace("\n", " ") == "Telecommunications revenue"
    hue_legend = [a for a in ax.artists if isinstance(a, mpl.legend.Legend)]
    assert [t.get_text() for t in hue_legend[0].get_texts()] == ["2018", "Jan–Sep 2019"]
    assert legend_texts(ax) == ["reported", "estimate", "lower bound (≥)"]


def test_add_source(money):
    ax = agp.bar(money, source="MIC 2019")
    assert "Source: MIC 2019" in texts(ax)
    agp.add_source(ax, "Nguồn: Sở TT&TT", language="vi")
    assert "Source: MIC 2019" not in texts(ax) and "Nguồn: Sở TT&TT" in texts(ax)
    fig = plt.figure(layout="constrained")
    fig.add_subplot().plot([0, 1])
    assert agp.add_source(fig, "MIC 2019", "vi").get_text() == "Nguồn: MIC 2019"
    fig.canvas.draw()


def test_titled_and_existing_axes(money):
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4), layout="constrained")
    assert agp.bar(money, ax=a) is a
    assert agp.point(money, ax=b, orient="v", language="vi") is b
    agp.titled(b, "Tiêu đề", "tỷ đồng", language="vi", axis="y")
    assert b.get_title(loc="left") == "Tiêu đề" and b.get_ylabel() == "Giá trị (tỷ đồng)"
    fig.canvas.draw()


def test_set_theme(money):
    agp.set_theme("vi", rc={"figure.dpi": 90})
    assert agp.get_language() == "vi"
    assert mpl.rcParams["svg.hashsalt"] == "agstats"
    assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert mpl.rcParams["figure.dpi"] == 90
    cycle = [mpl.colors.to_hex(c) for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle[:2] == ["#0173b2", "#c67f04"]  # seaborn "colorblind", darkened to 3:1 where needed


def test_bad_inputs(money):
    with pytest.raises(ValueError, match="orient"):
        agp.bar(money, orient="x")
    with pytest.raises(ValueError, match="no rows"):
        agp.bar(money.iloc[:0])
    with pytest.raises(ValueError, match="missing or non-numeric"):
        agp.bar(money.assign(value=[1.0, None, 2.0, 3.0]))
    with pytest.raises(TypeError):
        agp.bar([1, 2, 3])


# --------------------------------------------------------------------------
# Warnings, imports, docstrings
# --------------------------------------------------------------------------


def test_no_warnings_when_drawing(money, shares, every_qualifier):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        agp.set_theme("vi")
        axes = [
            agp.bar(money, source="Sở TT&TT An Giang"),
            agp.bar(every_qualifier, orient="h"),
            agp.bar(money, x="label", hue="period"),
            agp.point(shares, source="Báo cáo 2019"),
            agp.point(every_qualifier, orient="v"),
            agp.interval_plot(money),
            agp.interval_plot(every_qualifier),
        ]
        for ax in axes:
            ax.figure.savefig(io.BytesIO(), format="png", dpi=50)  # glyph warnings show at draw time
    assert [str(w.message) for w in caught] == []


def _run(code: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_import_plotting_with_agg_backend():
    proc = _run(
        "import agstats.plotting as p, matplotlib; "
        "assert matplotlib.get_backend().lower() == 'agg'; "
        "ax = p.bar(__import__('pandas').DataFrame({'value': [1.0], 'label_en': ['a']})); "
        "print(ax.get_title(loc='left'))"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "Selected indicators"


def test_import_agstats_does_not_load_matplotlib():
    proc = _run(
        "import sys, agstats; "
        "assert 'matplotlib' not in sys.modules and 'seaborn' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('matplotlib', 'seaborn')))"
    )
    assert proc.returncode == 0, proc.stderr


def test_docstring_examples():
    result = doctest.testmod(agp, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0


# --------------------------------------------------------------------------
# Timelines, small multiples (fact sheets), sector names
# --------------------------------------------------------------------------


def make_events(records: list[tuple]) -> pd.DataFrame:
    """Event rows with the columns and dtypes of ``agstats.load_events()``."""
    cols = ["event", "sector", "kind", "date_start", "date_end", "title_en", "title_vi", "document"]
    df = pd.DataFrame(records, columns=cols)
    df["sector"] = pd.Categorical(df["sector"], categories=SECTORS)
    df["kind"] = pd.Categorical(
        df["kind"], categories=["decision", "activity", "meeting", "recommendation", "milestone"]
    )
    df["date_start"] = pd.to_datetime(df["date_start"]).astype("datetime64[s]")
    df["date_end"] = pd.to_datetime(df["date_end"]).astype("datetime64[s]")
    df["source"] = "mic2019"
    return df


@pytest.fixture
def events() -> pd.DataFrame:
    """Known days and windows, given out of date order."""
    return make_events(
        [
            ("session", "policy", "meeting", "2019-09-25", "2019-12-31", "Working session", "Buổi làm việc", ""),
            (
                "decision_2016",
                "postal",
                "decision",
                "2016-01-01",
                "2016-12-31",
                "Decision known by its year",
                "Quyết định (chỉ biết năm)",
                "45/2016/QĐ-TTg",
            ),
            (
                "team",
                "infosec",
                "decision",
                "2019-09-25",
                "2019-09-25",
                "Response team established",
                "Thành lập đội ứng cứu",
                "2314/QĐ-UBND",
            ),
            (
                "drills",
                "infosec",
                "activity",
                "2017-01-01",
                "2019-09-30",
                "Workshops and drills",
                "Hội thảo và diễn tập",
                "",
            ),
        ]
    )


@pytest.mark.mpl_image_compare(filename="timeline_events_en.png", **IMAGE)
def test_image_timeline(events):
    agp.set_theme("en")
    ax = agp.timeline(events, title="Dated events of the 2019 report", source="MIC 2019 report (mic2019)")
    return ax.figure


def _inside(ax, artist) -> bool:
    renderer = ax.figure.canvas.get_renderer()
    box, frame = artist.get_window_extent(renderer), ax.get_window_extent(renderer)
    return frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1


def test_timeline_windows_are_bars_and_days_are_markers(events):
    ax = agp.timeline(events)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Decision known by its year",
        "Workshops and drills",
        "Response team established",
        "Working session",
    ]
    bars = [p for p in ax.patches if isinstance(p, mpl.patches.Rectangle)]
    assert len(bars) == 3  # the three windows
    year_bar = bars[0]
    start, end = mpl.dates.num2date(year_bar.get_x()), mpl.dates.num2date(year_bar.get_x() + year_bar.get_width())
    assert (start.date().isoformat(), end.date().isoformat()) == ("2016-01-01", "2017-01-01")  # both ends included
    markers = [line for line in ax.lines if line.get_marker() == "D"]
    assert len(markers) == 1 and markers[0].get_ydata()[0] == 2
    assert sorted(texts(ax)) == ["2016", "25 Sep 2019", "25 Sep 2019–31 Dec 2019", "Jan 2017–Sep 2019"]
    ax.figure.canvas.draw()
    assert all(_inside(ax, t) for t in ax.texts if t.get_text())  # date labels stay within the axes
    assert ax.get_xlabel() == "Year" and ax.get_title(loc="left") == "Timeline"


def test_timeline_colours_legends_and_language(events):
    ax = agp.timeline(events, language="vi", source="Bộ TT&TT (2019)")
    legends = [a for a in ax.artists if isinstance(a, mpl.legend.Legend)] + [ax.get_legend()]
    assert [t.get_text() for t in legends[0].get_texts()] == ["quyết định", "hoạt động", "buổi làm việc"]
    assert [t.get_text() for t in legends[1].get_texts()] == ["ngày cụ thể", "khoảng (không rõ ngày)"]
    assert "Nguồn: Bộ TT&TT (2019)" in texts(ax)
    assert "25/9/2019–31/12/2019" in texts(ax)
    colours = {mpl.colors.to_hex(p.get_edgecolor()) for p in ax.patches if isinstance(p, mpl.patches.Rectangle)}
    assert colours <= set(agp.PALETTE)
    ax = agp.timeline(events, hue=None, legend=True)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["exact day", "window (day not known)"]
    assert agp.timeline(events, legend=False).get_legend() is None


def test_timeline_labels_order_and_short_spans(events):
    ax = agp.timeline(events, label="document", sort=False, date_labels=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["", "45/2016/QĐ-TTg", "2314/QĐ-UBND", ""]
    assert texts(ax) == []
    ax = agp.timeline(events, label=["a", "b", "c", "d"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "d", "c", "a"]  # sorted with their events
    recent = events[events.date_start >= "2019-09-01"]
    ax = agp.timeline(recent, language="en")
    ax.figure.canvas.draw()
    assert ax.get_xlabel() == "Month"
    assert "Oct 2019" in [t.get_text() for t in ax.get_xticklabels()]


def test_timeline_bad_input(events):
    with pytest.raises(ValueError, match="ends before it starts"):
        agp.timeline(events.assign(date_end=events.date_start - pd.Timedelta(days=1)))
    with pytest.raises(ValueError, match="no rows"):
        agp.timeline(events.iloc[:0])
    with pytest.raises(ValueError, match="3 items for 4 events"):
        agp.timeline(events, label=["a", "b", "c"])
    with pytest.raises(ValueError, match="unknown language"):
        agp.timeline(events, language="fr")
    with pytest.raises(TypeError):
        agp.timeline([1, 2])


def test_small_multiples_one_panel_per_unit(money, shares):
    rows = pd.concat([money, shares], ignore_index=True)
    fig = agp.small_multiples(rows, ncols=2, title="Fact sheet", source="MIC 2019")
    assert [ax.get_xlabel() for ax in fig.axes] == [
        "Value (billion VND)",
        "Value (%)",
        "Value (billion VND)",
        "Value (%)",
    ]
    assert [sf.get_suptitle() for sf in fig.subfigs if sf.get_suptitle()] == [
        "Telecommunications",
        "ICT industry",
        "Policy",
    ]
    first = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert first == ["Telecommunications revenue\n2018", "Telecommunications revenue\nJan–Sep 2019"]
    assert "≥ 4,600" in texts(fig.axes[2])  # the bound keeps its encoding
    target = fig.axes[3].patches[0]
    assert target.get_linestyle() == "--" and target.get_facecolor()[3] == 0
    legend = fig.subfigs[-1].legends[0]  # the empty cell holds the legend
    assert [t.get_text() for t in legend.get_texts()] == ["reported", "estimate", "lower bound (≥)", "target"]
    assert fig.get_supxlabel() == "Source: MIC 2019"
    edge = {mpl.colors.to_hex(p.get_edgecolor()) for p in fig.axes[0].patches}
    assert edge != {mpl.colors.to_hex(p.get_edgecolor()) for p in fig.axes[2].patches}
    fig.canvas.draw()


def test_small_multiples_options(money):
    fig = agp.small_multiples(
        money, ncols=2, language="vi", group_titles={"telecom": "VT"}, order=["ict_industry", "telecom"]
    )
    assert [sf.get_suptitle() for sf in fig.subfigs] == ["Công nghiệp ICT", "VT"]
    assert fig.axes[0].get_xlabel() == "Giá trị (tỷ đồng)"
    assert fig.legends and not any(sf.legends for sf in fig.subfigs)  # no spare cell: legend on top
    fig = agp.small_multiples(money[money.indicator != "telecom_revenue"], x="label", legend=False)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][1] == "Paid into the state budget by\nthe IT industry"
    assert not fig.legends and not any(sf.legends for sf in fig.subfigs)
    with pytest.raises(ValueError, match="ncols"):
        agp.small_multiples(money, ncols=0)
    with pytest.raises(ValueError, match="not in data"):
        agp.small_multiples(money, by="region")


def test_sector_name():
    assert agp.sector_name("egov", "en") == "E-government"
    assert agp.sector_name("postal", "vi") == "Bưu chính"
    assert set(SECTORS) <= set(agp.SECTOR_NAMES)


def test_new_charts_draw_without_warnings(money, events):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        agp.set_theme("vi")
        figs = [agp.timeline(events, source="Bộ TT&TT").figure, agp.small_multiples(money)]
        for fig in figs:
            fig.savefig(io.BytesIO(), format="png", dpi=50)
    assert [str(w.message) for w in caught] == []


# --------------------------------------------------------------------------
# Alt text: what the chart shows, in the SVG
# --------------------------------------------------------------------------


def test_alt_text_states_values_periods_units_and_qualifiers(money):
    two = money[money["indicator"] == "telecom_revenue"]
    ax = agp.bar(two, language="en")
    assert agp.alt_text(ax) == (
        "Bar chart. 2018: 3,300 billion VND (reported); Jan–Sep 2019: 2,700 billion VND (estimate)."
    )
    ax = agp.bar(two, language="vi")
    assert (
        agp.alt_text(ax) == "Biểu đồ cột. 2018: 3.300 tỷ đồng (số báo cáo); tháng 1–9/2019: 2.700 tỷ đồng (ước tính)."
    )
    assert agp.alt_text(ax.figure).startswith("Doanh thu viễn thông. Biểu đồ cột. 2018")
    plt.close("all")


def test_alt_text_of_every_helper(money, shares, events):
    agp.set_theme("en")
    by_label = agp.alt_text(agp.bar(money, orient="h"))
    assert "Revenue of the information-technology industry, 2018: ≥ 4,600 billion VND (lower bound)" in by_label
    point = agp.alt_text(agp.point(shares))
    assert point.startswith("Dot chart. ") and "(lower bound)" in point and "%" in point
    interval = agp.alt_text(agp.interval_plot(money))
    assert interval.startswith("Interval chart. ") and "(lower bound; allows 4,600 to ∞)" in interval
    timeline = agp.alt_text(agp.timeline(events, language="vi"))
    assert timeline.startswith("Dòng thời gian. ") and "(quyết định)" in timeline
    sheet = agp.small_multiples(pd.concat([money, shares], ignore_index=True), title="Fact sheet")
    text = agp.alt_text(sheet)
    assert text.startswith("Fact sheet. ") and "Telecommunications. Bar chart." in text
    assert text.count("Bar chart.") == len(sheet.axes)
    plt.close("all")


def test_alt_text_is_in_the_svg_and_escaped(money):
    agp.set_theme("en")
    rows = money.iloc[:1].assign(label_en="Revenue <b>&</b> more")
    ax = agp.bar(rows, x="label", title="T & <U>")
    svg = agp.figure_svg(ax.figure)
    assert "<title>T &amp; &lt;U&gt;</title>" in svg
    assert (
        "<desc>T &amp; &lt;U&gt;. Bar chart. Revenue &lt;b&gt;&amp;&lt;/b&gt; more, 2018: 3,300 billion VND (reported).</desc>"
        in svg
    )
    plt.close("all")


def test_figure_without_helpers_has_titles_only():
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    assert agp.alt_text(fig) == "" and "<desc>" not in agp.figure_svg(fig)
    ax.set_title("Plain")
    assert agp.alt_text(fig) == "Plain." and "<desc>" in agp.figure_svg(fig)
    plt.close(fig)


def _build_site_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_site_for_alt", ROOT / "scripts" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_takes_alt_text_from_the_svg(money, tmp_path):
    import hashlib

    import nbformat

    bs = _build_site_module()
    agp.set_theme("en")
    svg = agp.figure_svg(agp.bar(money[money["indicator"] == "telecom_revenue"]).figure)
    untitled = agp.figure_svg(plt.subplots()[0])  # no titles, no description
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 01 · Telecom\n\n## Growth"),
        nbformat.v4.new_code_cell(
            "plot()",
            outputs=[
                nbformat.v4.new_output("display_data", data={"image/svg+xml": svg}),
                nbformat.v4.new_output("display_data", data={"image/svg+xml": untitled}),
            ],
        ),
    ]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    alts = bs.alt_texts(path)
    h = {s: hashlib.sha256(bs.image_bytes("image/svg+xml", s)).hexdigest() for s in (svg, untitled)}
    assert alts[h[svg]] == (
        "Telecommunications revenue. Bar chart. 2018: 3,300 billion VND (reported); "
        "Jan–Sep 2019: 2,700 billion VND (estimate)."
    )
    assert alts[h[untitled]] == "Figure 2 in section “Growth”"
    page = tmp_path / "01_x.html"
    page.write_text(f'<img src="_images/{h[svg]}.svg" /><img src="_images/other.svg" alt="_images/other.svg">')
    problems = bs.add_alt_text(tmp_path, {"01_x": alts})
    assert problems == ['01_x.html: <img src="_images/other.svg"> has no alt text']  # the build fails on it
    assert 'alt="Telecommunications revenue. Bar chart. 2018: 3,300 billion VND (reported);' in page.read_text()
    plt.close("all")


def test_svg_ids_do_not_depend_on_float_noise():
    """matplotlib hashes a clip box's exact coordinates into its id; figure_svg renumbers them."""
    a = '<clipPath id="p0123456789"/><path clip-path="url(#p0123456789)"/><use xlink:href="#m9876543210"/>'
    b = a.replace("0123456789", "abcdefabcd").replace("9876543210", "ffffffffff")
    from agstats.plotting import _stable_ids

    assert _stable_ids(a) == _stable_ids(b)
    assert "p0123456789" not in _stable_ids(a) and _stable_ids(a).count("url(#p") == 1
    other = a.replace("<path", '<path d="M 0 0"')
    assert _stable_ids(other).split('id="')[1][:9] != _stable_ids(a).split('id="')[1][:9]  # other picture, other ids


# --------------------------------------------------------------------------
# Chart rules: contrast, conventional dates, one definition per series, reflow
# --------------------------------------------------------------------------


def test_theme_colours_reach_3_to_1_against_white():
    """WCAG 2.1 SC 1.4.11: graphical objects need 3:1; seaborn's colorblind palette has five below."""
    assert min(agp.contrast_ratio(c) for c in agp.PALETTE) >= 3.0
    assert sum(agp.contrast_ratio(c) < 3 for c in sns.color_palette("colorblind").as_hex()) == 5
    assert [round(agp.contrast_ratio(c), 2) for c in ("#767676", "#ffffff")] == [4.54, 1.0]
    for c in agp.PALETTE:  # same hue, only darker
        h0 = mpl.colors.rgb_to_hsv(mpl.colors.to_rgb(c))[0]
        assert any(
            abs(h0 - mpl.colors.rgb_to_hsv(mpl.colors.to_rgb(o))[0]) < 0.01 for o in sns.color_palette("colorblind")
        )


def test_every_mark_has_3_to_1_contrast(money, shares, events):
    """The outline or fill that shows each mark reaches 3:1 against white (light fills keep a full-colour edge)."""
    agp.set_theme("en")
    axes = [
        agp.bar(money, hue="period", x="label"),
        agp.point(shares),
        agp.interval_plot(money),
        agp.timeline(events),
    ]
    for ax in axes:
        for patch in ax.patches:
            face, edge = patch.get_facecolor(), patch.get_edgecolor()
            best = max(agp.contrast_ratio(face[:3]) if face[3] > 0.9 else 1.0, agp.contrast_ratio(edge[:3]))
            assert best >= 3.0, (ax.get_title(loc="left"), face, edge)
        for line in ax.lines:
            if line.get_marker() not in (None, "None", "none", ""):
                colours = [line.get_markeredgecolor(), line.get_markerfacecolor()]
            else:
                effects = line.get_path_effects()
                colours = [line.get_color()] + [e._gc.get("foreground") for e in effects if hasattr(e, "_gc")]
            assert max(agp.contrast_ratio(c) for c in colours if c is not None) >= 3.0, line
    plt.close("all")


def test_interval_band_is_light_inside_with_a_full_colour_outline(money):
    ax = agp.interval_plot(money)
    bands = [ln for ln in ax.lines if ln.get_path_effects()]
    assert bands, "no range band drawn"
    for band in bands:
        assert agp.contrast_ratio(band.get_color()) < 3  # the light inside ...
        outline = band.get_path_effects()[0]._gc["foreground"]
        assert agp.contrast_ratio(outline) >= 3  # ... and its outline
    plt.close("all")


def test_timeline_conventional_as_of_dates_are_not_exact_days(events):
    agp.set_theme("en")
    as_of = make_events(
        [
            ("stock_2019", "telecom", "milestone", "2019-09-30", "2019-09-30", "Coverage 100 %", "Phủ sóng 100 %", ""),
            ("decision", "telecom", "decision", "2019-09-25", "2019-09-25", "Decision", "Quyết định", ""),
        ]
    )
    ax = agp.timeline(as_of)
    texts = sorted(t.get_text() for t in ax.texts if t.get_text())
    assert texts == ["25 Sep 2019", "by 30 Sep 2019"]
    legends = [
        t.get_text() for child in ax.get_children() if isinstance(child, mpl.legend.Legend) for t in child.get_texts()
    ]
    assert "as of a report (not a day)" in legends and "exact day" in legends
    faces = {tuple(np.round(mpl.colors.to_rgb(ln.get_markerfacecolor()), 3)) for ln in ax.lines}
    assert (1.0, 1.0, 1.0) in faces  # the as-of date is an open diamond
    assert "Coverage 100 %: by 30 Sep 2019" in agp.alt_text(ax)
    vi = agp.timeline(as_of, language="vi")
    assert "đến 30/9/2019" in [t.get_text() for t in vi.texts]
    off = agp.timeline(as_of, as_of=False)
    assert "30 Sep 2019" in [t.get_text() for t in off.texts]
    flagged = agp.timeline(as_of, as_of=[False, True])  # in the order of the input
    assert sorted(t.get_text() for t in flagged.texts if t.get_text()) == ["30 Sep 2019", "by 25 Sep 2019"]
    with pytest.raises(ValueError, match="as_of has 1 items for 2 events"):
        agp.timeline(as_of, as_of=[True])
    plt.close("all")


def test_different_definitions_are_not_one_series(money):
    two = money[money["indicator"].isin(["ict_industry_revenue", "ict_industry_budget_contribution"])].copy()
    two["period_start"] = pd.to_datetime(["2018-01-01", "2019-01-01"])  # a series over two years
    two["period_end"] = pd.to_datetime(["2018-12-31", "2019-12-31"])
    for helper in (agp.bar, agp.point):
        with pytest.raises(ValueError, match="2 definitions .*ict_industry_revenue, ict_industry_budget_contribution"):
            helper(two, x="period")
        helper(two, x="period", mixed_definitions=True)  # when asked
        helper(two, x="period", hue="label")  # drawn apart
        helper(two)  # by label: not a series
    agp.bar(money[money["indicator"] == "telecom_revenue"], x="period")  # one definition
    plt.close("all")


def test_small_multiples_reflow_for_a_narrow_page(money, shares):
    rows = pd.concat([money, shares], ignore_index=True)
    wide = agp.small_multiples(rows, ncols=3)
    narrow = agp.small_multiples(rows, ncols=1)
    assert narrow.get_size_inches()[0] == pytest.approx(4.4)
    assert wide.get_size_inches()[0] == pytest.approx(13.2)
    assert len(narrow.axes) == len(wide.axes)
    xs = {round(sf.bbox.x0) for sf in narrow.subfigs}
    assert len(xs) == 1  # one column
    part = agp.small_multiples(rows, ncols=1, order=["telecom"])  # the fact sheet split by group
    assert [sf.get_suptitle() for sf in part.subfigs if sf.get_suptitle()] == ["Telecommunications"]
    plt.close("all")
