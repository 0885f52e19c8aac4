"""索引号 (index number) templates of the policy library.

Pure standard-library module: no Django import. See docs/domain.md 6.4.

The 索引号 is assigned automatically, unique and immutable after publication. The default
template is ``{uscc}/{YYYY}-{NNNNN}`` (``11441700007280420Y/2021-00050``) and the serial resets
each year (project convention; configurable), so every template must contain a year and a serial.
Older central documents use a 9-digit organisation code in the first slot (``000014349/2017-00110``).

Placeholders:

=============  ==============================================================
``{uscc}``     统一社会信用代码 (or the organisation code) of the organ
``{code}``     the organ's short code in this system
``{YYYY}``     4-digit year
``{YY}``       last two digits of the year
``{NNN}``…     the serial, zero-padded to the number of N (3 to 8 of them)
=============  ==============================================================
"""

from __future__ import annotations

import re

__all__ = [
    "DEFAULT_TEMPLATE",
    "PLACEHOLDERS",
    "SERIAL_WIDTH_MIN",
    "SERIAL_WIDTH_MAX",
    "validate_template",
    "format_index_no",
    "parse_index_no",
]

# Domain 6.4: {统一社会信用代码}/{YYYY}-{NNNNN} (project convention; configurable).
DEFAULT_TEMPLATE = "{uscc}/{YYYY}-{NNNNN}"
SERIAL_WIDTH_MIN = 3
SERIAL_WIDTH_MAX = 8
PLACEHOLDERS = ("{uscc}", "{code}", "{YYYY}", "{YY}", "{NNNNN}")

_TOKEN = re.compile(r"\{([^{}]*)\}")
_SERIAL = re.compile(r"N+")
_YEAR_TOKENS = {"YYYY", "YY"}
_OTHER_TOKENS = {"uscc", "code"}
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _tokens(template: str) -> list[str]:
    """The placeholder names of a template; raises ValueError for a malformed one."""
    if not isinstance(template, str) or not template.strip():
        raise ValueError("索引号模板不能为空")
    names = _TOKEN.findall(template)
    if "{" in _TOKEN.sub("", template) or "}" in _TOKEN.sub("", template):
        raise ValueError("索引号模板的花括号不成对，占位符应写成 {YYYY} 这样的形式")
    for name in names:
        if name in _YEAR_TOKENS or name in _OTHER_TOKENS:
            continue
        if _SERIAL.fullmatch(name):
            if not SERIAL_WIDTH_MIN <= len(name) <= SERIAL_WIDTH_MAX:
                raise ValueError(
                    f"索引号模板的序号占位符应由{SERIAL_WIDTH_MIN}至{SERIAL_WIDTH_MAX}个N组成，如 {{NNNNN}}"
                )
            continue
        raise ValueError(f"索引号模板含有无法识别的占位符：{{{name}}}（可用 {' '.join(PLACEHOLDERS)}）")
    return names


def validate_template(template: str) -> str:
    """Check an 索引号 template and return it unchanged.

    Raises ValueError (Chinese message) for unknown or malformed placeholders, and when the
    template lacks a serial or a year: the serial resets each year, so the year is what keeps
    the numbers unique (domain 6.4).
    """
    names = _tokens(template)
    serials = [n for n in names if _SERIAL.fullmatch(n)]
    if len(serials) > 1:
        raise ValueError("索引号模板只能有一个序号占位符")
    if not serials:
        raise ValueError("索引号模板缺少序号占位符（如 {NNNNN}），无法保证索引号唯一")
    if not any(n in _YEAR_TOKENS for n in names):
        raise ValueError("索引号模板缺少年份占位符（{YYYY} 或 {YY}）：序号每年重新编排，缺少年份会产生重复的索引号")
    return template


def format_index_no(template: str, *, uscc: str, year: int, serial: int, agency_code: str = "") -> str:
    """Render an 索引号.

    ``format_index_no(DEFAULT_TEMPLATE, uscc='11441700007280420Y', year=2021, serial=50)
    == '11441700007280420Y/2021-00050'``
    """
    names = _tokens(validate_template(template))
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise ValueError("索引号的年份应为4位数字")
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 1:
        raise ValueError("索引号的序号应为正整数")
    values: dict[str, str] = {"YYYY": f"{year:04d}", "YY": f"{year % 100:02d}"}
    if "uscc" in names:
        # No checksum test here: the slot may also hold a 9-digit organisation code (domain 6.4).
        value = (uscc or "").translate(_HALFWIDTH).strip().upper()
        if not value:
            raise ValueError("索引号模板使用了 {uscc}，但机关没有填写统一社会信用代码")
        if any(c.isspace() or c in "{}" for c in value):
            raise ValueError("统一社会信用代码不能包含空格或花括号")
        values["uscc"] = value
    if "code" in names:
        value = (agency_code or "").strip()
        if not value:
            raise ValueError("索引号模板使用了 {code}，但没有提供机关代码")
        if any(c.isspace() or c in "{}" for c in value):
            raise ValueError("机关代码不能包含空格或花括号")
        values["code"] = value
    for name in names:
        if _SERIAL.fullmatch(name):
            if serial >= 10 ** len(name):
                raise ValueError(f"序号{serial}超出索引号模板的{len(name)}位序号，请加长模板中的序号位数")
            values[name] = f"{serial:0{len(name)}d}"
    return _TOKEN.sub(lambda m: values[m[1]], template)


def parse_index_no(template: str, value: str) -> dict[str, str | int] | None:
    """Read an 索引号 back against its template, or ``None`` if it does not fit.

    Returns the parts present in the template: ``uscc``, ``code`` (strings), ``year`` (int; from
    {YY} as 2000 + YY) and ``serial`` (int). Useful to find the highest serial already used.
    """
    names = _tokens(validate_template(template))
    pattern = []
    last = 0
    seen: set[str] = set()
    for m in _TOKEN.finditer(template):
        pattern.append(re.escape(template[last : m.start()]))
        name = m[1]
        group = "serial" if _SERIAL.fullmatch(name) else name
        if group in seen:
            pattern.append(f"(?P={group})")
        else:
            seen.add(group)
            regex = {
                "YYYY": r"[0-9]{4}",
                "YY": r"[0-9]{2}",
                "uscc": r"[^\s{}]+?",
                "code": r"[^\s{}]+?",
            }.get(name, rf"[0-9]{{{len(name)}}}")
            pattern.append(f"(?P<{group}>{regex})")
        last = m.end()
    pattern.append(re.escape(template[last:]))
    m = re.fullmatch("".join(pattern), (value or "").strip())
    if m is None:
        return None
    parts: dict[str, str | int] = {}
    for name in names:
        if name == "YYYY":
            parts["year"] = int(m["YYYY"])
        elif name == "YY" and "YYYY" not in names:
            parts["year"] = 2000 + int(m["YY"])
        elif name in _OTHER_TOKENS:
            parts[name] = m[name]
    parts["serial"] = int(m["serial"])
    return parts
