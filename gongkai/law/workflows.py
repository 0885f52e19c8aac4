"""The lifecycles, each declared once: states, steps, who may take each step and its legal basis.

Plain data (no Django import). Views offer exactly the steps a table allows the user in the current
state, services refuse the rest with the same Chinese message, the API and the tests read the same
tables (``tests/test_workflows.py`` derives the allowed-step matrix and checks views and services
against it). How a role is recognised for a user is the app's access module's business: the table
names roles, ``applications/access.py``, ``publishing/access.py`` and ``reports/access.py`` say who
holds them.

- ``APPLICATION``: an application for disclosure (domain.md 3; the Regulation, Arts. 29–37).
- ``PUBLICATION``: a proactively published document (domain.md 6; 先审查、后公开, 谁公开谁审查).
- ``ANNUAL_REPORT``: an organ's annual report (domain.md 5; approved data are frozen).

Separation of duties is part of the table: a step may name steps whose actor must not take it
(``not_by``), e.g. the 保密审查员 reviews what someone else wrote, and a report is approved by someone
other than the one who checked it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # the button and the timeline say this
    sources: tuple[str, ...]  # states in which the step may be taken
    roles: tuple[str, ...]  # any one of these roles suffices
    targets: tuple[str, ...] = ()  # states the step may lead to (empty: the state does not change)
    basis: str = ""  # the rule behind it, for ARCHITECTURE.md and reviewers
    not_by: tuple[str, ...] = ()  # steps whose last actor may not take this one (separation of duties)


@dataclass(frozen=True)
class Workflow:
    name: str
    states: tuple[tuple[str, str], ...]  # (value, Chinese label)
    steps: tuple[Step, ...]
    roles: tuple[tuple[str, str], ...] = field(default=())  # (role, Chinese name)

    def __post_init__(self):
        known = {value for value, _ in self.states}
        names = [s.name for s in self.steps]
        assert len(names) == len(set(names)), f"{self.name}: a step declared twice"
        role_names = {r for r, _ in self.roles}
        for s in self.steps:
            assert set(s.sources) <= known and set(s.targets) <= known, f"{self.name}.{s.name}: unknown state"
            assert s.roles and set(s.roles) <= role_names, f"{self.name}.{s.name}: unknown role"
            assert set(s.not_by) <= set(names), f"{self.name}.{s.name}: unknown step in not_by"

    @property
    def state_labels(self) -> dict[str, str]:
        return dict(self.states)

    def step(self, name: str) -> Step:
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(f"{self.name}: no step {name!r}")

    def refusal(self, name: str, state: str, roles: Iterable[str]) -> str | None:
        """Why ``name`` may not be taken in ``state`` by someone holding ``roles``; None when it may."""
        step = self.step(name)
        if not set(roles) & set(step.roles):
            names = dict(self.roles)
            who = "或".join(names[r] for r in step.roles if r in names)
            return f"您无权进行“{step.label}”（须由{who}办理）"
        if state not in step.sources:
            return f"当前状态（{self.state_labels.get(state, state)}）不能进行“{step.label}”"
        return None

    def allows(self, name: str, state: str, roles: Iterable[str]) -> bool:
        return self.refusal(name, state, roles) is None

    def available(self, state: str, roles: Iterable[str]) -> list[str]:
        """The steps open in ``state`` to someone holding ``roles``, in the table's order."""
        roles = set(roles)
        return [s.name for s in self.steps if state in s.sources and roles & set(s.roles)]


# --------------------------------------------------------------------------------- applications

PENDING, IN_PROGRESS, AWAITING_CORRECTION, PAUSED = "pending", "in_progress", "awaiting_correction", "paused"
DECIDED, ANSWERED, CLOSED, WITHDRAWN, ROUTED = "decided", "answered", "closed", "withdrawn", "routed"
OPEN = (PENDING, IN_PROGRESS, AWAITING_CORRECTION, PAUSED, DECIDED)
# The clock runs or is paused (a due date applies).
CLOCKED = (IN_PROGRESS, AWAITING_CORRECTION, PAUSED, DECIDED)
# A correction or payment period may lapse (domain.md 3.3 c, f).
LAPSING = (AWAITING_CORRECTION, PAUSED)

APPLICATION_STATES = (
    (PENDING, "待确认收到"), (IN_PROGRESS, "办理中"), (AWAITING_CORRECTION, "待补正"), (PAUSED, "暂停计时"),
    (DECIDED, "已决定待答复"), (ANSWERED, "已答复"), (CLOSED, "已办结"), (WITHDRAWN, "已撤回"),
    (ROUTED, "已转其他机关"),
)

HANDLER = "handler"  # works on the organ's cases (经办人, 审核人, 机关管理员)
APPROVER = "approver"  # 公开工作机构负责人: signs letters, approves extensions and deferrals
SYSTEM = "system"  # the schedule, where the Regulation decides alone

APPLICATION = Workflow(
    name="application",
    states=APPLICATION_STATES,
    roles=((HANDLER, "经办人"), (APPROVER, "负责人"), (SYSTEM, "系统（定时任务）")),
    steps=(
        Step("confirm", "确认收到", (PENDING,), (HANDLER,), (IN_PROGRESS,), "条例第三十一条（收到申请之日）"),
        Step("assign", "分配经办人", OPEN, (HANDLER,)),
        Step("route", "转至其他机关（确认收到前）", (PENDING,), (HANDLER,), (ROUTED,)),
        Step("transfer", "告知并转送负责机关（第三十六条第（五）项）", (IN_PROGRESS,), (HANDLER,), (DECIDED,),
             "条例第三十六条第（五）项"),
        Step("correction", "补正告知", (IN_PROGRESS,), (HANDLER,), (AWAITING_CORRECTION,), "条例第三十条"),
        Step("record_correction", "登记补正材料", (AWAITING_CORRECTION,), (HANDLER,), (IN_PROGRESS,), "条例第三十条"),
        Step("consult", "征求意见", (IN_PROGRESS, PAUSED), (HANDLER,), (PAUSED, IN_PROGRESS),
             "条例第三十二条、第三十四条"),
        # A reply that arrives after the window lapsed (the case has resumed) must still be weighed.
        Step("consultation_reply", "登记征求意见答复", (PAUSED, IN_PROGRESS), (HANDLER,), (PAUSED, IN_PROGRESS),
             "条例第三十二条"),
        Step("extend", "延期答复（负责人批准）", (IN_PROGRESS, PAUSED, DECIDED), (APPROVER,), (), "条例第三十三条第二款"),
        Step("defer", "延迟答复（第三十五条）", (IN_PROGRESS,), (APPROVER,), (), "条例第三十五条"),
        Step("explanation", "说明理由告知（第三十五条）", (IN_PROGRESS,), (HANDLER,), (), "条例第三十五条"),
        Step("fee", "收费通知", (IN_PROGRESS,), (HANDLER,), (PAUSED,), "条例第四十二条，国办函〔2020〕109号"),
        Step("payment", "登记缴费", (PAUSED,), (HANDLER,), (IN_PROGRESS, PAUSED), "国办函〔2020〕109号"),
        Step("decide", "作出决定", (IN_PROGRESS, DECIDED), (HANDLER,), (DECIDED,), "条例第三十六条"),
        Step("issue", "签发答复书", (DECIDED,), (APPROVER,), (ANSWERED,), "条例第三十六条、第四十条"),
        Step("delivery", "登记送达", (ANSWERED,), (HANDLER,), (CLOSED,), "条例第四十条"),
        Step("close_lapsed", "逾期终止办理", LAPSING, (HANDLER, SYSTEM), (ANSWERED,),
             "条例第三十条（视为放弃申请），国办函〔2020〕109号（逾期未缴费）"),
        Step("withdraw", "登记撤回", OPEN, (HANDLER,), (WITHDRAWN,)),
        Step("supplementary", "补充答复", (ANSWERED, CLOSED), (APPROVER,)),
        Step("note", "添加备注", tuple(value for value, _ in APPLICATION_STATES), (HANDLER,)),
    ),
)
