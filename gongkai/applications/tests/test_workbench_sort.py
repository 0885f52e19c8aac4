"""The workbench sorts by column on the server (?sort=key, ?sort=-key), with header links that keep
the filters and say the current order to assistive technology (aria-sort); issue 15, item 6."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.applications import sorting


@pytest.fixture
def three(received_app, pin_today):
    pin_today(dt.date(2025, 3, 20))
    return [received_app(on=dt.date(2025, 3, day), name=name)
            for day, name in ((4, "乙"), (3, "甲"), (5, "丙"))]


def _references(page: str) -> list[str]:
    return re.findall(r'<td data-label="登记编号" class="nowrap"><a href="[^"]+">([^<]+)</a>', page)


@pytest.mark.django_db
def test_sort_by_submission_date_both_ways(client, staff, three):
    client.force_login(staff["a_handler"])
    by_day = [a.reference for a in sorted(three, key=lambda a: a.submitted_on)]
    up = client.get(reverse("workbench"), {"scope": "agency", "sort": "submitted"}).content.decode()
    assert _references(up) == by_day
    down = client.get(reverse("workbench"), {"scope": "agency", "sort": "-submitted"}).content.decode()
    assert _references(down) == by_day[::-1]
    assert 'aria-sort="descending"' in down and down.count("aria-sort=") == 1
    assert "按提交日期倒序排序" in down


@pytest.mark.django_db
def test_header_links_keep_filters_and_toggle_the_direction(client, staff, three):
    client.force_login(staff["a_handler"])
    page = client.get(reverse("workbench"), {"scope": "agency", "status": "open", "sort": "reference",
                                             "page": "1"}).content.decode()
    th = re.search(r'<th scope="col" aria-sort="ascending" class="sortable"><a href="([^"]+)">登记编号', page)
    assert th, "the sorted column says aria-sort=ascending"
    link = th.group(1).replace("&amp;", "&")
    assert "sort=-reference" in link and "scope=agency" in link and "status=open" in link and "page=" not in link
    assert 'href="?scope=agency&amp;status=open&amp;sort=due"' in page  # another column: ascending first
    assert '<input type="hidden" name="sort" value="reference">' in page  # the filter form keeps the order


@pytest.mark.django_db
def test_unknown_sort_is_the_default_order(client, staff, three):
    client.force_login(staff["a_handler"])
    default = _references(client.get(reverse("workbench"), {"scope": "agency"}).content.decode())
    odd = _references(client.get(reverse("workbench"), {"scope": "agency", "sort": "drop table"}).content.decode())
    assert odd == default and len(default) == 3


def test_parse():
    assert sorting.parse("-due") == ("due", True)
    assert sorting.parse("agency") == ("agency", False)
    assert sorting.parse("-nonsense") == (sorting.DEFAULT, False)


@pytest.mark.django_db
def test_dates_in_the_list_never_wrap(client, staff, three):
    client.force_login(staff["a_handler"])
    page = client.get(reverse("workbench"), {"scope": "agency"}).content.decode()
    assert page.count('class="date">2025-03-0') == 3
    css = (Path(__file__).resolve().parents[2] / "static/gongkai/site.css").read_text(encoding="utf-8")
    assert re.search(r"\.date[^{]*\{[^}]*white-space:\s*nowrap", css)


@pytest.mark.django_db
@pytest.mark.parametrize("query, current", [
    ({}, "我的案件"),
    ({"scope": "agency", "status": "open"}, "本机关（含可查看机关）全部案件"),
    ({"scope": "agency", "status": "decided"}, "待签发答复"),  # where a reviewer lands
    ({"scope": "agency", "flag": "overdue"}, "已逾期"),
])
def test_the_chosen_queue_is_the_marked_tab(client, staff, query, current):
    client.force_login(staff["a_handler"])
    page = client.get(reverse("workbench"), query).content.decode()
    marked = re.findall(r'aria-current="page" href="[^"]*">([^<]+)</a>', page)
    assert marked == [current]
