"""Publication deadlines of the annual report (domain 5.1; Art. 49)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

ORGAN_GOVERNMENT = "government"
ORGAN_DEPARTMENT = "department"
ORGAN_TOWNSHIP = "township"

# (month, day) of the year after the report year. Art. 49: departments by 31 January; the disclosure
# office of a county-level-and-above government by 31 March; townships and sub-districts follow
# 31 January (project convention; configurable).
DEFAULT_DEADLINES: dict[str, tuple[int, int]] = {
    ORGAN_DEPARTMENT: (1, 31),
    ORGAN_TOWNSHIP: (1, 31),
    ORGAN_GOVERNMENT: (3, 31),
}


def report_period(year: int) -> tuple[date, date]:
    """The period a report covers: 1 January to 31 December of ``year`` (Art. 49)."""
    return date(year, 1, 1), date(year, 12, 31)


def publication_deadline(
    year: int,
    organ_kind: str,
    *,
    override: date | None = None,
    deadlines: Mapping[str, tuple[int, int]] | None = None,
) -> date:
    """Last day to publish the report on ``year``.

    ``date(year + 1, 1, 31)`` for departments and townships, ``date(year + 1, 3, 31)`` for governments.
    Local timetables are often earlier: ``deadlines`` replaces the (month, day) per organ kind (a tenant
    setting) and ``override`` fixes the date outright.
    """
    if override is not None:
        return override
    table = {**DEFAULT_DEADLINES, **(deadlines or {})}
    try:
        month, day = table[organ_kind]
    except (KeyError, TypeError):
        raise ValueError(f"未知的机关类型：{organ_kind}") from None
    return date(year + 1, month, day)


def is_late(
    published_on: date,
    year: int,
    organ_kind: str,
    *,
    override: date | None = None,
    deadlines: Mapping[str, tuple[int, int]] | None = None,
) -> bool:
    """Whether a report on ``year`` published on ``published_on`` missed its deadline."""
    return published_on > publication_deadline(year, organ_kind, override=override, deadlines=deadlines)
