"""Names of the areas the data covers, in English and Vietnamese.

The codes are the data package's ``area`` enumeration (see docs/areas.md).

Examples
--------
>>> from agstats.areas import area_name
>>> area_name("can_tho", "en"), area_name("can_tho", "vi")
('Can Tho', 'Cần Thơ')
"""

from __future__ import annotations

from .language import LANGUAGES, check_language

__all__ = ["AREA_NAMES", "area_name"]

#: code -> (English name, Vietnamese name). English names without diacritics, as
#: international statistics write them; Vietnamese names as the provinces write them.
AREA_NAMES: dict[str, tuple[str, str]] = {
    "an_giang_pre2025": ("An Giang", "An Giang"),
    "an_giang_2025": ("An Giang (merged province, from 1 July 2025)", "An Giang (tỉnh mới, từ 1/7/2025)"),
    "vietnam": ("Viet Nam", "Việt Nam"),
    "long_an": ("Long An", "Long An"),
    "tien_giang": ("Tien Giang", "Tiền Giang"),
    "ben_tre": ("Ben Tre", "Bến Tre"),
    "tra_vinh": ("Tra Vinh", "Trà Vinh"),
    "vinh_long": ("Vinh Long", "Vĩnh Long"),
    "dong_thap": ("Dong Thap", "Đồng Tháp"),
    "can_tho": ("Can Tho", "Cần Thơ"),
    "hau_giang": ("Hau Giang", "Hậu Giang"),
    "soc_trang": ("Soc Trang", "Sóc Trăng"),
    "kien_giang": ("Kien Giang", "Kiên Giang"),
    "bac_lieu": ("Bac Lieu", "Bạc Liêu"),
    "ca_mau": ("Ca Mau", "Cà Mau"),
    "an_giang_kien_giang_pre2025": (
        "An Giang + Kien Giang (before the merger)",
        "An Giang + Kiên Giang (trước sáp nhập)",
    ),
}


def area_name(code: str, language: str | None = None) -> str:
    """The name of an area for people, in the current (or given) language.

    Raises
    ------
    KeyError
        For a code the data package does not define.

    Examples
    --------
    >>> area_name("an_giang_kien_giang_pre2025", "vi")
    'An Giang + Kiên Giang (trước sáp nhập)'
    """
    lang = check_language(language)
    try:
        names = AREA_NAMES[str(code)]
    except KeyError:
        raise KeyError(f"unknown area code {code!r}; see docs/areas.md") from None
    return names[LANGUAGES.index(lang)]
