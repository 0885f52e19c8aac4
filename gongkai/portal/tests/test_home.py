"""The home page (issue 15, item 4): search box, latest documents, 政策解读, 政府公报, 意见征集 (open ones
first), the organs' columns and 依申请公开; the favicon; the Chinese 404 page."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.publishing.models import Consultation, DocStatus, GazetteIssue, Interpretation
from gongkai.publishing.tests.test_public_pages import TZ, make_doc

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def _consultation(agency, title, starts, ends):
    return Consultation.objects.create(agency=agency, title=title, body="征求意见稿", starts_on=starts, ends_on=ends,
                                       published_at=dt.datetime(2026, 1, 1, 9, tzinfo=TZ))


@pytest.fixture
def content(tree, pin_today):
    pin_today(TODAY)
    gov = tree["gov"]
    new = make_doc(gov, "最新发布的通知", when=dt.datetime(2026, 3, 1, 9))
    old = make_doc(gov, "较早发布的通知", when=dt.datetime(2025, 3, 1, 9))
    make_doc(gov, "草稿不应出现", status=DocStatus.DRAFT, index_no=None)
    interp = Interpretation.objects.create(agency=gov, title="一图读懂最新通知", body="解读",
                                           published_at=dt.datetime(2026, 3, 2, 9, tzinfo=TZ))
    interp.documents.set([new])
    Interpretation.objects.create(agency=gov, title="尚未发布的解读", body="解读")
    issue = GazetteIssue.objects.create(agency=gov, year=2026, issue_no=2, cumulative_no=88,
                                        published_on=dt.date(2026, 2, 28))
    GazetteIssue.objects.create(agency=gov, year=2026, issue_no=3, cumulative_no=89,
                                published_on=dt.date(2026, 3, 31))  # not out yet
    closed = _consultation(gov, "已经结束的征集", dt.date(2026, 1, 5), dt.date(2026, 2, 5))
    later = _consultation(gov, "晚些截止的征集", dt.date(2026, 3, 1), dt.date(2026, 4, 30))
    sooner = _consultation(gov, "很快截止的征集", dt.date(2026, 3, 1), dt.date(2026, 3, 15))
    _consultation(gov, "尚未开始的征集", dt.date(2026, 4, 1), dt.date(2026, 5, 1))
    return {"new": new, "old": old, "interp": interp, "issue": issue, "closed": closed, "later": later,
            "sooner": sooner}


def test_home_shows_every_block(client, content, tree):
    html = client.get(reverse("portal-home")).content.decode()
    assert f'action="{reverse("public:library")}"' in html and 'name="q"' in html and 'role="search"' in html
    for heading in ("最新文件", "政策解读", "政府公报", "意见征集", "各机关政府信息公开专栏", "依申请公开"):
        assert f">{heading}</h2>" in html, heading
    assert html.index("最新发布的通知") < html.index("较早发布的通知")
    assert "草稿不应出现" not in html
    assert reverse("public:interpretation", args=[content["interp"].pk]) in html and "尚未发布的解读" not in html
    assert reverse("public:gazette-issue", args=[content["issue"].pk]) in html and "第3期" not in html
    for agency in tree.values():
        assert f'href="{reverse("column", args=[agency.code])}"' in html
    assert f'href="{reverse("apply")}"' in html and f'href="{reverse("query")}"' in html
    assert f'href="{reverse("public:consultations")}"' in html and f'href="{reverse("public:gazette")}"' in html


def test_open_consultations_come_first_closing_soonest_first(client, content):
    html = client.get(reverse("portal-home")).content.decode()
    block = html.split('id="h-consult"', 1)[1].split("</section>", 1)[0]
    positions = [block.index(t) for t in ("很快截止的征集", "晚些截止的征集", "已经结束的征集")]
    assert positions == sorted(positions)
    assert "尚未开始的征集" not in block
    assert block.count("征集中</span>") == 2 and block.count("已结束</span>") == 1
    assert "还剩5天" in block


def test_favicon_is_linked_and_served(client, tree):
    html = client.get(reverse("portal-home")).content.decode()
    assert '<link rel="icon" href="/static/gongkai/favicon.svg" type="image/svg+xml">' in html
    from django.contrib.staticfiles import finders

    assert finders.find("gongkai/favicon.svg")


def test_not_found_page_is_in_chinese(client, tree):
    r = client.get("/gk/docs/987654321/")
    assert r.status_code == 404
    html = r.content.decode()
    assert "页面不存在" in html and '<html lang="zh-CN">' in html and "返回网站首页" in html
