"""领导信箱 / 互动交流 (issue 17 item 3): the rules of an organ's mailbox, as plain Python.

Pure standard-library module (and gongkai.law): no Django import. The mailbox app
(gongkai/mailbox) stores messages and asks these functions.

- A message's answer deadline: ``ANSWER_DAYS_DEFAULT`` working days (configurable per mailbox,
  ``ANSWER_DAYS_MIN``..``ANSWER_DAYS_MAX``) counted with the working-day calendar in force
  (``due_on``: ``wd_after(received_on, n)``, the day of receipt not counted, domain 3.2).
- Overdue and on time (``is_overdue``, ``on_time``): an open message past its due date; a reply
  approved on or before the due date is on time.
- The lifecycle (``STATUSES``, ``STEPS``): who may take which step in which state; a reply is
  drafted by a handler and approved by a reviewer who did not draft it.
- Publication of a reply (``publication_refusal``): only with the writer's explicit consent, only
  after review, and never while the published text holds personal data.
- Yearly statistics (``yearly_statistics``): counts by category and status, on-time rate,
  published replies.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.law.identifiers import mask_name
from gongkai.law.privacy import FREE_TEXT_KINDS, find_personal_data

ANSWER_DAYS_DEFAULT = 15  # project convention (configurable per mailbox)
ANSWER_DAYS_MIN = 1
ANSWER_DAYS_MAX = 60

# Categories of a message (the form asks for one).
CATEGORIES = (
    ("consult", "咨询"),
    ("suggest", "建议"),
    ("complaint", "投诉"),
    ("help", "求助"),
    ("other", "其他"),
)

# States of a message.
NEW, HANDLING, REVIEW, REPLIED, CONVERTED = "new", "handling", "review", "replied", "converted"
STATUSES = (
    (NEW, "待受理"),
    (HANDLING, "办理中"),
    (REVIEW, "答复待审核"),
    (REPLIED, "已答复"),
    (CONVERTED, "已转依申请公开"),
)
OPEN_STATUSES = (NEW, HANDLING, REVIEW)
DONE_STATUSES = (REPLIED, CONVERTED)

# Roles (the mailbox app maps the organ's memberships onto them).
HANDLER, REVIEWER = "handler", "reviewer"
ROLE_LABELS = {HANDLER: "经办人", REVIEWER: "审核人"}


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change
    roles: tuple[str, ...]
    not_by_drafter: bool = False  # separation of duties: not by whoever drafted the reply


STEPS = (
    Step("accept", "受理", (NEW,), HANDLING, (HANDLER,)),
    Step("draft", "拟写答复并提交审核", (NEW, HANDLING), REVIEW, (HANDLER,)),
    Step("approve", "审核通过并答复来信人", (REVIEW,), REPLIED, (REVIEWER,), not_by_drafter=True),
    Step("return", "退回修改", (REVIEW,), HANDLING, (REVIEWER,)),
    Step("convert", "转为政府信息公开申请", (NEW, HANDLING), CONVERTED, (HANDLER,)),
    Step("publish", "公开答复", (REPLIED,), None, (HANDLER, REVIEWER)),
    Step("unpublish", "撤下已公开的答复", (REPLIED,), None, (REVIEWER,)),
    Step("note", "添加备注", tuple(s for s, _ in STATUSES), None, (HANDLER,)),
)
_BY_NAME = {s.name: s for s in STEPS}


def step(name: str) -> Step:
    return _BY_NAME[name]


def status_label(status: str) -> str:
    return dict(STATUSES).get(status, status)


def category_label(category: str) -> str:
    return dict(CATEGORIES).get(category, category)


def refusal(name: str, status: str, roles: Iterable[str], *, is_drafter: bool = False) -> str | None:
    """Why ``roles`` may not take step ``name`` in ``status`` (a Chinese sentence), or None."""
    s = step(name)
    roles = set(roles)
    if status not in s.sources:
        return f"当前状态为“{status_label(status)}”，不能“{s.label}”"
    if not roles & set(s.roles):
        return f"“{s.label}”须由{'或'.join(ROLE_LABELS[r] for r in s.roles)}办理"
    if s.not_by_drafter and is_drafter:
        return "拟写答复的人员不能审核自己的答复，请由其他审核人审核"
    return None


def available(status: str, roles: Iterable[str], *, is_drafter: bool = False) -> list[str]:
    return [s.name for s in STEPS if refusal(s.name, status, roles, is_drafter=is_drafter) is None]


# -- the deadline ------------------------------------------------------------------------------


def answer_days_refusal(days) -> str | None:
    if isinstance(days, bool) or not isinstance(days, int) or not ANSWER_DAYS_MIN <= days <= ANSWER_DAYS_MAX:
        return f"答复期限应为{ANSWER_DAYS_MIN}至{ANSWER_DAYS_MAX}个工作日"
    return None


def due_on(received_on: dt.date, days: int, calendar) -> dt.date:
    """The answer deadline: ``days`` working days after the day of receipt (that day not counted)."""
    if (message := answer_days_refusal(days)) is not None:
        raise ValueError(message)
    return calendar.wd_after(received_on, days)


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    """An open message whose due date has passed (the due date itself is still in time)."""
    return status in OPEN_STATUSES and due is not None and today > due


def on_time(due: dt.date | None, answered_on: dt.date | None) -> bool | None:
    """True/False for an answered message; None while it has no answer."""
    if answered_on is None or due is None:
        return None
    return answered_on <= due


# -- publication -------------------------------------------------------------------------------


def public_name(name: str) -> str:
    """The writer as the public page shows them: ``张**``."""
    return mask_name(name) or "匿名"


def personal_data_labels(*texts: str) -> list[str]:
    """The kinds of personal data found in ``texts`` (ID numbers, mobiles, bank cards, fixed lines,
    e-mail addresses), as Chinese labels, each once."""
    labels: list[str] = []
    for text in texts:
        for f in find_personal_data(text or "", kinds=FREE_TEXT_KINDS):
            if f.label not in labels:
                labels.append(f.label)
    return labels


def publication_refusal(*, consent: bool, status: str, reply_approved: bool, texts: Iterable[str],
                        writer_name: str = "") -> str | None:
    """Why a reply may not be published (or None): the writer's explicit consent, the review, and no
    personal data (nor the writer's own name) in the text that would be published."""
    if not consent:
        return "来信人未同意公开，答复不能公开（仅来信人可在查询页面查看）"
    if status != REPLIED or not reply_approved:
        return "答复须经审核通过后才能公开"
    texts = list(texts)
    labels = personal_data_labels(*texts)
    name = (writer_name or "").strip()
    if len(name) >= 2 and any(name in (t or "") for t in texts):
        labels.append("来信人姓名")
    if labels:
        return f"拟公开的内容含有个人信息（{'、'.join(labels)}），请先在“公开文本”中遮盖后再公开"
    return None


# -- yearly statistics -------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One message as the statistics need it."""

    category: str
    status: str
    received_on: dt.date
    due_on: dt.date | None
    answered_on: dt.date | None
    published: bool
    from_application: bool = False


@dataclass(frozen=True)
class Statistics:
    year: int
    total: int
    by_category: tuple[tuple[str, str, int], ...]  # (code, label, count), every category
    by_status: tuple[tuple[str, str, int], ...]
    answered: int
    answered_on_time: int
    overdue_open: int
    published: int
    converted: int
    from_applications: int

    @property
    def on_time_rate(self) -> str:
        """「95.0%」, or 「—」 when nothing was answered."""
        if not self.answered:
            return "—"
        return f"{self.answered_on_time * 100 / self.answered:.1f}%"


def yearly_statistics(year: int, rows: Iterable[Row], today: dt.date) -> Statistics:
    """Messages received in ``year``: counts by category and status, answers on time, published
    replies, conversions to applications and messages from applications (Art. 39)."""
    rows = [r for r in rows if r.received_on.year == year]
    cats = Counter(r.category for r in rows)
    stats = Counter(r.status for r in rows)
    answered = [r for r in rows if r.answered_on is not None]
    return Statistics(
        year=year,
        total=len(rows),
        by_category=tuple((c, label, cats.get(c, 0)) for c, label in CATEGORIES),
        by_status=tuple((s, label, stats.get(s, 0)) for s, label in STATUSES),
        answered=len(answered),
        answered_on_time=sum(1 for r in answered if on_time(r.due_on, r.answered_on)),
        overdue_open=sum(1 for r in rows if is_overdue(r.status, r.due_on, today)),
        published=sum(1 for r in rows if r.published),
        converted=stats.get(CONVERTED, 0),
        from_applications=sum(1 for r in rows if r.from_application),
    )
