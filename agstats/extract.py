"""Draft indicator rows from the text of a Vietnamese report.

:func:`extract` reads a report once with the project's number parser
(:func:`agstats.parsing.scan`) and turns each number that states a quantity
into a *figure*: its value, unit and qualifier, whether it is a level, a
change, a ratio or a range, the period the text states for it, the clause it
is stated in (the evidence phrase), its span, and a guessed sector and
indicator. Every other number (dates, years, document numbers, 3G/4G, list
numbering, phone numbers...) goes to a separate table of non-quantities.
:func:`draft_rows` shapes the figures like ``data/indicators.csv``, with a
``review`` column that says what the maintainer must check; ``agstats
extract`` prints them. Nothing here writes into the data package.

Rules (see ``docs/extract.md`` for the reasons)
-----------------------------------------------
* **Sentences and segments.** A sentence ends at ``.``, ``;``, ``!``, ``?`` or a
  line break (not at a thousands dot or a decimal point); a segment is the part
  of a sentence between commas (not a decimal comma). A short line without a
  figure or final punctuation is a heading.
* **Kind.** ``ratio`` when the number has a denominator (``47/96 xã``);
  ``range`` for ``1-3 lần/ngày``, ``82–125``, ``từ 5 đến 10 tỷ đồng`` (one
  figure, ``value`` = ``low``, ``high`` set); ``change`` when a change word
  governs the number (``tăng 23%``, ``giảm 5 điểm``, ``vượt 7,5%``, ``gấp 2
  lần``, ``cao hơn 3%``, ``tăng trưởng bình quân 12%``) or a percentage is
  compared with a base (``bằng 84% so với cùng kỳ``, ``đạt 105% kế hoạch``);
  but ``tăng lên 178``, ``giảm còn 5%``, ``tăng từ 150 lên 178`` state levels.
  Otherwise ``level``. A change is never a level.
* **Unit.** A code of ``data/units.csv`` (``per_100_inhabitants``, ``mbps``,
  ``times_per_day``, ``count_per_day``, ``rank_of_63``, ``index_score``...;
  ``rank_of_<n>`` for a rank among another total, flagged), or ``""`` for a
  unit without one (``lần/tuần``, ``MHz``), whose words are in ``unit_text``.
* **Area.** The province the text names nearest before the figure
  (:data:`AREA_NAMES`; *An Giang mới* is ``an_giang_2025``), ``vietnam`` for a
  figure of the whole country; :func:`draft_rows` uses ``area`` only when the
  text names none, and says so in ``review``.
* **Qualifier.** The parser's (:mod:`agstats.parsing`). An ``exact`` figure
  becomes a ``target`` when it is the value of a plan in parentheses (``vượt chỉ
  tiêu (50%)``), when a recommendation governs its sentence (``yêu cầu``,
  ``kiến nghị``) or when it stands under a plan heading (``1. Mục tiêu``,
  ``Phương hướng năm 2024``).
* **Period.** The time phrases (``năm 2018``, ``9 tháng đầu năm 2019``, ``6
  tháng``, ``quý I``, ``quý IV năm 2020``, ``tháng 6/2020``, ``giai đoạn 2021 -
  2025``, ``ngày 30/9/2019``...) are read as intervals; ``đến``, ``tính đến``,
  ``cuối``, ``hết`` before one make it an as-of date (start = end). Phrases that
  are a comparison base (``so với cùng kỳ năm 2018``) or the date of a document
  (``2314/QĐ-UBND ngày 25 tháng 9 năm 2019``) are not periods. A figure takes
  the nearest period before it in its segment, else the first one after it in
  its segment, else the nearest one before it in its sentence, else the period
  of the last heading that states one; otherwise its period is not stated. A
  phrase without a year (``9 tháng đầu năm``, ``quý I``) takes ``year`` when it
  is given. ``stock`` tells a stock (a count, share or length without a flow
  word such as *tổ chức*, *tiếp nhận*, *doanh thu* in its clause) from a flow;
  :func:`draft_rows` dates a stock at the end of its period, as the data do.
* **Evidence.** The sentence around the figure, cut after the previous figure
  of the sentence and before the next one, without leading discourse segments
  (``Theo đó``, ``Lĩnh vực ...``, ``Hiện nay``) or list markers, always
  including the clause keyword that qualified it (``ước``, ``phấn đấu``). Where
  the cut could change how the parser reads the figure, it is checked with
  :func:`agstats.parsing.find_quantities`, as ``agstats validate`` will.
* **Indicator.** :data:`INDICATOR_KEYWORDS` lists keyword patterns per
  indicator id of ``data/indicators.csv``; the match nearest the number, within
  its sentence up to a little after it and with a unit of the right dimension,
  wins (a change in percent may be the growth of any indicator; a ratio may be
  a share). A clause with a subject of its own after the previous figure does
  not take the keywords before it; a clause after ``;`` without one continues
  the previous clause. The keywords right after a count are its own, not those
  of the next count. Generic words (``doanh thu``, ``nộp ngân sách``) use the
  sector of the section (``Lĩnh vực bưu chính``, a heading ``II. VIỄN THÔNG``)
  through :data:`SECTOR_INDICATORS`. A change never takes a level's id: a growth
  rate in percent is ``<indicator>_growth``, another change ``<indicator>_change``
  (neither is in the catalogue; the review says so). Keywords more than 300
  characters before a figure are not its own (linear time). A part of an earlier figure of the sentence
  (``trong đó``) does not take its indicator. ``scope`` is ``national`` for a
  figure of the whole country (``cả nước``).

Examples
--------
>>> from agstats.extract import extract
>>> x = extract("Năm 2018, doanh thu bưu chính đạt 178 tỷ đồng, tăng 12% so với năm 2017, "
...             "ước 9 tháng đầu năm 2019 đạt 150 tỷ đồng theo Quyết định 45/2016/QĐ-TTg.")
>>> x.figures[["indicator", "value", "unit", "qualifier", "kind", "period_end"]]
               indicator  value     unit qualifier    kind  period_end
0         postal_revenue  178.0   vnd_bn     exact   level  2018-12-31
1  postal_revenue_growth   12.0  percent     exact  change  2018-12-31
2         postal_revenue  150.0   vnd_bn  estimate   level  2019-09-30
>>> x.non_quantities[["kind", "text"]]
     kind                  text
0    year              Năm 2018
1    year              năm 2017
2  period  9 tháng đầu năm 2019
3  docnum        45/2016/QĐ-TTg
"""

from __future__ import annotations

import bisect
import calendar
import gc
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from .parsing import Mention, _scan_normalized, find_quantities, normalize

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "DRAFT_COLUMNS",
    "FIGURE_COLUMNS",
    "FIGURE_KINDS",
    "INDICATOR_KEYWORDS",
    "NON_QUANTITY_COLUMNS",
    "SECTOR_INDICATORS",
    "SECTOR_KEYWORDS",
    "AREA_NAMES",
    "Extraction",
    "draft_rows",
    "extract",
    "extract_figures",
]

FIGURE_KINDS: Final[tuple[str, ...]] = ("level", "change", "ratio", "range")
"""What a figure states: a level, a change (*tăng 23%*), a ratio (*47/96 xã*) or a range (*82–125*)."""

FIGURE_COLUMNS: Final[tuple[str, ...]] = (
    "value", "unit", "unit_text", "qualifier", "kind", "low", "high", "denominator", "period_start", "period_end",
    "period_text", "stock", "sector", "indicator", "keywords", "scope", "area", "evidence", "start", "end", "text",
    "review",
)  # fmt: skip
"""Columns of :attr:`Extraction.figures`."""

NON_QUANTITY_COLUMNS: Final[tuple[str, ...]] = ("kind", "text", "start", "end")
"""Columns of :attr:`Extraction.non_quantities`."""

DRAFT_COLUMNS: Final[tuple[str, ...]] = (
    "indicator", "sector", "label_en", "label_vi", "value", "unit", "period_start", "period_end", "qualifier",
    "area", "source", "evidence", "method", "note", "review",
)  # fmt: skip
"""Columns of :func:`draft_rows`: those of ``data/indicators.csv`` plus ``review``."""

# --------------------------------------------------------------------------- the keyword map (data)

INDICATOR_KEYWORDS: Final[tuple[tuple[str, str, str, str], ...]] = (
    # (indicator id of data/indicators.csv, its sector, unit dimension, keywords)
    # keywords: terms in the order the text states them, joined by " … " (at most 60 characters apart);
    # "|" separates the alternatives of a term; a term matches a longer keyword phrase that contains it.
    # dimensions: money, percent, count (count, count_th, count_mn, persons), duration (hours_per_day), length.
    # More specific rows first: on a tie of distance the first row wins.
    ("postal_service_points", "postal", "count", "điểm phục vụ|điểm cung cấp dịch vụ … bưu chính|chuyển phát"),
    ("postal_service_points", "postal", "count", "bưu chính|chuyển phát … điểm phục vụ|điểm cung cấp dịch vụ"),
    ("postal_service_points", "postal", "count", "bưu cục|điểm bưu điện|bưu điện văn hóa xã|bưu điện văn hoá xã"),
    ("postal_revenue", "postal", "money", "doanh thu … bưu chính|chuyển phát|bưu điện"),
    ("postal_budget_contribution", "postal", "money", "nộp … ngân sách … bưu chính|chuyển phát"),
    ("postal_enterprises", "postal", "count", "doanh nghiệp … bưu chính|chuyển phát"),
    ("bcci_dossiers_received_share", "postal", "percent", "hồ sơ … tiếp nhận … bưu chính công ích"),
    ("bcci_results_returned_share", "postal", "percent", "kết quả … bưu chính công ích"),
    ("bcci_procedures_share", "postal", "percent", "thủ tục hành chính|tthc … bưu chính công ích"),
    ("telecom_service_revenue", "telecom", "money", "doanh thu dịch vụ viễn thông"),
    ("telecom_revenue", "telecom", "money", "doanh thu … viễn thông"),
    ("telecom_enterprises", "telecom", "count", "doanh nghiệp … viễn thông"),
    ("mobile_3g4g_hamlet_coverage", "telecom", "percent", "khóm|ấp … phủ sóng … 3g|4g"),
    ("mobile_3g4g_commune_coverage", "telecom", "percent", "xã … phủ sóng … 3g|4g"),
    ("mobile_3g4g_commune_coverage", "telecom", "percent", "3g|4g … phủ sóng|phủ … xã"),
    ("mobile_3g4g_coverage", "telecom", "percent", "phủ sóng … 3g|4g"),
    ("mobile_3g4g_coverage", "telecom", "percent", "3g|4g … phủ sóng|phủ"),
    ("mobile_broadband_hamlet_coverage", "telecom", "percent", "khóm|ấp … băng rộng di động|di động băng rộng"),
    ("mobile_broadband_coverage", "telecom", "percent", "di động băng rộng|băng rộng di động … phủ sóng|phủ"),
    ("mobile_broadband_coverage", "telecom", "percent", "phủ sóng … di động băng rộng|băng rộng di động"),
    ("fixed_broadband_hamlet_coverage", "telecom", "percent", "khóm|ấp … băng rộng cố định"),
    ("fibre_household_coverage", "telecom", "percent", "cáp quang … hộ gia đình|hộ dân"),
    ("fibre_household_coverage", "telecom", "percent", "hộ gia đình|hộ dân … cáp quang"),
    ("fibre_commune_centre_coverage", "telecom", "percent", "cáp quang … trung tâm xã"),
    ("high_speed_internet_commune_coverage", "telecom", "percent", "xã|phường … internet tốc độ cao|băng rộng"),
    ("high_speed_internet_commune_coverage", "telecom", "percent", "internet tốc độ cao … xã|phường"),
    ("smart_device_users_share", "telecom", "percent", "thiết bị thông minh"),
    ("smartphone_subscriber_share", "telecom", "percent", "thuê bao … điện thoại thông minh|smartphone"),
    ("smartphone_users_share", "telecom", "percent", "điện thoại thông minh|smartphone"),
    ("smartphone_subscribers", "telecom", "count", "thuê bao … điện thoại thông minh|smartphone"),
    ("mobile_broadband_subscribers", "telecom", "count", "thuê bao … băng rộng di động|di động băng rộng"),
    ("fixed_broadband_subscribers", "telecom", "count", "thuê bao … băng rộng cố định|cáp quang"),
    ("mobile_subscribers", "telecom", "count", "thuê bao di động|thuê bao điện thoại di động"),
    ("internet_subscribers_share", "telecom", "percent", "thuê bao internet … dân số"),
    ("bts_stations", "telecom", "count", "trạm bts|trạm thu phát sóng|bts|trạm phát sóng"),
    ("underground_cable_length", "telecom", "length", "cáp ngầm|ngầm hóa|ngầm hoá"),
    ("telecom_cable_length", "telecom", "length", "cáp quang|cáp viễn thông|cáp thông tin|tuyến cáp"),
    ("infosec_workshops_drills", "infosec", "count",
     "hội thảo|diễn tập|tập huấn … an toàn thông tin|an ninh mạng|attt"),
    ("ict_sector_total_revenue", "ict_industry", "money",
     "tổng doanh thu … toàn ngành|thông tin và truyền thông|thông tin - truyền thông"),
    ("ict_sector_total_revenue", "ict_industry", "money", "doanh thu toàn ngành"),
    ("software_industry_revenue", "ict_industry", "money", "doanh thu … phần mềm"),
    ("it_hardware_revenue", "ict_industry", "money", "doanh thu … phần cứng"),
    ("it_industry_revenue", "ict_industry", "money",
     "doanh thu … công nghiệp công nghệ thông tin|công nghiệp cntt|công nghiệp ict"),
    ("ict_industry_revenue", "ict_industry", "money", "doanh thu … công nghệ thông tin|cntt"),
    ("ict_sector_budget_contribution", "ict_industry", "money",
     "nộp … ngân sách … toàn ngành|thông tin và truyền thông"),
    ("ict_industry_budget_contribution", "ict_industry", "money", "nộp … ngân sách … công nghệ thông tin|cntt"),
    ("ict_training_institutions", "ict_industry", "count", "trường|cơ sở đào tạo … công nghệ thông tin|cntt"),
    ("print_press_agencies", "media", "count", "cơ quan báo chí"),
    ("print_newspapers", "media", "count", "báo in|tờ báo"),
    ("print_magazines", "media", "count", "tạp chí"),
    ("vna_representative_offices", "media", "count", "văn phòng đại diện … thông tấn xã"),
    ("resident_reporters", "media", "count", "phóng viên thường trú"),
    ("radio_tv_stations", "media", "count", "đài phát thanh|đài phát thanh - truyền hình|đài pt-th"),
    ("radio_tv_broadcast_hours", "media", "duration", "phát sóng|thời lượng"),
    ("paytv_providers", "media", "count", "truyền hình trả tiền"),
    ("licensed_news_websites", "media", "count", "trang thông tin điện tử"),
    ("press_items_positive_share", "media", "percent", "tin, bài|tin bài … tích cực"),
    ("press_items_about_province", "media", "count", "tin, bài|tin bài"),
    ("journalists_association_members", "media", "count", "hội viên … hội nhà báo"),
    ("journalists_association_members", "media", "count", "hội nhà báo … hội viên"),
    ("journalists_association_branches", "media", "count", "chi hội"),
    ("component_portals", "egov", "count", "cổng thông tin … thành phần"),
    ("provincial_portals", "egov", "count", "cổng thông tin điện tử … tỉnh"),
    ("online_services_level4_share", "egov", "percent", "dịch vụ công … trực tuyến … mức độ 4"),
    ("online_services_level3_share", "egov", "percent", "dịch vụ công … trực tuyến … mức độ 3"),
    ("online_dossiers_level4_share", "egov", "percent", "hồ sơ … trực tuyến … mức độ 4"),
    ("online_dossiers_level3_share", "egov", "percent", "hồ sơ … trực tuyến … mức độ 3"),
    ("online_dossiers_received_share", "egov", "percent", "hồ sơ … trực tuyến"),
    ("online_services_level4", "egov", "count", "dịch vụ … mức độ 4"),
    ("online_services_level3", "egov", "count", "dịch vụ … mức độ 3"),
    ("online_services_full", "egov", "count", "dịch vụ … toàn trình"),
    ("online_services_full", "egov", "count", "toàn trình"),
    ("online_services_partial", "egov", "count", "dịch vụ … một phần"),
    ("online_services_integrated_national_portal", "egov", "count", "tích hợp … cổng dịch vụ công quốc gia"),
    ("online_portal_services", "egov", "count", "dịch vụ công trực tuyến"),
    ("dossiers_on_time_share", "egov", "percent", "đúng hạn|trước hạn"),
    ("digitised_dossiers_share", "egov", "percent", "số hóa|số hoá"),
    ("edocument_exchange_rate", "egov", "percent", "văn bản điện tử"),
    ("edocument_exchange_rate", "egov", "percent", "văn bản … điện tử"),
    ("videoconference_points_connected", "egov", "count", "điểm cầu"),
    ("ict_budget_share_recommended", "policy", "percent", "ngân sách đầu tư"),
    ("ict_department_staff", "policy", "count", "công chức|viên chức … sở thông tin và truyền thông"),
)  # fmt: skip
"""The keyword map: ``(indicator, sector, unit dimension, keywords)`` rows (see the comments in the source)."""

SECTOR_INDICATORS: Final[tuple[tuple[str, str, dict[str, str]], ...]] = (
    # (unit dimension, keywords, sector of the section -> indicator; "*" for any other section)
    ("money", "doanh thu", {"postal": "postal_revenue", "telecom": "telecom_revenue",
                            "ict_industry": "ict_industry_revenue"}),
    ("money", "nộp … ngân sách", {"postal": "postal_budget_contribution",
                                  "ict_industry": "ict_industry_budget_contribution",
                                  "*": "ict_sector_budget_contribution"}),
    ("count", "doanh nghiệp", {"postal": "postal_enterprises", "telecom": "telecom_enterprises"}),
    ("count", "hội thảo|diễn tập", {"infosec": "infosec_workshops_drills"}),
)  # fmt: skip
"""Generic words whose indicator depends on the sector of the section the figure is in."""

SECTOR_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "postal": ("bưu chính", "bưu điện", "chuyển phát"),
    "telecom": ("viễn thông", "internet", "hạ tầng mạng", "hạ tầng số", "thông tin di động"),
    "infosec": ("an toàn thông tin", "an ninh mạng", "an toàn, an ninh thông tin", "an ninh thông tin"),
    "ict_industry": ("công nghiệp ict", "công nghiệp cntt", "công nghiệp công nghệ thông tin", "công nghệ thông tin",
                     "cntt", "công nghiệp phần mềm", "công nghiệp điện tử", "kinh tế số"),
    "media": ("báo chí", "thông tin tuyên truyền", "phát thanh", "truyền hình", "xuất bản", "thông tin cơ sở",
              "thông tin đối ngoại"),
    "egov": ("chính quyền điện tử", "chính quyền số", "chuyển đổi số", "dịch vụ công", "cải cách hành chính",
             "ứng dụng công nghệ thông tin", "xã hội số"),
}  # fmt: skip
"""Section names (after *lĩnh vực*, *ngành*, *mảng*, *về*, or as a short heading line) -> sector."""

_DIMENSIONS: Final = {
    "vnd": "money", "vnd_mn": "money", "vnd_bn": "money", "vnd_tn": "money", "usd": "money", "usd_mn": "money",
    "usd_bn": "money", "percent": "percent", "count": "count", "count_th": "count", "count_mn": "count",
    "persons": "count", "hours_per_day": "duration", "km": "length", "km2": "area", "vnd_per_usd": "rate",
    "persons_per_km2": "density", "rank_of_63": "rank", "rank": "rank", "score_of_100": "score",
    "index_score": "score", "per_100_inhabitants": "per_100", "mbps": "speed", "gbps": "speed", "kbps": "speed",
    "times_per_day": "rate", "count_per_day": "rate", "count_per_month": "rate", "km_per_point": "per_point",
    "persons_per_point": "per_point",
}  # fmt: skip

_UNIT_DIMENSIONS: Final = defaultdict(lambda: frozenset({""}), {u: frozenset({d}) for u, d in _DIMENSIONS.items()})
_RATIO_DIMENSIONS: Final = defaultdict(
    lambda: frozenset({"", "percent"}), {u: frozenset({d, "percent"}) for u, d in _DIMENSIONS.items()}
)
_ANY_DIMENSION: Final = frozenset({"*"})

_I = re.IGNORECASE
_GAP: Final = 60  # characters between two terms of a keyword pattern
_KEYWORD_WINDOW: Final = 300  # keywords starting further before a figure are not its own (keeps extract linear)
_REACH: Final = 80  # characters after a figure where its keywords may be (its counted noun...)
_COMMA_PENALTY: Final = 40  # a keyword after the figure and after a comma is less likely to be about it
_BARRIER_RE: Final = re.compile(r"(?<!\w)(?:tại|ở|đến|tới|cho|trên|từ|qua|thuộc|so[ ]+với)(?!\w)", re.IGNORECASE)


# words of the context of a figure (found in the same pass over the text as the keywords)
_CONTEXT_WORDS: Final[dict[str, tuple[str, ...]]] = {
    # a flow ("tổ chức 03 đợt"), not a stock: it is dated over its period
    "flow": ("tổ chức", "phát hiện", "xử lý", "tiếp nhận", "giải quyết", "phát hành", "đăng tải", "cấp phép",
             "cấp mới", "đào tạo", "tập huấn", "bồi dưỡng", "ban hành", "sản lượng", "lượt", "mới", "thu hút",
             "hỗ trợ", "bố trí", "đầu tư", "nộp", "doanh thu", "giải ngân", "hồ sơ", "diễn tập", "hội thảo",
             "kỳ báo", "tin bài", "tin, bài"),
    "part": ("trong đó", "bao gồm", "gồm", "riêng"),  # a part of the figure before
    "national": ("cả nước", "toàn quốc"),  # a national figure
    "recommend": ("yêu cầu", "đề nghị", "kiến nghị", "đề xuất", "khuyến nghị"),  # a recommendation: a target
    # words without which a figure cannot be a change (see _is_change): change words, comparatives, bases
    "change": ("tăng", "giảm", "vượt", "gấp", "sụt", "hụt", "trưởng", "chênh", "hơn", "so", "cùng kỳ", "kế hoạch",
               "kh", "chỉ tiêu", "dự toán", "mục tiêu", "năm trước", "năm ngoái", "kỳ trước", "tháng trước",
               "quý trước", "đầu năm", "cuối năm", "bình quân"),
}  # fmt: skip


def _terms(pattern: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(a.strip().lower() for a in term.split("|")) for term in pattern.split("…"))


def _compile_keywords() -> tuple[
    re.Pattern[str], dict[tuple[str, ...], int], dict[str, frozenset[int]], dict[str, tuple[str, ...]]
]:
    """One regex finding every keyword and context phrase (overlapping: one at each word start), the term ids,
    the terms each phrase satisfies and the context kinds it is a word of."""
    patterns = [p for *_, p in INDICATOR_KEYWORDS] + [p for _, p, _ in SECTOR_INDICATORS]
    term_ids: dict[tuple[str, ...], int] = {}
    for p in patterns:
        for term in _terms(p):
            term_ids.setdefault(term, len(term_ids))
    context = {w: kind for kind, words in _CONTEXT_WORDS.items() for w in words}
    phrases = sorted({a for term in term_ids for a in term} | set(context), key=lambda a: (-len(a), a))
    satisfies = {
        ph: frozenset(i for term, i in term_ids.items() if any(f" {a} " in f" {ph} " for a in term)) for ph in phrases
    }
    kinds = {ph: tuple(sorted({k for w, k in context.items() if f" {w} " in f" {ph} "})) for ph in phrases}
    first = "".join(sorted({re.escape(ph[0]) for ph in phrases}))
    rx = re.compile(rf"(?=[{first}])(?<!\w)(?=({_trie_pattern(phrases)})(?!\w))", _I)
    return rx, term_ids, satisfies, kinds


def _trie_pattern(phrases: Iterable[str]) -> str:
    """A regular expression matching any of the phrases, as a character trie (fast: no backtracking over
    alternatives that share a prefix); a space matches one or more spaces."""
    trie: dict[str, dict] = {}
    for ph in phrases:
        node = trie
        for ch in ph:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [("[ ]+" if ch == " " else re.escape(ch)) + build(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_KEYWORD_RE, _TERM_IDS, _SATISFIES, _CONTEXT_OF = _compile_keywords()


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the row of the table: earlier rows win ties
    indicator: str  # "" for a generic rule
    sector: str
    dimension: str
    terms: tuple[int, ...]
    pattern: str
    by_sector: tuple[tuple[str, str], ...] = ()


def _by_first_term(rules: Iterable[_Rule]) -> dict[int, tuple[_Rule, ...]]:
    index: dict[int, list[_Rule]] = {}
    for rule in rules:
        index.setdefault(rule.terms[0], []).append(rule)
    return {tid: tuple(rs) for tid, rs in index.items()}


_RULES: Final = _by_first_term(
    _Rule(i, ind, sec, dim, tuple(_TERM_IDS[t] for t in _terms(p)), p)
    for i, (ind, sec, dim, p) in enumerate(INDICATOR_KEYWORDS)
)
_GENERIC_RULES: Final = _by_first_term(
    _Rule(i, "", "", dim, tuple(_TERM_IDS[t] for t in _terms(p)), p, tuple(m.items()))
    for i, (dim, p, m) in enumerate(SECTOR_INDICATORS)
)
_INDICATOR_SECTORS: Final = {ind: sec for ind, sec, _, _ in INDICATOR_KEYWORDS}

_SECTOR_OF_PHRASE: Final = {ph: sec for sec, phrases in SECTOR_KEYWORDS.items() for ph in phrases}
_SECTOR_ALT: Final = "|".join(
    re.escape(ph).replace(r"\ ", "[ ]+") for ph in sorted(_SECTOR_OF_PHRASE, key=lambda a: (-len(a), a))
)
_SECTOR_RE: Final = re.compile(  # "lĩnh vực bưu chính", "Về báo chí" (a first letter lets the engine skip fast)
    rf"[lnmvc](?<!\w.)(?:ĩnh[ ]+vực|gành|ảng|ề|ông[ ]+tác)[ ]+(?P<s>{_SECTOR_ALT})(?!\w)", _I
)
_SECTOR_HEADING_RE: Final = re.compile(  # a short heading line: "II. VIỄN THÔNG", "3. Báo chí, xuất bản"
    rf"[ ]*(?:[0-9IVX]{{1,4}}[.)]|[a-zđ][.)]|[-+•*])?[ ]*(?P<h>{_SECTOR_ALT})(?!\w)[^\n]{{0,40}}", _I
)

# --------------------------------------------------------------------------- sentences, segments, words

_SENTENCE_BREAK_RE: Final = re.compile(r"[;!?\n]|\.(?![0-9])|(?<![0-9])\.")
_COMMA_RE: Final = re.compile(r",(?![0-9])|(?<![0-9]),")
_BREAK_OR_COMMA_RE: Final = re.compile(rf"{_SENTENCE_BREAK_RE.pattern}|{_COMMA_RE.pattern}")
_WORD_RE: Final = re.compile(r"[^\W\d_]+|[0-9]+(?:[.,][0-9]+)*|%")
_DISCOURSE_RE: Final = re.compile(
    r"[ ]*(?:theo[ ]+đó|lĩnh[ ]+vực|về|trong[ ]+đó|ngoài[ ]+ra|bên[ ]+cạnh[ ]+đó|cụ[ ]+thể|hiện[ ]+nay|đến[ ]+nay"
    r"|nhìn[ ]+chung|tuy[ ]+nhiên|qua[ ]+đó|đặc[ ]+biệt|như[ ]+vậy|mặt[ ]+khác|đồng[ ]+thời|nhờ[ ]+đó|do[ ]+đó"
    r"|vì[ ]+vậy|tại|kết[ ]+quả|trong[ ]+năm|năm[ ]+qua)(?!\w)[^0-9]{0,40}\Z",
    _I,
)
_WORD_START_RE: Final = re.compile(r"(?<!\w)\w")
_LAST_WORD_END_RE: Final = re.compile(r".*\w(?!\w)", re.DOTALL)
_CLAUSE_KEYWORD_RE: Final = re.compile(
    r"ước|phấn[ ]+đấu|chỉ[ ]+tiêu|mục[ ]+tiêu|kế[ ]+hoạch|dự[ ]+kiến|dự[ ]+tính|dự[ ]+báo|estimated?|targets?", _I
)
_CONNECTOR_RE: Final = re.compile(r"(?:[ ,;:-]|(?<!\w)(?:và|hoặc|cùng[ ]+với|cùng|với|cũng[ ]+như)(?!\w))*", _I)
_LIST_MARKER_RE: Final = re.compile(r"[ ]*(?:(?:[0-9]{1,2}(?:\.[0-9]{1,2})*|[IVX]{1,4}|[a-zđ])[.)]|[-+•*])[ ]+", _I)
_LAST_JOINT_RE: Final = re.compile(r"(?<!\w)(?:và|hoặc)(?=(?:[ ]+[^\W\d_]+){0,2}[ ]*\Z)", _I)  # "và (có) 60"
_LEFT_REACH: Final = 120  # characters of evidence before a figure, beyond its clause keyword
_WIDE_REACH: Final = 400  # at most this much of a sentence on each side of a figure when the clause does not do
_NON_SPACE_RE: Final = re.compile(r"\S")
_ONE_SEPARATOR_RE: Final = re.compile(r"(?<![0-9][.,])[0-9]+[.,][0-9]{3}(?![0-9.,])")  # "1,200": read by language
_CUT_RE: Final = re.compile(r"(?:[,;:(.!?\n]|(?<!\w)(?:và|hoặc|cùng|với|như))[ ]*\Z", _I)  # a clean cut before evidence
_JOINING_WORDS: Final = ("và", "hoặc", "cùng", "với")

# --------------------------------------------------------------------------- changes

_CHANGE_WORDS: Final = frozenset({"tăng", "giảm", "vượt", "gấp", "sụt", "hụt", "trưởng", "chênh", "lệch"})
_COMPARATIVES: Final = frozenset({"cao", "thấp", "nhiều", "ít", "lớn", "nhỏ", "nhanh", "chậm"})
# words that may stand between a change word and its number: "tăng khoảng 5%", "tăng trưởng bình quân 12%"
_FILLERS: Final = (
    ("khoảng",), ("gần",), ("xấp", "xỉ"), ("trên",), ("hơn",), ("dưới",), ("ước",), ("thêm",), ("lần", "lượt"),
    ("tương", "ứng"), ("bình", "quân"), ("trung", "bình"), ("mỗi", "năm"), ("hằng", "năm"), ("hàng", "năm"),
    ("được",), ("là",), ("ở", "mức"), ("mức",), ("kế", "hoạch"), ("chỉ", "tiêu"), ("cùng", "kỳ"), ("so", "với"),
    ("năm", "trước"), ("bớt",), ("nhẹ",), ("mạnh",), ("đến",), ("tới",), ("ít", "nhất"), ("tối", "thiểu"),
    ("xuống",),
)  # fmt: skip
_FILLERS_BY_LAST: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    last: tuple(p for p in _FILLERS if p[-1] == last) for last in {p[-1] for p in _FILLERS}
}
# words after a change word that make the number the new level: "tăng lên 178", "giảm còn 5%", "tăng từ 150"
_LEVEL_AFTER_CHANGE: Final = frozenset({"lên", "còn", "từ", "thành", "đạt", "xuống còn"})
# what a percentage is compared with: "bằng 84% so với cùng kỳ", "đạt 105% kế hoạch", "so với năm 2018"
_PLAN_BASES: Final = r"cùng[ ]+kỳ|kế[ ]+hoạch|kh(?!\w)|chỉ[ ]+tiêu|dự[ ]+toán|mục[ ]+tiêu"  # also without "so với"
_BASES: Final = (
    rf"{_PLAN_BASES}|năm[ ]+(?:trước|ngoái|(?:19|20)[0-9]{{2}})|kỳ[ ]+trước|tháng[ ]+trước|quý[ ]+trước"
    r"|đầu[ ]+năm|cuối[ ]+năm|bình[ ]+quân"
)
_BASE_AFTER_RE: Final = re.compile(
    rf"[ ]*\(?[ ]*(?:(?:so[ ]+với|so)[ ]+(?:{_BASES})|(?:của[ ]+)?(?:{_PLAN_BASES}))(?!\w)", _I
)
_BASE_BEFORE_RE: Final = re.compile(rf"(?<!\w)so[ ]+(?:với[ ]+)?(?:{_BASES})(?!\w)", _I)

# --------------------------------------------------------------------------- context: qualifiers, stocks, headings

# "theo yêu cầu", "đáp ứng yêu cầu", "các kiến nghị": the noun, not a request
_RECOMMEND_NOUN_BEFORE: Final = frozenset({"theo", "ứng", "các", "những", "được", "số", "đúng", "với", "của", "có"})
# a level of these units is a stock (dated at one day), unless a flow word stands in its clause; money is a flow
_STOCK_DIMENSIONS: Final = {code: dim not in ("money", "rate", "rank", "score") for code, dim in _DIMENSIONS.items()}
_LINE_RE: Final = re.compile(r"[^\n]+")
_PLAN_HEADING_RE: Final = re.compile(  # not "chỉ tiêu" alone: "Một số chỉ tiêu chủ yếu" are the main indicators
    r"(?<!\w)(?:mục[ ]+tiêu|kế[ ]+hoạch|nhiệm[ ]+vụ|phương[ ]+hướng|định[ ]+hướng|chỉ[ ]+tiêu[ ]+(?:kế[ ]+hoạch"
    r"|phấn[ ]+đấu|đề[ ]+ra|được[ ]+giao|giao))(?!\w)",
    _I,
)
_RESULTS_HEADING_RE: Final = re.compile(
    r"(?<!\w)(?:kết[ ]+quả|tổng[ ]+kết|tình[ ]+hình|báo[ ]+cáo|đánh[ ]+giá|thực[ ]+hiện)(?!\w)", _I
)
_PLAN_PARENTHESIS_RE: Final = re.compile(  # "vượt chỉ tiêu Trung ương giao (50%": the value of the plan
    r"(?<!\w)(?:chỉ[ ]+tiêu|kế[ ]+hoạch|mục[ ]+tiêu)(?!\w)[^()0-9.;\n]{0,30}\([ ]*\Z", _I
)
# words that do not make a subject of their own between two figures ("..., ước 9 tháng đầu năm 2019 đạt ...")
_NOT_SUBJECT: Final = frozenset(
    "và hoặc còn riêng đã cũng ước tính dự kiến khoảng gần trên hơn dưới đạt là có chiếm với trong đó năm tháng quý "
    "đầu cuối ngày số thêm tăng giảm so cùng kỳ toàn tỉnh được bằng lên xuống mức tương ứng lần lượt nay hiện "
    "tổng cộng khoảng xấp xỉ từ đến tới trở lần nhau mỗi hằng hàng bình quân trung bình lũy luỹ kế".split()
)

# --------------------------------------------------------------------------- periods

_Y = r"(?:19|20)[0-9]{2}"
_PERIOD_FORMS: Final = tuple(
    (form, re.compile(rx))
    for form, rx in (
        ("day", rf"(?:ngày[ ]+)?(?P<d>[0-9]{{1,2}})(?:[ ]+tháng[ ]+|/|-)(?P<mo>[0-9]{{1,2}})"
                rf"(?:(?:[ ]+năm[ ]+|/|-)(?P<y>{_Y}|[0-9]{{2}}))?"),
        ("day", rf"(?P<y>{_Y})-(?P<mo>[0-9]{{1,2}})-(?P<d>[0-9]{{1,2}})"),
        ("month", rf"(?:tháng[ ]+)?(?P<mo>[0-9]{{1,2}})(?:[ ]+năm[ ]+|[ ]*/[ ]*|-)(?P<y>{_Y})"),
        ("month", r"tháng[ ]+(?P<mo>[0-9]{1,2})"),
        ("years", rf"(?:(?:từ[ ]+)?năm[ ]+|giai[ ]+đoạn[ ]+|thời[ ]+kỳ[ ]+)?(?P<y>{_Y})[ ]*(?:-|đến|tới)[ ]*"
                  rf"(?:năm[ ]+)?(?P<y2>{_Y})"),
        ("year", rf"(?:năm[ ]+|niên[ ]+độ[ ]+|giai[ ]+đoạn[ ]+|thời[ ]+kỳ[ ]+)?(?P<y>{_Y})"),
        ("months", rf"(?P<n>[0-9]{{1,2}})[ ]+tháng(?:[ ]+(?P<part>đầu|cuối))?(?P<nam>[ ]+năm)?(?:[ ]+nay)?"
                   rf"(?:[ ]+(?P<y>{_Y}))?"),
        ("quarter", rf"(?:quý|quí)[ ]+(?P<q>[1-4]|iv|i{{1,3}})(?:(?:[ ]+năm[ ]+|[ ]*/[ ]*|[ ]*-[ ]*)(?P<y>{_Y}))?"),
    )
)  # fmt: skip
_ROMAN_QUARTER_RE: Final = re.compile(
    rf"(?<!\w)(?=[qQ])(?:quý|quí)[ ]+(?:IV|I{{1,3}})(?!\w)(?:(?:[ ]+năm[ ]+|[ ]*/[ ]*|[ ]*-[ ]*){_Y}(?![0-9]))?", _I
)
_QUARTERS: Final = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_AS_OF_BEFORE_RE: Final = re.compile(
    r"(?<!\w)(?:(?:tính[ ]+)?(?:đến|tới)[ ]+(?:(?:hết|cuối)[ ]+)?|hết[ ]+|cuối[ ]+)\Z", _I
)
_BASE_PERIOD_BEFORE_RE: Final = re.compile(  # "so với cùng kỳ năm 2018", "so với cuối năm 2021"
    r"(?<!\w)(?:so[ ]+với|so|cùng[ ]+kỳ|hơn|như|bằng)[ ]+(?:(?:cùng[ ]+kỳ|kỳ|thời[ ]+điểm|cuối|đầu|hết)[ ]+)?\Z", _I
)
_DOC_DATE_GAP_RE: Final = re.compile(r"[ ,]*(?:(?:ban[ ]+hành|ký)[ ]+)?(?:ngày[ ]+)?", _I)
_MONTHS_TAIL_RE: Final = re.compile(r"[ ]+(?:đầu|cuối)[ ]+năm(?:[ ]+nay)?(?![ ]*[0-9])(?!\w)", _I)
_HEADING_MAX: Final = 100  # characters of a heading line ("2. Kết quả năm 2021")
_RELATIVE_AFTER_RE: Final = re.compile(r"[ ]+(?:qua|tới|sau|trước|gần|liên|kể|nữa|trở)(?!\w)", _I)


@dataclass(frozen=True, slots=True)
class _Period:
    start: int
    end: int
    text: str
    first: str | None  # ISO dates, None when the year is unknown
    last: str | None
    from_default_year: bool


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _interval(text: str, year: int | None) -> tuple[date | None, date | None, bool] | None:
    """The interval a time phrase names: (first day, last day, year taken from ``year``).

    ``(None, None, False)`` for a period whose year is unknown; None for a phrase
    that names no interval (a length of time such as *trong 5 tháng*).
    """
    s = " ".join(text.lower().split())
    for form, rx in _PERIOD_FORMS:  # noqa: B007 (form is read after the loop)
        m = rx.fullmatch(s)
        if m is not None:
            break
    else:
        return None
    g = m.groupdict()
    if form == "months":
        n = int(g["n"])
        if not 1 <= n <= 12 or not (g["part"] or g["nam"] or g["y"] or n in (3, 6, 9)):
            return None  # a length of time ("trong 5 tháng"), not a part of a year
    y_text = g.get("y")
    if y_text is None and year is None:
        return None, None, False
    y = (2000 + int(y_text) if len(y_text) == 2 else int(y_text)) if y_text else int(year or 0)
    default = y_text is None
    try:
        if form == "day":
            d = date(y, int(g["mo"]), int(g["d"]))
            return d, d, default
        if form == "month":
            mo = int(g["mo"])
            return date(y, mo, 1), _month_end(y, mo), default
        if form == "years":
            y2 = int(g["y2"])
            return (date(y, 1, 1), date(y2, 12, 31), False) if y < y2 else None
        if form == "year":
            return date(y, 1, 1), date(y, 12, 31), False
        if form == "months":
            n = int(g["n"])
            if g["part"] == "cuối":
                return date(y, 13 - n, 1), date(y, 12, 31), default
            return date(y, 1, 1), _month_end(y, n), default
        q = _QUARTERS[g["q"]]
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), default
    except ValueError:
        return None  # "ngày 31 tháng 2", year 0


def _periods(t: str, mentions: list[Mention], year: int | None) -> list[_Period]:
    """The periods a text states, in order: time mentions read as intervals, minus bases and document dates."""
    out: list[_Period] = []
    prev: Mention | None = None
    for m in mentions:
        if m.kind in ("date", "year", "period"):
            iv = _interval(m.text, year)
            doc_date = (
                prev is not None
                and prev.kind == "docnum"
                and _DOC_DATE_GAP_RE.fullmatch(t, prev.end, m.start) is not None
            )
            base = _BASE_PERIOD_BEFORE_RE.search(t, max(0, m.start - 24), m.start) is not None  # "so với năm 2018"
            relative = m.kind == "period" and not m.text[-4:].isdigit() and _RELATIVE_AFTER_RE.match(t, m.end)
            if iv is not None and not (doc_date or base or relative):  # relative: "trong 6 tháng qua"
                out.append(_as_of(t, m.start, m.end, iv))
        prev = m
    return out


def _as_of(t: str, start: int, end: int, iv: tuple[date | None, date | None, bool]) -> _Period:
    first, last, default = iv
    pre = _AS_OF_BEFORE_RE.search(t, max(0, start - 24), start)
    if pre is not None:
        start, first = pre.start(), last  # "đến hết năm 2020", "tính đến ngày 30/9/2019": a stock's as-of date
    return _Period(
        start, end, t[start:end], first.isoformat() if first else None, last.isoformat() if last else None, default
    )


# --------------------------------------------------------------------------- figures


@dataclass(slots=True)
class _Figure:
    value: float
    unit: str
    unit_text: str
    qualifier: str
    low: float | None
    high: float | None
    denominator: float | None
    start: int
    end: int
    num_start: int  # where the digits start (after a currency prefix)
    measure: bool
    source: str
    kw_start: int


def _figures(t: str, mentions: list[Mention]) -> list[_Figure]:
    """Quantities and measures as figures, each range merged into one figure."""
    out: list[_Figure] = []
    joined: _Figure | None = None
    for m in mentions:
        q = m.quantity
        if q is None:
            continue
        if joined is not None:  # the second number of a range
            joined.high, joined.end = q.value, q.end
            joined.unit, joined.unit_text = q.unit, m.unit_text
            joined.source = joined.source or m.qualifier_source
            joined.kw_start = joined.kw_start if joined.kw_start >= 0 else m.keyword_start
            out.append(joined)
            joined = None
            continue
        num_start = q.start
        while num_start < q.end and not t[num_start].isdigit():
            num_start += 1
        f = _Figure(q.value, q.unit, m.unit_text, q.qualifier, None, None, q.denominator, q.start, q.end, num_start,
                    m.kind == "measure", m.qualifier_source, m.keyword_start)  # fmt: skip
        if m.range_next:
            f.low = q.value
            joined = f
        else:
            out.append(f)
    if joined is not None:  # cannot happen: a range always has its second number
        out.append(joined)
    return out


def _lower_words(t: str, lo: int, hi: int) -> list[str]:
    return _WORD_RE.findall(t[lo:hi].lower())


def _strip_fillers(words: list[str]) -> list[str]:
    """Drop the filler words at the end of ``words`` ("tăng khoảng", "tăng trưởng bình quân")."""
    while words:
        for phrase in _FILLERS_BY_LAST.get(words[-1], ()):
            n = len(phrase)
            if len(words) >= n and tuple(words[-n:]) == phrase:
                del words[-n:]
                break
        else:
            return words
    return words


def _is_change(t: str, f: _Figure, lo: int, seg_end: int) -> bool:
    """Whether a change word governs the figure, or a percentage is compared with a base."""
    words = _lower_words(t, max(lo, f.start - 60), f.start)
    for i in range(len(words) - 1, -1, -1):
        if words[i][0].isdigit():
            words = words[i + 1 :]  # the words after the previous number
            break
    last = words[-1] if words else ""
    words = _strip_fillers(words) if last not in _LEVEL_AFTER_CHANGE else []  # "tăng lên 178": a level
    if words:
        w = words[-1]
        if w in _CHANGE_WORDS and not (w == "trưởng" and words[-2:-1] != ["tăng"]):
            return True
        if w == "hơn" and len(words) >= 2 and words[-2] in _COMPARATIVES:
            return True  # "cao hơn 3%"
        if w in _COMPARATIVES and last == "hơn":
            return True
    if f.unit == "percent":
        if _BASE_AFTER_RE.match(t, f.end, seg_end):
            return True  # "bằng 84% so với cùng kỳ", "đạt 105% kế hoạch"
        left = t[max(lo, f.start - 60) : f.start]
        base = _BASE_BEFORE_RE.search(left)
        if base and not any(c.isdigit() for c in left[base.end() :]):
            return True  # "so với kế hoạch đạt 95%"
    return False


class _Matcher:
    """Finds the keyword pattern nearest a figure among the keyword hits of its window."""

    def __init__(self, t: str, figures: list[_Figure], commas: list[int]) -> None:
        self.t, self.commas = t, commas
        self.figure_starts = [f.start for f in figures]
        self.count_ends = [f.end for f in figures if _DIMENSIONS.get(f.unit) == "count"]

    def best(
        self,
        rules: dict[int, tuple[_Rule, ...]],
        hits: dict[int, list[tuple[int, int]]],
        dims: frozenset[str],
        fs: int,
        fe: int,
    ) -> _Rule | None:
        """The rule whose keywords occur nearest the figure span [fs, fe); ties go to the pattern with more
        terms, then to the tighter match, then to the earlier rule."""
        best: tuple[int, int, int, int] | None = None
        found: _Rule | None = None
        counting = "count" in dims
        anything = "*" in dims
        candidates = [r for tid in hits for r in rules.get(tid, ()) if anything or r.dimension in dims]
        for rule in candidates:
            if len(rule.terms) > 1 and any(tid not in hits for tid in rule.terms):
                continue
            for first in hits[rule.terms[0]]:
                end = self._chain(rule.terms[1:], hits, first, fs)
                if end is None:
                    continue
                start = first[0]
                if end <= fs:
                    k = bisect.bisect_right(self.count_ends, start) - 1
                    if k >= 0 and start - self.count_ends[k] <= 2:
                        continue  # "04 cơ quan báo chí phát hành 1.250 kỳ báo": the counted noun of another count
                    if counting:
                        k = bisect.bisect_right(self.count_ends, end)
                        if k < len(self.count_ends) and self.count_ends[k] < fs:
                            continue  # a count does not take the keywords before another count
                    dist = fs - end
                elif start >= fe:  # after the figure: its counted noun or what the percentage is of
                    if _BARRIER_RE.search(self.t, fe, start):
                        continue  # "82 lượt khách giao dịch tại bưu cục": not what is counted
                    c = bisect.bisect_left(self.commas, fe)
                    dist = start - fe + (_COMMA_PENALTY if c < len(self.commas) and self.commas[c] < start else 0)
                else:
                    dist = 0  # around the figure: "cáp quang đã đến 100% trung tâm xã"
                key = (dist, -len(rule.terms), end - start, rule.order)
                if best is None or key < best:
                    best, found = key, rule
        return found

    def _chain(
        self, terms: tuple[int, ...], hits: dict[int, list[tuple[int, int]]], prev: tuple[int, int], fs: int
    ) -> int | None:
        """End of the nearest in-order continuation of a pattern after the hit ``prev``, or None.

        Two terms are at most :data:`_GAP` characters apart and no other figure stands between them."""
        if not terms:
            return prev[1]
        nxt = hits[terms[0]]
        for j in range(bisect.bisect_left(nxt, (prev[1], -1)), len(nxt)):  # the hits sorted by start: bisect
            h = nxt[j]
            if h[0] > prev[1] + _GAP:
                break
            k = bisect.bisect_left(self.figure_starts, prev[1])
            if k < len(self.figure_starts) and self.figure_starts[k] < h[0] and self.figure_starts[k] != fs:
                continue  # "doanh thu phần mềm đạt 45 tỉ, xuất khẩu phần mềm đạt 2,5 triệu USD"
            end = self._chain(terms[1:], hits, h, fs)
            if end is not None:
                return end
        return None


@dataclass(frozen=True)
class Extraction:
    """What :func:`extract` found in a text.

    Attributes
    ----------
    figures : pandas.DataFrame
        One row per stated figure, columns :data:`FIGURE_COLUMNS`: ``value``,
        ``unit`` (a code of ``data/units.csv``, ``""`` when the unit has none),
        ``unit_text`` (the unit words as written), ``qualifier``, ``kind``
        (:data:`FIGURE_KINDS`), ``low``/``high`` (a range), ``denominator`` (a
        ratio), ``period_start``/``period_end`` (ISO dates of the period the
        text states, or missing), ``period_text``, ``stock`` (a stock rather
        than a flow), ``sector``/``indicator`` (guessed, ``""`` when unknown),
        ``keywords`` (the keyword pattern that guessed the indicator),
        ``scope`` (``"national"`` or ``""``), ``evidence``, ``start``/``end``
        (the span of the figure in the NFC text), ``text`` (that span) and
        ``review`` (what to check, ``"; "``-separated).
    non_quantities : pandas.DataFrame
        Numbers that are not figures, columns :data:`NON_QUANTITY_COLUMNS`; the
        kinds are :data:`agstats.parsing.NON_QUANTITY_KINDS`.

    Examples
    --------
    >>> extract("Năm 2019 có 156 điểm phục vụ bưu chính, mạng 4G phủ 100% xã.")
    Extraction(2 figures: 2 level; 2 non-quantities: 1 technology, 1 year)
    """

    figures: pd.DataFrame
    non_quantities: pd.DataFrame

    def __repr__(self) -> str:
        def counts(col: pd.Series) -> str:
            vc = col.value_counts()
            return ", ".join(f"{n} {k}" for k, n in sorted(vc.items(), key=lambda kv: (-kv[1], kv[0])))

        f, n = self.figures, self.non_quantities
        fig = f"{len(f)} figure{'s' * (len(f) != 1)}" + (f": {counts(f.kind)}" if len(f) else "")
        nq = f"{len(n)} non-quantit{'ies' if len(n) != 1 else 'y'}" + (f": {counts(n.kind)}" if len(n) else "")
        return f"Extraction({fig}; {nq})"

    def draft_rows(self, *, source: str = "TODO", area: str = "an_giang_pre2025") -> pd.DataFrame:
        """The figures as draft rows of ``data/indicators.csv``; see :func:`draft_rows`."""
        return draft_rows(self, source=source, area=area)


def extract(text: str, *, year: int | None = None) -> Extraction:
    """Extract the figures and the non-quantities of a report text.

    Parameters
    ----------
    text : str
        The report (NFC or NFD; both give identical output).
    year : int, optional
        The year of time phrases that state none (``9 tháng đầu năm``, ``quý
        I``, ``6 tháng``), usually the report's year. Without it such periods
        have no dates and the review says so.

    Returns
    -------
    Extraction
        ``figures`` and ``non_quantities`` tables; spans refer to the NFC text
        (:func:`agstats.parsing.normalize`).

    Examples
    --------
    >>> x = extract("Phấn đấu đến năm 2025 có 80% hộ gia đình có cáp quang; đã có 47/96 xã đạt chuẩn.")
    >>> x.figures[["indicator", "value", "qualifier", "kind", "denominator", "period_end"]]
                      indicator  value qualifier   kind  denominator  period_end
    0  fibre_household_coverage   80.0    target  level          NaN  2025-12-31
    1                             47.0     exact  ratio         96.0         NaN
    >>> x.figures.review[1]
    'no indicator guessed; period not stated; ratio 47/96: value is the numerator'
    """
    import pandas as pd

    # The scan makes many small objects and no reference cycles: collecting them costs ~15 % for nothing. The
    # intermediate lists are dropped before the collector resumes, so that it has few objects to look at.
    with _gc_paused():
        t = normalize(text)
        mentions = _time_phrases(t, _scan_normalized(t))
        figures = _figures(t, mentions)
        rows = _Reader(t, figures, _periods(t, mentions, year)).rows() if figures else []
        figures_df = pd.DataFrame.from_records(rows, columns=list(FIGURE_COLUMNS)).astype(
            {
                "value": "float64",
                "low": "float64",
                "high": "float64",
                "denominator": "float64",
                "start": "int64",
                "end": "int64",
            }  # fmt: skip
        )
        nq = [(m.kind, m.text, m.start, m.end) for m in mentions if m.quantity is None]
        nq_df = pd.DataFrame(nq, columns=list(NON_QUANTITY_COLUMNS)).astype({"start": "int64", "end": "int64"})
        del mentions, figures, rows, nq
    return Extraction(figures_df, nq_df)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore its state afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def extract_figures(text: str, *, year: int | None = None) -> pd.DataFrame:
    """The figures of a report text: ``extract(text, year=year).figures``.

    Parameters
    ----------
    text : str
        The report (NFC or NFD).
    year : int, optional
        Year of time phrases that state none; see :func:`extract`.

    Returns
    -------
    pandas.DataFrame
        One row per figure, columns :data:`FIGURE_COLUMNS`.

    Examples
    --------
    >>> df = extract_figures("Doanh thu viễn thông năm 2018 đạt 3.300 tỷ đồng, tăng 23%; giảm 1-3 lần/ngày.")
    >>> df[["indicator", "value", "unit", "unit_text", "kind", "low", "high"]]
                    indicator   value           unit unit_text    kind  low  high
    0         telecom_revenue  3300.0         vnd_bn   tỷ đồng   level  NaN   NaN
    1  telecom_revenue_growth    23.0        percent         %  change  NaN   NaN
    2                             1.0  times_per_day  lần/ngày  change  1.0   3.0
    """
    return extract(text, year=year).figures


def _time_phrases(t: str, mentions: list[Mention]) -> list[Mention]:
    """Complete the time phrases of the scan: "quý IV năm 2020" (no digit before the year, so not one mention),
    "6 tháng cuối năm" (no year)."""
    out = mentions
    for i, m in enumerate(mentions):
        if m.kind == "period" and m.text[-5:].lower() == "tháng":
            tail = _MONTHS_TAIL_RE.match(t, m.end)
            if tail:
                if out is mentions:
                    out = list(mentions)
                out[i] = Mention("period", m.start, tail.end(), t[m.start : tail.end()])
    quarters = []
    for word in ("quý", "Quý", "QUÝ", "quí", "Quí", "QUÍ"):  # str.find is much faster than a regex search
        i = t.find(word)
        while i >= 0:
            q = _ROMAN_QUARTER_RE.match(t, i)
            if q:
                quarters.append(Mention("period", q.start(), q.end(), q.group()))
            i = t.find(word, i + 3)
    quarters.sort(key=lambda q: q.start)
    if quarters:  # drop the year mentions inside "quý IV năm 2020", in one pass
        ends = [q.end for q in quarters]
        kept = []
        for x in out:
            k = bisect.bisect_left(ends, x.end)
            if not (x.quantity is None and k < len(quarters) and quarters[k].start <= x.start):
                kept.append(x)
        out = sorted(kept + quarters, key=lambda x: x.start)
    return out


def _keyword_hits(t: str) -> tuple[list[int], list[tuple[int, int, frozenset[int]]], dict[str, list[int]]]:
    """Keyword hits (start, end, term ids) by start, and the starts of the context words by kind."""
    starts: list[int] = []
    hits: list[tuple[int, int, frozenset[int]]] = []
    context: dict[str, list[int]] = {kind: [] for kind in _CONTEXT_WORDS}
    satisfies, context_of = _SATISFIES, _CONTEXT_OF
    for m in _KEYWORD_RE.finditer(t):
        phrase = m.group(1)
        key = phrase if phrase in satisfies else phrase.lower()
        if key not in satisfies:
            key = " ".join(key.split())
        s = m.start()
        tids = satisfies[key]
        if tids:
            starts.append(s)
            hits.append((s, s + len(phrase), tids))
        kinds = context_of[key]
        if kinds:
            for kind in kinds:
                context[kind].append(s)
    return starts, hits, context


def _sector_context(t: str) -> tuple[list[int], list[str]]:
    """Where the text names the sector of what follows ("Lĩnh vực bưu chính", a heading "II. VIỄN THÔNG")."""
    found = [(m.start(), m.group("s")) for m in _SECTOR_RE.finditer(t)]
    for line in _LINE_RE.finditer(t):
        if line.end() - line.start() <= _HEADING_MAX:
            h = _SECTOR_HEADING_RE.fullmatch(t, line.start(), line.end())
            if h:
                found.append((line.start(), h.group("h")))
    found.sort()
    return [p for p, _ in found], [_SECTOR_OF_PHRASE[" ".join(ph.lower().split())] for _, ph in found]


# the provinces of the area codes (docs: COMMON conventions); "An Giang mới" / after the 2025 merger: an_giang_2025
AREA_NAMES: Final[dict[str, str]] = {
    "an giang": "an_giang_pre2025", "long an": "long_an", "tiền giang": "tien_giang", "bến tre": "ben_tre",
    "trà vinh": "tra_vinh", "vĩnh long": "vinh_long", "đồng tháp": "dong_thap", "cần thơ": "can_tho",
    "hậu giang": "hau_giang", "sóc trăng": "soc_trang", "kiên giang": "kien_giang", "bạc liêu": "bac_lieu",
    "cà mau": "ca_mau", "việt nam": "vietnam", "viet nam": "vietnam", "vietnam": "vietnam",
}  # fmt: skip
"""Province names -> area codes: the province named nearest before a figure sets its draft row's ``area``."""

_AREA_RE: Final = re.compile(
    r"(?<!\w)(?:(?P<name>" + "|".join(re.escape(n).replace(r"\ ", "[ ]+") for n in AREA_NAMES) + r")"
    r"|(?<=tỉnh )(?P<other>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][^\W\d_]*)(?:[ ]+[A-ZĐ][^\W\d_]*){0,2}))"
    r"(?!\w)(?P<new>[ ]+\(?mới\)?(?!\w))?",
    re.IGNORECASE,
)
_MERGED_RE: Final = re.compile(r"(?<!\w)sau[ ]+(?:sắp[ ]+xếp|sáp[ ]+nhập|hợp[ ]+nhất)(?!\w)", _I)


def _slug(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return "_".join("".join(c for c in s if not unicodedata.combining(c)).split())


def _area_context(t: str) -> tuple[list[int], list[str]]:
    """Where the text names a province (or Viet Nam), and its area code; another province named after "tỉnh"
    gets the slug of its name (not an area of the data package: the review says so)."""
    pos, codes = [], []
    for m in _AREA_RE.finditer(t):
        if m["name"] is not None:
            code = AREA_NAMES[" ".join(m["name"].lower().split())]
        elif m["other"][0].isupper():  # the capitalised words of the name (the regex ignores case)
            words = m["other"].split()
            k = next((i for i, w in enumerate(words) if not w[0].isupper()), len(words))
            code = _slug(" ".join(words[:k]))
        else:
            continue
        if code == "an_giang_pre2025" and (
            m["new"] or _MERGED_RE.search(t, max(0, m.start() - 120), m.start())
        ):  # "tỉnh An Giang mới", "Sau sắp xếp ..., tỉnh An Giang"
            code = "an_giang_2025"
        pos.append(m.start())
        codes.append(code)
    return pos, codes


@dataclass(frozen=True, slots=True)
class _Headings:
    """Short lines without a figure ("2. Kết quả năm 2021", "1. Mục tiêu"), by line end."""

    ends: list[int]
    periods: list[_Period | None]  # the first period the heading states
    texts: list[str]
    targets: list[bool]  # a plan section: "Mục tiêu", "Chỉ tiêu", "Phương hướng năm 2024"

    def at(self, pos: int) -> int:
        """Index of the last heading before ``pos``, or -1."""
        return bisect.bisect_left(self.ends, pos) - 1

    def period(self, pos: int) -> _Period | None:
        """The period of the last heading before ``pos`` that states one."""
        for k in range(self.at(pos), -1, -1):
            p = self.periods[k]
            if p is not None:
                return p
        return None


def _headings(t: str, periods: list[_Period], figures: list[_Figure]) -> _Headings:
    out = _Headings([], [], [], [])
    fig_starts = [f.start for f in figures]
    p_starts = [p.start for p in periods]
    for m in _LINE_RE.finditer(t):
        lo, hi = m.span()
        line = m.group().strip()
        if not line or len(line) > _HEADING_MAX or line[-1] in ".;:!?,":
            continue
        k = bisect.bisect_left(fig_starts, lo)
        if k < len(fig_starts) and fig_starts[k] < hi:
            continue  # a line with a figure is not a heading
        j = bisect.bisect_left(p_starts, lo)
        period = periods[j] if j < len(periods) and periods[j].end <= hi else None  # the first: "... năm 2023
        # và phương hướng năm 2024" reports 2023
        out.ends.append(hi)
        out.periods.append(period)
        out.texts.append(line)
        out.targets.append(_PLAN_HEADING_RE.search(line) is not None and _RESULTS_HEADING_RE.search(line) is None)
    return out


class _Clause(NamedTuple):
    """Where a figure stands: its sentence [s0, s1), its comma segment, its neighbours in the sentence."""

    s0: int
    s1: int
    seg_start: int
    seg_end: int
    prev_end: int  # end of the previous figure of the sentence, or -1
    next_start: int  # start of the next figure of the sentence, or -1
    own_end: int  # end of the figure's own part of the segment (before the next figure)
    reach: int  # how far after the figure its keywords may be


class _Reader:
    """Reads each figure of a text in context; everything that needs a pass over the text is done once here."""

    def __init__(self, t: str, figures: list[_Figure], periods: list[_Period]) -> None:
        self.t, self.figures, self.periods = t, figures, periods
        self.breaks: list[int] = []
        self.commas: list[int] = []
        for m in _BREAK_OR_COMMA_RE.finditer(t):
            (self.commas if m.group() == "," else self.breaks).append(m.start())
        self.kw_starts, self.kw_hits, context = _keyword_hits(t)
        self.flows, self.parts, self.national, self.recommends, self.changes = (
            context[k] for k in ("flow", "part", "national", "recommend", "change")
        )
        self.sec_pos, self.sec_names = _sector_context(t)
        self.area_pos, self.area_codes = _area_context(t)
        self.p_starts = [p.start for p in periods]
        self.heads = _headings(t, periods, figures)
        self.matcher = _Matcher(t, figures, self.commas)
        self.last_of: dict[str, int] = {}  # the last figure read so far with each indicator
        self._b = self._k = 0  # the first break and comma at or after the figure being read (see clause())

    def rows(self) -> list[tuple[Any, ...]]:
        """One tuple per figure, in the order of :data:`FIGURE_COLUMNS`."""
        t = self.t
        rows: list[tuple[Any, ...]] = []
        for i, f in enumerate(self.figures):
            c = self.clause(i, f)
            review: list[str] = []
            change = _between(
                self.changes, max(c.seg_start, c.prev_end, f.start - 64), min(c.seg_end, f.end + 48)
            ) and _is_change(t, f, max(c.seg_start, c.prev_end), c.seg_end)
            indicator, sector, keywords = self.indicator(i, f, c, change, review)
            scope = "national" if _between(self.national, c.s0, f.start) else ""
            k = bisect.bisect_right(self.area_pos, f.start) - 1
            area = self.area_codes[k] if k >= 0 else ""  # the province named nearest before the figure
            if scope:
                review.append("a national figure ('cả nước')")
            period = self.period(f, c, review)
            if change:
                kind = "change"
                review.append("change, not a level")
                if indicator:  # a growth rate or a change never gets the level's id
                    level = indicator
                    indicator = f"{level}_{'growth' if f.unit == 'percent' else 'change'}"
                    review.append(f"indicator '{indicator}': the {'growth' if f.unit == 'percent' else 'change'} "
                                  f"of '{level}', not in the catalogue")  # fmt: skip
            else:
                kind = "range" if f.low is not None else "ratio" if f.denominator is not None else "level"
            if f.low is not None:
                review.append(f"range {f.low:g}-{f.high:g}: value is the low end")
            if f.denominator is not None:
                review.append(f"ratio {f.value:g}/{f.denominator:g}: value is the numerator")
            qualifier = self.qualifier(f, c, review)
            if f.measure:
                review.append(f"unit not in units.csv: '{f.unit_text}'")
            elif f.unit not in _DIMENSIONS:  # "xếp thứ 12/34": a rank of another total than 63
                review.append(f"unit not in units.csv: '{f.unit}' (add it, or store the rank as 'rank')")
            stock = (
                kind != "change"
                and _STOCK_DIMENSIONS.get(f.unit, True)
                and not _between(self.flows, max(c.seg_start, c.prev_end, f.start - 80), min(c.seg_end, f.end + 22))
            )
            evidence = self.evidence(f, c, review)
            rows.append((
                f.value, f.unit, f.unit_text, qualifier, kind, f.low, f.high, f.denominator,
                period.first if period else None, period.last if period else None, period.text if period else "",
                stock, sector, indicator, keywords, scope, area, evidence, f.start, f.end, t[f.start : f.end],
                "; ".join(review),
            ))  # fmt: skip
            self.last_of[indicator] = i
        return rows

    def clause(self, i: int, f: _Figure) -> _Clause:
        """The sentence and segment of figure ``i`` (called in text order: the break and comma pointers only
        move forward)."""
        breaks, commas, figures, n = self.breaks, self.commas, self.figures, len(self.t)
        b, k, nb, nc = self._b, self._k, len(breaks), len(commas)
        while b < nb and breaks[b] < f.start:
            b += 1
        while k < nc and commas[k] < f.start:
            k += 1
        self._b, self._k = b, k
        s0 = breaks[b - 1] + 1 if b else 0
        seg_start = max(s0, commas[k - 1] + 1) if k else s0
        while b < nb and breaks[b] < f.end:
            b += 1
        while k < nc and commas[k] < f.end:
            k += 1
        s1 = breaks[b] if b < nb else n
        seg_end = min(s1, commas[k]) if k < nc else s1
        prev_end = figures[i - 1].end if i and figures[i - 1].end > s0 else -1
        next_start = figures[i + 1].start if i + 1 < len(figures) and figures[i + 1].start < s1 else -1
        own_end = min(seg_end, next_start) if 0 <= next_start < seg_end else seg_end
        reach = min(s1, f.end + _REACH, next_start if next_start >= 0 else s1)
        return _Clause(s0, s1, seg_start, seg_end, prev_end, next_start, own_end, reach)

    def indicator(self, i: int, f: _Figure, c: _Clause, change: bool, review: list[str]) -> tuple[str, str, str]:
        """The guessed indicator, its sector (else the section's) and the keyword pattern that found it."""
        t, kw_starts = self.t, self.kw_starts
        if change and f.unit == "percent":
            dims = _ANY_DIMENSION  # "tăng 12%": the growth of any indicator
        else:  # a ratio "47/96 xã" may be a share in percent
            dims = _RATIO_DIMENSIONS[f.unit] if f.denominator else _UNIT_DIMENSIONS[f.unit]
        window = bisect.bisect_left(kw_starts, f.start - _KEYWORD_WINDOW)  # linear time: a window, not the sentence
        lo = max(bisect.bisect_left(kw_starts, c.s0), window)
        hi = bisect.bisect_left(kw_starts, c.reach)
        if c.prev_end >= 0 and lo < hi and kw_starts[lo] < c.prev_end and _has_subject(t, c.prev_end, f.start):
            # a clause with its own subject after the previous figure does not take the keywords before it:
            # "doanh thu phần mềm đạt 45 tỉ đồng và xuất khẩu phần mềm đạt 2,5 triệu USD"
            lo = bisect.bisect_left(kw_starts, c.prev_end)
        elif (
            c.prev_end < 0
            and c.s0 > 0
            and t[c.s0 - 1] == ";"
            and not _has_subject(t, c.s0, f.start)
            and not _has_subject(t, f.end, min(c.own_end, f.end + 30))  # "; 100% thôn, ấp đã được phủ sóng"
        ):
            # "Doanh thu viễn thông quý III đạt 812 tỷ đồng; lũy kế 9 tháng đạt 2.395 tỷ đồng": the same subject
            b = bisect.bisect_left(self.breaks, c.s0 - 1)
            lo = max(bisect.bisect_left(kw_starts, self.breaks[b - 1] + 1 if b else 0), window)
        hits: dict[int, list[tuple[int, int]]] = {}
        for k in range(lo, hi):
            hs, he, tids = self.kw_hits[k]
            if he <= c.reach:
                for tid in tids:
                    if tid in hits:
                        hits[tid].append((hs, he))
                    else:
                        hits[tid] = [(hs, he)]
        k = bisect.bisect_right(self.sec_pos, f.start)
        section = self.sec_names[k - 1] if k else ""
        indicator, sector, keywords = "", section, ""
        rule = self.matcher.best(_RULES, hits, dims, f.num_start, f.end) if hits else None
        if rule is not None:
            indicator, sector, keywords = rule.indicator, rule.sector, rule.pattern
        elif hits and (generic := self.matcher.best(_GENERIC_RULES, hits, dims, f.num_start, f.end)):
            by_sector = dict(generic.by_sector)
            indicator = by_sector.get(section) or by_sector.get("*", "")
            if indicator:
                sector, keywords = _INDICATOR_SECTORS.get(indicator, section), generic.pattern
                review.append(f"indicator from '{keywords}' and the section's sector ({section or 'none'})")
        if indicator and _is_part(self.parts, self.last_of, self.figures, i, c.s0, indicator):
            review.append("part of a figure before it ('trong đó'): no indicator guessed")
            return "", sector, ""
        if not indicator:
            review.append("no indicator guessed")
        return indicator, sector, keywords

    def period(self, f: _Figure, c: _Clause, review: list[str]) -> _Period | None:
        """The period stated in the figure's sentence, else by the last heading before it."""
        period = _pick_period(self.periods, self.p_starts, c.s0, c.seg_start, f.start, f.end, c.own_end)
        if period is None:
            period = self.heads.period(f.start)
            review.append(f"period from a heading: '{period.text}'" if period else "period not stated")
        if period is not None and period.first is None:
            review.append(f"period year not stated ('{period.text}')")
        elif period is not None and period.from_default_year:
            review.append(f"period year from the year option ('{period.text}')")
        return period

    def qualifier(self, f: _Figure, c: _Clause, review: list[str]) -> str:
        """The parser's qualifier, or a target the context states (a plan value, a recommendation, a plan
        section); an exact figure only, so that the evidence still states it as ``agstats validate`` checks."""
        t, fs = self.t, f.start
        if f.source in ("clause", "word+clause"):
            review.append(f"qualifier from clause keyword '{_keyword_at(t, f.kw_start)}'")
            return f.qualifier
        if f.qualifier != "exact":
            return f.qualifier
        if _PLAN_PARENTHESIS_RE.search(t, max(0, fs - 60), fs):
            review.append("qualifier target: the value of a plan in parentheses")
            return "target"
        rec = _recommendation(t, self.recommends, c.s0, fs)
        if rec:  # "Thứ trưởng yêu cầu ... mỗi năm dành 1% ngân sách"
            review.append(f"qualifier target: a recommendation ('{rec}')")
            return "target"
        h = self.heads.at(fs)
        if h >= 0 and self.heads.targets[h]:
            review.append(f"qualifier target from the heading '{self.heads.texts[h][:40]}'")
            return "target"
        return "exact"

    def evidence(self, f: _Figure, c: _Clause, review: list[str]) -> str:
        """The clause stating the figure, checked with the parser (the whole sentence if it reads otherwise)."""
        t = self.t
        left, right = _evidence(t, f, c.s0, c.s1, c.seg_start, c.own_end, c.prev_end, self.commas)
        evidence = t[left:right]
        if not f.measure and _needs_check(t, left, f, c.s0) and not _states(evidence, f):
            evidence = _sentence_around(t, f, c.s0, c.s1)
            if not _states(evidence, f):
                review.append("evidence does not re-parse")
        return evidence


def _sentence_around(t: str, f: _Figure, s0: int, s1: int) -> str:
    """The sentence of a figure, at most :data:`_WIDE_REACH` characters on each side of it (whole words)."""
    left, right = s0, s1
    if f.start - left > _WIDE_REACH:
        m = _WORD_START_RE.search(t, f.start - _WIDE_REACH, f.start)
        left = m.start() if m else f.start
    if right - f.end > _WIDE_REACH:
        m = _LAST_WORD_END_RE.match(t, f.end, f.end + _WIDE_REACH)
        right = m.end() if m else f.end
    return t[left:right].strip(" ,;:-")


def _between(positions: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list of positions has one in [lo, hi)."""
    k = bisect.bisect_left(positions, lo)
    return k < len(positions) and positions[k] < hi


def _recommendation(t: str, starts: list[int], lo: int, hi: int) -> str:
    """The verb of a recommendation or request before a figure in its sentence ("yêu cầu", "kiến nghị"), or ""."""
    for k in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)):
        s = starts[k]
        before = _lower_words(t, max(lo, s - 12), s)
        if not before or before[-1] not in _RECOMMEND_NOUN_BEFORE:
            return " ".join(t[s : s + 12].split()[:2])
    return ""


def _has_subject(t: str, lo: int, hi: int) -> bool:
    """Whether the words between two figures name a subject of their own (two or more content words)."""
    n = 0
    for w in _WORD_RE.findall(t, lo, hi):
        if not w[0].isdigit() and w != "%" and w.lower() not in _NOT_SUBJECT:
            n += 1
            if n >= 2:
                return True
    return False


def _is_part(
    parts: list[int], last_of: dict[str, int], figures: list[_Figure], i: int, s0: int, indicator: str
) -> bool:
    """Whether figure ``i`` is part of an earlier figure of its sentence with the same indicator ("trong đó")."""
    j = last_of.get(indicator, -1)  # the nearest earlier figure with this indicator (a dict: linear time)
    if j < 0 or figures[j].end <= s0:
        return False
    return _between(parts, figures[j].end, figures[i].start)


def _keyword_at(t: str, start: int) -> str:
    m = _CLAUSE_KEYWORD_RE.match(t, start)
    return m.group() if m else t[start : start + 8]


def _pick_period(
    periods: list[_Period], starts: list[int], s0: int, seg_start: int, fs: int, fe: int, own_end: int
) -> _Period | None:
    """The period of a figure: nearest before it in its segment, first after it in its segment, nearest before."""
    lo = bisect.bisect_left(starts, s0)
    mid = bisect.bisect_left(starts, fs)
    before = None
    for k in range(mid - 1, lo - 1, -1):
        if periods[k].end <= fs:
            before = periods[k]
            break
    if before is not None and before.start >= seg_start:
        return before
    k = bisect.bisect_left(starts, fe)
    if k < len(periods) and periods[k].start < own_end:
        return periods[k]
    return before


def _evidence(
    t: str, f: _Figure, s0: int, s1: int, seg_start: int, own_end: int, prev_end: int, commas: list[int]
) -> tuple[int, int]:
    """The span of the clause that states a figure (see the module documentation)."""
    fs, fe = f.start, f.end
    if prev_end >= 0:  # after the previous figure: after the last comma or "và" before this one
        c = bisect.bisect_left(commas, fs) - 1
        left = commas[c] + 1 if c >= 0 and commas[c] >= prev_end else prev_end
        joint = _LAST_JOINT_RE.search(t, left, fs)
        left = joint.end() if joint else left
    else:
        left = s0
        if fs - left > _LEFT_REACH:  # segments far before the figure are dropped: jump over them (linear time)
            c = bisect.bisect_left(commas, fs - _LEFT_REACH - 1)
            if c > 0 and commas[c - 1] >= s0:
                left = min(commas[c - 1] + 1, seg_start)
        while left < seg_start:  # drop leading discourse segments ("Theo đó,", "Lĩnh vực bưu chính,") ...
            c = bisect.bisect_left(commas, left)
            comma = commas[c] if c < len(commas) else seg_start
            if comma >= seg_start or (not _DISCOURSE_RE.match(t, left, comma) and fs - left <= _LEFT_REACH):
                break  # ... and segments far before the figure
            left = comma + 1
    conn = _CONNECTOR_RE.match(t, left, fs)  # always matches (possibly empty)
    left = conn.end() if conn else left
    if f.kw_start >= 0 and f.source in ("clause", "word+clause"):
        left = min(left, f.kw_start)
    elif fs - left > _LEFT_REACH:
        m = _WORD_START_RE.search(t, fs - _LEFT_REACH, fs)
        left = m.start() if m else fs
    right = own_end
    if right > fe + 100:
        cap = _LAST_WORD_END_RE.search(t, fe, fe + 100)
        right = cap.end() if cap else fe
    right = _rstrip_connectors(t, fe, right)
    marker = _LIST_MARKER_RE.match(t, left, fs)  # "a) ", "2. ", "- " opening a line
    if marker:
        left = marker.end()
    while left < fs and t[left] in " ,;:-":
        left += 1
    return left, right


def _needs_check(t: str, left: int, f: _Figure, s0: int) -> bool:
    """Whether the parser may read the figure differently in its evidence than in the whole text.

    The parser reads a number from the last words of its clause before it (labels and qualifiers of up to three
    words; the evidence keeps the clause keyword) and from the words after it (which the evidence keeps). The
    evidence is cut at the sentence start, at a comma or a "và", or more than three words before the figure, so
    these words are the same, except: a number whose digit grouping depends on the language around it ("1,200"),
    a figure opening its evidence and followed by "." or ")" (which could read as a list marker), and a cut that
    is none of the above."""
    if _ONE_SEPARATOR_RE.search(t, f.num_start, f.end):
        return True
    if _NON_SPACE_RE.search(t, s0, left) is None:
        return False  # from the start of the sentence
    if left == f.start:
        return t[f.end : f.end + 1] in (".", ")") or _CUT_RE.search(t, max(0, left - 12), left) is None
    return len(_WORD_RE.findall(t, left, f.start)) < 4 and _CUT_RE.search(t, max(0, left - 12), left) is None


def _rstrip_connectors(t: str, lo: int, hi: int) -> int:
    """The end of ``t[lo:hi]`` without the spaces, punctuation and joining words ("và") it ends with."""
    while hi > lo:
        if t[hi - 1] in " ,;:-":
            hi -= 1
            continue
        for w in _JOINING_WORDS:
            n = len(w)
            if hi - n >= lo and t[hi - n : hi].lower() == w and not t[hi - n - 1 : hi - n].isalnum():
                hi -= n
                break
        else:
            return hi
    return hi


def _states(evidence: str, f: _Figure) -> bool:
    """Whether the parser reads the figure in its evidence, as ``agstats validate`` will check it."""
    for q in find_quantities(evidence):
        if q.value == f.value and q.unit == f.unit and q.qualifier == f.qualifier:
            return True
    return False


# --------------------------------------------------------------------------- draft rows


def draft_rows(
    extraction: Extraction | pd.DataFrame,
    *,
    source: str = "TODO",
    area: str = "an_giang_pre2025",
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Shape figures like ``data/indicators.csv``, with a ``review`` column.

    Parameters
    ----------
    extraction : Extraction or pandas.DataFrame
        An :class:`Extraction` or its ``figures`` table.
    source : str
        The source id of the report in ``sources.csv`` (``"TODO"`` until it
        has one).
    area : str
        The area of every row.
    indicators : pandas.DataFrame, optional
        The existing indicators, for the labels of a guessed indicator and to
        flag figures already in the data; by default
        :func:`agstats.load_indicators`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DRAFT_COLUMNS`; ``method`` is ``stated``; ``label_en``
        and ``label_vi`` come from the guessed indicator's existing rows (empty
        when none was guessed); ``review`` says what to check before a row
        goes into ``data/indicators.csv``.

    Examples
    --------
    >>> rows = draft_rows(extract("doanh thu viễn thông năm 2018 đạt 3.300 tỷ đồng"), source="mic2019")
    >>> rows.loc[0, ["indicator", "label_vi", "unit", "period_start", "source", "method"]].tolist()
    ['telecom_revenue', 'Doanh thu viễn thông', 'vnd_bn', '2018-01-01', 'mic2019', 'stated']
    >>> rows.review[0]  # the row is there already; no province named: the default area
    "area not named in the text: the default 'an_giang_pre2025'; already in data/indicators.csv, line 5"
    """
    import pandas as pd

    figures = extraction.figures if isinstance(extraction, Extraction) else extraction
    if indicators is None:
        from .io import load_indicators

        indicators = load_indicators(area="all")  # every row: line numbers are those of the file
    labels = indicators.drop_duplicates("indicator").set_index("indicator")[["label_en", "label_vi"]]
    existing: dict[tuple[str, float, str, str, str, str], int] = {}
    for line, r in enumerate(indicators.itertuples(index=False), start=2):
        key = (str(r.indicator), float(str(r.value)), str(r.unit), _iso(r.period_start), _iso(r.period_end),
               str(r.area))  # fmt: skip
        existing.setdefault(key, line)
    rows = []
    for r in figures.itertuples(index=False):
        review = [x for x in str(r.review).split("; ") if x]
        ind = str(r.indicator)
        if ind and ind in labels.index:
            label_en, label_vi = (str(v) for v in labels.loc[ind])
        else:
            label_en = label_vi = ""
        p0, p1 = _iso(r.period_start), _iso(r.period_end)
        if r.stock and p0 and p0 != p1:
            p0 = p1  # the project's rule (docs/decisions.md): a stock carries its as-of date in both columns
            review.append(f"a stock: dated at the end of '{r.period_text}'")
        named = str(getattr(r, "area", "") or "")
        row_area = named or area
        if r.scope == "national" and row_area != "vietnam":
            review.append(f"area set to vietnam, not {row_area}")
            row_area = "vietnam"
        elif not named:
            review.append(f"area not named in the text: the default '{area}'")
        elif named not in _KNOWN_AREAS:
            review.append(f"area '{named}' named in the text is not an area of the data package")
        dup = existing.get((ind, float(str(r.value)), str(r.unit), p0, p1, row_area))
        if dup is not None:
            review.append(f"already in data/indicators.csv, line {dup}")
        rows.append({
            "indicator": ind, "sector": r.sector, "label_en": label_en, "label_vi": label_vi, "value": r.value,
            "unit": r.unit, "period_start": p0 or None, "period_end": p1 or None, "qualifier": r.qualifier,
            "area": row_area, "source": source, "evidence": r.evidence, "method": "stated", "note": "",
            "review": "; ".join(review),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=list(DRAFT_COLUMNS)).astype({"value": "float64"})


_KNOWN_AREAS: Final = frozenset({*AREA_NAMES.values(), "an_giang_2025", "an_giang_kien_giang_pre2025"})


def _iso(value: object) -> str:
    """An ISO date string from a date-like value; "" for a missing one."""
    if value is None or value != value:  # None, NaN, NaT
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    return str(value)[:10]
