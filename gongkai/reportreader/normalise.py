"""Text normalisation: OpenCC traditional → simplified, full-width → half-width, line ends, pinyin
readings inserted by mirror sites, and the markup and page footers removed from each line."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x200B: None,  # zero-width space
        0x200C: None,
        0x200D: None,
        0xFEFF: None,
        0x2212: ord("-"),  # minus sign
        0xFE63: ord("-"),
    }
)

# Kangxi radicals (U+2F00–U+2FD5) and CJK radical supplements (U+2E80–U+2EF3) look like the ideographs
# they stand for; PDF printers (Chromium's print-to-PDF among them) map glyphs of common characters to
# them: "⼆、主动公开" is 二、主动公开. NFKC maps the Kangxi block; the supplements it leaves are mapped
# here to the simplified character a government text means.
_RADICALS = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)}
_RADICALS.update({ord(k): v for k, v in {
    "⺁": "厂", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "尢", "⺐": "尢",
    "⺓": "幺", "⺕": "彐", "⺛": "旡", "⺝": "月", "⺟": "母", "⺠": "民", "⺡": "水", "⺣": "火",
    "⺤": "爪", "⺥": "爪", "⺦": "丬", "⺧": "牛", "⺨": "犬", "⺩": "王", "⺪": "疋", "⺫": "目",
    "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟", "⺲": "罒", "⺳": "网", "⺴": "网",
    "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "老", "⺺": "肀", "⺻": "聿", "⺼": "肉",
    "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衣", "⻃": "襾", "⻄": "西",
    "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶",
    "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅", "⻑": "长", "⻒": "长", "⻓": "长", "⻔": "门",
    "⻕": "门", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞",
    "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨", "⻤": "鬼",
    "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐",
    "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
}.items()})

_t2s_converter: Any = None


def _t2s(text: str) -> str:
    """Traditional → simplified with OpenCC (identity if OpenCC is not installed)."""
    global _t2s_converter
    if _t2s_converter is None:
        try:
            import opencc

            _t2s_converter = opencc.OpenCC("t2s")
        except Exception:  # pragma: no cover - OpenCC is a project dependency
            _t2s_converter = False
    if not _t2s_converter or text.isascii():
        return text
    return _t2s_converter.convert(text)


# Mirror sites insert the reading of some characters after them: "數(shù)據(jù)", "鎮(zhèn)". A reading is
# lower-case pinyin with at least one tone mark, in brackets, right after a Chinese character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")


def normalize_text(text: str) -> str:
    """Simplified characters (radical look-alikes included), half-width ASCII, ``\\n`` line ends,
    pinyin readings inserted after characters dropped; nothing else changes."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _PINYIN.sub("", _t2s(text.translate(_RADICALS)).translate(_HALFWIDTH))


# Inline markup left by copying from web pages or markdown converters.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
# Page footers and headers inside PDF text: "- 3 -", "第 3 页", "第3页 共5页", "共 5 页", "3/5".
_FOOTER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页(?:\s*[,/]?\s*第\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)\s*$",
    re.IGNORECASE,
)
# Each run of spaces has one place to go (no "\s*\|?\s*"), so a long line of spaces costs linear time.
_MD_RULE = re.compile(r"^\s*(?:\|\s*)?:?[-=]{3,}:?\s*(?:\|\s*:?[-=]{3,}:?\s*)*(?:\|\s*)?$")


def clean_line(line: str) -> str:
    """A line without inline markup, markdown emphasis and rules, page footers or trailing spaces."""
    s = _TAG.sub("", line)
    s = _HEADING.sub("", s)
    s = s.replace("**", "").replace("__", "")
    if _FOOTER.match(s) or _MD_RULE.match(s):
        return ""
    return s.rstrip(" ")  # trailing tabs are (blank) cells


def compact(s: str) -> str:
    """``s`` without any whitespace."""
    return "".join(s.split())
