"""Codes of the annual report: the two formats, the sections and tables, value kinds, the column codes
of tables 三 and 四 and the fixed headings of the official tables (domain 5.2–5.5, 5.9)."""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------

FORMAT_2021 = "2021"
FORMAT_2019 = "2019_trial"
FORMATS: tuple[str, ...] = (FORMAT_2019, FORMAT_2021)

# The documents that fix each format (domain "Normative basis" and 5.9).
FORMAT_DOCUMENTS: dict[str, str] = {
    FORMAT_2021: "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
    FORMAT_2019: "政府信息公开工作年度报告格式（试行）（国办公开办函〔2019〕60号）",
}

# First report year of each format: the trial format for the reports on 2019 and 2020, the 30号
# format from the reports on 2021 onward (domain 5.9).
FIRST_YEAR: dict[str, int] = {FORMAT_2019: 2019, FORMAT_2021: 2021}


class UnknownFormat(ValueError):
    """Unknown report format version; ``str(e)`` is the Chinese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------
# Sections (domain 5.2; identical in both formats)
# ---------------------------------------------------------------------------

TABLE_PROACTIVE = "proactive"
TABLE_APPLICATIONS = "applications"
TABLE_REVIEW_LITIGATION = "review_litigation"
TABLES: tuple[str, ...] = (TABLE_PROACTIVE, TABLE_APPLICATIONS, TABLE_REVIEW_LITIGATION)

# (key, exact title) in order. Sections 二, 三 and 四 hold the tables and share their keys with them.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    (TABLE_PROACTIVE, "二、主动公开政府信息情况"),
    (TABLE_APPLICATIONS, "三、收到和处理政府信息公开申请情况"),
    (TABLE_REVIEW_LITIGATION, "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
SECTION_TITLES: tuple[str, ...] = tuple(title for _, title in SECTIONS)
_SECTION_TITLE = dict(SECTIONS)

# Value kinds of a column.
KIND_COUNT = "count"  # non-negative integer (件, 项, 个)
KIND_DELTA = "delta"  # signed integer: the trial format's 本年增/减
KIND_AMOUNT = "amount"  # non-negative decimal in 万元, up to 2 places


# ---------------------------------------------------------------------------
# Column codes and fixed headings of tables 三, 四 and 二
# ---------------------------------------------------------------------------

APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
)
TOTAL = "total"

NOTE_LABEL = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
ORGANISATION_HEADER = "法人或其他组织"

REVIEW_PARTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")

INFO_CONTENT_LABEL = "信息内容"
