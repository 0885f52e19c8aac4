"""One organ's column crawled (no database): depth 2 only under the column's path, the column's next
pages, a landing page that links the report page, pages never off the organ's host."""

from __future__ import annotations

import pytest

from gongkai.websites.crawl import FOUND, NOT_FOUND, Crawler
from gongkai.websites.fetch import Fetcher
from gongkai.websites.tests.fixture_sites import column, page, report_lines


@pytest.fixture
def site():
    from gongkai.websites.tests.fixture_sites import Site

    s = Site().start()
    yield s
    s.stop()


REPORT = report_lines("03_huaian_hongzequ_2024.txt")


def crawl(site, url, year=2024):
    return Crawler(Fetcher(page_hosts={site.host}, delay=0)).crawl(site.url(url), year)


def test_a_landing_page_leads_to_the_report_under_the_column_but_not_elsewhere(site):
    site.add("/col/nb/index.html", column("年报", [("/col/nb/landing.html", "2024年政府信息公开工作年度报告")]))
    site.add("/col/nb/landing.html", page("2024年政府信息公开工作年度报告", ["请点击查看："],
                                         links=[("/col/nb/art/2024.html", "2024年政府信息公开工作年度报告全文")]))
    site.add("/col/nb/art/2024.html", page("2024年政府信息公开工作年度报告", REPORT, date="2025-01-20"))
    got = crawl(site, "/col/nb/index.html")
    assert got.status == FOUND and got.report.url == site.url("/col/nb/art/2024.html")

    site.add("/col/nb/landing.html", page("2024年政府信息公开工作年度报告", ["请点击查看："],
                                         links=[("/other/2024.html", "2024年政府信息公开工作年度报告全文")]))
    site.add("/other/2024.html", page("2024年政府信息公开工作年度报告", REPORT))
    site.log.clear()
    got = crawl(site, "/col/nb/index.html")
    assert got.status == NOT_FOUND and site.url("/other/2024.html") in got.refused
    assert "/other/2024.html" not in site.paths()


def test_the_report_on_the_columns_next_page_and_each_page_fetched_once(site):
    site.add("/col/nb/index.html", column("年报", [("/col/nb/index_1.html", "下一页"),
                                                   ("/col/nb/2025.html", "2025年政府信息公开工作年度报告")]))
    site.add("/col/nb/index_1.html", column("年报", [("/col/nb/2024.html", "2024年政府信息公开工作年度报告"),
                                                     ("/col/nb/2023.html", "2023年政府信息公开工作年度报告")]))
    site.add("/col/nb/2024.html", page("2024年政府信息公开工作年度报告", REPORT, date="2025-01-20"))
    site.add("/col/nb/2023.html", page("2023年政府信息公开工作年度报告", report_lines("02_huaian_hongzequ_2023.txt")))
    got = crawl(site, "/col/nb/index.html")
    assert got.status == FOUND and got.report.url == site.url("/col/nb/2024.html")
    assert got.previous.url == site.url("/col/nb/2023.html")
    paths = [p for p in site.paths() if p != "/robots.txt"]
    assert sorted(paths) == sorted(set(paths))  # nothing fetched twice


def test_an_attachment_on_the_column_is_dated_by_last_modified_not_by_another_items_date(site):
    import datetime as dt

    from gongkai.websites.tests.fixture_sites import PDF

    site.add("/col/nb/index.html", page("年报", [], date="2025-05-30",  # the date of the newest item of the list
                                        links=[("/files/nb2024.pdf", "2024年政府信息公开工作年度报告.pdf")]))
    site.add("/files/nb2024.pdf", PDF.read_bytes(), "application/pdf")
    got = crawl(site, "/col/nb/index.html")
    assert got.status == FOUND and got.report.is_attachment
    assert got.report.published_on == dt.date(2025, 1, 20)  # fixture_sites.LAST_MODIFIED
