"""建议提案办理 (issue 17 item 2): 人大代表建议 and 政协委员提案 assigned to an organ, their handling
timeline (append-only), the answer letter (复文) with its A/B/C classification, the proposer's feedback
and the publication of the result through the publishing workflow (a ``publishing.Document``).

The vocabulary, the deadline rule and the steps by state are ``gongkai/law/proposals.py``."""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.core.models import AppendOnlyModel
from gongkai.files.storage import private_storage
from gongkai.law import proposals as rule


class Kind(models.TextChoices):
    DEPUTY = rule.DEPUTY, dict(rule.KINDS)[rule.DEPUTY]
    MEMBER = rule.MEMBER, dict(rule.KINDS)[rule.MEMBER]


class Status(models.TextChoices):
    ASSIGNED = rule.ASSIGNED, rule.STATE_LABEL[rule.ASSIGNED]
    HANDLING = rule.HANDLING, rule.STATE_LABEL[rule.HANDLING]
    ANSWERED = rule.ANSWERED, rule.STATE_LABEL[rule.ANSWERED]
    CLOSED = rule.CLOSED, rule.STATE_LABEL[rule.CLOSED]


def reply_path(instance, filename):
    return f"proposals/{instance.pk or 'new'}/{filename}"


class Proposal(models.Model):
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    session = models.CharField("届次会议", max_length=100, help_text="例如：示例市第十七届人民代表大会第五次会议")
    year = models.PositiveIntegerField("年度", db_index=True, help_text="交办年度（年度报告按此统计）")
    number = models.CharField("编号", max_length=30, help_text="例如：第123号")
    title = models.CharField("标题", max_length=300)
    proposers = models.CharField("代表或委员", max_length=300, help_text="领衔人在前，用“、”分隔")
    lead = models.ForeignKey(Agency, verbose_name="主办单位", on_delete=models.PROTECT, related_name="led_proposals")
    co_handlers = models.ManyToManyField(Agency, verbose_name="会办单位", blank=True,
                                         related_name="co_handled_proposals")
    assigned_on = models.DateField("交办日期")
    due_on = models.DateField("答复期限", help_text="按答复期限规则计算（默认自交办之日起三个月）")
    deadline_rule = models.CharField("期限规则", max_length=10, default=rule.DEFAULT_RULE_TEXT)
    status = models.CharField("办理状态", max_length=10, choices=Status.choices, default=Status.ASSIGNED,
                              db_index=True)
    classification = models.CharField("办理结果分类", max_length=1, choices=rule.CLASSIFICATIONS, blank=True)
    reply_text = models.TextField("复文", blank=True)
    reply_file = models.FileField("复文文件", upload_to=reply_path, storage=private_storage, blank=True)
    reply_file_name = models.CharField("复文文件名", max_length=200, blank=True)
    reply_file_type = models.CharField(max_length=100, blank=True)
    reply_no = models.CharField("复文文号", max_length=80, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    feedback = models.CharField("代表委员意见", max_length=15, choices=rule.FEEDBACK, blank=True)
    feedback_on = models.DateField("反馈日期", null=True, blank=True)
    publication_mode = models.CharField("公开方式", max_length=10, choices=rule.PUBLICATION_MODES, blank=True)
    public_summary = models.TextField("公开摘要", blank=True)
    document = models.OneToOneField("publishing.Document", verbose_name="公开的办理结果", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="proposal")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic version, bumped by every step (services._locked): a stale form cannot double-apply.
    version = models.PositiveIntegerField("版本", default=0, editable=False)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-year", "kind", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "session", "number"], name="unique_proposal_number")]
        indexes = [models.Index(fields=["lead", "status", "due_on"])]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def kind_short(self) -> str:
        return rule.KIND_SHORT.get(self.kind, "")

    @property
    def proposers_label(self) -> str:
        return rule.PROPOSERS_LABEL.get(self.kind, "代表或委员")

    @property
    def on_time(self) -> bool:
        return rule.on_time(self.due_on, self.answered_on)


class ProposalEvent(AppendOnlyModel):
    """The handling timeline of a proposal: append-only, like the application timeline."""

    REGISTERED = "registered"
    PROGRESS = "progress"
    OPINION = "opinion"
    ANSWERED = "answered"
    FEEDBACK = "feedback"
    SUBMITTED = "submitted"
    KIND_CHOICES = [
        (REGISTERED, "登记交办"), (PROGRESS, "办理情况"), (OPINION, "会办意见"), (ANSWERED, "答复（复文）"),
        (FEEDBACK, "代表委员意见"), (SUBMITTED, "提交公开审核"),
    ]

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=15, choices=KIND_CHOICES)
    occurred_on = models.DateField("日期")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, verbose_name="单位", null=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField("说明", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "建议提案办理记录"
        verbose_name_plural = "建议提案办理记录"
        ordering = ["occurred_on", "at", "id"]

    def __str__(self):
        return f"{self.occurred_on} {self.get_kind_display()}"
