"""Yearly statistics: the staff page (scoped to the organs the user may read) and the public summary;
the public entrances (互动交流 on the home page and in the organ's column tree)."""

import datetime as dt

from django.urls import reverse

from gongkai.mailbox import conversion, services
from gongkai.mailbox.models import Mailbox


def _year_of_work(staff, message, pin_today):
    pin_today(dt.date(2025, 3, 3))
    on_time = message(subject="按期答复的来信")
    late = message(subject="逾期答复的来信", consent_publish="no", category="complaint")
    converted = message(subject="转依申请公开的来信", category="other")
    open_late = message(subject="逾期未答复的来信", category="help")
    pin_today(dt.date(2025, 3, 10))
    msg = services.draft_reply(on_time, staff["a_handler"], "答复")
    msg = services.approve(msg, staff["a_reviewer"])
    services.publish(msg, staff["a_handler"])
    conversion.convert(converted, staff["a_handler"])
    services.accept(open_late, staff["a_handler"])
    pin_today(dt.date(2025, 4, 1))  # after the due date 2025-03-24
    services.approve(services.draft_reply(late, staff["a_handler"], "答复"), staff["a_reviewer"])
    pin_today(dt.date(2025, 4, 2))


def test_staff_statistics(client, staff, message, pin_today):
    _year_of_work(staff, message, pin_today)
    client.force_login(staff["a_handler"])
    page = client.get(reverse("mailbox_staff:stats"), {"year": "2025"}).content.decode()
    assert "测试市甲局" in page
    row = page.split('<th scope="row">测试市甲局</th>')[1].split("</tr>")[0]
    # 收到 4; 咨询 1, 建议 0, 投诉 1, 求助 1, 其他 1; 已答复 3; 按期 2/3; 逾期未答复 1; 公开 1; 转 1; 由申请 0
    cells = [c.split("</td>")[0] for c in row.split("<td>")[1:]]
    assert cells == ["4", "1", "0", "1", "1", "1", "3", "66.7%", "1", "1", "1", "0"]
    client.force_login(staff["b_handler"])
    other = client.get(reverse("mailbox_staff:stats"), {"year": "2025"}).content.decode()
    assert "测试市甲局" not in other  # another organ's figures are not shown


def test_public_summary(client, staff, message, pin_today):
    _year_of_work(staff, message, pin_today)
    page = client.get(reverse("mailbox:summary", args=["deptA"]), {"year": "2025"}).content.decode()
    assert "2025年度来信办理情况" in page and "66.7%" in page
    assert "<th scope=\"row\">收到来信</th><td>4件</td>" in page


def test_summary_shows_no_message(client, staff, message, pin_today):
    _year_of_work(staff, message, pin_today)
    page = client.get(reverse("mailbox:summary", args=["deptA"]), {"year": "2025"}).content.decode()
    for text in ("按期答复的来信", "张三丰", "13812341234"):
        assert text not in page


def test_public_entrances(client, mailbox):
    home = client.get(reverse("portal-home")).content.decode()
    assert "互动交流" in home and reverse("mailbox:index") in home
    index = client.get(reverse("mailbox:index")).content.decode()
    assert "测试市甲局" in index and reverse("mailbox:organ", args=["deptA"]) in index
    column = client.get(reverse("column", args=["deptA"])).content.decode()
    assert "互动交流" in column and reverse("mailbox:organ", args=["deptA"]) in column
    assert reverse("mailbox:organ", args=["deptB"]) not in client.get(reverse("column", args=["deptB"])).content.decode()


def test_new_mailbox_appears_in_the_cached_tree(client, tree):
    assert "互动交流" not in client.get(reverse("column", args=["deptB"])).content.decode()
    Mailbox.objects.create(agency=tree["b"], name="局长信箱")
    assert "互动交流" in client.get(reverse("column", args=["deptB"])).content.decode()
