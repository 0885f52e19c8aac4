"""Applications (依申请公开) and their append-only timeline.

The lifecycle status and the reportable outcome are separate fields (domain.md 4.2). The due date
stored here is only a cache of gongkai.law.clock over the timeline (3.3 g).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.core import errors as core_errors
from gongkai.core.models import AppendOnlyModel
from gongkai.files.storage import private_storage
from gongkai.law import outcomes, workflows


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面"
    REGISTERED_POST = "registered_post", "挂号信"
    ORDINARY_LETTER = "ordinary_letter", "平信"
    ONLINE = "online", "网络"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    OTHER = "other", "其他"


# Channels whose receipt date is the organ's confirmation in the system (Art. 31; 3.3 b).
CONFIRMATION_CHANNELS = {Channel.ONLINE, Channel.FAX, Channel.EMAIL, Channel.ORDINARY_LETTER}


class ApplicantKind(models.TextChoices):
    NATURAL_PERSON = "natural_person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class OrgType(models.TextChoices):
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    SOCIAL_WELFARE = "social_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    OTHER = "other", "其他"


class Carrier(models.TextChoices):
    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘"
    DISK = "disk", "磁盘"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EXPRESS = "express", "快递"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    PICKUP = "pickup", "自行领取"
    ON_SITE = "on_site", "当场阅读、抄录"
    ONLINE = "online", "网上获取"


_LABEL = workflows.APPLICATION.state_labels


class Status(models.TextChoices):
    """The states of law/workflows.APPLICATION (values and labels from there)."""

    PENDING = workflows.PENDING, _LABEL[workflows.PENDING]
    IN_PROGRESS = workflows.IN_PROGRESS, _LABEL[workflows.IN_PROGRESS]
    AWAITING_CORRECTION = workflows.AWAITING_CORRECTION, _LABEL[workflows.AWAITING_CORRECTION]
    PAUSED = workflows.PAUSED, _LABEL[workflows.PAUSED]
    DECIDED = workflows.DECIDED, _LABEL[workflows.DECIDED]
    ANSWERED = workflows.ANSWERED, _LABEL[workflows.ANSWERED]
    CLOSED = workflows.CLOSED, _LABEL[workflows.CLOSED]
    WITHDRAWN = workflows.WITHDRAWN, _LABEL[workflows.WITHDRAWN]
    ROUTED = workflows.ROUTED, _LABEL[workflows.ROUTED]


OPEN_STATUSES = tuple(Status(s) for s in workflows.OPEN)
# Statuses in which the statutory clock is running or paused (a due date applies).
CLOCKED_STATUSES = tuple(Status(s) for s in workflows.CLOCKED)


class CaseType(models.TextChoices):
    DISCLOSURE = "disclosure", "政府信息公开申请"
    RECORD_CORRECTION = "record_correction", "更正申请（条例第四十一条）"


class Application(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    case_type = models.CharField("案件类型", max_length=20, choices=CaseType.choices, default=CaseType.DISCLOSURE)
    reference = models.CharField("登记编号", max_length=30, db_index=True)
    tracking_code = models.CharField("查询号", max_length=16, unique=True)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    is_oral = models.BooleanField("口头申请（代为填写）", default=False)
    submitted_at = models.DateTimeField("提交时间")
    submitted_on = models.DateField("提交日期")
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    # Ordinary letters: the day the letter arrived, which Art. 31(二) asks to confirm the same day.
    arrived_on = models.DateField("到达日期（平信）", null=True, blank=True)
    # Set once when receipt is confirmed later than the rule allows (legal-review.md B7), never cleared:
    # the court may count the 20 WD from the arrival/submission (law/receipt.py).
    late_confirmation = models.BooleanField("收件确认晚于规定", default=False)
    confirm_due_by = models.DateField("应确认收到日期", null=True, blank=True)

    applicant_kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    org_type = models.CharField("组织类型", max_length=20, choices=OrgType.choices, blank=True)
    name = models.CharField("姓名/名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField("证件号码/统一社会信用代码", max_length=40)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    employer = models.CharField("工作单位", max_length=100, blank=True)
    fax = models.CharField("传真", max_length=30, blank=True)
    is_proxy = models.BooleanField("委托代理人申请", default=False)
    agent_name = models.CharField("代理人姓名", max_length=50, blank=True)
    agent_id_number = models.CharField("代理人证件号码", max_length=40, blank=True)
    agent_phone = models.CharField("代理人电话", max_length=30, blank=True)

    info_title = models.CharField("所需信息名称", max_length=200, blank=True)
    info_doc_no = models.CharField("文号", max_length=60, blank=True)
    info_index_no = models.CharField("索引号", max_length=60, blank=True)
    description = models.TextField("所需信息的特征性描述")
    purpose = models.CharField("用途（选填）", max_length=200, blank=True)
    carrier = models.CharField("载体形式", max_length=10, choices=Carrier.choices, default=Carrier.PAPER)
    delivery = models.CharField("获取方式", max_length=10, choices=Delivery.choices, default=Delivery.POST)
    accept_other_delivery = models.BooleanField("若本机关无法按照指定方式提供，可接受其他方式", default=True)
    # The split of the request into pieces (件) at intake: the 按件 count of 国办函〔2020〕109号第四条
    # adds these up per organ, applicant and calendar month (law/fees.pieces_filed_before).
    pieces = models.PositiveSmallIntegerField("件数（按件计收时计入本月累计）", default=1)

    status = models.CharField("办理状态", max_length=24, choices=Status.choices, default=Status.PENDING, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    outcome = models.CharField("办理结果", max_length=4, choices=outcomes.CHOICES, blank=True, db_index=True)
    outcome_reasons = models.TextField("理由", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    routed_to = models.ForeignKey(
        Agency, verbose_name="转至机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    forwarded_from = models.ForeignKey(
        "self", verbose_name="转来自", null=True, blank=True, on_delete=models.SET_NULL, related_name="forwards"
    )

    # Cache of gongkai.law.clock; refreshed on every event and when the calendar changes.
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    clock_state = models.CharField(max_length=24, blank=True)
    clock_remaining = models.IntegerField(null=True, blank=True)
    clock_problem = models.CharField(max_length=200, blank=True)
    # Revised 3.1: dates counted over a year whose holiday arrangement is not confirmed are
    # provisional (the years, comma-separated); alerts use the earliest plausible due date.
    due_provisional_years = models.CharField("暂定期限涉及年份", max_length=40, blank=True)
    due_earliest = models.DateField("最早可能的答复期限", null=True, blank=True, db_index=True)
    extended = models.BooleanField("已延期", default=False)
    # Issue 15 item 3: the published documents the online form suggested before submission, as
    # they were then ([{"id", "title", "doc_no", "published_on"}]); the likely Art. 36(一) answer.
    suggestions_shown = models.JSONField("提交前提示的已公开信息", default=list, blank=True)

    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["agency", "reference"], name="unique_reference_per_agency")]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["agency", "received_on"]),  # annual report: received in the year
            models.Index(fields=["agency", "concluded_on"]),  # annual report: concluded in the year
        ]

    def __str__(self):
        return f"{self.reference} {self.info_title or self.description[:20]}"

    @property
    def report_column(self) -> str:
        """The annual-report column (domain.md 5.4, 5.7)."""
        return ApplicantKind.NATURAL_PERSON if self.applicant_kind == ApplicantKind.NATURAL_PERSON else self.org_type

    @property
    def report_column_label(self) -> str:
        if self.applicant_kind == ApplicantKind.NATURAL_PERSON:
            return "自然人"
        return OrgType(self.org_type).label if self.org_type else "其他"

    @property
    def outcome_obj(self):
        return outcomes.by_code(self.outcome) if self.outcome else None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def provisional_years(self) -> list[int]:
        return [int(y) for y in self.due_provisional_years.split(",") if y]

    @property
    def due_provisional(self) -> bool:
        return bool(self.due_provisional_years)

    @property
    def provisional_note(self) -> str:
        from gongkai.law.calendar import provisional_note

        return provisional_note(self.provisional_years)

    @property
    def alert_due(self):
        """The date due-soon and overdue alerts use: the earliest plausible one while provisional."""
        return self.due_earliest or self.due_on


class SuggestionTally(models.Model):
    """Per organ and day: how often the online form suggested published documents (once per
    address) and how often an applicant opened one (issue 15 item 3; the annual report cites it)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    day = models.DateField("日期")
    shown = models.PositiveIntegerField("提示次数", default=0)
    opened = models.PositiveIntegerField("查看次数", default=0)

    class Meta:
        verbose_name = "申请前提示统计"
        verbose_name_plural = "申请前提示统计"
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="unique_suggestion_tally_day")]

    def __str__(self):
        return f"{self.agency} {self.day}：提示{self.shown}次，查看{self.opened}次"


def upload_path(instance, filename):
    return f"applications/{instance.application_id}/{instance.kind}/{filename}"


class Attachment(models.Model):
    IDENTITY = "identity"
    AUTHORISATION = "authorisation"
    AGENT_IDENTITY = "agent_identity"
    REQUEST = "request"
    INFORMATION = "information"
    CORRECTION = "correction"  # sent by the applicant with a correction (Art. 30), e.g. online
    KIND_CHOICES = [
        (IDENTITY, "身份证明"),
        (AUTHORISATION, "授权委托书"),
        (AGENT_IDENTITY, "代理人身份证明"),
        (REQUEST, "申请附件"),
        (INFORMATION, "提供的政府信息"),
        (CORRECTION, "补正材料"),
    ]
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES)
    # Private storage: no URL; opened only through views.attachment (access check + AccessLog).
    file = models.FileField(upload_to=upload_path, storage=private_storage)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.original_name}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交申请"
    REGISTERED = "registered", "登记申请"
    RECEIPT_CONFIRMED = "receipt_confirmed", "确认收到申请"
    ASSIGNED = "assigned", "分配经办人"
    ROUTED = "routed", "转至其他机关"
    CORRECTION_REQUESTED = "correction_requested", "发出补正告知"
    CORRECTION_RECEIVED = "correction_received", "收到补正材料"
    CONSULTATION_SENT = "consultation_sent", "征求意见"
    CONSULTATION_ANSWERED = "consultation_answered", "收到征求意见答复"
    EXTENSION = "extension", "延期答复"
    DEFERRAL = "deferral", "延迟答复（第三十五条）"
    FEE_NOTICE_SENT = "fee_notice_sent", "发出收费通知"
    FEE_PAID = "fee_paid", "申请人缴费"
    DECIDED = "decided", "作出决定"
    LETTER_ISSUED = "letter_issued", "出具文书"
    DELIVERED = "delivered", "送达"
    CLOSED = "closed", "办结"
    WITHDRAWN = "withdrawn", "申请人撤回"
    SUPPLEMENTARY_ANSWER = "supplementary_answer", "补充答复"
    DUE_RECOMPUTED = "due_recomputed", "答复期限重新计算"
    NOTE = "note", "备注"


# Kinds that may happen at most once per application (Arts. 30, 33; fee measures).
ONCE_ONLY_KINDS = (EventKind.CORRECTION_REQUESTED, EventKind.EXTENSION, EventKind.FEE_NOTICE_SENT)
# Kinds the public progress query shows (no internal workflow, no names of staff).
PUBLIC_KINDS = (
    EventKind.SUBMITTED, EventKind.REGISTERED, EventKind.RECEIPT_CONFIRMED, EventKind.CORRECTION_REQUESTED,
    EventKind.CORRECTION_RECEIVED, EventKind.CONSULTATION_SENT, EventKind.CONSULTATION_ANSWERED,
    EventKind.EXTENSION, EventKind.DEFERRAL, EventKind.FEE_NOTICE_SENT, EventKind.FEE_PAID,
    EventKind.LETTER_ISSUED, EventKind.DELIVERED, EventKind.CLOSED, EventKind.WITHDRAWN,
    EventKind.SUPPLEMENTARY_ANSWER, EventKind.ROUTED,
)


AppendOnlyError = core_errors.AppendOnlyError  # the old name, kept for callers


class TimelineEvent(AppendOnlyModel):
    """One act on an application. Append-only: never updated or deleted; a correction is a new
    event that supersedes the old one (domain.md 3.3 g). Guarded in Python and in the database
    (gongkai/core: AppendOnlyModel, the triggers)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    occurred_on = models.DateField("日期")
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField("说明", blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["occurred_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=Q(kind__in=ONCE_ONLY_KINDS) & Q(supersedes__isnull=True),
                name="once_only_event_kinds",
            )
        ]

    def __str__(self):
        return f"{self.occurred_on} {self.get_kind_display()}"



class AccessLog(AppendOnlyModel):
    """Every read of an applicant's personal data by staff (domain.md 7.4): who, what, when.

    A single read (case page, attachment, letter, API detail) names its ``application``. A bulk read
    (an API list page, an XLSX export) is one row per request with the ``query``, the ``count`` of
    applications returned and, in ``applications``, those whose personal data was shown unmasked —
    so "who has seen this applicant's data" is answered by ``AccessLog.for_application``.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="access_log",
                                    null=True, blank=True)
    applications = models.ManyToManyField(Application, related_name="bulk_access_log", blank=True,
                                          verbose_name="显示完整个人信息的申请")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    what = models.CharField(max_length=50)
    query = models.CharField("筛选条件", max_length=500, blank=True)
    count = models.PositiveIntegerField("条数", null=True, blank=True)

    class Meta:
        verbose_name = "个人信息查阅记录"
        verbose_name_plural = "个人信息查阅记录"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.what}"

    @classmethod
    def for_application(cls, app):
        """Every read of ``app``'s personal data: single reads and the bulk reads that showed it."""
        return cls.objects.filter(Q(application=app) | Q(applications=app)).distinct()
