"""What the home page shows (issue 15, item 4): the latest documents, 政策解读, the latest 政府公报
issues, 意见征集 (open ones first, closing soonest first, then the latest closed ones), the organs'
政府信息公开 columns and the 依申请公开 entrance.

Every block is a few rows read from an index in list order (never a count or a scan of the documents),
and the anonymous page is kept by the page cache per content generation and day
(``ops/page_cache.py``), so the home page stays within the 50 ms budget at 300k documents.
"""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.law import today as law_today
from gongkai.ops import page_cache
from gongkai.publishing.access import public_documents
from gongkai.publishing.models import (
    Consultation,
    DisclosureAttribute,
    DocStatus,
    GazetteIssue,
    Interpretation,
)

LATEST = 10
INTERPRETATIONS = 6
GAZETTE_ISSUES = 4
OPEN_CONSULTATIONS = 5
CLOSED_CONSULTATIONS = 3


def latest_documents(limit: int = LATEST):
    return list(public_documents().select_related("agency").only(
        "pk", "title", "doc_no", "index_no", "published_at", "validity", "agency__name", "agency__code",
    ).order_by("-published_at", "-id")[:limit])


def latest_interpretations(limit: int = INTERPRETATIONS):
    """The newest published interpretations with at least one public document (the others' pages
    answer 404): a few more than shown are read newest first, then kept if one of their documents is
    public (a join by primary key per link; never a list of every public document)."""
    candidates = list(Interpretation.objects.filter(published_at__isnull=False, published_at__lte=law_today.now())
                      .select_related("agency").only("pk", "title", "form", "published_at", "agency__name")
                      .order_by("-published_at", "-id")[:limit * 3])
    through = Interpretation.documents.through
    with_public = set(through.objects.filter(
        interpretation_id__in=[i.pk for i in candidates], document__status=DocStatus.PUBLISHED,
        document__disclosure_attribute=DisclosureAttribute.PROACTIVE,  # (= access.public_documents())
    ).values_list("interpretation_id", flat=True))
    return [i for i in candidates if i.pk in with_public][:limit]


def latest_gazette_issues(limit: int = GAZETTE_ISSUES):
    return list(GazetteIssue.objects.filter(published_on__lte=law_today.today()).select_related("agency")
                .order_by("-published_on", "-year", "-issue_no")[:limit])


def consultations() -> list[dict]:
    """Open consultations first (the one closing soonest first), then the latest closed ones; one not
    yet started is not shown (its page says 未开始 once published, but nobody can comment yet)."""
    today = law_today.today()
    visible = Consultation.objects.filter(published_at__isnull=False, published_at__lte=law_today.now()) \
        .select_related("agency").only("pk", "title", "starts_on", "ends_on", "agency__name")
    open_ = list(visible.filter(starts_on__lte=today, ends_on__gte=today).order_by("ends_on", "id")[:OPEN_CONSULTATIONS])
    closed = list(visible.filter(ends_on__lt=today).order_by("-ends_on", "-id")[:CLOSED_CONSULTATIONS])
    return ([{"c": c, "open": True, "days_left": (c.ends_on - today).days} for c in open_]
            + [{"c": c, "open": False, "days_left": None} for c in closed])


HOME_CACHE_SECONDS = 600  # a bound on memory only: the generation and the day in the key end stale blocks


def home_context() -> dict:
    """The blocks, kept per content generation and day (a visitor the page cache does not serve, e.g.
    signed in, gets them from one cache read too)."""
    return page_cache.remember(f"home:{law_today.today().isoformat()}", lambda: {
        "latest": latest_documents(),
        "interpretations": latest_interpretations(),
        "gazette_issues": latest_gazette_issues(),
        "consultations": consultations(),
        "agencies": list(Agency.objects.order_by("path").only("pk", "code", "name", "path")),
    }, HOME_CACHE_SECONDS)
