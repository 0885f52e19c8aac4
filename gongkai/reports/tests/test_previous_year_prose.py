"""The generated prose compares with the previous year whenever its figures exist (issue 15: the
proposal on the edit page said 「较上年（无上年数据）」 although 2024's figures had been entered)."""

import datetime as dt

from django.urls import reverse

from gongkai.law import report_format as rf
from gongkai.reports import services

from .helpers import received

D = dt.date.fromisoformat
FMT = rf.FORMAT_2021


def _enter_2024(tree, staff, new_total: int) -> None:
    tables = rf.empty_tables(FMT)
    columns = rf.schema_for(FMT).applications.column_codes
    tables["applications"]["new"] = dict.fromkeys(columns, 0)
    tables["applications"]["new"].update(natural_person=new_total, total=new_total)
    services.enter_past_report(tree["a"], 2024, tables, staff["a_handler"], source_note="2024年度报告（网站）")


def test_edit_page_proposal_compares_with_entered_previous_year(client, tree, staff):
    a, h = tree["a"], staff["a_handler"]
    received(a, h, D("2025-02-03"))
    received(a, h, D("2025-05-06"))
    _enter_2024(tree, staff, 1)
    report = services.create_report(a, 2025, h)
    client.force_login(h)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "无上年数据" not in page
    assert "新收申请较上年增长100.00%" in page  # 2 new in 2025 against 1 in 2024


def test_edit_page_proposal_without_previous_year_does_not_compare(client, tree, staff):
    a, h = tree["a"], staff["a_handler"]
    received(a, h, D("2025-02-03"))
    report = services.create_report(a, 2025, h)
    client.force_login(h)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "新收申请较上年增长" not in page and "无上年数据" not in page
