"""领导信箱 / 互动交流 (issue 17 item 3): an organ's mailbox, the messages written to it, their
append-only timeline, the reply (drafted, reviewed, published only with consent) and the log of every
read of a writer's personal data. The rules are gongkai/law/mailbox.py's."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from gongkai.core.models import AppendOnlyModel
from gongkai.law import mailbox as rules


class Mailbox(models.Model):
    """One mailbox per organ (局长信箱, 县长信箱, 领导信箱 …)."""

    agency = models.OneToOneField("agencies.Agency", verbose_name="机关", on_delete=models.CASCADE,
                                  related_name="mailbox")
    name = models.CharField("信箱名称", max_length=40, default="领导信箱", help_text="例如：局长信箱、县长信箱")
    is_open = models.BooleanField("接收来信", default=True, help_text="关闭后公众不能写信，已收到的来信照常办理")
    answer_days = models.PositiveSmallIntegerField(
        "答复期限（工作日）", default=rules.ANSWER_DAYS_DEFAULT,
        validators=[MinValueValidator(rules.ANSWER_DAYS_MIN), MaxValueValidator(rules.ANSWER_DAYS_MAX)],
        help_text="自收到来信的次日起计算的工作日数；修改后只影响此后收到的来信")
    intro = models.TextField("信箱说明", blank=True, help_text="显示在写信页面上方，例如受理范围")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "信箱"
        verbose_name_plural = "信箱"

    def __str__(self):
        return f"{self.agency.name}{self.name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from gongkai.ops import page_cache

        page_cache.bump_on_commit()  # the organ's column tree links to an open mailbox


class Message(models.Model):
    mailbox = models.ForeignKey(Mailbox, verbose_name="信箱", on_delete=models.PROTECT, related_name="messages")
    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="mailbox_messages")
    # Like the application's 查询号: random, unguessable, shown once and mailed.
    reference = models.CharField("查询号", max_length=32, unique=True)
    writer_name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    email = models.CharField("电子邮箱", max_length=254, blank=True)
    subject = models.CharField("标题", max_length=100)
    text = models.TextField("来信内容")
    category = models.CharField("类别", max_length=20, choices=rules.CATEGORIES)
    consent_publish = models.BooleanField("同意公开来信和答复", default=False)
    received_at = models.DateTimeField("收到时间")
    received_on = models.DateField("收到日期", db_index=True)
    due_on = models.DateField("答复期限")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=rules.STATUSES, default=rules.NEW, db_index=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    # The texts a published reply shows: the subject and the message as masked by staff (checked by
    # law/mailbox.publication_refusal before publication).
    public_subject = models.CharField("公开标题", max_length=100, blank=True)
    public_text = models.TextField("公开的来信内容", blank=True)
    # An application handled under Art. 39 (（五）1) and brought here (issue 17 item 3).
    application = models.OneToOneField("applications.Application", verbose_name="来源申请", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="mailbox_message")
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "来信"
        verbose_name_plural = "来信"
        indexes = [models.Index(fields=["agency", "status", "due_on"], name="mailbox_msg_agency_status")]

    def __str__(self):
        return f"{self.agency.name} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return rules.status_label(self.status)

    @property
    def category_label(self) -> str:
        return rules.category_label(self.category)


class Reply(models.Model):
    """The answer to one message: drafted by a handler, approved by a reviewer; published on the
    public page only if the writer consented (``published``)."""

    DRAFT, APPROVED = "pending", "approved"
    STATES = [(DRAFT, "待审核"), ("returned", "已退回修改"), (APPROVED, "审核通过")]

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField("答复内容")
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    state = models.CharField("审核状态", max_length=20, choices=STATES, default=DRAFT)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField("已公开", default=False, db_index=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"

    def __str__(self):
        return f"{self.message_id} {self.get_state_display()}"

    @property
    def approved(self) -> bool:
        return self.state == self.APPROVED


class MessageEvent(AppendOnlyModel):
    """The message's timeline: every step, append-only."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30)
    label = models.CharField("事项", max_length=60)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    note = models.TextField(blank=True)
    public = models.BooleanField(default=False)  # shown to the writer on the progress page
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "来信办理记录"
        verbose_name_plural = "来信办理记录"
        ordering = ["at", "id"]


class ReadLog(AppendOnlyModel):
    """Every read of a writer's unmasked personal data by staff (a message page, a list page)."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="read_log", null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    what = models.CharField(max_length=50)
    count = models.PositiveIntegerField("条数", null=True, blank=True)

    class Meta:
        verbose_name = "来信个人信息查阅记录"
        verbose_name_plural = "来信个人信息查阅记录"
