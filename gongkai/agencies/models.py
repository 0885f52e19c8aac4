"""Organs (机关) and who works for them.

An installation serves a government, its departments and the lower governments under it: a tree.
Each organ has its own disclosure unit, letter numbering, reconsideration organ and court.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.law import outcomes
from gongkai.law.identifiers import InvalidIdentifier, validate_uscc


class Agency(models.Model):
    GOVERNMENT = "government"
    DEPARTMENT = "department"
    TOWNSHIP = "township"
    KIND_CHOICES = [(GOVERNMENT, "人民政府"), (DEPARTMENT, "政府部门"), (TOWNSHIP, "乡镇（街道）")]

    code = models.SlugField("简码", max_length=40, unique=True)
    name = models.CharField("机关名称", max_length=100)
    kind = models.CharField("机关类型", max_length=20, choices=KIND_CHOICES, default=DEPARTMENT)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path of ids ("/1/4/9/"), so subtree reads are one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    office_phone = models.CharField("联系电话", max_length=40, blank=True)
    office_fax = models.CharField("传真", max_length=40, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    reconsideration_organ = models.CharField("行政复议机关", max_length=100, blank=True)
    reconsideration_address = models.CharField("行政复议机关地址", max_length=200, blank=True)
    court = models.CharField("管辖人民法院", max_length=100, blank=True)
    # legal-review.md B1, domain 2.9 (revised): leaf code → bool, only where the organ departs from
    # the default of gongkai/law/outcomes.py (on for every outcome by which the applicant does not
    # get the information). Edited in the admin as one checkbox per outcome (admin.AgencyForm).
    reconsideration_first = models.JSONField(
        "复议前置的办理结果", default=dict, blank=True,
        help_text="勾选的办理结果在答复书中告知申请人应当先申请行政复议（行政复议法第二十三条）。"
                  "默认除“予以公开”和“撤回申请（其他）”外全部勾选；只有在本地高级人民法院有明确意见时才可取消勾选。",
    )
    letter_prefix = models.CharField(
        "文书字号前缀", max_length=30, blank=True, help_text="例如：聊行审依复；文书编号形如 聊行审依复〔2025〕第16号"
    )
    index_no_template = models.CharField(
        "索引号模板", max_length=60, blank=True,
        help_text="留空使用默认 {uscc}/{YYYY}-{NNNNN}；可用 {uscc} {code} {YYYY} {YY} {NNNNN}",
    )
    site_id_code = models.CharField("网站标识码", max_length=10, blank=True)
    sensitive_words = models.TextField("敏感词（发布前检查）", blank=True, help_text="以空格或换行分隔")
    auto_confirm_online = models.BooleanField(
        "网上申请自动确认收到", default=False, help_text="开启后，网上申请的收到日期即提交日期（条例第三十一条）"
    )
    # Who must use a second factor is decided in gongkai/accounts/policy.py; this is the per-organ part.
    require_2fa = models.BooleanField(
        "要求双因素登录", default=False,
        help_text="开启后，本机关所有工作人员登录时须使用手机身份验证器的验证码（未设置的人员登录后须先完成设置）",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("信息更新时间", auto_now=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            old = self.path
            self.path = path
            Agency.objects.filter(pk=self.pk).update(path=path)
            if old:
                for child in Agency.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Agency.objects.filter(pk=child.pk).update(path=path + child.path[len(old) :])

    def clean(self):
        if self.uscc:
            try:
                self.uscc = validate_uscc(self.uscc)
            except InvalidIdentifier as e:
                raise ValidationError({"uscc": str(e)})
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "上级机关不能是本机关或其下级机关"})
            node = node.parent

    def reconsideration_first_for(self, outcome) -> bool:
        """Whether this organ's letters for ``outcome`` (an Outcome or leaf code) tell the applicant
        to apply for reconsideration first: the default of law/outcomes.py unless overridden."""
        return outcomes.reconsideration_first(outcome, self.reconsideration_first or {})

    # The two names every remedy paragraph needs (legal-review.md B12; domain 2.9).
    REMEDY_FIELDS = (("reconsideration_organ", "行政复议机关"), ("court", "管辖人民法院"))

    def missing_remedy_fields(self) -> list[str]:
        """Labels of the remedy names this organ has not filled in (['行政复议机关', …]); [] when ready."""
        return [label for field, label in self.REMEDY_FIELDS if not (getattr(self, field) or "").strip()]

    def subtree(self):
        return Agency.objects.filter(path__startswith=self.path)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class Membership(models.Model):
    """A user's role in one organ. A person may hold roles in several organs."""

    HANDLER = "handler"
    REVIEWER = "reviewer"
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    EDITOR = "editor"
    SECRECY = "secrecy"
    ROLE_CHOICES = [
        (HANDLER, "经办人"),
        (REVIEWER, "审核人（公开工作机构负责人）"),
        (ADMIN, "机关管理员"),
        (SUPERVISOR, "政务公开办（监督）"),
        (EDITOR, "信息编辑（主动公开）"),
        (SECRECY, "保密审查员"),
    ]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=ROLE_CHOICES)

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class Counter(models.Model):
    """Per-organ, per-year sequences (application references, letter numbers)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=30)
    year = models.PositiveIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "name", "year"], name="unique_counter")]

    def __str__(self):
        return f"{self.agency_id}/{self.name}/{self.year}={self.value}"


def next_number(agency: Agency, name: str, year: int) -> int:
    """The next serial of a sequence. Call inside a transaction: the row lock serialises callers."""
    from django.db import IntegrityError, transaction

    try:
        with transaction.atomic():
            Counter.objects.get_or_create(agency=agency, name=name, year=year)
    except IntegrityError:
        pass  # created concurrently; the locked read below sees it
    counter = Counter.objects.select_for_update().get(agency=agency, name=name, year=year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value
