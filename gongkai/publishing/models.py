"""Proactive publication (主动公开): catalogue, documents with full metadata, interpretations,
gazette issues and major-decision consultations (domain.md 6, 7).

A document moves draft → 科室审核 → 保密审查 → published (or scheduled), every step recorded in an
append-only audit trail (Art. 17: 先审查、后公开). Its 索引号 is assigned at publication and never
changes afterwards.
"""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.core.models import AppendOnlyModel
from gongkai.files.storage import private_storage


class Subject(models.Model):
    """The two-level 主题分类 (domain.md 8), seeded from gongkai.law.subjects; tenants may add."""

    path = models.CharField("分类路径", max_length=60, unique=True, help_text="形如 卫生、体育\\医药管理")
    l1 = models.CharField("一级分类", max_length=30)
    l2 = models.CharField("二级分类", max_length=30, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["position", "path"]

    def __str__(self):
        return self.path


class OrganUnit(models.Model):
    """An internal unit of an organ (内设机构、科室): the 责任主体 of catalogue items (issue 17)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("科室名称", max_length=50)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "内设机构（责任主体）"
        verbose_name_plural = "内设机构（责任主体）"
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unique_organ_unit")]

    def __str__(self):
        return self.name


class CatalogueNode(models.Model):
    """A column of an organ's 政府信息公开 column tree (公开目录)."""

    GUIDE = "guide"
    RULES = "rules"
    STATUTORY = "statutory"
    ANNUAL_REPORTS = "annual_reports"
    SECTION_CHOICES = [
        (GUIDE, "政府信息公开指南"),
        (RULES, "政府信息公开制度"),
        (STATUTORY, "法定主动公开内容"),
        (ANNUAL_REPORTS, "政府信息公开年报"),
    ]
    NEWS = "news"
    POLICY = "policy"
    OTHER = "other"
    UPDATE_CHOICES = [(NEWS, "动态类（2周）"), (POLICY, "通知公告/政策文件类（6个月）"), (OTHER, "其他")]

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="catalogue")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    section = models.CharField("一级栏目", max_length=20, choices=SECTION_CHOICES, default=STATUTORY)
    item_code = models.CharField("条目", max_length=20, blank=True, help_text="例如：第二十条（一）")
    title = models.CharField("栏目名称", max_length=100)
    description = models.TextField("栏目说明", blank=True)
    update_kind = models.CharField("更新要求", max_length=10, choices=UPDATE_CHOICES, default=OTHER)
    position = models.PositiveIntegerField(default=0)
    # 责任主体 and 时限要求 (issue 17): the text as written, and the rule law/time_limits read from it.
    owner = models.ForeignKey(OrganUnit, verbose_name="责任主体", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="columns")
    time_limit = models.CharField("时限要求", max_length=200, blank=True)
    time_rule = models.JSONField("时限规则", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "公开目录栏目"
        verbose_name_plural = "公开目录栏目"
        ordering = ["agency", "section", "position", "id"]

    def __str__(self):
        return f"{self.agency.name} › {self.title}"


class StandardCatalogueItem(models.Model):
    """A row of the basic-level standard catalogue (基层政务公开标准目录, 国办发〔2019〕54号)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="standard_catalogue")
    seq = models.PositiveIntegerField("序号", default=0)
    stage = models.CharField("过程", max_length=10, blank=True)
    l1 = models.CharField("一级事项", max_length=100)
    l2 = models.CharField("二级事项", max_length=100, blank=True)
    l3 = models.CharField("三级事项", max_length=100, blank=True)
    l4 = models.CharField("四级事项", max_length=100, blank=True)
    code = models.CharField("事项代码", max_length=20, blank=True)
    elements = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.CharField("公开时限", max_length=200, blank=True)
    time_rule = models.JSONField("时限规则", null=True, blank=True, editable=False)
    responsible = models.CharField("公开主体", max_length=200, blank=True)
    owner = models.ForeignKey(OrganUnit, verbose_name="责任主体", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="standard_items")
    channels = models.JSONField("公开渠道和载体", default=list, blank=True)
    audience = models.CharField("公开对象", max_length=10, blank=True)
    manner = models.CharField("公开方式", max_length=10, blank=True)
    level = models.CharField("公开层级", max_length=20, blank=True)
    column = models.ForeignKey(CatalogueNode, verbose_name="对应栏目", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="standard_items")

    class Meta:
        verbose_name = "标准目录事项"
        verbose_name_plural = "标准目录事项"
        ordering = ["agency", "seq", "id"]

    def __str__(self):
        return f"{self.l1} / {self.l2}"


class Validity(models.TextChoices):
    IN_FORCE = "in_force", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class DocType(models.TextChoices):
    RESOLUTION = "决议", "决议"
    DECISION = "决定", "决定"
    ORDER = "命令（令）", "命令（令）"
    COMMUNIQUE = "公报", "公报"
    ANNOUNCEMENT = "公告", "公告"
    CIRCULAR_NOTICE = "通告", "通告"
    OPINION = "意见", "意见"
    NOTICE = "通知", "通知"
    BULLETIN = "通报", "通报"
    REPORT = "报告", "报告"
    REQUEST = "请示", "请示"
    REPLY = "批复", "批复"
    MOTION = "议案", "议案"
    LETTER = "函", "函"
    MINUTES = "纪要", "纪要"
    RULE = "规章", "规章"
    NORMATIVE = "行政规范性文件", "行政规范性文件"
    OTHER = "其他", "其他"


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class DocStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SECTION_REVIEW = "section_review", "待科室审核"
    SECRECY_REVIEW = "secrecy_review", "待保密审查"
    APPROVED = "approved", "审查通过待发布"
    SCHEDULED = "scheduled", "定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


# The columns the library's facets count (search/facet_counts.py), carried in the public list indexes
# (PostgreSQL INCLUDE; other databases ignore it) so that a list's sample of up to 10,000 documents is
# counted from the index alone: 200 → ~15 ms for a 主题分类 at 300k documents (the rows were read from
# the table, scattered over 25,000 pages).
FACET_COLUMNS = ["agency", "subject", "doc_type", "validity"]


class Document(models.Model):
    """A published (or to-be-published) item with the metadata of domain.md 6.4."""

    agency = models.ForeignKey(Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField("标题", max_length=300)
    doc_no = models.CharField("发文字号", max_length=80, blank=True, db_index=True)
    doc_no_prefix = models.CharField("机关代字", max_length=40, blank=True)
    doc_no_year = models.PositiveIntegerField("年份", null=True, blank=True)
    doc_no_serial = models.PositiveIntegerField("序号", null=True, blank=True)
    doc_no_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    issuers = models.CharField("发文机关", max_length=300, blank=True, help_text="联合发文用“、”分隔，主办机关在前")
    signed_on = models.DateField("成文日期", null=True, blank=True)
    formed_on = models.DateField("信息形成（变更）日期", null=True, blank=True,
                                 help_text="条例第二十六条：自形成或变更之日起20个工作日内公开")
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    scheduled_for = models.DateTimeField("定时发布时间", null=True, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.IN_FORCE,
                                db_index=True)
    validity_changed_on = models.DateField("有效性变更日期", null=True, blank=True)
    replaced_by = models.ForeignKey("self", verbose_name="替代文件", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="replaces")
    subject = models.CharField("主题分类", max_length=60, blank=True, db_index=True)
    doc_type = models.CharField("文种", max_length=20, choices=DocType.choices, default=DocType.NOTICE,
                                db_index=True)
    keywords = models.CharField("主题词", max_length=200, blank=True)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)
    disclosure_attribute = models.CharField("公开属性", max_length=12, choices=DisclosureAttribute.choices,
                                            default=DisclosureAttribute.PROACTIVE)
    withheld_reason = models.CharField("不予公开理由", max_length=200, blank=True)
    no_interpretation_reason = models.CharField("不需解读的理由", max_length=300, blank=True)
    status = models.CharField("状态", max_length=20, choices=DocStatus.choices, default=DocStatus.DRAFT,
                              db_index=True)
    index_no = models.CharField("索引号", max_length=80, null=True, blank=True, unique=True)
    columns = models.ManyToManyField(CatalogueNode, verbose_name="所属栏目", blank=True, related_name="documents")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic version, bumped by every step (publishing/services._step): a form posted against an
    # older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField("版本", default=0, editable=False)
    search_text = models.TextField(editable=False, blank=True, help_text="分词后的检索文本（由检索模块维护）")

    class Meta:
        verbose_name = "政府信息（文件）"
        verbose_name_plural = "政府信息（文件）"
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # The public lists (access.public_documents(), newest first) at 300k documents: the count,
            # the page (also deep ones) and each filter of the policy library read one index only.
            models.Index(fields=["status", "disclosure_attribute", "published_at", "id"], name="doc_public_date",
                         include=FACET_COLUMNS),
            # (文种 and 有效性 at the end: an organ's list filtered by them too is read on this index alone.)
            models.Index(fields=["agency", "status", "disclosure_attribute", "published_at", "doc_type", "validity"],
                         name="doc_public_agency"),
            # (… and the id: a page in the list's order, -published_at, -id, is read from the index alone.)
            models.Index(fields=["doc_type", "status", "disclosure_attribute", "published_at", "id"],
                         name="doc_public_type_date", include=FACET_COLUMNS),
            models.Index(fields=["validity", "status", "disclosure_attribute", "published_at", "id"],
                         name="doc_public_validity_date", include=FACET_COLUMNS),
            # 主题分类 and below it (search.index._subject_q): one range of this index, read alone. On
            # PostgreSQL the prefix LIKE needs the pattern operator class (its collation is not code
            # point order); other databases ignore opclasses.
            models.Index(fields=["subject", "status", "disclosure_attribute", "published_at", "id"],
                         name="doc_public_subject_prefix",
                         opclasses=["varchar_pattern_ops", "varchar_ops", "varchar_ops", "timestamptz_ops", "int8_ops"],
                         include=FACET_COLUMNS),
            # "Is document N public, and of when?" without reading its row (bodies make rows fat): the
            # catalogue column pages sort thousands of filed documents by date this way.
            # (The link table of ``columns`` has an index (column, document) too: migration 0006.)
            models.Index(fields=["id", "status", "disclosure_attribute", "published_at"], name="doc_public_by_id"),
            # An organ's public documents newest first, read from the index alone: the catalogue's
            # column pages walk them and keep those filed in the column (page 50 of an organ's 10k-
            # document catalogue: 185 → 22 ms on PostgreSQL at 300k documents).
            models.Index(fields=["agency", "status", "disclosure_attribute", "published_at", "id"],
                         name="doc_public_agency_date", include=FACET_COLUMNS),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == DocStatus.PUBLISHED and self.disclosure_attribute == DisclosureAttribute.PROACTIVE

    @property
    def l1(self):
        return self.subject.split("\\", 1)[0] if self.subject else ""


def attachment_path(instance, filename):
    return f"documents/{instance.document_id}/{filename}"


class DocumentAttachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    # Private storage whatever the document's state: the public view serves it while the document is
    # public (access.public_documents), the staff view (logged) otherwise. See ARCHITECTURE.md.
    file = models.FileField(upload_to=attachment_path, storage=private_storage)
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    alt_text = models.CharField("替代文本（图片必填）", max_length=200, blank=True)
    text = models.TextField("提取的文本", blank=True)
    # Set on upload, cleared by the extraction job (services.extract_attachment_text); the daily
    # repair job runs the ones still set (a job lost with a killed process).
    text_pending = models.BooleanField("文本待提取", default=False, db_index=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self):
        return self.original_name


class AttachmentAccessLog(AppendOnlyModel):
    """Staff reads of attachments of documents that are not public (drafts, under review, scheduled,
    withdrawn, not 主动公开): who, which, when. Public attachments are read by anyone and not logged."""

    attachment = models.ForeignKey(DocumentAttachment, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    document_status = models.CharField("当时的状态", max_length=20)

    class Meta:
        verbose_name = "未公开附件查阅记录"
        verbose_name_plural = "未公开附件查阅记录"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.attachment}"


class PublicationEvent(AppendOnlyModel):
    """The audit trail of a document: append-only, like the application timeline."""

    CREATED = "created"
    EDITED = "edited"
    SUBMITTED = "submitted"
    SECTION_APPROVED = "section_approved"
    SECRECY_APPROVED = "secrecy_approved"
    RETURNED = "returned"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    VALIDITY_CHANGED = "validity_changed"
    BACKDATED = "backdated"
    MASKED = "masked"
    CLEAN_COPY = "clean_copy"  # the leak guard replaced an attachment by its clean copy (gongkai/screening)
    FINDING_ACCEPTED = "finding_accepted"  # the 保密审查员 accepted a leak-guard finding with a reason
    KIND_CHOICES = [
        (CREATED, "创建"), (EDITED, "修改"), (SUBMITTED, "提交审核"), (SECTION_APPROVED, "科室审核通过"),
        (SECRECY_APPROVED, "保密审查通过"), (RETURNED, "退回修改"), (SCHEDULED, "定时发布"), (PUBLISHED, "发布"),
        (WITHDRAWN, "撤回"), (VALIDITY_CHANGED, "有效性变更"), (BACKDATED, "补录发布日期"), (MASKED, "个人信息脱敏"),
        (CLEAN_COPY, "附件清理"), (FINDING_ACCEPTED, "接受保密检查发现"),
    ]
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "发布记录"
        verbose_name_plural = "发布记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class Interpretation(models.Model):
    """政策解读: 谁起草、谁解读; linked both ways with its documents (domain.md 6.5)."""

    FORM_CHOICES = [(f, f) for f in ("文字", "图解", "视频", "问答", "访谈", "新闻发布")]
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="interpretations")
    title = models.CharField("标题", max_length=300)
    form = models.CharField("解读形式", max_length=10, choices=FORM_CHOICES, default="文字")
    by_leader = models.BooleanField("领导干部解读", default=False)
    body = models.TextField("解读内容")
    documents = models.ManyToManyField(Document, verbose_name="解读的文件", related_name="interpretations")
    published_at = models.DateTimeField("发布日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title


class GazetteIssue(models.Model):
    """政府公报: 年度期号 (2021年第1期), 总期数, date, table of contents linking documents."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="gazette_issues")
    year = models.PositiveIntegerField("年份")
    issue_no = models.PositiveIntegerField("期号")
    cumulative_no = models.PositiveIntegerField("总期数")
    published_on = models.DateField("出版日期")
    documents = models.ManyToManyField(Document, verbose_name="目录", blank=True, related_name="gazette_issues")
    # Private storage: served by public_gazette.gazette_pdf from the publication date on, never before.
    pdf = models.FileField("PDF", upload_to="gazette/", blank=True, storage=private_storage)

    class Meta:
        verbose_name = "政府公报"
        verbose_name_plural = "政府公报"
        ordering = ["-year", "-issue_no"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "issue_no"], name="unique_gazette_issue")]

    def __str__(self):
        return f"{self.year}年第{self.issue_no}期（总第{self.cumulative_no}期）"


class Consultation(models.Model):
    """重大决策预公开 / 意见征集 with published feedback (domain.md 6.5)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField("标题", max_length=300)
    body = models.TextField("征求意见稿及说明")
    starts_on = models.DateField("征集开始日期")
    ends_on = models.DateField("征集截止日期")
    how_to_submit = models.TextField("意见提交方式", blank=True)
    feedback = models.TextField("意见采纳情况反馈", blank=True)
    opinions_received = models.PositiveIntegerField("收到意见数", null=True, blank=True)
    opinions_adopted = models.PositiveIntegerField("采纳意见数", null=True, blank=True)
    feedback_published_at = models.DateTimeField("反馈发布日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True)

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-starts_on"]

    def __str__(self):
        return self.title

    def status_on(self, day):
        if day < self.starts_on:
            return "未开始"
        return "征集中" if day <= self.ends_on else "已结束"


class Comment(models.Model):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    STATUS_CHOICES = [(PENDING, "待审核"), (APPROVED, "已公开"), (REJECTED, "不予公开")]
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField("姓名", max_length=50)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    body = models.TextField("意见")
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField("审核状态", max_length=10, choices=STATUS_CHOICES, default=PENDING)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "征集意见"
        verbose_name_plural = "征集意见"
        ordering = ["submitted_at"]

    def __str__(self):
        return f"{self.name}：{self.body[:20]}"
