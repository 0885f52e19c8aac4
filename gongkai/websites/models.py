"""A crawl of the organs' websites for their annual reports (``CrawlRun``), its one row per organ
(``SiteResult``) and the cache of what was fetched (``FetchedUrl``), so that a rerun sends
conditional requests and re-audits only what changed.

A run is scoped like the supervisor's audit of published reports: it records the organs its
supervisor supervised when it started, and only its starter or a user who supervises every one of
them may see it (``access.can_see``). It holds findings about published reports, no personal data.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from gongkai.jobs.progress import Progress


class CrawlRun(Progress, models.Model):
    STATUSES = Progress.statuses("抓取中")

    year = models.PositiveSmallIntegerField("年度")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    agency_ids = models.JSONField("范围（监督的机关）", default=list, blank=True)
    sites = models.JSONField("网站清单", default=list)  # [{"organ": ..., "url": ...}]
    delay = models.FloatField("同一网站请求间隔（秒）", default=1.0)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=Progress.PENDING)
    progress_done = models.PositiveIntegerField("已抓取", default=0)
    progress_total = models.PositiveIntegerField("待抓取", default=0)
    requests = models.PositiveIntegerField("请求次数", default=0)
    error = models.CharField("错误", max_length=500, blank=True)
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "网站年报抓取"
        verbose_name_plural = "网站年报抓取"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.year}年度网站年报抓取 #{self.pk}"


class SiteResult(models.Model):
    FOUND = "found"
    NOT_FOUND = "not_found"
    UNREACHABLE = "unreachable"
    STATUSES = [(FOUND, "已找到"), (NOT_FOUND, "未找到"), (UNREACHABLE, "无法访问")]

    run = models.ForeignKey(CrawlRun, on_delete=models.CASCADE, related_name="results", null=True, blank=True)
    position = models.PositiveIntegerField("序号", default=0)
    organ = models.CharField("机关", max_length=200)
    url = models.URLField("网址", max_length=2000)
    status = models.CharField("结果", max_length=12, choices=STATUSES)
    report_url = models.URLField("年报网址", max_length=2000, blank=True)
    year = models.PositiveSmallIntegerField("年度")
    published_on = models.DateField("发布日期", null=True, blank=True)
    late = models.BooleanField("逾期", default=False)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    findings = models.JSONField("问题", default=list, blank=True, encoder=DjangoJSONEncoder)
    similarity = models.FloatField("与上年相似度", null=True, blank=True)
    previous_url = models.URLField("上年报告网址", max_length=2000, blank=True)
    report_hash = models.CharField("年报内容摘要", max_length=64, blank=True)
    previous_hash = models.CharField("上年报告内容摘要", max_length=64, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    created_at = models.DateTimeField("抓取时间", auto_now_add=True)

    class Meta:
        verbose_name = "网站年报抓取结果"
        verbose_name_plural = "网站年报抓取结果"
        ordering = ["run", "position"]
        indexes = [models.Index(fields=["url", "year"])]

    def __str__(self):
        return f"{self.organ} {self.year}年度：{self.get_status_display()}"


class FetchedUrl(models.Model):
    """What a URL returned last time: validators for a conditional request and the content hash;
    the body of pages (≤ 5 MB) so that a 304 still gives their links, never of attachments."""

    url_key = models.CharField(max_length=64, unique=True)  # sha256 of the URL
    url = models.TextField("网址")
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    status = models.PositiveSmallIntegerField(default=0)
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField(null=True, blank=True)
    fetched_at = models.DateTimeField("抓取时间")

    class Meta:
        verbose_name = "已抓取网址"
        verbose_name_plural = "已抓取网址"

    def __str__(self):
        return self.url
