"""The chrome of a government web page, dropped before a text is cut into reports.

A report copied or printed from its page brings the page's navigation along: "上一篇：XX2022年政府信息
公开工作年度报告" and a 相关链接 list name other years' reports, and each such title was read as the start
of another (phantom) report with three false findings; tool lines (【打印本页】【关闭窗口】, 字号：大 中
小) land between paragraphs. Dropped lines become blank, so line numbers stay those of the input.
"""

from __future__ import annotations

import re

from gongkai.reportreader.normalise import compact

# Matched on the line without its leading spaces: one run of spaces has one place to go (linear time).
_NAV = re.compile(r"^[【\[]?(?:上一篇|下一篇|上一条|下一条|上篇|下篇|上一页|下一页)")
_TOOL_WORDS = re.compile(
    r"^(?:打印本页|打印此页|打印正文|打印|关闭窗口|关闭本页|关闭|返回顶部|返回列表|收藏本页|收藏|加入收藏|分享到|分享|"
    r"字号|字体|默认|[大中小]|扫一扫在手机打开当前页|纠错|[:：·])+$"
)
_BRACKETS = re.compile(r"[【】\[\]()（）]")
_RELATED = {"相关链接", "相关文章", "相关阅读", "相关信息", "相关文件", "延伸阅读", "相关新闻", "相关推荐", "相关稿件",
            "相关政策", "相关报告"}
_MAX_RELATED_LINES = 30
_MAX_TITLE_CHARS = 80


def _is_tool_line(c: str) -> bool:
    bare = _BRACKETS.sub("", c)
    # At least two characters: a lone 大, 中 or 小 may be a table's cell; a line of punctuation too.
    return 2 <= len(bare) <= 60 and bool(_TOOL_WORDS.match(bare)) and not bare.strip(":：·") == ""


def _is_link_title(line: str, c: str) -> bool:
    return bool(c) and "\t" not in line and "。" not in c and len(c) <= _MAX_TITLE_CHARS


def drop_page_chrome(lines: list[str]) -> list[str]:
    """``lines`` with navigation, tool lines and 相关链接 lists blanked (see the module docstring)."""
    out = list(lines)
    i = 0
    while i < len(out):
        line = out[i]
        c = compact(line)
        if not c:
            i += 1
            continue
        if _NAV.match(line.lstrip()) or _is_tool_line(c):
            out[i] = ""
        elif _BRACKETS.sub("", c).rstrip(":：") in _RELATED:
            out[i] = ""
            j = i + 1
            while j < len(out) and j - i <= _MAX_RELATED_LINES:
                cj = compact(out[j])
                if cj and not _is_link_title(out[j], cj):
                    break
                out[j] = ""
                j += 1
            i = j
            continue
        i += 1
    return out
