"""Website inspection veto thresholds (国办秘函〔2019〕19号) and the statuses Gongkai derives from them.

Pure standard-library module: no Django import. See docs/domain.md 7.8 and 6.3.

A single veto (单项否决) fails the site outright. Gongkai warns earlier than the inspection
(project convention; configurable): :class:`InspectionRules` holds both thresholds.

Boundaries (all dates are China dates, domain "How to read it"):

- "2 weeks without a new item": a column is past the threshold once 14 days have passed since
  its latest item, i.e. ``today - latest >= 14 days``; warnings likewise at ``>= 10 days``.
- "通知公告/政策文件 after 6 months": past the threshold on the same day of the month 6 months
  after the latest item (a 31st falls back to the month's last day); warnings at 5 months.
- "any valid message unanswered for more than 3 months": past the threshold the day after the
  same day 3 months later; warnings on the same day 2 months later.
- catalogue item stale (domain 6.3): fewer than 4 entries, or latest entry more than 90 days old.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime

__all__ = [
    "HOME",
    "NEWS",
    "POLICY",
    "NOTICE",
    "CATALOGUE",
    "OTHER",
    "KINDS",
    "OK",
    "WARNING",
    "VETO",
    "EMPTY",
    "STATUS_LABELS",
    "InspectionRules",
    "DEFAULT_RULES",
    "add_months",
    "column_status",
    "message_status",
    "availability_status",
    "site_veto_summary",
    "once_dynamic_status",
    "ON_TIME",
    "LATE",
    "OVERDUE",
    "PENDING",
    "publication_timeliness",
    "by_unit",
]

# Column kinds. NEWS = 动态、要闻类; POLICY = 通知公告、政策文件类 (NOTICE is an alias);
# CATALOGUE = a 公开目录 item's column (domain 6.3); OTHER = no update frequency required.
HOME = "home"
NEWS = "news"
POLICY = "policy"
NOTICE = "notice"
CATALOGUE = "catalogue"
OTHER = "other"
KINDS = (HOME, NEWS, POLICY, NOTICE, CATALOGUE, OTHER)

OK = "ok"
WARNING = "warning"
VETO = "veto"  # past the inspection threshold: counts towards (or, for the home page, is) a veto
EMPTY = "empty"
STATUS_LABELS = {OK: "正常", WARNING: "即将超期", VETO: "已超期", EMPTY: "空白栏目"}


@dataclass(frozen=True)
class InspectionRules:
    """Inspection thresholds (国办秘函〔2019〕19号) and Gongkai's earlier warnings (domain 7.8)."""

    # 首页不更新: 2 weeks without a new item; warn at 10 days.
    home_page_veto_days: int = 14
    home_page_warn_days: int = 10
    # 栏目不更新, 动态、要闻类: 2 weeks; warn at 10 days.
    news_veto_days: int = 14
    news_warn_days: int = 10
    # 栏目不更新, 通知公告、政策文件类: 6 months; warn at 5 months.
    policy_veto_months: int = 6
    policy_warn_months: int = 5
    # 栏目不更新: ≥ 5 such columns is a veto.
    stale_column_veto_count: int = 5
    # 空白栏目: ≥ 5 is a veto; Gongkai warns at 1 (and blocks publishing an empty column).
    empty_column_veto_count: int = 5
    empty_column_warn_count: int = 1
    # Domain 6.3: a catalogue item is stale with < 4 entries or a latest entry > 90 days old.
    catalogue_min_entries: int = 4
    catalogue_max_age_days: int = 90
    # Issue 17: an item 一次性公开并动态调整 is stale without any entry, or with its latest entry older
    # than a year (project convention; configurable).
    once_dynamic_max_age_days: int = 365
    # 互动回应差: a valid message unanswered for more than 3 months; warn at 2 months.
    message_veto_months: int = 3
    message_warn_months: int = 2
    # 站点无法访问: ≥ 5 % of visits failing or taking ≥ 15 s in a monitored week; warn at 3 %.
    unreachable_veto_percent: float = 5
    unreachable_warn_percent: float = 3
    slow_response_seconds: int = 15

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"检查规则 {f.name} 应为非负数")
        for warn, veto in (
            ("home_page_warn_days", "home_page_veto_days"),
            ("news_warn_days", "news_veto_days"),
            ("policy_warn_months", "policy_veto_months"),
            ("empty_column_warn_count", "empty_column_veto_count"),
            ("message_warn_months", "message_veto_months"),
            ("unreachable_warn_percent", "unreachable_veto_percent"),
        ):
            if getattr(self, warn) > getattr(self, veto):
                raise ValueError(f"检查规则 {warn} 不能晚于（大于）{veto}")


DEFAULT_RULES = InspectionRules()


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later; a day the target month lacks becomes its last day."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _by_days(latest: date, today: date, veto_days: int, warn_days: int) -> str:
    age = (today - latest).days
    if age >= veto_days:
        return VETO
    if age >= warn_days:
        return WARNING
    return OK


def column_status(
    kind: str,
    entry_count: int,
    latest: date | None,
    today: date,
    rules: InspectionRules | None = None,
) -> str:
    """Status of one column: ``'ok'``, ``'warning'``, ``'veto'`` or ``'empty'``.

    ``latest`` is the publish date of the newest visible entry. Entries without a visible date
    count as not updated (domain 7.5), so a non-empty column with ``latest=None`` is treated as
    never updated. The home page (``kind='home'``) is never ``'empty'``: without items it is
    simply not updated (``'veto'``). Catalogue items are at most ``'warning'`` (stale), they are
    not an inspection veto of their own.
    """
    rules = rules or DEFAULT_RULES
    if kind not in KINDS:
        raise ValueError(f"未知的栏目更新类型：{kind}")
    if isinstance(entry_count, bool) or not isinstance(entry_count, int) or entry_count < 0:
        raise ValueError("栏目信息条数应为非负整数")
    latest = _as_date(latest)
    today = _as_date(today)
    if kind == HOME:
        if entry_count == 0 or latest is None:
            return VETO
        return _by_days(latest, today, rules.home_page_veto_days, rules.home_page_warn_days)
    if entry_count == 0:
        return EMPTY
    if kind == OTHER:
        return OK
    if kind == CATALOGUE:
        if (
            entry_count < rules.catalogue_min_entries
            or latest is None
            or (today - latest).days > rules.catalogue_max_age_days
        ):
            return WARNING
        return OK
    if latest is None:
        return VETO
    if kind == NEWS:
        return _by_days(latest, today, rules.news_veto_days, rules.news_warn_days)
    # POLICY / NOTICE
    if today >= add_months(latest, rules.policy_veto_months):
        return VETO
    if today >= add_months(latest, rules.policy_warn_months):
        return WARNING
    return OK


def message_status(
    received_on: date,
    today: date,
    rules: InspectionRules | None = None,
    *,
    answered_on: date | None = None,
) -> str:
    """Status of one valid message in an interaction column (互动回应差): ok / warning / veto.

    An answered message is judged at its answer date: a reply published more than 3 months after
    the message shows the same delay to the inspectors.
    """
    rules = rules or DEFAULT_RULES
    received_on = _as_date(received_on)
    at = _as_date(answered_on) or _as_date(today)
    if at > add_months(received_on, rules.message_veto_months):  # "more than 3 months"
        return VETO
    if at >= add_months(received_on, rules.message_warn_months):
        return WARNING
    return OK


def availability_status(failures: int, attempts: int, rules: InspectionRules | None = None) -> str:
    """站点无法访问: ``failures`` = visits failing or taking ≥ 15 s, of ``attempts`` in a monitored week."""
    rules = rules or DEFAULT_RULES
    if attempts <= 0:
        return OK
    if failures < 0 or failures > attempts:
        raise ValueError("失败次数应在0与访问次数之间")
    percent = failures * 100 / attempts
    if percent >= rules.unreachable_veto_percent:
        return VETO
    if percent >= rules.unreachable_warn_percent:
        return WARNING
    return OK


def site_veto_summary(statuses: Iterable[str | tuple[str, str]], rules: InspectionRules | None = None) -> dict:
    """Summarise column statuses into the site's veto position (domain 7.8).

    ``statuses`` holds one status per column, either a bare status or a ``(kind, status)`` pair;
    a pair with kind ``'home'`` is the home page, which is not counted as a column.

    Returns ``{'columns', 'ok', 'warning', 'veto', 'empty', 'home_page', 'stale_veto',
    'empty_veto', 'home_page_veto', 'vetoed', 'vetoes', 'warnings'}``: the counts per status
    (columns only), the home page status (or None), one flag per veto rule, ``vetoed`` (any veto
    hit), and Chinese sentences for the dashboard in ``vetoes`` and ``warnings``.
    """
    rules = rules or DEFAULT_RULES
    counts = {OK: 0, WARNING: 0, VETO: 0, EMPTY: 0}
    home: str | None = None
    for item in statuses:
        kind, status = item if isinstance(item, tuple) else (None, item)
        if status not in counts:
            raise ValueError(f"未知的栏目状态：{status}")
        if kind == HOME:
            home = status
        else:
            counts[status] += 1
    stale, empty = counts[VETO], counts[EMPTY]
    stale_veto = stale >= rules.stale_column_veto_count
    empty_veto = empty >= rules.empty_column_veto_count
    home_veto = home == VETO
    vetoes: list[str] = []
    warnings: list[str] = []
    if home_veto:
        vetoes.append(f"首页不更新：已连续{rules.home_page_veto_days}天没有新信息")
    elif home == WARNING:
        warnings.append(f"首页已{rules.home_page_warn_days}天以上没有新信息")
    if stale_veto:
        vetoes.append(f"栏目不更新：{stale}个栏目超过更新期限（达到{rules.stale_column_veto_count}个即单项否决）")
    elif stale:
        warnings.append(f"{stale}个栏目超过更新期限（达到{rules.stale_column_veto_count}个即单项否决）")
    if counts[WARNING]:
        warnings.append(f"{counts[WARNING]}个栏目即将超过更新期限")
    if empty_veto:
        vetoes.append(f"空白栏目：{empty}个（达到{rules.empty_column_veto_count}个即单项否决）")
    elif empty >= rules.empty_column_warn_count and empty:
        warnings.append(f"存在{empty}个空白栏目（达到{rules.empty_column_veto_count}个即单项否决）")
    return {
        "columns": sum(counts.values()),
        **counts,
        "home_page": home,
        "stale_veto": stale_veto,
        "empty_veto": empty_veto,
        "home_page_veto": home_veto,
        "vetoed": stale_veto or empty_veto or home_veto,
        "vetoes": vetoes,
        "warnings": warnings,
    }


def once_dynamic_status(entry_count: int, latest: date | None, today: date,
                        rules: InspectionRules | None = None) -> str:
    """An item 一次性公开并动态调整 (issue 17): ``'empty'`` without entries, ``'warning'`` when its latest
    entry is older than ``once_dynamic_max_age_days`` (to check whether it still holds), else ``'ok'``."""
    rules = rules or DEFAULT_RULES
    latest = _as_date(latest)
    if entry_count <= 0:
        return EMPTY
    if latest is None or (_as_date(today) - latest).days > rules.once_dynamic_max_age_days:
        return WARNING
    return OK


# Timeliness of one publication against its catalogue item's time limit (issue 17).
ON_TIME = "on_time"
LATE = "late"  # published after the due date: 逾期公开
OVERDUE = "overdue"  # not published and the due date has passed: 逾期未公开
PENDING = "pending"  # not published, still within the time limit
TIMELINESS_LABELS = {ON_TIME: "按时公开", LATE: "逾期公开", OVERDUE: "逾期未公开", PENDING: "未到期"}


def publication_timeliness(due: date | None, published_on: date | None, today: date) -> str | None:
    """``'on_time'``/``'late'`` for a published item (published on the due date is on time),
    ``'overdue'``/``'pending'`` for one not published yet; None without a due date."""
    if due is None:
        return None
    if published_on is not None:
        return LATE if published_on > due else ON_TIME
    return OVERDUE if today > due else PENDING


def by_unit(findings: Iterable[tuple[str, str]]) -> list[tuple[str, dict[str, int], int]]:
    """``(unit, kind)`` pairs → ``[(unit, {kind: count}, total)]``, the units with most findings first."""
    counts: dict[str, dict[str, int]] = {}
    for unit, kind in findings:
        per = counts.setdefault(unit, {})
        per[kind] = per.get(kind, 0) + 1
    return sorted(((u, c, sum(c.values())) for u, c in counts.items()), key=lambda t: (-t[2], t[0]))
