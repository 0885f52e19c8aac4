"""Entering a year's arrangement from the notice (domain.md 3.1): the CLI, the staff page, the admin
check, the recomputation of open cases and the banner."""

import datetime as dt
import io
import json
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.applications.models import Application, EventKind
from gongkai.holidays import services
from gongkai.holidays.admin import CalendarYearForm
from gongkai.holidays.models import CalendarDay, CalendarLog, CalendarYear

D = dt.date.fromisoformat

# An INVENTED arrangement for 2027 in the notice's wording (the real notice is not published here);
# every weekday printed agrees with the date, every statutory day of the 2024 rule is off.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。

一、元旦：1月1日（周五）至3日（周日）放假，共3天。

二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。

三、清明节：4月3日（周六）至5日（周一）放假，共3天。

四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。

五、端午节：6月9日（周三）放假，共1天。

六、中秋节：9月15日（周三）放假，共1天。

七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。

国务院办公厅
2026年11月10日
"""


def run(*args, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")))
    try:
        call_command("calendar_notice", *args, stdout=out, stderr=err)
    except SystemExit as e:
        code = e.code
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def notice_file(tmp_path):
    def write(text=NOTICE_2027, name="notice.txt", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


@pytest.mark.django_db
def test_json_lists_days_off_and_workdays(notice_file):
    code, out, err = run(notice_file(), "--json")
    data = json.loads(out)
    assert code == 0 and data["problems"] == [] and data["year"] == 2027
    assert "2027-01-03" in data["holidays"]  # weekends the notice names are listed too
    assert data["workdays"] == ["2027-02-20", "2027-04-25", "2027-09-26", "2027-10-09"]
    assert len(data["holidays"]) == 3 + 8 + 3 + 5 + 1 + 1 + 7
    assert not CalendarYear.objects.filter(year=2027).exists()  # nothing stored without --confirm


@pytest.mark.django_db
def test_human_output_names_every_day(notice_file):
    code, out, _ = run(notice_file(encoding="gb18030"))
    assert code == 0 and "年份：2027" in out and "调休上班 2027-02-20（星期六）" in out and "检查通过" in out


@pytest.mark.django_db
@pytest.mark.parametrize("bad, line, words", [
    ("一、元旦：1月1日（周四）至3日（周日）放假，共3天。", 7, "星期五"),          # weekday and date disagree
    ("一、元旦：1月1日（周五）至3日（周日）放假，共4天。", 7, "4"),               # 共N天 disagrees
    ("五、端午节：6月10日（周四）放假，共1天。", 15, "端午节"),                   # a statutory day not off
])
def test_problems_exit_1_and_store_nothing(notice_file, bad, line, words):
    original = {"一": "一、元旦：1月1日（周五）至3日（周日）放假，共3天。", "五": "五、端午节：6月9日（周三）放假，共1天。"}
    text = NOTICE_2027.replace(original[bad[0]], bad)
    code, out, _ = run(notice_file(text), "--json", "--confirm")
    data = json.loads(out)
    assert code == 1 and data["problems"]
    assert any(words in p["message"] for p in data["problems"]), data["problems"]
    assert any(p["line"] in (line, 0) for p in data["problems"])
    assert not CalendarYear.objects.filter(year=2027).exists() and not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_make_up_workday_must_be_a_weekend(notice_file):
    text = NOTICE_2027.replace("2月20日（周六）上班", "2月22日（周一）上班")
    code, out, _ = run(notice_file(text), "--json")
    assert code == 1 and any("不是周六或周日" in p["message"] and p["line"] == 9 for p in json.loads(out)["problems"])


@pytest.mark.django_db
def test_year_that_disagrees_with_the_title(notice_file):
    code, out, _ = run(notice_file(), "--year", "2028", "--json")
    assert code == 1 and any("2028" in p["message"] for p in json.loads(out)["problems"])


@pytest.mark.django_db
def test_unreadable_file_exits_2(tmp_path):
    code, _, err = run(str(tmp_path / "missing.txt"))
    assert code == 2 and "无法读取文件" in err


@pytest.mark.django_db
def test_confirm_stores_marks_complete_and_recomputes(notice_file, received_app, pin_today,
                                                     django_capture_on_commit_callbacks):
    pin_today(D("2027-01-20"))
    app = received_app(D("2027-01-20"))
    app.refresh_from_db()
    assert app.due_on == D("2027-02-23") and app.due_provisional  # the statutory rule
    with django_capture_on_commit_callbacks(execute=True):
        code, out, _ = run(notice_file(), "--confirm")
    assert code == 0 and "已录入并确认2027年节假日安排" in out
    year = CalendarYear.objects.get(year=2027)
    assert year.complete and year.notice_title == "国务院办公厅关于2027年部分节假日安排的通知"
    assert year.notice_date == D("2026-11-10") and "2027年部分节假日安排" in year.source
    assert CalendarDay.objects.get(date=D("2027-02-20")).kind == CalendarDay.WORKDAY
    app = Application.objects.get(pk=app.pk)
    # 02-05..02-12 off, Saturday 02-20 worked: the 20th working day after 01-20 is 02-24.
    assert app.due_on == D("2027-02-24") and not app.due_provisional
    event = app.events.get(kind=EventKind.DUE_RECOMPUTED)
    assert event.note == "期限已按2027年节假日安排重算" and event.data == {"old": "2027-02-23", "new": "2027-02-24"}
    assert list(CalendarLog.objects.values_list("year", "action")) == [(2027, "entered")]


@pytest.mark.django_db
def test_confirmed_year_is_replaced_only_with_replace(notice_file):
    assert run(notice_file(), "--confirm")[0] == 0
    code, out, _ = run(notice_file(), "--confirm")
    assert code == 1 and "已确认" in out
    code, out, _ = run(notice_file(), "--confirm", "--replace")
    assert code == 0
    assert sorted(CalendarLog.objects.values_list("action", flat=True)) == ["entered", "replaced"]
    # The log is append-only.
    with pytest.raises(Exception, match="只能追加"):
        CalendarLog.objects.first().delete()


@pytest.mark.django_db
def test_replacing_a_built_in_year_from_its_real_notice_changes_nothing():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "law/tests/data/holiday_notices/2026.txt").read_text("utf-8")
    before = services.current_calendar()
    due = before.wd_after(D("2026-09-10"), 20)
    row, _ = services.confirm_notice(text, replace=True, actor_name="test")
    assert row.complete and services.current_calendar().wd_after(D("2026-09-10"), 20) == due
    with pytest.raises(services.NoticeRejected):
        services.confirm_notice(text)  # 2026 is built in and confirmed: replace is needed


# -- the staff page --------------------------------------------------------------------------


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456")


@pytest.mark.django_db
def test_only_platform_administrators(client, staff):
    client.force_login(staff["a_handler"])
    assert client.get(reverse("calendar-years")).status_code == 403


@pytest.mark.django_db
def test_paste_preview_then_confirm(client, root):
    client.force_login(root)
    page = client.get(reverse("calendar-years"))
    assert page.status_code == 200 and "2027年" in page.content.decode()
    preview = client.post(reverse("calendar-years"), {"text": NOTICE_2027, "preview": "1"})
    body = preview.content.decode()
    assert "检查通过" in body and "2027年2月" in body and "确认录入2027年节假日安排" in body
    assert 'class="day off statutory"' in body and 'class="day work"' in body
    assert not CalendarYear.objects.filter(year=2027).exists()
    done = client.post(reverse("calendar-years"), {"text": NOTICE_2027, "confirm": "1"}, follow=True)
    assert "已录入并确认2027年节假日安排" in done.content.decode()
    assert CalendarYear.objects.get(year=2027).confirmed_by == root


@pytest.mark.django_db
def test_problems_are_shown_with_their_line_and_nothing_stored(client, root):
    client.force_login(root)
    text = NOTICE_2027.replace("1月1日（周五）", "1月1日（周四）")
    body = client.post(reverse("calendar-years"), {"text": text, "confirm": "1"}).content.decode()
    assert "未录入" in body and "第7行" in body and "确认录入2027" not in body
    assert not CalendarYear.objects.filter(year=2027).exists()


# -- the admin check -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_cannot_mark_a_year_complete_with_one_day():
    CalendarDay.objects.create(date=D("2027-01-01"), kind=CalendarDay.HOLIDAY, note="元旦")
    form = CalendarYearForm(data={"year": 2027, "complete": True, "source": "x"})
    assert not form.is_valid()
    text = " ".join(form.non_field_errors())
    assert "只录入了1天" in text and "春节法定假日2月5日" in text
    assert CalendarYearForm(data={"year": 2027, "complete": False, "source": "x"}).is_valid()


# -- the banner ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_banner_counts_provisional_cases_from_november(client, staff, received_app, pin_today, root):
    pin_today(D("2026-12-07"))
    received_app(D("2026-12-07"))  # due 2027-01-05, provisional
    received_app(D("2026-11-02"))  # due 2026-11-30, final
    for user in (staff["a_handler"], staff["supervisor"], root):
        client.force_login(user)
        body = client.get(reverse("workbench")).content.decode()
        assert "2027年节假日安排尚未录入确认" in body and "<strong>1</strong> 件" in body, user
    client.force_login(staff["b_handler"])  # another organ: no provisional case of its own
    assert "期限跨入该年的申请将显示为暂定" in client.get(reverse("workbench")).content.decode()
    client.force_login(root)
    assert "2027年节假日安排尚未录入确认" in client.get("/admin/").content.decode()
    pin_today(D("2026-10-15"))
    client.force_login(staff["a_handler"])
    assert "节假日安排尚未录入确认" not in client.get(reverse("workbench")).content.decode()
