"""python manage.py deadline: JSON in, JSON out; exit 2 for a year without data, 1 for bad input."""

import io
import json
import sys

import pytest
from django.core.management import call_command


def run(stdin_text, *args):
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin_text)
    code = 0
    try:
        call_command("deadline", *args, stdout=out, stderr=err)
    except SystemExit as e:
        code = e.code
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_issue_example():
    code, out, _ = run(json.dumps({"received": "2025-05-20", "events": [
        {"type": "consultation_sent", "date": "2025-05-28"},
        {"type": "consultation_answered", "date": "2025-06-11"}]}))
    data = json.loads(out)
    assert code == 0
    assert data["due"] == "2025-07-01" and data["state"] == "running"
    assert data["correction_notice_due"] == "2025-05-29"
    assert isinstance(data["explanation"], list) and data["explanation"]


@pytest.mark.django_db
def test_array_in_array_out_and_null_due_while_paused():
    code, out, _ = run(json.dumps([
        {"received": "2024-09-30", "events": []},
        {"received": "2025-09-01", "events": [{"type": "consultation_sent", "date": "2025-09-10"}]},
        {"received": "2025-03-03", "events": [{"type": "correction_requested", "date": "2025-03-05",
                                               "period_days": 15}]},
        {"received": "2024-09-30", "events": [{"type": "extension", "date": "2024-10-28", "days": 20}]},
    ]))
    data = json.loads(out)
    assert code == 0
    assert [d["due"] for d in data] == ["2024-11-01", None, None, "2024-11-29"]
    assert [d["state"] for d in data] == ["running", "paused", "awaiting_correction", "running"]


@pytest.mark.django_db
def test_add_workdays():
    code, out, _ = run("", "--add-workdays", "2024-09-30", "20")
    assert code == 0 and out.strip() == "2024-11-01"


@pytest.mark.django_db
@pytest.mark.parametrize("args, stdin", [
    (("--add-workdays", "2026-12-20", "20"), ""),
    ((), json.dumps({"received": "2026-12-10", "events": []})),
    ((), json.dumps({"received": "2018-06-01", "events": []})),
])
def test_unconfirmed_year_exits_2_only_when_strict(args, stdin):
    code, _, err = run(stdin, *args, "--strict")
    assert code == 2 and "节假日安排尚未录入" in err and ("2027年" in err or "2018年" in err)


@pytest.mark.django_db
def test_unconfirmed_year_gives_a_provisional_date():
    """Revised 3.1: 2027 is counted on the statutory rule (元旦 1 January) and says so."""
    code, out, err = run("", "--add-workdays", "2026-12-20", "20")
    assert code == 0 and out.strip() == "2027-01-18"
    assert "按法定节假日推算" in err and "2027年" in err
    code, out, err = run(json.dumps({"received": "2026-12-10", "events": []}))
    data = json.loads(out)
    assert code == 0 and data["due"] == "2027-01-08"
    assert data["provisional"] is True and data["provisional_years"] == [2027]
    assert any("暂定" in line for line in data["explanation"])


@pytest.mark.django_db
def test_confirmed_result_says_not_provisional():
    code, out, err = run(json.dumps({"received": "2025-03-03", "events": []}))
    data = json.loads(out)
    assert code == 0 and data["provisional"] is False and data["provisional_years"] == []
    code, out, err = run("", "--add-workdays", "2024-09-30", "20")
    assert out.strip() == "2024-11-01" and err == ""


@pytest.mark.django_db
@pytest.mark.parametrize("stdin", [
    "not json",
    json.dumps({"events": []}),
    json.dumps({"received": "2025-13-01", "events": []}),
    json.dumps({"received": "2025-05-20", "events": [{"type": "bogus", "date": "2025-05-21"}]}),
    json.dumps({"received": "2025-05-20", "events": [{"type": "extension", "date": "2025-05-21", "days": "x"}]}),
    json.dumps({"received": "2024-09-30", "events": [{"type": "extension", "date": "2024-11-04", "days": 20}]}),
    json.dumps([1, 2]),
])
def test_malformed_exit_1(stdin):
    code, out, err = run(stdin)
    assert code == 1 and err.strip() and "Traceback" not in err


@pytest.mark.django_db
def test_admin_override_changes_cli_result():
    import datetime as dt

    from gongkai.holidays.models import CalendarDay

    CalendarDay.objects.create(date=dt.date(2024, 10, 31), kind=CalendarDay.HOLIDAY, note="测试")
    code, out, _ = run("", "--add-workdays", "2024-09-30", "20")
    assert out.strip() == "2024-11-04"


@pytest.mark.django_db
def test_new_year_entered_by_admin():
    import datetime as dt

    from gongkai.holidays.models import CalendarDay, CalendarYear

    code, _, _ = run("", "--add-workdays", "2026-12-20", "20", "--strict")
    assert code == 2
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知", complete=True)
    CalendarDay.objects.create(date=dt.date(2027, 1, 1), kind=CalendarDay.HOLIDAY, note="元旦")
    code, out, err = run("", "--add-workdays", "2026-12-20", "20", "--strict")
    assert code == 0 and out.strip() == "2027-01-18" and err == ""
