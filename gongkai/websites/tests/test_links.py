"""The crawler's pure rules: which link is the year's report, hosts and paths, decoding, dates, 雷同."""

from __future__ import annotations

import datetime as dt

from gongkai.websites import links as L


def link(text, url="http://a.gov.cn/col/art_1.html"):
    return L.Link(url, text)


def test_the_years_report_is_chosen_over_interpretations_other_years_and_unrelated_links():
    links = [
        link("图解：2024年政府信息公开工作年度报告", "http://a.gov.cn/jd.html"),
        link("2023年政府信息公开工作年度报告", "http://a.gov.cn/2023.html"),
        link("关于印发2024年工作要点的通知", "http://a.gov.cn/yd.html"),
        link("测试市教育局2024年度报告", "http://a.gov.cn/short.html"),
        link("测试市教育局2024年政府信息公开工作年度报告", "http://a.gov.cn/full.html"),
    ]
    assert [x.url for x in L.best_links(links, 2024)] == ["http://a.gov.cn/full.html", "http://a.gov.cn/short.html"]
    assert L.best_links(links, 2022) == []


def test_a_year_in_chinese_numerals_or_only_in_an_attachments_file_name_counts():
    assert L.years_in("二〇二四年政府信息公开工作年度报告") == {2024}
    assert L.report_score(link("二〇二四年政府信息公开工作年度报告"), 2024) > 0
    assert L.report_score(link("附件下载", "http://f.cn/2024年度报告.pdf"), 2024) > 0
    assert L.report_score(link("附件下载", "http://f.cn/2023年度报告.pdf"), 2024) == 0


def test_attachments_hosts_and_the_column_path():
    assert L.is_attachment("http://f.cn/a/B.PDF") and L.is_attachment("http://f.cn/x.ofd?x=1")
    assert not L.is_attachment("http://f.cn/a/b.html")
    assert L.host_of("HTTP://Www.Gov.CN:80/x") == "www.gov.cn" and L.host_of("http://127.0.0.1:8080/") == "127.0.0.1:8080"
    assert L.in_column("http://a.cn/col/nb/art/1.html", "http://a.cn/col/nb/index.html")
    assert not L.in_column("http://a.cn/col/other/1.html", "http://a.cn/col/nb/index.html")
    assert not L.in_column("http://b.cn/col/nb/1.html", "http://a.cn/col/nb/index.html")
    assert L.is_loopback("127.0.0.1:8203") and L.is_loopback("localhost") and L.is_loopback("[::1]:80")
    assert not L.is_loopback("www.gov.cn") and not L.is_loopback("10.0.0.1")


def test_links_are_absolute_without_fragments_scripts_or_mail():
    html = ('<base href="http://a.cn/col/"><a href="x.html#top" title="2024年度报告全文">2024年度…</a>'
            '<a href="javascript:void(0)">x</a><a href="mailto:a@b.cn">m</a><a href="/f.pdf">附件</a>')
    found = L.extract_links(html, "http://a.cn/other/index.html")
    assert [(x.url, x.text) for x in found] == [("http://a.cn/col/x.html", "2024年度报告全文 2024年度…"),
                                               ("http://a.cn/f.pdf", "附件")]


def test_pages_are_decoded_by_header_then_meta_then_utf8_then_gb18030():
    text = "政府信息公开工作年度报告"
    assert L.decode_page(text.encode("gbk"), "text/html; charset=GBK") == text
    meta = f'<meta charset="gb2312"><p>{text}</p>'.encode("gb18030")
    assert text in L.decode_page(meta, "text/html")
    assert L.decode_page(text.encode("utf-8"), None) == text
    assert L.decode_page(text.encode("gb18030"), None) == text  # no declaration at all


def test_the_publication_date_printed_on_the_page():
    assert L.page_date("来源：本网　发布时间：2025-01-20 10:00") == dt.date(2025, 1, 20)
    assert L.page_date("发布日期：2025年3月5日") == dt.date(2025, 3, 5)
    assert L.page_date("没有日期") is None
    assert L.http_date("Mon, 20 Jan 2025 08:00:00 GMT") == dt.date(2025, 1, 20)


def test_a_page_is_the_report_when_its_title_names_the_year_and_it_has_the_first_section():
    text = "首页\n测试市教育局 2024 年政府信息公开工作年度报告\n一、总体情况\n……"
    assert L.looks_like_report(text, 2024)
    assert not L.looks_like_report(text, 2023)
    assert not L.looks_like_report("2024年政府信息公开工作年度报告（列表）", 2024)


def test_similarity_of_narratives_ignores_numbers_and_tables():
    last = "一、总体情况\n本机关坚持公开为常态、不公开为例外，全年主动公开信息 120 条，办理申请 8 件。\n" \
           "二、主动公开政府信息情况\n规章\t0\t0\t0\n五、存在的主要问题及改进情况\n人员力量不足，将加强培训。"
    copied = last.replace("120", "135").replace("8 件", "11 件").replace("\t0", "\t3")
    other = "一、总体情况\n今年我们重点推进了政策解读和基层政务公开标准化规范化建设，成效明显。"
    assert "规章" not in L.narrative(last) and "人员力量不足" in L.narrative(last)
    assert L.similarity(L.narrative(copied), L.narrative(last)) == 1.0
    assert L.similarity(L.narrative(other), L.narrative(last)) < 0.1
    assert L.shared_excerpts(L.narrative(copied), L.narrative(last))
