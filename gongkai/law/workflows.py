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
other than the one who checked it. A step may carry legal guards on facts the app supplies (an
annual report is approved and published only after its year has ended), and irreversible steps
(签发, 批准并冻结, 发布, 终止/撤回) carry the sentence the user must tick (``confirm``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from . import today as law_today


@dataclass(frozen=True)
class Guard:
    """A legal condition on a step beyond state and role, read from facts the app supplies (e.g. the
    report's year): ``check(facts)`` returns the refusal in Chinese, or None when the step may go on."""
    name: str
    label: str  # what the table in ARCHITECTURE.md says
    check: Callable[[Mapping[str, object]], str | None]


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # the button and the timeline say this
    sources: tuple[str, ...]  # states in which the step may be taken
    roles: tuple[str, ...]  # any one of these roles suffices
    targets: tuple[str, ...] = ()  # states the step may lead to (empty: the state does not change)
    basis: str = ""  # the rule behind it, for ARCHITECTURE.md and reviewers
    not_by: tuple[str, ...] = ()  # steps whose last actor may not take this one (separation of duties)
    wrong_state: str = ""  # what to say when the state does not allow it (default: the state's name)
    guards: tuple[Guard, ...] = ()  # legal conditions on the facts (checked after role and state)
    # Irreversible steps: the sentence the user ticks ("我已核对…"); the page asks for it and the
    # server refuses the form without it (``CONFIRM_FIELD``).
    confirm: str = ""


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

    def refusal(self, name: str, state: str, roles: Iterable[str], *, actor=None,
                last_actors: Mapping[str, object] | None = None,
                facts: Mapping[str, object] | None = None) -> str | None:
        """Why ``name`` may not be taken in ``state`` by ``actor`` holding ``roles``; None when it may.

        ``last_actors`` maps a step to whoever took it last on this object (from its event log), for
        the separation of duties: ``actor`` may not take a step whose ``not_by`` names one they took.
        ``facts`` feed the step's guards (a guard without its fact refuses)."""
        step = self.step(name)
        if not set(roles) & set(step.roles):
            names = dict(self.roles)
            who = "或".join(names[r] for r in step.roles if r in names)
            return f"您无权进行“{step.label}”（须由{who}办理）"
        if state not in step.sources:
            return step.wrong_state or f"当前状态（{self.state_labels.get(state, state)}）不能进行“{step.label}”"
        if actor is not None and last_actors:
            for earlier in step.not_by:
                if last_actors.get(earlier) == actor:
                    return f"“{self.step(earlier).label}”和“{step.label}”须由不同的人办理"
        for guard in step.guards:
            refused = guard.check(facts or {})
            if refused:
                return refused
        return None

    def allows(self, name: str, state: str, roles: Iterable[str], **who) -> bool:
        return self.refusal(name, state, roles, **who) is None

    def available(self, state: str, roles: Iterable[str], **who) -> list[str]:
        """The steps open in ``state`` to someone holding ``roles`` (and, with ``actor`` and
        ``last_actors``, not barred by the separation of duties), in the table's order."""
        return [s.name for s in self.steps if self.refusal(s.name, state, roles, **who) is None]


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
APPLICANT = "applicant"  # the applicant on the progress page, after proving 查询号 and name (portal/progress.py)

APPLICATION = Workflow(
    name="application",
    states=APPLICATION_STATES,
    roles=((HANDLER, "经办人"), (APPROVER, "负责人"), (SYSTEM, "系统（定时任务）"), (APPLICANT, "申请人（在线）")),
    steps=(
        Step("confirm", "确认收到", (PENDING,), (HANDLER,), (IN_PROGRESS,), "条例第三十一条（收到申请之日）"),
        Step("assign", "分配经办人", OPEN, (HANDLER,)),
        Step("route", "转至其他机关（确认收到前）", (PENDING,), (HANDLER,), (ROUTED,)),
        Step("transfer", "告知并转送负责机关（第三十六条第（五）项）", (IN_PROGRESS,), (HANDLER,), (DECIDED,),
             "条例第三十六条第（五）项"),
        Step("correction", "补正告知", (IN_PROGRESS,), (HANDLER,), (AWAITING_CORRECTION,), "条例第三十条"),
        # The applicant may also send the correction online from the progress page (issue 15 item 2).
        Step("record_correction", "登记补正材料", (AWAITING_CORRECTION,), (HANDLER, APPLICANT), (IN_PROGRESS,),
             "条例第三十条"),
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
        # 送达 of a notice with a period, recorded when it happens (post: the signing date); the period
        # runs from it and cannot lapse before it (domain.md 3.3 c, d, f; legal-review.md A5, B8).
        Step("record_service", "登记告知书送达", (IN_PROGRESS, AWAITING_CORRECTION, PAUSED, DECIDED), (HANDLER,), (),
             "条例第三十条、第三十二条、第三十四条、第三十五条，国办函〔2020〕109号（期限自送达之日起计算）"),
        Step("decide", "作出决定", (IN_PROGRESS, DECIDED), (HANDLER,), (DECIDED,), "条例第三十六条"),
        Step("issue", "签发答复书", (DECIDED,), (APPROVER,), (ANSWERED,), "条例第三十六条、第四十条",
             confirm="我已逐字核对上方预览的文书，确认以本机关名义签发"),
        Step("delivery", "登记送达", (ANSWERED,), (HANDLER,), (CLOSED,), "条例第四十条"),
        # （六）1/（六）2 and a withdrawal after receipt (（六）3) are decided here; the closure notice is
        # then signed like an answer, by the unit head (`issue`; legal-review.md B17).
        Step("close_lapsed", "逾期终止办理", LAPSING, (HANDLER, SYSTEM), (DECIDED,),
             "条例第三十条（视为放弃申请），国办函〔2020〕109号（逾期未缴费）",
             confirm="我已核对补正或缴费期限确已届满，确认终止办理（终止后不能恢复）"),
        Step("withdraw", "登记撤回", OPEN, (HANDLER,), (WITHDRAWN, DECIDED),
             confirm="我已核对申请人确已撤回申请，确认结束办理（结束后不能恢复）"),
        Step("supplementary", "补充答复", (ANSWERED, CLOSED), (APPROVER,)),
        Step("note", "添加备注", tuple(value for value, _ in APPLICATION_STATES), (HANDLER,)),
    ),
)


# --------------------------------------------------------------------------------- publication

DRAFT, SECTION_REVIEW, SECRECY_REVIEW, APPROVED = "draft", "section_review", "secrecy_review", "approved"
SCHEDULED, PUBLISHED = "scheduled", "published"  # WITHDRAWN as for applications: "withdrawn"
PUBLICATION_STATES = (
    (DRAFT, "草稿"), (SECTION_REVIEW, "待科室审核"), (SECRECY_REVIEW, "待保密审查"), (APPROVED, "审查通过待发布"),
    (SCHEDULED, "定时发布"), (PUBLISHED, "已发布"), (WITHDRAWN, "已撤回"),
)

EDITOR = "editor"  # writes and publishes the organ's documents (信息编辑, 审核人, 机关管理员)
SECTION_REVIEWER = "section_reviewer"  # 科室审核 (审核人)
SECRECY_REVIEWER = "secrecy_reviewer"  # 保密审查 (保密审查员): reviews only, never authors or publishes

PUBLICATION = Workflow(
    name="publication",
    states=PUBLICATION_STATES,
    roles=((EDITOR, "信息编辑"), (SECTION_REVIEWER, "科室审核人"), (SECRECY_REVIEWER, "保密审查员"),
           (SYSTEM, "系统（定时任务）")),
    steps=(
        Step("edit", "修改草稿", (DRAFT,), (EDITOR,), (), "审核后的内容不能改动（先审查、后公开）",
             wrong_state="只能修改草稿：审核后的内容不能改动，请先退回修改"),
        Step("submit", "提交科室审核", (DRAFT,), (EDITOR,), (SECTION_REVIEW,), "条例第十七条"),
        Step("section_approve", "科室审核通过", (SECTION_REVIEW,), (SECTION_REVIEWER,), (SECRECY_REVIEW,),
             "条例第十七条（审查机制）", not_by=("submit",)),
        Step("secrecy_approve", "保密审查通过", (SECRECY_REVIEW,), (SECRECY_REVIEWER,), (APPROVED,),
             "条例第十七条、《保守国家秘密法》（谁公开谁审查、谁审查谁负责）", not_by=("submit",)),
        Step("return", "退回修改", (SECTION_REVIEW, SECRECY_REVIEW, APPROVED), (SECTION_REVIEWER, SECRECY_REVIEWER),
             (DRAFT,)),
        Step("publish", "发布", (APPROVED, SCHEDULED), (EDITOR, SECTION_REVIEWER), (PUBLISHED, SCHEDULED),
             "条例第二十六条（20个工作日内公开）", wrong_state="须经科室审核和保密审查后才能发布（先审查、后公开）",
             confirm="我已核对文件内容、公开属性和发布日期，确认向社会公开发布"),
        Step("publish_scheduled", "定时发布", (SCHEDULED,), (SYSTEM,), (PUBLISHED,)),
        Step("withdraw", "撤回", (PUBLISHED, SCHEDULED), (SECTION_REVIEWER,), (WITHDRAWN,)),
        Step("validity", "有效性变更", (PUBLISHED,), (EDITOR,), (), "国办发〔2018〕37号（规范性文件有效性标注）"),
    ),
)


# ------------------------------------------------------------------------------- annual report


def _report_year_ended(facts: Mapping[str, object]) -> str | None:
    """条例第四十九条: the report covers 1 January to 31 December of the year, so it can be approved
    or published only once that year has ended (by law/today.py)."""
    year = facts.get("year")
    if not isinstance(year, int):
        return "未提供报告年度，不能批准或发布"
    today = law_today.today()
    if year >= today.year:
        return (f"{year}年度尚未结束（今天是{today.year}年{today.month}月{today.day}日），"
                f"年度报告须在{year + 1}年1月1日以后才能批准或发布（条例第四十九条）")
    return None


YEAR_ENDED = Guard("year_ended", "报告年度已结束（条例第四十九条）", _report_year_ended)

REVIEWED = "reviewed"  # DRAFT, APPROVED, PUBLISHED as above
ANNUAL_REPORT_STATES = ((DRAFT, "草稿"), (REVIEWED, "已审核"), (APPROVED, "已批准（数据已冻结）"), (PUBLISHED, "已发布"))

COMPILER = "compiler"  # the organ's staff (a roll-up: also the supervising office)
UNIT_HEAD = "unit_head"  # 公开工作机构负责人 (审核人): approves and freezes
REPORT_PUBLISHER = "report_publisher"  # 审核人 or 机关管理员

ANNUAL_REPORT = Workflow(
    name="annual_report",
    states=ANNUAL_REPORT_STATES,
    roles=((COMPILER, "编制人"), (UNIT_HEAD, "本机关审核人（公开工作机构负责人）"), (REPORT_PUBLISHER, "本机关审核人或管理员")),
    steps=(
        Step("edit", "修改数据和文字", (DRAFT, REVIEWED), (COMPILER,), (DRAFT,),
             wrong_state="报告已批准冻结，不能修改；如需修改请先撤销批准"),
        Step("mark_reviewed", "提交审核", (DRAFT,), (COMPILER,), (REVIEWED,),
             wrong_state="只有草稿状态的报告可以提交审核"),
        Step("return_to_draft", "退回修改", (REVIEWED,), (UNIT_HEAD,), (DRAFT,),
             wrong_state="只能退回已审核的报告"),
        Step("approve", "批准并冻结数据", (REVIEWED,), (UNIT_HEAD,), (APPROVED,), "条例第五十条",
             not_by=("mark_reviewed",), wrong_state="报告须先经审核，才能批准", guards=(YEAR_ENDED,),
             confirm="我已核对报告全文（含表格和核对结果），确认批准；批准后数据冻结，不能再修改"),
        Step("reopen", "撤销批准", (APPROVED,), (UNIT_HEAD,), (DRAFT,), wrong_state="只能撤销尚未发布的批准"),
        Step("publish", "发布", (APPROVED,), (REPORT_PUBLISHER,), (PUBLISHED,), "条例第四十九条、第五十条（1月31日前）",
             wrong_state="报告须先批准（冻结数据），才能发布", guards=(YEAR_ENDED,),
             confirm="我已核对将要公开的报告全文，确认向社会公开发布"),
    ),
)


WORKFLOWS = (APPLICATION, PUBLICATION, ANNUAL_REPORT)

# The form field that carries the user's confirmation of a step with ``confirm`` (a ticked checkbox).
CONFIRM_FIELD = "confirmed"


def confirmation_refusal(step: Step, posted: Mapping[str, object]) -> str | None:
    """Why a posted form may not take an irreversible step: the confirmation was not ticked."""
    if step.confirm and not posted.get(CONFIRM_FIELD):
        return f"“{step.label}”不可撤销，请勾选“{step.confirm}”后再提交"
    return None


def as_markdown(workflow: Workflow) -> str:
    """The table as ARCHITECTURE.md shows it (a test keeps the document equal to the code)."""
    states, roles = workflow.state_labels, dict(workflow.roles)
    lines = [f"**{workflow.name}** — 状态：" + "、".join(f"{label}（`{value}`）" for value, label in workflow.states),
             "", "| step | 名称 | from | to | who | not by | basis |", "|---|---|---|---|---|---|---|"]
    for s in workflow.steps:
        lines.append(" | ".join([
            f"| `{s.name}`", s.label + ("（须勾选确认）" if s.confirm else ""),
            "、".join(states[x] for x in s.sources) if len(s.sources) < len(states) else "任何状态",
            "、".join(states[x] for x in s.targets) or "（不变）", "、".join(roles[r] for r in s.roles),
            "、".join(f"`{n}`" for n in s.not_by) or "",
            "；".join([s.basis] * bool(s.basis) + [f"条件：{g.label}" for g in s.guards]),
        ]) + " |")
    return "\n".join(lines)
