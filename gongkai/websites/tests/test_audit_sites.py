"""``audit_sites`` against local fixture websites: every organ's row, the listed hosts only, robots.txt,
GBK, a report linked as an attachment on a file server, 与上年报告雷同, and a rerun that fetches nothing
unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.websites import runs
from gongkai.websites.models import CrawlRun, SiteResult
from gongkai.websites.tests.fixture_sites import build_world


@pytest.fixture
def world(settings):
    settings.GONGKAI = {**settings.GONGKAI, "SITE_TIMEOUT": 0.3}
    w = build_world(slow=1.0)
    yield w
    w.stop()


def crawl(world, tmp_path, *extra):
    lst = tmp_path / "sites.csv"
    lst.write_text(world.csv(), encoding="utf-8")
    out = io.StringIO()
    call_command("audit_sites", str(lst), "--year", "2024", "--delay", "0", *extra, stdout=out)
    return {r["organ"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}


@pytest.mark.django_db
def test_every_organs_row_and_only_the_listed_hosts(world, tmp_path, pin_today):
    pin_today(dt.date(2025, 6, 1))
    rows = crawl(world, tmp_path)
    assert list(rows) == [s["organ"] for s in world.sites]
    for organ, want in world.expected.items():
        got = rows[organ]
        assert (got["status"], got["report_url"], got["late"]) == (want["status"], want["report_url"], want["late"]), organ
        assert got["year"] == "2024"
    assert set(next(iter(rows.values()))) >= {"organ", "url", "status", "report_url", "year", "late", "errors", "warnings"}
    # the off-host page and the path robots.txt disallows were never requested
    assert world.off.log == []
    assert "/private/hzq2024.html" not in world.main.paths()
    # the copied report is flagged, the real one of the next year is not
    copied = SiteResult.objects.get(organ="测试市教育局")
    assert any(f["rule"] == "copy_paste" and f["message"].startswith("与上年报告雷同（相似度") for f in copied.findings)
    assert copied.similarity > 0.9 and int(rows["测试市教育局"]["warnings"]) >= 1
    real = SiteResult.objects.get(organ="淮安市洪泽区人民政府")
    assert real.similarity is not None and real.similarity < 0.6
    assert not any(f["rule"] == "copy_paste" for f in real.findings)
    # the GBK page was read: the same report as the UTF-8 one, the same table findings
    gbk = SiteResult.objects.get(organ="测试市财政局")
    assert {f["rule"] for f in gbk.findings} - {"late_publication"} == {f["rule"] for f in real.findings}
    # the PDF attachment was audited and published after 31 March: late
    pdf = SiteResult.objects.get(organ="淮安市人民政府")
    assert pdf.published_on == dt.date(2025, 4, 8)
    assert any(f["rule"] == "late_publication" for f in pdf.findings)
    assert not any(f["rule"] in ("unreadable", "unrecognised") for f in pdf.findings)
    assert "超时" in SiteResult.objects.get(organ="测试市统计局").note


@pytest.mark.heavy  # three crawls of the fixture world (~15 s)
@pytest.mark.django_db
def test_a_rerun_fetches_nothing_unchanged_and_audits_only_what_changed(world, tmp_path, pin_today, monkeypatch):
    pin_today(dt.date(2025, 6, 1))
    first = crawl(world, tmp_path)
    for s in (world.main, world.gbk, world.files):
        s.log.clear()
    audited = []
    real_audit = runs.audit.audit_outcome
    monkeypatch.setattr(runs.audit, "audit_outcome",
                        lambda organ, year, outcome: audited.append(organ) or real_audit(organ, year, outcome))
    second = crawl(world, tmp_path)
    assert second == first
    for s in (world.main, world.gbk, world.files):
        assert s.log and all(conditional and status in (304, 404) for _p, conditional, status in s.log
                             if status != 404), s.log
    assert {o for o in audited} <= {"测试市交通运输局", "测试市民政局", "测试市统计局"}  # nothing found, nothing re-read
    # a changed page is fetched and audited again
    path = "/jyj/nb/2024.html"
    world.main.add(path, world.main.routes[path][1].decode().replace("2025-01-15", "2025-02-15"))
    third = crawl(world, tmp_path)
    assert third["测试市教育局"]["late"] == "yes" and "测试市教育局" in audited


@pytest.mark.django_db
def test_xlsx_output_and_bad_input(world, tmp_path):
    from openpyxl import load_workbook

    lst = tmp_path / "sites.csv"
    lst.write_text(world.csv(), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    call_command("audit_sites", str(lst), "--year", "2024", "--delay", "0", "--out", str(out), stderr=io.StringIO())
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][:8] == ["organ", "url", "status", "report_url", "year", "late", "errors", "warnings"]
    assert ws.max_row == 2 + len(world.sites)
    external = tmp_path / "ext.csv"
    external.write_text("organ,url\n某局,https://www.example.gov.cn/nb/\n", encoding="utf-8")
    with pytest.raises(CommandError, match="回环地址"):
        call_command("audit_sites", str(external), "--year", "2024", "--delay", "0")
    bad = tmp_path / "bad.csv"
    bad.write_text("organ,url\n某局,ftp://x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行的网址无效"):
        call_command("audit_sites", str(bad), "--year", "2024")
    assert CrawlRun.objects.count() == 1  # nothing started for bad input
