"""The site on a phone (390 px): what the 390 px crawl shows (conftest.py: ``crawl_phone``).

Started first on one worker (conftest.FIRST), beside tests/test_site.py on the other: this worker
crawls at 390 px while the other crawls at 1366 px. More phone checks (the switch, the theme's
words, the data table) are in tests/test_site_vi.py and tests/test_site_a11y.py.
"""

from __future__ import annotations

from sitetools import notebook_page


def test_no_horizontal_scroll_on_a_phone(crawl_phone):
    assert {p: i["scroll_width"] for p, i in crawl_phone.items() if i["scroll_width"] > i["viewport"]} == {}


def test_figures_fit_the_column_on_a_phone(crawl_phone):
    wide = [
        (p, img["src"], img["shown"])
        for p, i in crawl_phone.items()
        for img in i["images"]
        if notebook_page(p) and img["shown"] > (img["column"] or 0) + 1
    ]
    assert wide == []
