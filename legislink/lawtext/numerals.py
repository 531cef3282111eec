"""Chinese numerals as written in legal texts, both ways.

Labels like 第一千二百六十条, 第二百零五条 and 第一千零一十条 follow the standard
reading of Chinese numbers: 十 without a leading 一 at the start, 零 for every gap.
"""

import re
from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# Full-width digits as residents type them on phones.
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
CHINESE_NUMERAL_PATTERN = f"[{NUMERAL_CHARS}]+"
NUMERAL_PATTERN = f"{CHINESE_NUMERAL_PATTERN}|[0-9０-９]+"
_NUMERAL_RE = re.compile(rf"(?:{NUMERAL_PATTERN})")


@lru_cache(maxsize=8192)  # a law repeats the same few thousand labels
def cn_to_int(text: str) -> int:
    """Read a Chinese (一千零一十) or Arabic (1010, full-width too) numeral.

    Raises ValueError for anything else, including an empty string.
    """
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total = section = digit = 0
    seen_digit = False
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
            seen_digit = True
        elif ch in SMALL_UNITS:
            section += (digit if seen_digit else 1) * SMALL_UNITS[ch]
            digit, seen_digit = 0, False
        elif ch in BIG_UNITS:
            total = (total + section + digit) * BIG_UNITS[ch]
            section = digit = 0
            seen_digit = False
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return total + section + digit


def _below_ten_thousand(n: int, leading: bool) -> str:
    """Spell 0 < n < 10000; `leading` means nothing comes before it."""
    out = []
    pending_zero = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        if unit == "十" and d == 1 and not out and leading:
            out.append("十")
        else:
            out.append("零一二三四五六七八九"[d] + unit)
    return "".join(out)


@lru_cache(maxsize=8192)
def int_to_cn(n: int) -> str:
    """Spell a non-negative integer the way labels are written: 1010 -> 一千零一十."""
    if n < 0:
        raise ValueError("negative numbers are not labels")
    if n == 0:
        return "零"
    parts = []
    for unit_value, unit in ((100_000_000, "亿"), (10_000, "万"), (1, "")):
        chunk = n // unit_value % 10_000 if unit else n % 10_000
        if unit == "亿":
            chunk = n // unit_value
        if chunk == 0:
            if parts:
                parts.append("零")
            continue
        if parts and chunk < 1000 and parts[-1] != "零":
            parts.append("零")
        parts.append(_below_ten_thousand(chunk, leading=not parts) + unit)
    text = "".join(parts)
    return re.sub("零+", "零", text).rstrip("零")


def find_numerals(text: str) -> list[str]:
    """Every run of numeral characters in `text`, in order."""
    return _NUMERAL_RE.findall(text)
